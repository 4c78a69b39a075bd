#pragma once
// Thin helpers over Dear ImGui widgets that also tell the item collector what the hooks cannot see:
// roles (link, heading, toggle), values, input types. Their look comes from the theme (theme.hpp); the
// look's larger vocabulary (buttons of four kinds, fields, tags, cards, ...) is in controls.hpp.
#include <cfloat>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/ui/controls.hpp"
#include "app/ui/items.hpp"
#include "imgui.h"

namespace ui {

// The root em (16 CSS pixels, in the current frame's pixels): screens size their columns in it.
float em();

// A button that stays pressed while `pressed` (exposed as aria-pressed).
// `lang`: the label's language when it is not the page's ("Español" on an English page).
bool toggle_button(const char* label, bool pressed, const char* lang = "");
// One choice of a group (exposed as a radio button named by `group`); returns true when chosen.
bool radio(const char* label, const char* group, bool selected);
// Text that opens `url` in a new tab; returns true when activated.
bool link(std::string_view label, std::string_view url);
// A heading in the display styles: level 1 display-1, level 2 display-2, deeper display-3; it wraps at
// the available width (a phone's column, Portuguese and Spanish titles) unless a measure is set.
void heading(std::string_view text, int level = 1);
// Running text in the body style, wrapped at the available width.
void text(std::string_view text, Role role = Role::text);
// Secondary text (text_soft), wrapped.
void muted_text(std::string_view text);
// One line in the muted colour, cut at the window's edge instead of wrapped: rows of a clipped list
// must all have the height of one line.
void muted_line(std::string_view text);

// Words drawn frame after frame unchanged (a list row's): measured and laid out in glyphs once, not at
// every frame, and again only when the font or its size changes (zoom, the screen's density).
class MeasuredText {
public:
    MeasuredText() = default;
    explicit MeasuredText(std::string words);
    const std::string& text() const { return words; }
    // What ImDrawList::AddText(pos, colour, text) draws with the current font, copied from the glyphs
    // laid out before; cut at `clip_right` (screen x) when given, on the CPU, as AddText's fine clip
    // rectangle cuts: a row's column needs no clip rectangle of its own (each is a draw call more).
    void draw(ImDrawList& list, ImVec2 pos, ImU32 colour, float clip_right = FLT_MAX);

private:
    friend bool link(MeasuredText& label, std::string_view url);
    friend void muted_line(MeasuredText& text);
    void measure();  // for the current font
    void build_glyphs();
    std::string words;
    unsigned hash = 0;  // of the words: the collector's item id, without hashing them each frame
    const void* font = nullptr;
    unsigned fonts = 0;  // ui::font_generation() when measured
    float font_size = 0, font_px = 0, width = 0, height = 0;
    std::vector<ImDrawVert> glyphs;  // laid out at the origin, for the font measured with
    bool glyphs_built = false;
    std::vector<ImDrawVert> placed;  // the glyphs as last drawn: at placed_at, in placed_colour
    ImVec2 placed_at;
    unsigned placed_colour = 0;
    float placed_clip = FLT_MAX;
    std::vector<ImDrawIdx> indices;  // as last drawn: for vertices numbered from indexed_from
    unsigned indexed_from = 0;
};
bool link(MeasuredText& label, std::string_view url);
void muted_line(MeasuredText& text);
// Semibold text in a colour, e.g. the priority a ticket will get.
void strong_text(std::string_view text, Role role, unsigned colour);

struct TextFieldOptions {
    const char* input_type = "text";
    const char* autocomplete = "off";
    float width_em = 24;
    float height_em = 0;  // > 0: several lines (a textarea), growing with its text
    float max_height_em = 20;  // a textarea grows up to this, then scrolls
};
// A labelled text field (field() with the width and height in em); returns the new text when it changed
// this frame. ui::field_submitted() (text_area.hpp) then says whether Enter (Ctrl/Cmd+Enter in a
// textarea) submitted it.
std::optional<std::string> text_field(const char* label, const std::string& value, const TextFieldOptions& options = {});

// A button that opens the browser's file chooser (the mirror's file input takes the press); the chosen
// files come back with `target`, which names the chooser to the app (app::files_target).
void file_button(const char* label, std::string_view target);
// A field's problem, under it (critical, announced as a status).
void field_error(std::string_view text);

}  // namespace ui
