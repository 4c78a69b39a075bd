#include "app/ui/fonts.hpp"

#include <cstdint>
#include <string_view>

#include "app/assets.hpp"
#include "imgui.h"
#include "imgui_internal.h"  // ImTextCharFromUtf8

namespace ui {

namespace {
ImFont* loaded[type_count] = {};
int pushed_without_font = 0;  // push_type calls that pushed nothing (no fonts loaded), to pop nothing
bool every_glyph = false;     // the atlas holds every glyph the fonts keep (else a first set, and markers)
unsigned generation = 0;      // load_fonts calls
ImVector<ImWchar> first_set;  // a first atlas's ranges (the atlas reads them again if it is built again)

// The glyphs the build keeps in its subset (CMakeLists.txt, font_unicodes): Latin-1 for English,
// Spanish and Portuguese, plus typographic punctuation, the euro sign, arrows and a check mark.
constexpr ImWchar glyph_ranges[] = {0x0020, 0x00FF, 0x0152, 0x0153, 0x2013, 0x2014, 0x2018, 0x201E, 0x2022, 0x2022,
                                    0x2026, 0x2026, 0x20AC, 0x20AC, 0x2122, 0x2122, 0x2190, 0x2193, 0x2713, 0x2713, 0};

unsigned read16(std::string_view font, size_t at) {
    if (at + 2 > font.size()) return 0;
    return (static_cast<unsigned char>(font[at]) << 8) | static_cast<unsigned char>(font[at + 1]);
}
std::uint32_t read32(std::string_view font, size_t at) { return (read16(font, at) << 16) | read16(font, at + 2); }

// Dear ImGui sizes a font by the height from its ascender to its descender; CSS by the em. The ratio of
// the two, read from the font's head and hhea tables, turns a CSS font-size into Dear ImGui's size.
float em_to_height(std::string_view font) {
    size_t head = 0, hhea = 0;
    const unsigned tables = read16(font, 4);
    for (unsigned i = 0; i < tables; ++i) {
        const size_t record = 12 + 16 * static_cast<size_t>(i);
        const std::string_view tag = font.substr(std::min(record, font.size()), 4);
        if (tag == "head") head = read32(font, record + 8);
        if (tag == "hhea") hhea = read32(font, record + 8);
    }
    const unsigned units_per_em = head ? read16(font, head + 18) : 0;
    if (!units_per_em || !hhea) return 1.0f;
    const auto ascender = static_cast<std::int16_t>(read16(font, hhea + 4));
    const auto descender = static_cast<std::int16_t>(read16(font, hhea + 6));
    return static_cast<float>(ascender - descender) / static_cast<float>(units_per_em);
}

// Where a first atlas puts a blank glyph of each font's own, which it makes the font's fallback: what
// Dear ImGui draws for a character the atlas lacks. DEL, which no text draws, keeps the fonts' lookup
// tables as short as the subset's (they reach the highest character of the atlas).
constexpr ImWchar missing = 0x7F;

// A first atlas's characters: printable ASCII (what anyone types first), the characters of Latin-1's upper
// half that `text` has, and every character the fonts keep above Latin-1 (dashes, quotes, the ellipsis,
// the euro sign, arrows, the check mark: some are drawn from the code, not from the catalogs).
void choose_first(std::string_view text) {
    static_assert(glyph_ranges[0] == 0x20 && glyph_ranges[1] == 0xFF);
    bool used[0x100] = {};
    for (const char *at = text.data(), *end = at + text.size(); at < end;) {
        unsigned c = 0;
        at += ImTextCharFromUtf8(&c, at, end);
        if (c >= 0xA0 && c <= 0xFF) used[c] = true;
    }
    first_set.clear();
    first_set.push_back(0x20);
    first_set.push_back(0x7E);
    for (ImWchar c = 0xA0; c <= 0xFF; ++c)
        if (used[c]) {
            first_set.push_back(c);
            first_set.push_back(c);
        }
    for (const ImWchar* range = glyph_ranges + 2; *range; ++range) first_set.push_back(*range);
    first_set.push_back(0);
}

ImFont* add(const TypeStyle& style, float pixel_ratio, const ImWchar* ranges) {
    const std::string_view data = app::assets::font(style.weight);
    ImFontConfig config;
    config.FontDataOwnedByAtlas = false;  // the font lives in the binary's read-only data
    config.OversampleH = pixel_ratio >= 2.0f ? 1 : 2;  // dense screens need no horizontal oversampling
    config.GlyphExtraSpacing.x = style.tracking_px * pixel_ratio;  // the type scale's letter spacing
    return ImGui::GetIO().Fonts->AddFontFromMemoryTTF(const_cast<char*>(data.data()), static_cast<int>(data.size()),
                                                       style.size_px * em_to_height(data) * pixel_ratio, &config,
                                                       ranges);
}
}  // namespace

void load_fonts(float pixel_ratio, std::string_view first_text) {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    ++generation;
    every_glyph = first_text.empty();
    if (!every_glyph) choose_first(first_text);
    // Sizes from the light table: both themes share the type scale.
    for (int i = 0; i < type_count; ++i) {
        const TypeStyle& style = light_theme().type[i];
        loaded[i] = add(style, pixel_ratio, every_glyph ? glyph_ranges : first_set.Data);
        if (!every_glyph) {
            const int side = static_cast<int>(style.size_px * pixel_ratio / 2) + 1;
            io.Fonts->AddCustomRectFontGlyph(loaded[i], missing, side, side, static_cast<float>(side));
            loaded[i]->FallbackChar = missing;
        }
    }
    io.FontDefault = loaded[static_cast<int>(Type::body)];
    io.FontGlobalScale = 1.0f / pixel_ratio;
    io.Fonts->Build();
}

bool every_glyph_loaded() { return every_glyph; }

unsigned font_generation() { return generation; }

bool drew_missing_glyph(const ImDrawData& data) {
    if (every_glyph) return false;
    const ImFontGlyph* markers[type_count];  // each font's fallback: its marker in a first atlas
    int count = 0;
    for (const ImFont* font : loaded)
        if (font && font->FallbackGlyph) markers[count++] = font->FallbackGlyph;
    // A marker's quad samples inside its rectangle of the atlas, also where a clip cut it; no other does.
    for (int n = 0; n < data.CmdListsCount; ++n)
        for (const ImDrawVert& v : data.CmdLists[n]->VtxBuffer)
            for (int i = 0; i < count; ++i)
                if (v.uv.x >= markers[i]->U0 && v.uv.x <= markers[i]->U1 && v.uv.y >= markers[i]->V0 && v.uv.y <= markers[i]->V1)
                    return true;
    return false;
}

float type_height(Type style) {
    static const float ratio[3] = {em_to_height(app::assets::font(400)), em_to_height(app::assets::font(500)),
                                   em_to_height(app::assets::font(600))};
    const TypeStyle& t = light_theme().type[static_cast<int>(style)];
    return px(t.size_px * ratio[t.weight >= 600 ? 2 : t.weight >= 500 ? 1 : 0]);
}

ImFont* font(Type style) { return loaded[static_cast<int>(style)]; }

void push_type(Type style) {
    if (ImFont* f = font(style)) ImGui::PushFont(f);
    else ++pushed_without_font;
}

void pop_type() {
    if (pushed_without_font > 0) --pushed_without_font;
    else ImGui::PopFont();
}

}  // namespace ui
