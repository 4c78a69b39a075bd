// An attached file's name: the raw bytes of a multipart file name (server::attachment_name), the MIME
// type chosen from it, and the Content-Disposition its download is sent with; also the text functions
// under them (core::valid_utf8, core::search_fold). Checks: a kept name is UTF-8, 1 to 200 bytes, one
// path part, without control characters, and kept again unchanged; the header holds visible ASCII
// only (no line break to inject a header), its plain name no quote or backslash, and its filename*
// decodes to the name exactly; valid_utf8 agrees with an independent decoder, keeps valid text as it
// is and gives valid text; search_fold keeps text valid and folds once for all; no exception.
#include "core/ticket.hpp"
#include "fuzz.hpp"
#include "server/tickets/attachment_name.hpp"

namespace {

int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

void check_disposition(std::string_view name) {
    const std::string header = server::content_disposition(name);
    for (unsigned char c : header) FUZZ_CHECK(c >= 0x20 && c < 0x7f);
    const std::string_view start = "attachment; filename=\"", star = "\"; filename*=UTF-8''";
    FUZZ_CHECK(header.compare(0, start.size(), start) == 0);
    const size_t quote_end = header.find(star, start.size());
    FUZZ_CHECK(quote_end != std::string::npos);
    const std::string_view plain = std::string_view(header).substr(start.size(), quote_end - start.size());
    FUZZ_CHECK(plain.find_first_of("\"\\") == std::string_view::npos);
    std::string decoded;
    const std::string_view encoded = std::string_view(header).substr(quote_end + star.size());
    for (size_t i = 0; i < encoded.size(); ++i) {
        if (encoded[i] != '%') {
            decoded += encoded[i];
            continue;
        }
        FUZZ_CHECK(i + 2 < encoded.size() && hex_digit(encoded[i + 1]) >= 0 && hex_digit(encoded[i + 2]) >= 0);
        decoded += static_cast<char>(hex_digit(encoded[i + 1]) * 16 + hex_digit(encoded[i + 2]));
        i += 2;
    }
    FUZZ_CHECK(decoded == name);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, size_t size) {
    fuzz::guard([&] {
        const std::string_view raw = fuzz::bytes(data, size);

        const std::string valid = core::valid_utf8(raw);
        FUZZ_CHECK(fuzz::is_utf8(valid));
        FUZZ_CHECK((valid == raw) == fuzz::is_utf8(raw));
        FUZZ_CHECK(core::valid_utf8(valid) == valid);
        const std::string folded = core::search_fold(valid);
        FUZZ_CHECK(fuzz::is_utf8(folded));
        FUZZ_CHECK(core::search_fold(folded) == folded);

        const std::string name = server::attachment_name(raw);
        FUZZ_CHECK(fuzz::is_utf8(name));
        FUZZ_CHECK(!name.empty() && name.size() <= 200);
        FUZZ_CHECK(name.find_first_of("/\\") == std::string::npos);
        for (unsigned char c : name) FUZZ_CHECK(c >= 0x20 && c != 0x7f);
        FUZZ_CHECK(server::attachment_name(name) == name);
        if (fuzz::is_utf8(raw) && raw.size() <= 200 && raw.find_first_of("/\\") == std::string_view::npos &&
            raw.find_first_of(std::string_view("\0\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f"
                                               "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f\x7f",
                                               33)) == std::string_view::npos &&
            !raw.empty())
            FUZZ_CHECK(name == raw);  // a plain name is kept as it is
        const std::string mime = server::attachment_mime(name);
        FUZZ_CHECK(mime.find('/') != std::string::npos);

        check_disposition(name);
        check_disposition(raw);  // whatever a row holds, the header stays one line
    });
    return 0;
}
