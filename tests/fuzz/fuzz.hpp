#pragma once
// What every fuzz target shares: a check that stops the run with its reason (libFuzzer keeps the input
// that failed it), a guard that turns an escaping exception into such a stop with its what(), and an
// independent UTF-8 validator (decoding, not the byte ranges core::valid_utf8 uses) to check against.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <string_view>
#include <utility>

#define FUZZ_CHECK(condition)                                                                              \
    do {                                                                                                   \
        if (!(condition)) {                                                                                \
            std::fprintf(stderr, "fuzz check failed: %s (%s:%d)\n", #condition, __FILE__, __LINE__);      \
            std::abort();                                                                                  \
        }                                                                                                  \
    } while (0)

namespace fuzz {

inline std::string_view bytes(const std::uint8_t* data, size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

// Runs `work`; an exception escaping it is a finding: the decoders promise values, never exceptions.
template <class Work>
void guard(Work&& work) {
    try {
        work();
    } catch (const std::exception& e) {
        std::fprintf(stderr, "fuzz: an exception escaped: %s\n", e.what());
        std::abort();
    } catch (...) {
        std::fprintf(stderr, "fuzz: an exception of unknown type escaped\n");
        std::abort();
    }
}

// Well-formed UTF-8 by decoding each sequence: the shortest form, no surrogates, nothing above U+10FFFF.
// Written apart from core/utf8.hpp on purpose: it is the oracle the targets check core's decoder against.
inline bool is_utf8(std::string_view text) {
    size_t i = 0;
    while (i < text.size()) {
        const auto lead = static_cast<unsigned char>(text[i]);
        size_t length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 0;
        if (length == 0 || i + length > text.size()) return false;
        std::uint32_t code = length == 1 ? lead : lead & (0x7F >> length);
        for (size_t k = 1; k < length; ++k) {
            const auto next = static_cast<unsigned char>(text[i + k]);
            if ((next & 0xC0) != 0x80) return false;
            code = (code << 6) | (next & 0x3F);
        }
        static constexpr std::uint32_t smallest[] = {0, 0, 0x80, 0x800, 0x10000};
        if (code < smallest[length] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return false;
        i += length;
    }
    return true;
}

// Splits the input at its first occurrence of `separator`: the parts of a structured input.
inline std::pair<std::string_view, std::string_view> split(std::string_view text, char separator) {
    const size_t at = text.find(separator);
    if (at == std::string_view::npos) return {text, {}};
    return {text.substr(0, at), text.substr(at + 1)};
}

}  // namespace fuzz
