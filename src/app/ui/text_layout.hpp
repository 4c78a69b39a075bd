#pragma once
// Where lines of text break, as a web page breaks them (CSS `white-space: pre-wrap` with
// `overflow-wrap: break-word`): at the spaces between words, at line feeds, and inside a word only when
// the word alone is wider than the line. Spaces at the end of a line hang past its edge. Widths come
// from `advance`, so the same maths serves Dear ImGui's fonts and the tests' made-up ones.
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace ui {

// One drawn line: bytes [begin, end) of the text, its hanging spaces included, its line feed not.
struct TextLine {
    size_t begin = 0, end = 0;
    bool operator==(const TextLine&) const = default;
};

// The width of one character (a code point; U+FFFD for a byte that is not UTF-8).
using Advance = std::function<float(char32_t)>;

// The lines of `text` within `width` (at least one line, also for empty text).
std::vector<TextLine> wrap_text(std::string_view text, float width, const Advance& advance);

// `text` in at most `max_lines` lines of `width` (as wrap_text breaks them, line feeds read as spaces,
// spaces at line ends dropped), the last one cut to end in "…" when the text runs on: a long title in a
// phone's list row.
std::vector<std::string> clamp_lines(std::string_view text, float width, size_t max_lines, const Advance& advance);

// The line that shows the caret at byte `offset`: where a line wraps, the caret after its last
// character stands at the start of the next line.
size_t line_of(const std::vector<TextLine>& lines, size_t offset);
// The caret's distance from the start of `line` when it stands at `offset` (within the line).
float caret_x(std::string_view text, const TextLine& line, size_t offset, const Advance& advance);
// The caret offset nearest to `x` on `line` (a click).
size_t offset_at(std::string_view text, const TextLine& line, float x, const Advance& advance);

}  // namespace ui
