// core/utf8: the one UTF-8 decoder, against RFC 3629 and the classes of Markus Kuhn's "UTF-8 decoder
// capability and stress test" (sections 1 to 5), and every code point round-tripped.
#include <doctest/doctest.h>

#include <initializer_list>
#include <string>

#include "core/utf8.hpp"

using core::decode_utf8;
using core::is_valid_utf8;
using core::utf8_length;
using core::valid_utf8;

namespace {

std::string bytes(std::initializer_list<unsigned> list) {
    std::string out;
    for (unsigned b : list) out += static_cast<char>(b);
    return out;
}

const std::string replacement = "\xEF\xBF\xBD";

std::string replaced(size_t count) {
    std::string out;
    for (size_t i = 0; i < count; ++i) out += replacement;
    return out;
}

// RFC 3629's table, written out independently of the decoder; `length` longer than needed gives the
// overlong forms the decoder must refuse.
std::string encode(char32_t code, size_t length) {
    if (length == 1) return std::string(1, static_cast<char>(code));
    std::string out(length, '\0');
    for (size_t k = length - 1; k > 0; --k, code >>= 6) out[k] = static_cast<char>(0x80 | (code & 0x3F));
    const unsigned lead_bits[] = {0, 0, 0xC0, 0xE0, 0xF0};
    out[0] = static_cast<char>(lead_bits[length] | code);
    return out;
}

size_t shortest_length(char32_t code) { return code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4; }

// Not UTF-8 at all: refused whole, each byte its own U+FFFD, each byte one character.
void check_refused(const std::string& text) {
    CAPTURE(text);
    CHECK_FALSE(is_valid_utf8(text));
    CHECK(decode_utf8(text, 0).length == 0);
    CHECK(valid_utf8(text) == replaced(text.size()));
    CHECK(utf8_length(text) == text.size());
}

void check_one(const std::string& text, char32_t code) {
    CAPTURE(text);
    const core::Utf8Sequence decoded = decode_utf8(text, 0);
    CHECK(decoded.length == text.size());
    CHECK(decoded.code_point == code);
    CHECK(is_valid_utf8(text));
    CHECK(valid_utf8(text) == text);
    CHECK(utf8_length(text) == 1);
}

}  // namespace

TEST_CASE("Kuhn 1: correct text is kept and counted by characters") {
    const std::string kosme = "\xCE\xBA\xE1\xBD\xB9\xCF\x83\xCE\xBC\xCE\xB5";  // κόσμε
    CHECK(is_valid_utf8(kosme));
    CHECK(valid_utf8(kosme) == kosme);
    CHECK(utf8_length(kosme) == 5);
    CHECK(decode_utf8(kosme, 2).code_point == 0x1F79);  // at an offset: the second letter
    CHECK(decode_utf8(kosme, 2).length == 3);
    CHECK(decode_utf8(kosme, kosme.size()).length == 0);  // at the end: nothing
    CHECK(is_valid_utf8(""));
    CHECK(utf8_length("") == 0);
    CHECK(valid_utf8("") == "");
}

TEST_CASE("Kuhn 2: the first and last code point of each length, and the other edges") {
    check_one(std::string(1, '\0'), 0x0000);
    check_one(bytes({0xC2, 0x80}), 0x0080);
    check_one(bytes({0xE0, 0xA0, 0x80}), 0x0800);
    check_one(bytes({0xF0, 0x90, 0x80, 0x80}), 0x10000);
    check_one(bytes({0x7F}), 0x007F);
    check_one(bytes({0xDF, 0xBF}), 0x07FF);
    check_one(bytes({0xEF, 0xBF, 0xBF}), 0xFFFF);
    check_one(bytes({0xED, 0x9F, 0xBF}), 0xD7FF);  // just below the surrogates
    check_one(bytes({0xEE, 0x80, 0x80}), 0xE000);  // just above them
    check_one(bytes({0xEF, 0xBF, 0xBD}), 0xFFFD);
    check_one(bytes({0xF4, 0x8F, 0xBF, 0xBF}), 0x10FFFF);
    // RFC 3629 ends at U+10FFFF: what ISO 10646 once allowed beyond it, in 4, 5 or 6 bytes, is refused.
    check_refused(bytes({0xF4, 0x90, 0x80, 0x80}));        // U+110000
    check_refused(bytes({0xF7, 0xBF, 0xBF, 0xBF}));        // U+1FFFFF
    check_refused(bytes({0xF8, 0x88, 0x80, 0x80, 0x80}));  // U+200000 in five bytes
    check_refused(bytes({0xFB, 0xBF, 0xBF, 0xBF, 0xBF}));
    check_refused(bytes({0xFC, 0x84, 0x80, 0x80, 0x80, 0x80}));  // U+4000000 in six bytes
    check_refused(bytes({0xFD, 0xBF, 0xBF, 0xBF, 0xBF, 0xBF}));  // U+7FFFFFFF
}

