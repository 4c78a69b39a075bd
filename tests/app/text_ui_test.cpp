// Text like a web page, headless: messages with links, the reply box that wraps and grows, and Enter
// (Ctrl+Enter in a text area) that submits, from the page's copy of a field or on the canvas.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>

#include "app/ui/rich_text.hpp"
#include "app/ui/text_layout.hpp"
#include "headless_ui.hpp"
#include "imgui.h"
#include "tickets_fixtures.hpp"

using namespace app;
using ui::Role;

namespace {

const HttpRequest* last_request(const HeadlessUi& ui) {
    for (auto it = ui.effects.rbegin(); it != ui.effects.rend(); ++it)
        if (auto* request = std::get_if<HttpRequest>(&*it)) return request;
    return nullptr;
}

}  // namespace

TEST_CASE("a reply's addresses are links for the mirror, with the words' font and wrap width") {
    const std::string body = "Please read https://help.vtex.com/faq. Or write to help@vtex.com, we answer.";
    HeadlessUi ui(thread_with_reply(body));
    ui.frames(2);
    const ui::Item* text = ui.find(body, Role::text);
    REQUIRE(text != nullptr);
    REQUIRE(text->links.size() == 2);
    CHECK(body.substr(text->links[0].begin, text->links[0].end - text->links[0].begin) == "https://help.vtex.com/faq");
    CHECK(text->links[0].href == "https://help.vtex.com/faq");
    CHECK(text->links[1].href == "mailto:help@vtex.com");
    // Inter: CSS sizes it by its em, Dear ImGui by ascent + descent (2728 + 680 of 2816 units in Inter;
    // 969 + 241 of the 1000 the build scales its em to).
    CHECK(text->font_px == doctest::Approx(ImGui::GetFontSize() * 2816.0f / 3408.0f).epsilon(0.01));
    CHECK(text->line_px == doctest::Approx(ImGui::GetFontSize()));
    CHECK(text->line_px > 0);
    CHECK(text->weight == 400);
    // The thread wraps its text at a measure narrower than the window; the mirror lays it out the same.
    CHECK(text->wrap_w > 0);
    CHECK(text->wrap_w < 1280);
    // Other words are described too, so the page can lay them out as drawn.
    const ui::Item* heading = ui.find("Conversation", Role::heading);
    REQUIRE(heading != nullptr);
    CHECK(heading->weight == 600);  // the display styles are semibold
    CHECK(heading->font_px > 0);
}

TEST_CASE("every type style draws every character the fonts keep, accented letters with their accents") {
    HeadlessUi ui(thread_with_reply("Olá"));
    ui.frames(1);
    ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    REQUIRE(atlas->Fonts.Size == 7);  // the type scale's seven styles
    for (ImFont* font : atlas->Fonts) {
        CAPTURE(font->FontSize);
        // The characters of the build's subset (CMakeLists.txt, font_unicodes), as the atlas was asked for
        // them; the C1 control codes inside Latin-1's range are no characters.
        int drawn = 0;
        for (const ImWchar* range = font->ConfigData->GlyphRanges; range[0]; range += 2)
            for (unsigned c = range[0]; c <= range[1]; ++c) {
                if (c >= 0x7F && c <= 0x9F) continue;
                CAPTURE(c);
                const ImFontGlyph* glyph = font->FindGlyphNoFallback(static_cast<ImWchar>(c));
                REQUIRE(glyph != nullptr);
                CHECK(glyph->AdvanceX > 0);
                if (c != ' ' && c != 0xA0 && c != 0xAD) CHECK((glyph->Visible && glyph->X1 > glyph->X0));
                ++drawn;
            }
        CHECK(drawn >= 200);
        // The accented letters (composites of a letter and an accent in the font) reach above their
        // letter, or below it for the cedilla, and are as wide.
        const auto glyph = [&](unsigned c) { return font->FindGlyphNoFallback(static_cast<ImWchar>(c)); };
        for (const auto& letters : {std::pair{0xE3u, 'a'}, {0xE9u, 'e'}, {0xE0, 'a'}, {0xF5, 'o'}, {0xFA, 'u'},
                                    {0xF1, 'n'}, {0xC3, 'A'}, {0xC9, 'E'}, {0xD3, 'O'}, {0xDA, 'U'}}) {
            const unsigned accented = letters.first;
            const char base = letters.second;
            CAPTURE(accented);
            CHECK(glyph(accented)->Y0 < glyph(static_cast<unsigned>(base))->Y0 - 1.0f);
            CHECK(glyph(accented)->AdvanceX == doctest::Approx(glyph(static_cast<unsigned>(base))->AdvanceX));
        }
        CHECK(glyph(0xE7)->Y1 > glyph('c')->Y1 + 1.0f);  // ç
        CHECK(glyph(0xC7)->Y1 > glyph('C')->Y1 + 1.0f);  // Ç
    }
}

