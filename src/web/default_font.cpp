// Dear ImGui's built-in font (ProggyClean, 12 KB of base85 in the wasm) is one the portal never draws
// with: it adds its own Inter before the atlas is built (ui::load_fonts). Dear ImGui 1.90.1 cannot leave
// it out (1.92's IMGUI_DISABLE_DEFAULT_FONT can), because ImFontAtlas::Build() calls AddFontDefault()
// when no font was added. The web link (cmake/web.cmake) sends every call of AddFontDefault here
// instead (wasm-ld's --wrap), so nothing references the built-in font and the linker drops it: 10 KB
// of the first download, brotli. Should an atlas ever be built with no font, it gets Inter Regular.
#include <string_view>

#include "app/assets.hpp"
#include "imgui.h"

extern "C" ImFont* __wrap__ZN11ImFontAtlas14AddFontDefaultEPK12ImFontConfig(ImFontAtlas* atlas,
                                                                             const ImFontConfig* font_cfg_template) {
    ImFontConfig config = font_cfg_template ? *font_cfg_template : ImFontConfig();
    config.FontDataOwnedByAtlas = false;  // the font lives in the binary's read-only data
    const float size = config.SizePixels > 0.0f ? config.SizePixels : 13.0f;  // Dear ImGui's default size
    const std::string_view data = app::assets::font(400);
    return atlas->AddFontFromMemoryTTF(const_cast<char*>(data.data()), static_cast<int>(data.size()), size, &config);
}
