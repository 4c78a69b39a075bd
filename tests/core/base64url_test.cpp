// core::base64url against RFC 4648 (section 10's vectors, the URL alphabet of section 5, no padding), and
// the decoder's one accepted spelling.
#include <doctest/doctest.h>

#include "core/base64url.hpp"

TEST_CASE("base64url: RFC 4648 section 10, without the padding") {
    struct Vector {
        const char *bytes, *text;
    };
    const Vector vectors[] = {
        {"", ""}, {"f", "Zg"}, {"fo", "Zm8"}, {"foo", "Zm9v"}, {"foob", "Zm9vYg"}, {"fooba", "Zm9vYmE"},
        {"foobar", "Zm9vYmFy"}};
    for (const Vector& v : vectors) {
        CAPTURE(v.bytes);
        CHECK(core::base64url(v.bytes) == v.text);
        CHECK(core::base64url_decode(v.text) == std::string(v.bytes));
    }
}

TEST_CASE("base64url: the URL alphabet, - and _ where base64 has + and /") {
    CHECK(core::base64url("\xfb\xff") == "-_8");
    CHECK(core::base64url("\xfb\xef\xbe") == "----");
    CHECK(core::base64url("\xff\xff\xff") == "____");
    CHECK(core::base64url_decode("-_8") == std::string("\xfb\xff"));
    std::string every_byte;
    for (int b = 0; b < 256; ++b) every_byte += static_cast<char>(b);
    const std::string text = core::base64url(every_byte);
    CHECK(text.size() == 342);  // 256 bytes: 85 groups of four and three characters for the last byte
    CHECK(text.substr(0, 8) == "AAECAwQF");
    CHECK(core::base64url_decode(text) == every_byte);
}

TEST_CASE("base64url_decode: anything but the one spelling base64url() gives is refused") {
    for (const char* refused : {"Zg==", "Zm8=", "Zm9v YmFy", "Zm9v\n", "Zm9v+/", "a", "Zm9vY", "Zh", "Zm9", "*"}) {
        CAPTURE(refused);
        CHECK_FALSE(core::base64url_decode(refused).has_value());
    }
    // "Zh" and "Zm9" set bits past the last byte: the same bytes as "Zg" and "Zm8", spelled another way.
    CHECK(core::base64url_decode("Zg") == std::string("f"));
    CHECK(core::base64url_decode("") == std::string());
}
