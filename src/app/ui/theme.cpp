#include "app/ui/theme.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>

namespace ui {

namespace {

// A colour written as on the web (0xRRGGBB), opaque unless `alpha` says otherwise.
constexpr Colour rgb(unsigned hex, unsigned alpha = 255) {
    return (alpha << 24) | ((hex & 0xFF) << 16) | (hex & 0xFF00) | ((hex >> 16) & 0xFF);
}

// Shoreline's type scale: sizes and line heights in px, weights, and its slightly negative tracking.
constexpr TypeStyle type_scale[type_count] = {
    {12, 16, 400, 0},        // caption
    {14, 20, 400, -0.14f},   // body
    {14, 20, 500, -0.14f},   // emphasis
    {14, 20, 600, -0.14f},   // action
    {16, 24, 600, -0.32f},   // display3
    {20, 28, 600, -0.48f},   // display2
    {24, 32, 600, -0.64f},   // display1
};

Theme make(bool dark, const Colours& colours) {
    Theme t;
    t.dark = dark;
    std::copy(std::begin(type_scale), std::end(type_scale), t.type);
    t.colour = colours;
    const float steps[12] = {2, 4, 8, 12, 16, 20, 24, 28, 32, 40, 48, 64};
    std::copy(std::begin(steps), std::end(steps), t.space_px);
    return t;
}

// Light: Shoreline "Sunrise" (LOOK.md). Where a pair of its published values falls short of WCAG 2.2
// for small text or for a control's boundary, the value here is darker, and the line says so;
// tests/app/theme_test.cpp checks every pair drawn.
const Theme light = make(false, Colours{
    .text = rgb(0x1f1f1f),
    .text_soft = rgb(0x666666),      // darkened from #707070: short of 4.5:1 on the hover fill, a hair over on soft
    .text_disabled = rgb(0x999999),  // disabled controls are exempt from contrast (WCAG 1.4.3)
    .page = rgb(0xf5f5f5),
    .surface = rgb(0xffffff),
    .surface_soft = rgb(0xf5f5f5),
    .surface_hover = rgb(0xebebeb),
    .border = rgb(0xe0e0e0),          // decorative: separates cards from the page, not a control's edge
    .border_strong = rgb(0x8a8a8a),   // darkened from #c2c2c2: a field's edge needs 3:1 (WCAG 1.4.11)
    .accent = rgb(0x0366dd),
    .accent_hover = rgb(0x0155b7),
    .accent_pressed = rgb(0x014592),
    .on_accent = rgb(0xffffff),
    .accent_soft = rgb(0xe1f3ff),
    .accent_soft_hover = rgb(0xcbe9ff),
    .on_accent_soft = rgb(0x0155b7),  // accent hover rather than #0366dd: 4.5:1 also on the hover fill
    .critical = rgb(0xd31a15),        // darkened from #ec3727 (short of 4.5:1 on white) to the strong red
    .critical_strong = rgb(0xd31a15),
    .critical_strong_hover = rgb(0xb40202),
    .on_critical = rgb(0xffffff),
    .critical_soft = rgb(0xfdf6f5),
    .critical_border = rgb(0xff7f68),
    .warning = rgb(0x715401),         // darkened from #9c7901 (short of 4.5:1 on its soft background)
    .warning_soft = rgb(0xfbf7d4),
    .warning_border = rgb(0xfaec6d),
    .success = rgb(0x016810),         // darkened from #019213 (short of 4.5:1 on its soft background)
    .success_soft = rgb(0xe9fce3),
    .success_border = rgb(0xaff79e),
    .info = rgb(0x0155b7),            // darkened from #157bf4 (short of 4.5:1 on its soft background)
    .info_soft = rgb(0xf1f8fd),
    .info_border = rgb(0xcbe9ff),
    .focus_inner = rgb(0xffffff),
    .focus_ring = rgb(0x2a7de1),           // darkened from #79bcfb: a focus indicator needs 3:1 too
    .focus_ring_critical = rgb(0xe0301f),  // darkened from #ff9e8b, likewise
    .shadow = rgb(0x000000, 41),           // rgba(0, 0, 0, 0.16)
    .skeleton = rgb(0xebebeb),
    .mine_bubble = rgb(0xe1f3ff),
    .theirs_bubble = rgb(0xffffff),
});

// Dark: derived from the light roles (Shoreline publishes no dark theme): dark neutral surfaces a step
// lighter than the page, light text, the accent lightened so that it reads as text and as a fill (which
// then carries dark text), tones as light text on deep soft backgrounds.
const Theme dark = make(true, Colours{
    .text = rgb(0xececec),
    .text_soft = rgb(0xa8adb5),
    .text_disabled = rgb(0x6b7078),
    .page = rgb(0x121417),
    .surface = rgb(0x1c1f24),
    .surface_soft = rgb(0x24282e),
    .surface_hover = rgb(0x2c3138),
    .border = rgb(0x33383f),
    .border_strong = rgb(0x80868e),
    .accent = rgb(0x6fb0ff),
    .accent_hover = rgb(0x8fc2ff),
    .accent_pressed = rgb(0xa9d0ff),
    .on_accent = rgb(0x0a1a33),
    .accent_soft = rgb(0x15304f),
    .accent_soft_hover = rgb(0x1b3d63),
    .on_accent_soft = rgb(0xa9d0ff),
    .critical = rgb(0xff8a7a),
    .critical_strong = rgb(0xc8302a),
    .critical_strong_hover = rgb(0xa8231c),
    .on_critical = rgb(0xffffff),
    .critical_soft = rgb(0x3a1c1a),
    .critical_border = rgb(0x8a3a33),
    .warning = rgb(0xf0c85a),
    .warning_soft = rgb(0x332a0d),
    .warning_border = rgb(0x6b5a1a),
    .success = rgb(0x6fdc7c),
    .success_soft = rgb(0x12301a),
    .success_border = rgb(0x2f6b3a),
    .info = rgb(0x7db8ff),
    .info_soft = rgb(0x12263d),
    .info_border = rgb(0x27496e),
    .focus_inner = rgb(0x121417),  // the gap between control and ring in the page's colour, not white
    .focus_ring = rgb(0x6fb0ff),
    .focus_ring_critical = rgb(0xff8a7a),
    .shadow = rgb(0x000000, 128),
    .skeleton = rgb(0x2c3138),
    .mine_bubble = rgb(0x15304f),
    .theirs_bubble = rgb(0x1c1f24),
});

const Theme* current = &light;
bool coarse_pointer = false;
float scale = 1.0f;

double channel(unsigned value) {
    const double c = value / 255.0;
    return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

}  // namespace

const Theme& light_theme() { return light; }
const Theme& dark_theme() { return dark; }
const Theme& theme() { return *current; }
void use_theme(bool is_dark) { current = is_dark ? &dark : &light; }

bool touch() { return coarse_pointer; }
void use_touch(bool coarse) { coarse_pointer = coarse; }
float control_height() {
    return px(coarse_pointer ? current->control.touch_height_px : current->control.height_px);
}

void use_scale(float factor) { scale = factor > 0 ? factor : 1.0f; }
float px(float css_px) { return css_px * scale; }
float space(int i) { return px(current->space_px[std::clamp(i, 0, 11)]); }
float type_size(Type style) { return px(current->type[static_cast<int>(style)].size_px); }
float line_height(Type style) { return px(current->type[static_cast<int>(style)].line_px); }

Colour with_alpha(Colour colour, float alpha) {
    const auto a = static_cast<unsigned>(std::lround(((colour >> 24) & 0xFF) * std::clamp(alpha, 0.0f, 1.0f)));
    return (colour & 0x00FFFFFFu) | (a << 24);
}

double relative_luminance(Colour colour) {
    return 0.2126 * channel(colour & 0xFF) + 0.7152 * channel((colour >> 8) & 0xFF) +
           0.0722 * channel((colour >> 16) & 0xFF);
}

double contrast_ratio(Colour a, Colour b) {
    const double la = relative_luminance(a), lb = relative_luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

}  // namespace ui
