#pragma once
// The portal's one theme: type scale, colours (light and dark), spacing, radii, focus ring and control
// sizes, read from the admin's design system (Shoreline, theme "Sunrise"; ../shared/LOOK.md). Every
// widget and screen reads its look from here; no colour or size literal lives in a screen.
//
// Sizes are in CSS pixels at a 16 px root (1 rem); they reach Dear ImGui through `ui::px()`.

namespace ui {

// One colour as 0xAABBGGRR (Dear ImGui's packed ImU32 order).
using Colour = unsigned;

// Text styles of the type scale (size / line height, weight).
enum class Type {
    caption,    // 12/16, 400: hints, timestamps, table headers
    body,       // 14/20, 400: running text, field values
    emphasis,   // 14/20, 500: field labels, table cells that lead a row
    action,     // 14/20, 600: buttons, tabs
    display3,   // 16/24, 600: card titles
    display2,   // 20/28, 600: section titles
    display1,   // 24/32, 600: the page's title
};
inline constexpr int type_count = 7;

struct TypeStyle {
    float size_px, line_px;
    int weight;  // 400, 500 or 600
    float tracking_px;  // letter spacing
};

// The colour roles. "soft" backgrounds carry text in the matching foreground (a tone's own colour, or
// `on_accent_soft`); the filled accent and critical backgrounds carry `on_accent` and `on_critical`.
struct Colours {
    Colour text, text_soft, text_disabled;
    Colour page, surface, surface_soft, surface_hover;  // page behind cards, cards, soft fills
    Colour border, border_strong;
    Colour accent, accent_hover, accent_pressed, on_accent;  // primary buttons, links, selected tab
    Colour accent_soft, accent_soft_hover, on_accent_soft;   // secondary buttons, selected choices
    Colour critical, critical_strong, critical_strong_hover, on_critical, critical_soft, critical_border;
    Colour warning, warning_soft, warning_border;
    Colour success, success_soft, success_border;
    Colour info, info_soft, info_border;
    Colour focus_inner, focus_ring, focus_ring_critical;
    Colour shadow;
    Colour skeleton;
    Colour mine_bubble, theirs_bubble;  // a thread's messages: the merchant's and support's
};

struct Radii {
    float small_px = 4, medium_px = 8, large_px = 12;  // fields/buttons/tags, cards, panels/bubbles
};

struct Controls {
    float height_px = 36;        // buttons, fields and segments on a pointer device
    float touch_height_px = 44;  // the same on a touch screen (WCAG 2.5.5 target size)
    float min_target_px = 24;    // never smaller (WCAG 2.5.8)
    float padding_x_px = 12;
    float border_px = 1;
    float focus_inner_px = 1, focus_ring_px = 2;  // a 1 px gap in focus_inner, then the ring, outside
};

struct Layout {
    float column_max_px = 1040;  // the centred content column
    float narrow_below_em = 48;  // under this canvas width (in em of the root): one column, phone layout
    float wide_from_em = 64;     // from this width: the side panel beside the form, a table for lists
    float top_bar_px = 56;
    float side_panel_px = 300;
};

struct Theme {
    bool dark = false;
    TypeStyle type[type_count];
    Colours colour;
    Radii radius;
    Controls control;
    Layout layout;
    // The spacing scale, in steps of 4 px: 2, 4, 8, 12, 16, 20, 24, 28, 32, 40, 48, 64. `gap` is the
    // default between items.
    float space_px[12];
    float gap_px = 16;
};

// The light and dark themes (both constant: the table, not a mutable style).
const Theme& light_theme();
const Theme& dark_theme();

// The theme in use, light unless the page asked for dark (prefers-color-scheme or the host page).
const Theme& theme();
void use_theme(bool dark);

// Whether the primary pointer is coarse (a finger: the browser's `(pointer: coarse)`): controls then
// grow to the touch height. False until the page says otherwise (and in the headless tests).
bool touch();
void use_touch(bool coarse);
// The height of a button, field or segment now (the pointer or the touch height), in frame pixels.
float control_height();

// The factor from CSS pixels to the current frame's pixels (1 while Dear ImGui works in CSS pixels).
void use_scale(float factor);

// The scale's step `i` (0 → 2 px ... 11 → 64 px), in pixels of the current frame (em-scaled).
float space(int i);
// A size of the table (CSS pixels) in the current frame's coordinates: every size goes through it
// before it reaches Dear ImGui, so one factor scales the whole look.
float px(float css_px);
// A style's pixel size, in the current frame's pixels.
float type_size(Type style);

// A style's line height, in the current frame's pixels.
float line_height(Type style);

// `colour` with its alpha multiplied by `alpha` (0 to 1): shadows, disabled fills.
Colour with_alpha(Colour colour, float alpha);

// WCAG 2.2 relative luminance and contrast ratio of two opaque colours (1 to 21).
double relative_luminance(Colour colour);
double contrast_ratio(Colour a, Colour b);

}  // namespace ui
