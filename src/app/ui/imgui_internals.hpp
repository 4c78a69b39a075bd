#pragma once
// Every use the portal makes of Dear ImGui's internals (imgui_internal.h, and ImDrawList's members
// marked internal) is behind one of these functions, so that an upgrade of Dear ImGui has one file pair
// to check. Nothing else includes imgui_internal.h.
#include <optional>
#include <string_view>

#include "imgui.h"

namespace ui {
class ItemCollector;
}

namespace ui::internals {

// Item hooks: Dear ImGui (built with IMGUI_ENABLE_TEST_ENGINE) reports every item of `ctx` to `collector`.
void attach_item_hooks(ImGuiContext* ctx, ItemCollector* collector);
// The collector attached to the current context, or null.
ItemCollector* attached_collector();

// The item being pressed or edited, 0 for none.
ImGuiID active_id();
// Activates item `id` as a click or Enter would, when the next frame draws it.
void activate_item(ImGuiID id);
// Whether input waits in Dear ImGui's queue (it applies some of it one change per frame).
bool input_queued();
// The height window `name`'s content wants, its padding included; none when there is no such window.
std::optional<float> content_height(const char* window_name);

// The scroll of the current window's root window: items' positions in the page's content count from it.
ImVec2 root_window_scroll();
// The current window's text wrap position; negative when no one pushed one.
float text_wrap_pos();
// Lays out a line of text of `size` as TextUnformatted does, as an item without id. `pos` is where its
// text goes; false when the line is clipped (nothing to draw).
bool add_text_line(ImVec2 size, ImVec2& pos);
// An id for number `n` in the current id scope (Dear ImGui's public GetID takes strings and pointers).
ImGuiID id_of_number(int n);

// The right edge of the current window's content region (screen x): what the available width, item
// widths and text wrapping count to. A card narrows it to its inner edge and restores it after.
struct ContentRight {
    float work = 0, content = 0;
};
ContentRight narrow_content_right(float right);
void restore_content_right(ContentRight previous);

// Dear ImGui's string hash.
ImGuiID hash_text(std::string_view text);
// Decodes one UTF-8 character at `text` into `c`; returns the bytes read.
int decode_utf8(unsigned int& c, const char* text, const char* end);

// The index the next vertex written to `list` gets (after PrimReserve).
unsigned int next_vertex_index(const ImDrawList& list);
// Copies ready vertices and indices into the space PrimReserve made in `list`.
void write_reserved(ImDrawList& list, const ImDrawVert* vertices, int vertex_count, const ImDrawIdx* indices,
                    int index_count);

}  // namespace ui::internals

namespace ui::internals {

// The text area (text_area.cpp) draws Dear ImGui's multi-line editor itself, wrapped at words.
// The editor's caret and selection in characters (not bytes), and its blink timer; none when `id` is
// not being edited.
struct TextEditing {
    int cursor = 0, select_start = 0, select_end = 0;
    float blink = 0;  // seconds since the caret last moved; negative just after
};
std::optional<TextEditing> text_editing(ImGuiID id);
// Moves the caret of field `id`, being edited, to character `at` (a click placed it on the wrapped text).
void set_text_cursor(ImGuiID id, int at);
// Lets go of item `id` if it is the active one, as Enter does in Dear ImGui's editor.
void deactivate_item(ImGuiID id);
// The wheel scrolls item `id` this frame and the next, not the window around it.
void claim_mouse_wheel(ImGuiID id);
// The width text starting at `screen_pos` wraps at in the current window: the pushed wrap position, or
// the window's edge when none was pushed.
float wrap_width_at(ImVec2 screen_pos);

}  // namespace ui::internals