TEST_CASE("Kuhn 3.1 and 3.5: continuation bytes alone, and bytes UTF-8 never has") {
    for (unsigned b = 0x80; b <= 0xBF; ++b) check_refused(bytes({b}));
    check_refused(bytes({0x80, 0xBF}));
    check_refused(bytes({0x80, 0xBF, 0x80, 0xBF, 0x80, 0xBF, 0x80}));
    check_refused(bytes({0xFE}));
    check_refused(bytes({0xFF}));
    check_refused(bytes({0xFE, 0xFE, 0xFF, 0xFF}));
    CHECK(valid_utf8(bytes({'a', 0x80, 'b'})) == "a" + replacement + "b");
}

TEST_CASE("Kuhn 3.2: a lead byte followed by a space is replaced, the space kept") {
    for (unsigned lead = 0xC0; lead <= 0xFD; ++lead) {
        const std::string text = bytes({lead, ' '});
        CAPTURE(lead);
        CHECK_FALSE(is_valid_utf8(text));
        CHECK(valid_utf8(text) == replacement + " ");
        CHECK(utf8_length(text) == 2);
    }
}

TEST_CASE("Kuhn 3.3 and 3.4: sequences with their last byte missing, alone and one after another") {
    const std::string cut[] = {
        bytes({0xC0}), bytes({0xE0, 0x80}), bytes({0xF0, 0x80, 0x80}), bytes({0xF8, 0x80, 0x80, 0x80}),
        bytes({0xFC, 0x80, 0x80, 0x80, 0x80}), bytes({0xDF}), bytes({0xEF, 0xBF}), bytes({0xF7, 0xBF, 0xBF}),
        bytes({0xFB, 0xBF, 0xBF, 0xBF}), bytes({0xFD, 0xBF, 0xBF, 0xBF, 0xBF}),
        // Cut short where the lead alone would have been right: U+20AC, U+1F4CE.
        bytes({0xE2, 0x82}), bytes({0xF0, 0x9F, 0x93})};
    std::string all;
    for (const std::string& text : cut) {
        check_refused(text);
        all += text;
    }
    check_refused(all);
    CHECK(valid_utf8(bytes({'a', 'b', 0xE2, 0x82})) == "ab" + replaced(2));       // at the end
    CHECK(valid_utf8(bytes({0xE2, 0x82, 'z'})) == replaced(2) + "z");             // before ASCII
    CHECK(valid_utf8(bytes({0xE2, 0x82, 0xE2, 0x82, 0xAC})) == replaced(2) + "\xE2\x82\xAC");  // before a whole one
}

TEST_CASE("Kuhn 4: overlong forms, the slash, the largest of each length and NUL") {
    check_refused(bytes({0xC0, 0xAF}));
    check_refused(bytes({0xE0, 0x80, 0xAF}));
    check_refused(bytes({0xF0, 0x80, 0x80, 0xAF}));
    check_refused(bytes({0xF8, 0x80, 0x80, 0x80, 0xAF}));
    check_refused(bytes({0xFC, 0x80, 0x80, 0x80, 0x80, 0xAF}));
    check_refused(bytes({0xC1, 0xBF}));
    check_refused(bytes({0xE0, 0x9F, 0xBF}));
    check_refused(bytes({0xF0, 0x8F, 0xBF, 0xBF}));
    check_refused(bytes({0xF8, 0x87, 0xBF, 0xBF, 0xBF}));
    check_refused(bytes({0xFC, 0x83, 0xBF, 0xBF, 0xBF, 0xBF}));
    check_refused(bytes({0xC0, 0x80}));
    check_refused(bytes({0xE0, 0x80, 0x80}));
    check_refused(bytes({0xF0, 0x80, 0x80, 0x80}));
    check_refused(bytes({0xF8, 0x80, 0x80, 0x80, 0x80}));
    check_refused(bytes({0xFC, 0x80, 0x80, 0x80, 0x80, 0x80}));
}

