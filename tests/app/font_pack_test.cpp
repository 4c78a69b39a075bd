// The fonts the portal unpacks at start (src/app/ui/font_pack.cpp) against the instanced fonts the pack
// was made from (build/*/generated/Inter-*-subset.ttf, fontTools' output): read with stb_truetype, the
// reader Dear ImGui rasterizes with, Regular and SemiBold are the same glyph for glyph, point for point;
// Medium, interpolated, is within a unit of a 1000-unit em of fontTools' instance.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>
#include <utility>

#include "app/assets.hpp"
#include "app/ui/font_pack.hpp"

#define STB_TRUETYPE_IMPLEMENTATION
#define STBTT_STATIC
#include "imstb_truetype.h"

namespace {

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

const char* const instance_names[3] = {"Inter-Regular", "Inter-Medium", "Inter-SemiBold"};

std::string instance(int w) { return read_file(std::string(PORTAL_GENERATED_DIR) + "/" + instance_names[w] + "-subset.ttf"); }

struct Font {
    std::string bytes;
    stbtt_fontinfo info{};
    explicit Font(std::string b) : bytes(std::move(b)) {
        REQUIRE(stbtt_InitFont(&info, reinterpret_cast<const unsigned char*>(bytes.data()), 0));
    }
};

bool is_composite(const stbtt_fontinfo& font, int glyph) {
    const int at = stbtt__GetGlyfOffset(&font, glyph);
    return at >= 0 && ttSHORT(font.data + at) < 0;
}

// The glyph's outline in both fonts: the same points in the same order, moved by at most `worst` units.
void compare_shapes(const stbtt_fontinfo& ours, const stbtt_fontinfo& theirs, int glyph, int& worst) {
    stbtt_vertex *a = nullptr, *b = nullptr;
    const int n = stbtt_GetGlyphShape(&ours, glyph, &a);
    const int m = stbtt_GetGlyphShape(&theirs, glyph, &b);
    CHECK(n == m);
    for (int i = 0; i < n && i < m; ++i) {
        CHECK(a[i].type == b[i].type);
        for (int d : {a[i].x - b[i].x, a[i].y - b[i].y, a[i].cx - b[i].cx, a[i].cy - b[i].cy})
            worst = std::max(worst, std::abs(d));
    }
    stbtt_FreeShape(&ours, a);
    stbtt_FreeShape(&theirs, b);
}

// stb_truetype opens the font and reads every glyph's outline and box.
bool every_glyph_reads(const std::string& bytes) {
    stbtt_fontinfo info{};
    const auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
    if (bytes.size() < 12 || !stbtt_InitFont(&info, data, 0)) return false;
    for (int glyph = 0; glyph < info.numGlyphs; ++glyph) {
        stbtt_vertex* shape = nullptr;
        const int n = stbtt_GetGlyphShape(&info, glyph, &shape);
        if (n < 0) return false;
        stbtt_FreeShape(&info, shape);
        int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
        stbtt_GetGlyphBox(&info, glyph, &x0, &y0, &x1, &y1);
    }
    return info.numGlyphs > 0;
}

}  // namespace

