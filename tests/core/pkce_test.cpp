#include <doctest/doctest.h>

#include "core/pkce.hpp"

TEST_CASE("PKCE S256 challenge: RFC 7636 appendix B") {
    CHECK(core::code_challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk") == "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
}
