#include "app/ui/fonts.hpp"

#include "app/assets.hpp"
#include "imgui.h"

namespace ui {

namespace {
Fonts loaded;

ImFont* add(std::string_view ttf, float px, float pixel_ratio) {
    ImFontConfig config;
    config.FontDataOwnedByAtlas = false;  // the font lives in the binary's read-only data
    config.OversampleH = 2;
    return ImGui::GetIO().Fonts->AddFontFromMemoryTTF(const_cast<char*>(ttf.data()), static_cast<int>(ttf.size()),
                                                       px * pixel_ratio, &config,
                                                       ImGui::GetIO().Fonts->GetGlyphRangesDefault());
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