TEST_CASE("the unpacked fonts are the instanced ones: Regular and SemiBold to the point, Medium within a unit") {
    const auto unpacked = ui::unpack_fonts(read_file(std::string(PORTAL_GENERATED_DIR) + "/Inter.fontpack"));
    REQUIRE(unpacked.has_value());
    for (int w = 0; w < 3; ++w) {
        CAPTURE(instance_names[w]);
        const Font ours((*unpacked)[static_cast<std::size_t>(w)]);
        const Font theirs(instance(w));
        int our_ascent = 0, our_descent = 0, our_gap = 0, ascent = 0, descent = 0, gap = 0;
        stbtt_GetFontVMetrics(&ours.info, &our_ascent, &our_descent, &our_gap);
        stbtt_GetFontVMetrics(&theirs.info, &ascent, &descent, &gap);
        CHECK(our_ascent == ascent);
        CHECK(our_descent == descent);
        CHECK(our_gap == gap);
        CHECK(stbtt_ScaleForMappingEmToPixels(&ours.info, 1000) == stbtt_ScaleForMappingEmToPixels(&theirs.info, 1000));
        // Every character maps to the same glyph: the 211 the subset keeps (CMakeLists.txt, font_unicodes), and
        // no other.
        int characters = 0;
        for (int c = 0; c <= 0xFFFF; ++c) {
            const int glyph = stbtt_FindGlyphIndex(&theirs.info, c);
            if (glyph != stbtt_FindGlyphIndex(&ours.info, c)) FAIL_CHECK("character " << c << " maps to another glyph");
            characters += glyph != 0;
        }
        CHECK(characters == 211);
        // Every glyph (the characters', .notdef's) has the same metrics and outline.
        REQUIRE(ours.info.numGlyphs == theirs.info.numGlyphs);
        int worst = 0, worst_composite = 0, with_outline = 0;
        for (int glyph = 0; glyph < ours.info.numGlyphs; ++glyph) {
            CAPTURE(glyph);
            int advance = 0, bearing = 0, their_advance = 0, their_bearing = 0;
            stbtt_GetGlyphHMetrics(&ours.info, glyph, &advance, &bearing);
            stbtt_GetGlyphHMetrics(&theirs.info, glyph, &their_advance, &their_bearing);
            CHECK(advance == their_advance);
            int box[4] = {}, their_box[4] = {};
            const bool drawn = stbtt_GetGlyphBox(&ours.info, glyph, &box[0], &box[1], &box[2], &box[3]);
            CHECK(drawn == static_cast<bool>(stbtt_GetGlyphBox(&theirs.info, glyph, &their_box[0], &their_box[1],
                                                                &their_box[2], &their_box[3])));
            // An accented letter places its letter and accent at offsets Medium rounds too: two roundings.
            int& glyph_worst = stbtt_IsGlyphEmpty(&ours.info, glyph) || !is_composite(ours.info, glyph) ? worst : worst_composite;
            for (int k = 0; k < 4; ++k) glyph_worst = std::max(glyph_worst, std::abs(box[k] - their_box[k]));
            glyph_worst = std::max(glyph_worst, std::abs(bearing - their_bearing));
            compare_shapes(ours.info, theirs.info, glyph, glyph_worst);
            with_outline += drawn;
        }
        CHECK(with_outline > 190);  // all but the spaces
        if (w == 1) {
            CHECK(worst <= 1);
            CHECK(worst_composite <= 2);
        } else {
            CHECK(worst == 0);
            CHECK(worst_composite == 0);
        }
    }
}

TEST_CASE("the fonts the portal draws with are the unpacked ones") {
    const auto unpacked = ui::unpack_fonts(read_file(std::string(PORTAL_GENERATED_DIR) + "/Inter.fontpack"));
    REQUIRE(unpacked.has_value());
    CHECK(app::assets::font(400) == (*unpacked)[0]);
    CHECK(app::assets::font(500) == (*unpacked)[1]);
    CHECK(app::assets::font(600) == (*unpacked)[2]);
    CHECK(app::assets::font(300) == (*unpacked)[0]);  // between the weights: the one below
    CHECK(app::assets::font(550) == (*unpacked)[1]);
    CHECK(app::assets::font(700) == (*unpacked)[2]);
}

TEST_CASE("a pack cut short or with a byte changed unpacks to nothing or to fonts, never past its ends") {
    const std::string pack = read_file(std::string(PORTAL_GENERATED_DIR) + "/Inter.fontpack");
    REQUIRE(pack.size() > 1000);
    CHECK_FALSE(ui::unpack_fonts(""));
    CHECK_FALSE(ui::unpack_fonts("IFP2" + pack.substr(4)));
    // Every length short of the whole is refused (the pack's end must be its last stream's end).
    int refused = 0, lengths = 0;
    for (std::size_t n = 0; n < pack.size(); n += (n < 2000 ? 1 : 97), ++lengths) refused += !ui::unpack_fonts(pack.substr(0, n));
    CHECK(refused == lengths);
    CHECK_FALSE(ui::unpack_fonts(pack + "x"));
    // A changed byte anywhere: refused, or fonts that stb_truetype opens and reads every glyph of (never a
    // crash, never a read past a font's end; the sanitizer build runs this too).
    int unpacked = 0;
    for (std::size_t at = 0; at < pack.size(); at += 13) {
        std::string changed = pack;
        changed[at] = static_cast<char>(changed[at] ^ 0x5A);
        if (const auto fonts = ui::unpack_fonts(changed)) {
            ++unpacked;
            for (const std::string& font : *fonts) CHECK(every_glyph_reads(font));
        }
    }
    CHECK(unpacked > 0);  // some changes (a coordinate, an advance) still make fonts
    // A few bytes at once set to anything (a fixed sequence of them): large numbers, a count past its
    // stream, a glyph pointing at itself.
    std::uint32_t random = 12345;
    const auto next = [&random] { return random = random * 1103515245u + 12345u; };
    for (int round = 0; round < 400; ++round) {
        std::string changed = pack;
        for (int k = 0; k < 3; ++k) changed[(next() >> 8) % changed.size()] = static_cast<char>(next() >> 16);
        if (const auto fonts = ui::unpack_fonts(changed)) {
            for (const std::string& font : *fonts) CHECK(every_glyph_reads(font));
        }
    }
}
