#include "app/ui/text_layout.hpp"

#include "core/utf8.hpp"

namespace ui {

namespace {

struct Character {
    char32_t code_point;
    size_t length;
};

Character character_at(std::string_view text, size_t at) {
    const core::Utf8Sequence s = core::decode_utf8(text, at);
    if (s.length == 0) return {U'\uFFFD', 1};
    return {s.code_point, s.length};
}

bool is_break_space(char32_t c) { return c == U' ' || c == U'\t'; }

}  // namespace

std::vector<TextLine> wrap_text(std::string_view text, float width, const Advance& advance) {
    std::vector<TextLine> lines;
    size_t begin = 0;    // the line being filled starts here
    size_t at = begin;   // the next character to place
    float x = 0;         // the width of the line's characters placed so far
    size_t last_break = 0;  // where the line may break: after the last space run (0: nowhere yet)
    float width_at_break = 0;
    while (at < text.size()) {
        if (text[at] == '\n') {
            lines.push_back({begin, at});
            begin = at = at + 1;
            x = 0;
            last_break = 0;
            continue;
        }
        const Character c = character_at(text, at);
        if (is_break_space(c.code_point)) {
            // Spaces hang past the edge; the line may break after them.
            x += advance(c.code_point);
            at += c.length;
            last_break = at;
            width_at_break = x;
            continue;
        }
        const float w = advance(c.code_point);
        if (x + w > width && at > begin) {
            if (last_break > begin) {
                // The word moves to the next line, whole.
                lines.push_back({begin, last_break});
                begin = last_break;
                x -= width_at_break;
            } else {
                // A word wider than the line: broken where it reaches the edge.
                lines.push_back({begin, at});
                begin = at;
                x = 0;
            }
            last_break = 0;
            continue;
        }
        x += w;
        at += c.length;
    }
    lines.push_back({begin, text.size()});
    return lines;
}

size_t line_of(const std::vector<TextLine>& lines, size_t offset) {
    for (size_t i = 0; i < lines.size(); ++i) {
        const bool last = i + 1 == lines.size();
        // A soft wrap: the next line starts where this one ends, and the offset belongs to it.
        const bool wraps = !last && lines[i + 1].begin == lines[i].end;
        if (offset < lines[i].end || (offset == lines[i].end && !wraps) || last) return i;
    }
    return 0;
}

std::vector<std::string> clamp_lines(std::string_view text, float width, size_t max_lines, const Advance& advance) {
    std::string flat(text);
    for (char& c : flat)
        if (c == '\n' || c == '\r') c = ' ';
    std::vector<std::string> out;
    if (max_lines == 0) return out;
    const std::vector<TextLine> lines = wrap_text(flat, width, advance);
    auto trimmed = [](std::string s) {
        while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.pop_back();
        return s;
    };
    for (size_t i = 0; i < lines.size() && i < max_lines; ++i)
        out.push_back(trimmed(flat.substr(lines[i].begin, lines[i].end - lines[i].begin)));
    if (lines.size() <= max_lines) return out;
    // It runs on: the last line keeps what fits beside the ellipsis, cut between characters.
    static constexpr std::string_view ellipsis = "\u2026";
    const TextLine& last = lines[max_lines - 1];
    const float room = width - advance(U'\u2026');
    size_t keep = last.begin;
    float x = 0;
    for (size_t at = last.begin; at < flat.size();) {
        const Character c = character_at(flat, at);
        if (x + advance(c.code_point) > room) break;
        x += advance(c.code_point);
        at += c.length;
        keep = at;
    }
    out.back() = trimmed(flat.substr(last.begin, keep - last.begin)) + std::string(ellipsis);
    return out;
}

float caret_x(std::string_view text, const TextLine& line, size_t offset, const Advance& advance) {
    float x = 0;
    for (size_t at = line.begin; at < offset && at < line.end;) {
        const Character c = character_at(text, at);
        x += advance(c.code_point);
        at += c.length;
    }
    return x;
}

size_t offset_at(std::string_view text, const TextLine& line, float x, const Advance& advance) {
    float left = 0;
    for (size_t at = line.begin; at < line.end;) {
        const Character c = character_at(text, at);
        const float w = advance(c.code_point);
        if (x < left + w / 2) return at;
        left += w;
        at += c.length;
    }
    return line.end;
}

}  // namespace ui
