#pragma once
// UTF-8 as RFC 3629 defines it, decoded in one place: the shortest form only, no surrogates
// (U+D800..U+DFFF), nothing above U+10FFFF. Everything that checks, counts or repairs UTF-8 (ticket
// limits, file names, the semantics mirror's JSON, mail headers) goes through decode_utf8, so they
// can never disagree on what is well-formed.
#include <cstddef>
#include <string>
#include <string_view>

namespace core {

struct Utf8Sequence {
    char32_t code_point = 0;
    size_t length = 0;  // bytes taken, 1 to 4; 0 when no well-formed sequence starts there
};

// The code point whose sequence starts at text[at]. A sequence that is overlong, a surrogate, above
// U+10FFFF, has a stray byte where a continuation belongs, or is cut short by the end is not one.
Utf8Sequence decode_utf8(std::string_view text, size_t at);

bool is_valid_utf8(std::string_view text);

// Characters as a person counts them: one for each code point, and one for each byte that is not
// part of a well-formed sequence (as valid_utf8 would show it).
size_t utf8_length(std::string_view text);

// The text with every byte that is not part of a well-formed sequence replaced by U+FFFD, one for
// each byte: names that arrive outside JSON (a file's). Well-formed text comes back as it was.
std::string valid_utf8(std::string_view text);

}  // namespace core
