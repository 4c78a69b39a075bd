// RFC 3339 times, as every API body and the stored rows carry them (core::parse_rfc3339, and
// core::format_rfc3339 on the way out). Checks: a time read is written back as a time that reads the
// same instant; a time already written our way ("2026-03-06T22:15:00Z") is written back byte for byte;
// the first 8 bytes as an instant within the years 0000-9999 survive writing and reading; no exception.
#include <cstring>

#include "core/time.hpp"
#include "fuzz.hpp"

namespace {

// Our own form: 20 bytes ending in Z (or z), a T (or t) at 10, no fraction, no leap second.
bool our_form(std::string_view text) {
    return text.size() == 20 && (text[19] == 'Z' || text[19] == 'z') && text.substr(17, 2) != "60";
}

std::string upper(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        if (c == 't' || c == 'z') c = static_cast<char>(c - 'a' + 'A');
    return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, size_t size) {
    fuzz::guard([&] {
        const std::string_view text = fuzz::bytes(data, size);
        if (const auto instant = core::parse_rfc3339(text)) {
            const std::string written = core::format_rfc3339(*instant);
            FUZZ_CHECK(core::parse_rfc3339(written) == instant);
            if (our_form(text)) FUZZ_CHECK(written == upper(text));
        }
        if (size >= 8) {
            std::int64_t raw;
            std::memcpy(&raw, data, sizeof raw);
            const std::int64_t first = -62167219200;  // 0000-01-01T00:00:00Z
            const std::int64_t last = 253402300799;   // 9999-12-31T23:59:59Z
            const std::int64_t span = last - first + 1;
            const std::int64_t instant = first + ((raw % span) + span) % span;
            const std::string written = core::format_rfc3339(instant);
            FUZZ_CHECK(written.size() == 20);
            FUZZ_CHECK(core::parse_rfc3339(written) == instant);
        }
    });
    return 0;
}
