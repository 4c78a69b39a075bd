// ui/text_layout: where lines break, as a browser breaks a pre-wrap textarea's text, measured here with a
// made-up font where every character is 1 wide except a few (so widths are counts of characters).
#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

#include "app/ui/text_layout.hpp"

using ui::TextLine;
using ui::wrap_text;

namespace {

float unit(char32_t c) { return c == U'W' ? 2.0f : c == U'\u00e7' ? 1.5f : 1.0f; }

std::vector<std::string> lines_of(std::string_view text, float width) {
    std::vector<std::string> out;
    for (const TextLine& line : wrap_text(text, width, unit)) out.emplace_back(text.substr(line.begin, line.end - line.begin));
    return out;
}

using Lines = std::vector<std::string>;

}  // namespace

TEST_CASE("lines break at the spaces between words; spaces hang at the end of a line") {
    CHECK(lines_of("the order fails at checkout", 10) == Lines{"the order ", "fails at ", "checkout"});
    // A line exactly full, its space hanging past the edge.
    CHECK(lines_of("abcde fghij", 5) == Lines{"abcde ", "fghij"});
    CHECK(lines_of("ab   cd", 3) == Lines{"ab   ", "cd"});
    CHECK(lines_of("short", 80) == Lines{"short"});
}

TEST_CASE("line feeds end lines; empty lines stay") {
    CHECK(lines_of("one\ntwo", 80) == Lines{"one", "two"});
    CHECK(lines_of("one\n\ntwo\n", 80) == Lines{"one", "", "two", ""});
    CHECK(lines_of("", 80) == Lines{""});
    CHECK(lines_of("aaa bbb\nc", 4) == Lines{"aaa ", "bbb", "c"});
}

TEST_CASE("a word wider than the line is broken where it reaches the edge") {
    CHECK(lines_of("https://help.example.com/a", 10) == Lines{"https://he", "lp.example", ".com/a"});
    CHECK(lines_of("see abcdefghijkl end", 5) == Lines{"see ", "abcde", "fghij", "kl ", "end"});
    // Even a line too narrow for one character takes one, so it always ends.
    CHECK(lines_of("WWW", 1) == Lines{"W", "W", "W"});
}

TEST_CASE("widths are the font's, and UTF-8 characters are never split") {
    CHECK(lines_of("WWWW WW", 8) == Lines{"WWWW ", "WW"});
    // ç is 1.5 wide and two bytes: the break falls between characters.
    CHECK(lines_of("\xC3\xA7\xC3\xA7\xC3\xA7\xC3\xA7", 3) == Lines{"\xC3\xA7\xC3\xA7", "\xC3\xA7\xC3\xA7"});
    CHECK(lines_of("a\xE2\x82\xAC\xE2\x82\xAC\xE2\x82\xAC", 2) == Lines{"a\xE2\x82\xAC", "\xE2\x82\xAC\xE2\x82\xAC"});
    // A stray byte counts as one character (drawn as U+FFFD).
    CHECK(lines_of("ab\xFF" "cd", 3) == Lines{"ab\xFF", "cd"});
}

TEST_CASE("the caret's line and place, and a click's offset") {
    const std::string text = "the order fails at checkout";
    const auto lines = wrap_text(text, 10, unit);
    // The caret after "order " (where the line wraps) stands at the start of the next line.
    CHECK(ui::line_of(lines, 10) == 1);
    CHECK(ui::line_of(lines, 9) == 0);
    CHECK(ui::line_of(lines, 0) == 0);
    CHECK(ui::line_of(lines, text.size()) == 2);
    CHECK(ui::caret_x(text, lines[1], 12, unit) == 2.0f);
    CHECK(ui::offset_at(text, lines[1], 2.4f, unit) == 12);
    CHECK(ui::offset_at(text, lines[1], 2.6f, unit) == 13);
    CHECK(ui::offset_at(text, lines[1], -5, unit) == 10);
    CHECK(ui::offset_at(text, lines[1], 100, unit) == lines[1].end);
    // At a line feed, the caret before it stays on its line.
    const std::string two = "ab\ncd";
    const auto hard = wrap_text(two, 10, unit);
    CHECK(ui::line_of(hard, 2) == 0);
    CHECK(ui::line_of(hard, 3) == 1);
}