TEST_CASE("Kuhn 5: UTF-16 surrogates are refused, alone or paired; noncharacters are code points") {
    for (const std::string& surrogate :
         {bytes({0xED, 0xA0, 0x80}), bytes({0xED, 0xAD, 0xBF}), bytes({0xED, 0xAE, 0x80}), bytes({0xED, 0xAF, 0xBF}),
          bytes({0xED, 0xB0, 0x80}), bytes({0xED, 0xBE, 0x80}), bytes({0xED, 0xBF, 0xBF})})
        check_refused(surrogate);
    check_refused(bytes({0xED, 0xA0, 0x80, 0xED, 0xB0, 0x80}));  // U+D800 U+DC00: UTF-16's U+10000
    check_refused(bytes({0xED, 0xAF, 0xBF, 0xED, 0xBF, 0xBF}));  // U+DBFF U+DFFF: UTF-16's U+10FFFF
    // RFC 3629 and Unicode (Corrigendum #9) leave U+FFFE, U+FFFF and U+FDD0..U+FDEF well-formed.
    check_one(bytes({0xEF, 0xBF, 0xBE}), 0xFFFE);
    check_one(bytes({0xEF, 0xB7, 0x90}), 0xFDD0);
}

TEST_CASE("every code point: its shortest form decodes to it, a longer form and a surrogate do not") {
    size_t mismatches = 0;
    for (char32_t code = 0; code <= 0x10FFFF; ++code) {
        const size_t shortest = shortest_length(code);
        const std::string text = encode(code, shortest);
        const core::Utf8Sequence decoded = decode_utf8(text, 0);
        const bool surrogate = code >= 0xD800 && code <= 0xDFFF;
        if (surrogate ? decoded.length != 0 : decoded.length != shortest || decoded.code_point != code) ++mismatches;
        for (size_t longer = shortest + 1; longer <= 4; ++longer)
            if (longer > 1 && decode_utf8(encode(code, longer), 0).length != 0) ++mismatches;
    }
    CHECK(mismatches == 0);
}

TEST_CASE("valid_utf8 keeps well-formed UTF-8 and puts U+FFFD for each byte of anything else") {
    const std::string bad = "\xEF\xBF\xBD";
    struct Case {
        const char* what;
        std::string in, out;
    };
    const Case cases[] = {
        {"ASCII", "report.txt", "report.txt"},
        {"two, three and four bytes", "relat\xC3\xB3rio \xE2\x82\xAC \xF0\x9F\x93\x8E",
         "relat\xC3\xB3rio \xE2\x82\xAC \xF0\x9F\x93\x8E"},
        {"the edges: U+007F, U+0080, U+FFFF, U+10FFFF", "\x7F\xC2\x80\xEF\xBF\xBF\xF4\x8F\xBF\xBF",
         "\x7F\xC2\x80\xEF\xBF\xBF\xF4\x8F\xBF\xBF"},
        {"Latin-1", "relat\xF3rio", "relat" + bad + "rio"},
        {"a lone continuation byte", "a\x80" "b", "a" + bad + "b"},
        {"overlong slash", "\xC0\xAF", bad + bad},
        {"overlong three bytes", "\xE0\x80\xAF", bad + bad + bad},
        {"a surrogate", "\xED\xA0\x80", bad + bad + bad},
        {"above U+10FFFF", "\xF4\x90\x80\x80", bad + bad + bad + bad},
        {"cut short at the end", "ab\xE2\x82", "ab" + bad + bad},
        {"cut short before ASCII", "\xE2\x82z", bad + bad + "z"},
        {"empty", "", ""},
    };
    for (const Case& c : cases) {
        CAPTURE(c.what);
        CHECK(valid_utf8(c.in) == c.out);
    }
}
