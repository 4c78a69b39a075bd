#include "app/ui/fonts.hpp"

#include "app/assets.hpp"
#include "imgui.h"

namespace ui {

namespace {
Fonts loaded;

// The glyphs the build keeps in its subset (CMakeLists.txt, font_unicodes): Latin-1 for English,
// Spanish and Portuguese, plus typographic punctuation, the euro sign, arrows and a check mark.
constexpr ImWchar glyph_ranges[] = {0x0020, 0x00FF, 0x0152, 0x0153, 0x2013, 0x2014, 0x2018, 0x201E, 0x2022, 0x2022,
                                    0x2026, 0x2026, 0x20AC, 0x20AC, 0x2122, 0x2122, 0x2190, 0x2193, 0x2713, 0x2713, 0};

ImFont* add(std::string_view ttf, float px, float pixel_ratio) {
    ImFontConfig config;
    config.FontDataOwnedByAtlas = false;  // the font lives in the binary's read-only data
    config.OversampleH = pixel_ratio >= 2.0f ? 1 : 2;  // dense screens need no horizontal oversampling
    return ImGui::GetIO().Fonts->AddFontFromMemoryTTF(const_cast<char*>(ttf.data()), static_cast<int>(ttf.size()),
                                                       px * pixel_ratio, &config, glyph_ranges);
}
}  // namespace

void load_fonts(float pixel_ratio) {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    loaded.body = add(app::assets::font_ttf(), body_px, pixel_ratio);
    loaded.strong = add(app::assets::font_bold_ttf(), body_px, pixel_ratio);
    loaded.title = add(app::assets::font_bold_ttf(), 1.5f * body_px, pixel_ratio);
    io.FontDefault = loaded.body;
    io.FontGlobalScale = 1.0f / pixel_ratio;
    io.Fonts->Build();
}

const Fonts& fonts() { return loaded; }

}  // namespace ui
