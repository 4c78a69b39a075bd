#pragma once
// The portal's fonts (DejaVu Sans regular and bold, subset at build time), rasterized at the device
// pixel ratio and scaled back, so text is crisp on every screen while sizes stay in CSS pixels.
struct ImFont;

namespace ui {

struct Fonts {
    ImFont* body = nullptr;     // 1 em
    ImFont* strong = nullptr;   // 1 em, bold: section headings, labels
    ImFont* title = nullptr;    // 1.5 em, bold: the screen's title
};

inline constexpr float body_px = 16.0f;  // 16 px also keeps iOS from zooming into focused fields

// Rebuilds the font atlas for `pixel_ratio` (call before NewFrame; the renderer re-uploads it).
void load_fonts(float pixel_ratio);
const Fonts& fonts();

}  // namespace ui
