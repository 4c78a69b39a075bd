#pragma once
// The portal's widget vocabulary (LOOK.md: Shoreline's components drawn with Dear ImGui): buttons of
// four kinds, segmented choices, choice cards, fields with label, hint and error, tags, alerts, cards,
// the page header, skeletons, a spinner, empty states, a toast, avatars and tabs. Every size and colour
// comes from the theme (theme.hpp); every control registers its role and label with the item collector,
// so the browser's mirror and the headless tests see it as a person would.
//
// Sizes in arguments are CSS pixels of the table (the functions pass them through ui::px). Widths of 0
// mean "as the content needs"; -1 means "the available width".
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "app/ui/items.hpp"
#include "app/ui/theme.hpp"

namespace ui {

// The semantic tones of tags, alerts and avatars (LOOK.md's colour roles).
enum class Tone { neutral, info, success, warning, critical, accent };

// Icons drawn with shapes (no icon font): alerts, empty states, menus, chips.
enum class Icon { info, success, warning, critical, inbox, search, document, chevron_down, chevron_left, close, check,
                  plus, menu };
// Draws `icon` in a square of `size_px` with its top-left at `pos` (screen coordinates), in `colour`.
// Decorative: it registers nothing (the control that shows it names it).
void draw_icon(Icon icon, float x, float y, float size_px, Colour colour);

// --- Buttons --------------------------------------------------------------------------------------

// primary: filled accent, one per view (Submit, Sign in). secondary: soft accent (most actions).
// tertiary: text only, for minor actions beside others (Cancel, Remove). critical: filled red, for
// destructive actions.
enum class ButtonKind { primary, secondary, tertiary, critical };

struct ButtonOptions {
    float width_px = 0;       // 0: the label's width plus padding; -1: the available width
    bool disabled = false;    // drawn in the disabled colours, never returns true, exposed as disabled
    std::optional<Icon> icon;  // an icon before the label (after it with icon_after: a menu's chevron)
    bool icon_after = false;
    const char* lang = "";    // the label's language when it is not the page's
};
// A button of the control height; true when activated. The label may carry "##id".
bool button(const char* label, ButtonKind kind = ButtonKind::secondary, const ButtonOptions& options = {});
// The width button() takes for `label` (for right-aligning actions before drawing them).
float button_width(const char* label, const ButtonOptions& options = {});
// A square button showing only `icon`; `label` is its accessible name (and may carry "##id").
bool icon_button(const char* label, Icon icon, ButtonKind kind = ButtonKind::tertiary);

// --- Choices --------------------------------------------------------------------------------------

struct SegmentedOptions {
    float width_px = 0;  // 0: each segment as wide as its label; -1: fill the available width evenly
};
// A segmented control for a few short choices, side by side in one rounded box; each segment is a radio
// of `group` (its accessible name). Returns the index chosen this frame (a different one), else -1.
// `selected` may be -1 (nothing chosen yet).
int segmented(const char* group, std::span<const std::string> labels, int selected, const SegmentedOptions& options = {});

// A card-sized choice with a title and a one-line explanation (the issue kind): a radio of `group`
// named by its title. `width_px`: 0 = the available width. True when chosen this frame.
bool choice_card(std::string_view title, std::string_view explanation, const char* group, bool selected,
                 float width_px = 0);

// A tab of the top bar's navigation (role tab, selected = checked): the selected one is underlined in
// the accent; `tablist` names the row of tabs for screen readers. True when activated.
bool tab(const char* label, bool selected, const std::string& tablist = {});

// --- Fields ---------------------------------------------------------------------------------------

struct FieldOptions {
    const char* input_type = "text";    // "text", "email", "password", "search", "tel"
    const char* autocomplete = "off";   // the autocomplete token for password managers
    float width_px = -1;                // -1: the available width
    int lines = 0;                      // 0: one line; n > 0: a multi-line field showing n lines at first
    int max_lines = 12;                 // a multi-line field grows with its text up to this many, then scrolls
    std::string_view hint;              // under the field, in caption type
    std::string_view error;             // when not empty: critical border, this message under the field
};
// A field: the label above (emphasis type), the control, then the error (critical, announced as a
// status) or else the hint (caption). The page's mirrored input is the editor, as in text_field. Returns
// the new text when it changed this frame.
std::optional<std::string> field(const char* label, const std::string& value, const FieldOptions& options = {});

// --- Status -------------------------------------------------------------------------------------

// A small chip (status, priority, "Support"): the tone's text on its soft background, radius 4, caption
// type. Stays on the line: SameLine before and after as needed. Registered as text.
void tag(std::string_view text, Tone tone = Tone::neutral);
// The width tag() takes for `text`.
float tag_width(std::string_view text);
// A chip of the control height holding `text` and, at its end, a remove button named `remove_label`
// (its accessible name: "Remove … from the copies"); true when that button is activated. Flows with
// the chips before it: on the same line while it fits, else on the next.
bool removable_chip(std::string_view text, const char* remove_label, bool first);

// A notice the width of the column: icon, bold title, text; tone's soft background and border.
// Announced as a status. `title` may be empty.
void alert(Tone tone, std::string_view title, std::string_view text);

// A toast for a passing confirmation ("Reply sent"): drawn at the bottom centre of the display over
// everything, announced as a status. The app decides when it shows: call it in the frame with the
// words while its state keeps them.
void toast(std::string_view text);

// --- Structure ------------------------------------------------------------------------------------

struct CardOptions {
    float width_px = -1;    // -1: the available width
    float padding_px = 20;
    Colour background = 0;  // 0: the theme's surface
    Colour border = 0;      // 0: the theme's border
    float radius_px = 0;    // 0: the theme's medium radius (8)
};
// A surface with a border, radius and padding around what is drawn until end_card(), as wide as the
// given width. Cards nest, and a card is one item: SameLine() after end_card() puts the next one beside
// it. Inside, the available width is the card's inner width. `id` scopes the ids of what it holds.
void begin_card(const char* id, const CardOptions& options = {});
void end_card();

// The page's title (display-1, a level-1 heading) with an optional subtitle (text_soft). Actions, when
// the page has any, are drawn between begin_page_header and end_page_header: at the right of the title
// when `actions_width_px` fits beside it, under the title otherwise (measure with button_width).
void begin_page_header(std::string_view title, std::string_view subtitle = {}, float actions_width_px = 0);
void end_page_header();
inline void page_header(std::string_view title, std::string_view subtitle = {}) {
    begin_page_header(title, subtitle);
    end_page_header();
}

// Text in a style of the type scale, wrapped at the available width. `role`: heading styles register
// as headings of the level given.
void styled_text(std::string_view text, Type style, Colour colour = 0, Role role = Role::text, int level = 0);

// --- Loading and empty ------------------------------------------------------------------------------

// A rounded grey bar of body line height standing for a line of text still loading; `width_px` -1 for
// the available width.
void skeleton_line(float width_px = -1);
// A turning ring of `size_px`, with `label` announced as a status ("Loading tickets").
void spinner(std::string_view label, float size_px = 20);
// An empty state: an icon, one sentence (announced as a status: it is what the list or search came
// to), and at most one action (a secondary button) when `action_label` is given; true when activated.
bool empty_state(Icon icon, std::string_view text, const char* action_label = nullptr);

// --- People ---------------------------------------------------------------------------------------

// A round avatar of `size_px` with the initials (one or two letters) in the tone's text on its soft
// background. Decorative: the message's author is named in text beside it.
void avatar(std::string_view initials, Tone tone = Tone::accent, float size_px = 28);

// The tone's text and soft background colours (what tag and avatar draw with).
Colour tone_text(Tone tone);
Colour tone_background(Tone tone);
Colour tone_border(Tone tone);

}  // namespace ui
