#pragma once
// The portal's fonts: Inter in the weights of the type scale (theme.hpp: caption 12, body 14, emphasis
// and action 14 medium and semibold, display 16/20/24 semibold), subset at build time, rasterized at the
// device pixel ratio and scaled back, so text is crisp on every screen while sizes stay in CSS pixels.
#include "app/ui/theme.hpp"

#include <string_view>

struct ImDrawData;
struct ImFont;

namespace ui {

// Rebuilds the font atlas for `pixel_ratio` (call before NewFrame; the renderer re-uploads it). The
// body style becomes the default font.
//
// With `first_text`, a start's first atlas: only printable ASCII, the marks and symbols above Latin-1,
// and the characters of `first_text` (the reader's catalog) are rasterized, so the first frame comes
// sooner. A character outside that set is drawn as a blank marker glyph, which drew_missing_glyph finds
// in the frame's draw lists: the runner then builds every glyph and draws the frame again before
// showing it.
void load_fonts(float pixel_ratio, std::string_view first_text = {});
// Whether the atlas holds every glyph the fonts keep (false after a first atlas).
bool every_glyph_loaded();
// Counts load_fonts calls: what was laid out with the fonts (glyphs' places in the atlas, advances) is
// out of date when it changes, even where the new fonts are at the old addresses and sizes.
unsigned font_generation();
// Whether `data` draws a first atlas's marker: text that needs a glyph the atlas does not hold yet.
bool drew_missing_glyph(const ImDrawData& data);

// The font of a style of the type scale (null before load_fonts).
ImFont* font(Type style);

// The height Dear ImGui gives a line of `style` (its font's ascender to descender), in frame pixels:
// what a control adds its padding to. Known from the fonts' bytes, before any atlas is built.
float type_height(Type style);

// Draws what follows in `style` until the matching pop_type (a PushFont that tolerates no fonts).
void push_type(Type style);
void pop_type();

}  // namespace ui
