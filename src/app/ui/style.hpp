#pragma once
// Dear ImGui's own style (its widgets' colours, paddings, roundings and borders) taken from the theme in
// use: call after use_theme or use_touch change it, and once before the first frame.
namespace ui {
void apply_style();
}