TEST_CASE("a long message wraps within its measure, one line per wrapped line") {
    std::string body;
    for (int i = 0; i < 60; ++i) body += "word" + std::to_string(i) + " ";
    HeadlessUi ui(thread_with_reply(body));
    ui.frames(2);
    const ui::Item* text = ui.find(body, Role::text);
    REQUIRE(text != nullptr);
    CHECK(text->w <= text->wrap_w + 0.5f);
    const int lines = static_cast<int>(std::lround(text->h / text->line_px));
    CHECK(lines > 1);
    CHECK(lines == static_cast<int>(ui::wrap_text(body, text->wrap_w, [](char32_t c) {
                                        return ImGui::GetFont()->GetCharAdvance(static_cast<ImWchar>(c)) *
                                               ImGui::GetFontSize() / ImGui::GetFont()->FontSize;
                                    }).size()));
}

TEST_CASE("the reply box wraps long text and grows with it up to its limit, then scrolls") {
    HeadlessUi ui(thread_with_reply("Hello."));
    ui.frames(2);
    const ui::Item* box = ui.find("Your reply", Role::textbox);
    REQUIRE(box != nullptr);
    CHECK(box->multiline);
    const float empty_height = box->h;
    const float width = box->w;
    CHECK(box->wrap_w > 0);
    CHECK(box->wrap_w < width);
    CHECK(box->pad_x > 0);

    std::string long_text;
    for (int i = 0; i < 40; ++i) long_text += "a long sentence that has to wrap ";
    REQUIRE(ui.type("Your reply", long_text));
    ui.frames(2);
    box = ui.find("Your reply", Role::textbox);
    REQUIRE(box != nullptr);
    CHECK(box->w == width);  // never wider: it wraps
    CHECK(box->h > empty_height);
    const float grown = box->h;

    // Being edited (the page's textarea has the focus), with the caret at the end.
    for (int i = 0; i < 8; ++i) long_text += long_text;
    REQUIRE(ui.click("Your reply", Role::textbox));
    REQUIRE(ui.type("Your reply", long_text));
    ui.frames(2);
    box = ui.find("Your reply", Role::textbox);
    REQUIRE(box != nullptr);
    CHECK(box->h > grown);
    CHECK(box->h <= 20 * ImGui::GetFontSize() + 0.5f);  // the limit
    CHECK(box->scroll_y > 0);  // the caret, at the end, is in view
}

TEST_CASE("Enter in the page's email field sends the code; Enter on the canvas does too") {
    {
        HeadlessUi ui(test_state());
        REQUIRE(ui.click("Sign in", Role::button));
        REQUIRE(ui.type("Email", "bruno@demo.store"));
        REQUIRE(ui.submit("Email"));
        const HttpRequest* request = last_request(ui);
        REQUIRE(request != nullptr);
        CHECK(request->request.path == "/api/auth/transactions");
    }
    {
        HeadlessUi ui(test_state());
        REQUIRE(ui.click("Sign in", Role::button));
        REQUIRE(ui.click("Email", Role::textbox));
        ImGui::GetIO().AddInputCharactersUTF8("bruno@demo.store");
        ui.frames(3);
        CHECK(ui.state.sign_in.email == "bruno@demo.store");
        CHECK(last_request(ui) == nullptr);
        ui.press_key(ImGuiKey_Enter);
        const HttpRequest* request = last_request(ui);
        REQUIRE(request != nullptr);
        CHECK(request->request.path == "/api/auth/transactions");
    }
}

TEST_CASE("Ctrl+Enter sends a reply; Enter alone starts a new line") {
    {
        HeadlessUi ui(thread_with_reply("Hello."));
    ui.frames(2);
        REQUIRE(ui.click("Your reply", Role::textbox));  // the page's textarea has the focus
        REQUIRE(ui.type("Your reply", "It works now, thanks."));
        ui.effects.clear();
        REQUIRE(ui.submit("Your reply"));
        const HttpRequest* request = last_request(ui);
        REQUIRE(request != nullptr);
        CHECK(request->request.path == "/api/tickets/t_5/comments");
        // Once sent, the box empties: the editor let go of the text it held.
        update(ui.state, HttpResponded{request->id, 201, thread_json("open")});
        ui.frames(3);
        CHECK(ui.state.thread.reply.empty());
        const ui::Item* box = ui.find("Your reply", Role::textbox);
        REQUIRE(box != nullptr);
        CHECK(box->value.empty());
    }
    {
        HeadlessUi ui(thread_with_reply("Hello."));
    ui.frames(2);
        REQUIRE(ui.click("Your reply", Role::textbox));
        ImGui::GetIO().AddInputCharactersUTF8("Fixed");
        ui.frames(3);
        ui.effects.clear();
        ui.press_key(ImGuiKey_Enter);
        CHECK(ui.state.thread.reply == "Fixed\n");
        CHECK(last_request(ui) == nullptr);
        ui.press_key(ImGuiKey_Enter, true);
        const HttpRequest* request = last_request(ui);
        REQUIRE(request != nullptr);
        CHECK(request->request.path == "/api/tickets/t_5/comments");
    }
}
