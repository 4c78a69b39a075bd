#include "core/utf8.hpp"

namespace core {

Utf8Sequence decode_utf8(std::string_view text, size_t at) {
    if (at >= text.size()) return {};
    const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[at + k]); };
    const unsigned char lead = byte(0);
    if (lead < 0x80) return {lead, 1};
    // RFC 3629 section 4: the lead byte gives the length, and the range the second byte must fall in
    // is what rules out overlong forms (C0, C1, E0 80..9F, F0 80..8F), surrogates (ED A0..BF) and code
    // points above U+10FFFF (F4 90..BF, F5..FF).
    size_t length = 0;
    unsigned char low = 0x80, high = 0xBF;
    char32_t code = 0;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2, code = lead & 0x1Fu;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3, code = lead & 0x0Fu;
        if (lead == 0xE0) low = 0xA0;
        if (lead == 0xED) high = 0x9F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4, code = lead & 0x07u;
        if (lead == 0xF0) low = 0x90;
        if (lead == 0xF4) high = 0x8F;
    } else {
        return {};
    }
    if (text.size() - at < length) return {};
    for (size_t k = 1; k < length; ++k) {
        const unsigned char next = byte(k);
        if (next < (k == 1 ? low : 0x80) || next > (k == 1 ? high : 0xBF)) return {};
        code = (code << 6) | (next & 0x3Fu);
    }
    return {code, length};
}

bool is_valid_utf8(std::string_view text) {
    for (size_t i = 0; i < text.size();) {
        const size_t length = decode_utf8(text, i).length;
        if (length == 0) return false;
        i += length;
    }
    return true;
}

size_t utf8_length(std::string_view text) {
    size_t count = 0;
    for (size_t i = 0; i < text.size(); ++count) {
        const size_t length = decode_utf8(text, i).length;
        i += length == 0 ? 1 : length;
    }
    return count;
}

std::string valid_utf8(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size();) {
        const size_t length = decode_utf8(text, i).length;
        if (length == 0) {
            out += "\xEF\xBF\xBD";
            ++i;
        } else {
            out.append(text.substr(i, length));
            i += length;
        }
    }
    return out;
}

}  // namespace core
