// A start's first font atlas (ui::load_fonts with the reader's catalog): fewer glyphs to rasterize
// before the first frame, each drawn as the full atlas draws it, and the frames that need one it lacks
// found, so the browser runner builds every glyph before it shows them (src/web/main.cpp).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "app/ui/fonts.hpp"
#include "fixtures.hpp"
#include "headless_ui.hpp"
#include "imgui.h"
#include "imgui_internal.h"  // ImTextCharToUtf8
#include "tickets_fixtures.hpp"

using namespace app;

namespace {

// Every character of Latin-1's upper half but `left_out`.
std::string latin1_but(unsigned left_out) {
    std::string text;
    char utf8[5];
    for (unsigned c = 0xA0; c <= 0xFF; ++c)
        if (c != left_out) text += ImTextCharToUtf8(utf8, c);
    return text;
}

// What a glyph looks like in the atlas: its box, its advance and its coverage, row by row.
struct Drawn {
    float x0, y0, x1, y1, advance;
    std::vector<unsigned char> pixels;
};

Drawn drawn(const ImFont& font, unsigned c) {
    const ImFontGlyph* glyph = font.FindGlyphNoFallback(static_cast<ImWchar>(c));
    REQUIRE(glyph != nullptr);
    unsigned char* atlas = nullptr;
    int width = 0, height = 0;
    ImGui::GetIO().Fonts->GetTexDataAsAlpha8(&atlas, &width, &height);
    Drawn out{glyph->X0, glyph->Y0, glyph->X1, glyph->Y1, glyph->AdvanceX, {}};
    const int u0 = static_cast<int>(glyph->U0 * width + 0.5f), u1 = static_cast<int>(glyph->U1 * width + 0.5f);
    const int v0 = static_cast<int>(glyph->V0 * height + 0.5f), v1 = static_cast<int>(glyph->V1 * height + 0.5f);
    for (int y = v0; y < v1; ++y) out.pixels.insert(out.pixels.end(), atlas + y * width + u0, atlas + y * width + u1);
    return out;
}

// Every vertex the frame drew: where, what part of the atlas, what colour.
std::vector<float> drawn_frame() {
    std::vector<float> out;
    const ImDrawData& data = *ImGui::GetDrawData();
    for (int n = 0; n < data.CmdListsCount; ++n)
        for (const ImDrawVert& v : data.CmdLists[n]->VtxBuffer)
            out.insert(out.end(), {v.pos.x, v.pos.y, v.uv.x, v.uv.y, static_cast<float>(v.col)});
    return out;
}

}  // namespace

TEST_CASE("a first atlas holds ASCII, the marks and its text's characters, each drawn as every glyph's atlas draws it") {
    HeadlessUi ui;  // every glyph
    ui.frames(1);
    REQUIRE(ui::every_glyph_loaded());
    const unsigned kept[] = {'A', 'g', '?', '~', 0xE1 /* á */, 0xEA /* ê */, 0x2026 /* … */, 0x2192 /* → */,
                             0x20AC /* € */, 0x2713 /* ✓ */};
    std::vector<std::vector<Drawn>> every(7);
    std::vector<float> every_width;
    int every_glyphs = 0;
    for (int f = 0; f < 7; ++f) {
        const ImFont& font = *ImGui::GetIO().Fonts->Fonts[f];
        for (unsigned c : kept) every[f].push_back(drawn(font, c));
        REQUIRE(font.FindGlyphNoFallback(0xE7) != nullptr);  // ç
        every_width.push_back(font.CalcTextSizeA(font.FontSize, 1e9f, 0, "Help Center: olá, você").x);
        every_glyphs += font.Glyphs.Size;
    }

    ui::load_fonts(1.0f, "{\"greeting\": \"Olá, você\"}");
    CHECK_FALSE(ui::every_glyph_loaded());
    int first_glyphs = 0;
    for (int f = 0; f < 7; ++f) {
        const ImFont& font = *ImGui::GetIO().Fonts->Fonts[f];
        CAPTURE(f);
        for (size_t i = 0; i < std::size(kept); ++i) {
            CAPTURE(kept[i]);
            const Drawn d = drawn(font, kept[i]);
            const Drawn& e = every[static_cast<size_t>(f)][i];
            CHECK(d.x0 == e.x0);
            CHECK(d.y0 == e.y0);
            CHECK(d.x1 == e.x1);
            CHECK(d.y1 == e.y1);
            CHECK(d.advance == e.advance);
            CHECK(d.pixels == e.pixels);  // the same coverage, pixel for pixel
        }
        CHECK(font.CalcTextSizeA(font.FontSize, 1e9f, 0, "Help Center: olá, você").x == every_width[static_cast<size_t>(f)]);
        // Neither in the text nor among the marks: left for the full atlas, drawn meanwhile as the marker.
        CHECK(font.FindGlyphNoFallback(0xE7) == nullptr);  // ç
        CHECK(font.FindGlyphNoFallback(0xC9) == nullptr);  // É
        CHECK(font.FallbackChar == 0x7F);
        first_glyphs += font.Glyphs.Size;
    }
    CHECK(first_glyphs * 10 < every_glyphs * 6);  // fewer than 60 % of the glyphs to rasterize

    ui::load_fonts(1.0f);  // every glyph again
    CHECK(ui::every_glyph_loaded());
    for (ImFont* font : ImGui::GetIO().Fonts->Fonts) CHECK(font->FindGlyphNoFallback(0xE7) != nullptr);
}

