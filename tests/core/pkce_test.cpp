#include <doctest/doctest.h>

#include "core/pkce.hpp"

namespace {
std::string hex(const std::array<std::uint8_t, 32>& d) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    for (auto b : d) out += {digits[b >> 4], digits[b & 15]};
    return out;
}
}  // namespace

TEST_CASE("SHA-256 test vectors (FIPS 180-2)") {
    CHECK(hex(core::sha256("")) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(hex(core::sha256("abc")) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(hex(core::sha256("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")) ==
          "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    CHECK(hex(core::sha256(std::string(1000, 'a'))) == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3");
}

TEST_CASE("PKCE S256 challenge: RFC 7636 appendix B") {
    CHECK(core::code_challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk") == "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    CHECK(core::base64url("") == "");
    CHECK(core::base64url("f") == "Zg");
    CHECK(core::base64url("fo") == "Zm8");
    CHECK(core::base64url("foo") == "Zm9v");
    CHECK(core::base64url("\xfb\xff") == "-_8");
}