TEST_CASE("a frame that draws a character the first atlas lacks is found; one that does not, or every glyph's atlas, is not") {
    HeadlessUi ui(thread_with_reply("Olá, a configuração está pronta."));
    ui.frames(2);
    CHECK_FALSE(ui::drew_missing_glyph(*ImGui::GetDrawData()));  // every glyph

    ui::load_fonts(1.0f, latin1_but(0xE7));  // all of Latin-1 but ç, which the reply draws
    ui.frame();
    CHECK(ui::drew_missing_glyph(*ImGui::GetDrawData()));

    ui::load_fonts(1.0f, latin1_but(0xC7));  // all of Latin-1 but Ç, which nothing on the screen draws
    ui.frame();
    CHECK_FALSE(ui::drew_missing_glyph(*ImGui::GetDrawData()));

    ui::load_fonts(1.0f, latin1_but(0xE7));
    ui.frame();
    REQUIRE(ui::drew_missing_glyph(*ImGui::GetDrawData()));
    ui::load_fonts(1.0f);  // what the runner does then: every glyph, and the frame again
    ui.frame();
    CHECK_FALSE(ui::drew_missing_glyph(*ImGui::GetDrawData()));
}

// My requests keeps each row's glyphs laid out (MeasuredText, and the phone's wrapped title) from frame to
// frame. Laid out with a first atlas, they must be laid out again with every glyph's: the new fonts may
// sit at the old ones' addresses, at the same sizes, with their glyphs elsewhere in the atlas. Whether
// they do is the allocator's choice (glibc's hands them back in another order, so the old check on the
// font's address caught it here); the frame is compared whole with a start that had every glyph.
TEST_CASE("rows laid out with a first atlas are laid out again with every glyph, as a start with every glyph draws them") {
    for (const float width : {1280.0f, 390.0f}) {
        CAPTURE(width);
        AppState state = my_requests_state(3);
        state.list.tickets[0].title = "Configuração do pagamento: a integração não responde às notificações";
        state.list.tickets[1].title = "Preço promocional não aparece";

        HeadlessUi every(state);
        ImGui::GetIO().DisplaySize = ImVec2(width, 800);
        every.frames(3);
        const std::vector<float> expected = drawn_frame();

        HeadlessUi first(state);
        ImGui::GetIO().DisplaySize = ImVec2(width, 800);
        ui::load_fonts(1.0f, "Olá");  // neither ç nor ã
        first.frames(2);
        CHECK(ui::drew_missing_glyph(*ImGui::GetDrawData()));
        ui::load_fonts(1.0f);
        first.frames(2);
        CHECK_FALSE(ui::drew_missing_glyph(*ImGui::GetDrawData()));
        CHECK(drawn_frame() == expected);
    }
}
