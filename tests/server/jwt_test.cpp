// Access tokens: what verify_access_token refuses, here claims of another type behind a good signature.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "server/identity/crypto.hpp"
#include "server/identity/jwt.hpp"

using nlohmann::json;

TEST_CASE("access tokens: a claim of another type is refused, never thrown") {
    // Only the server's key signs tokens, so this needs the key; fuzz_access_token signs what it makes
    // and its check confirms the input (the pattern fuzz_id_token found in the ID token's reads).
    const std::string key = "0123456789abcdef0123456789abcdef";
    const std::int64_t now = 1772835300;
    auto sign = [&key](const json& claims) {
        using server::crypto::base64url_encode;
        const std::string input = base64url_encode(R"({"alg":"HS256","typ":"JWT","kid":"k1"})") + "." + base64url_encode(claims.dump());
        return input + "." + base64url_encode(server::crypto::hmac_sha256(key, input));
    };
    const json good = {{"iss", "portal-server"}, {"aud", "support-portal"}, {"sub", "u_ana"},
                       {"iat", now - 10},        {"exp", now + 900},        {"jti", "j1"}, {"sid", "s1"}};
    auto key_for = [&key](std::string_view id) { return id == "k1" ? &key : nullptr; };
    auto read = server::verify_access_token(sign(good), key_for, now);
    REQUIRE(read.ok());
    CHECK(read.value().subject == "u_ana");
    CHECK(read.value().token_id == "j1");
    for (const char* claim : {"iss", "aud"}) {
        CAPTURE(claim);
        json claims = good;
        claims[claim] = 1;
        auto refused = server::verify_access_token(sign(claims), key_for, now);
        REQUIRE_FALSE(refused.ok());
        CHECK(refused.error().code == "invalid_token");
    }
    json numeric_id = good;
    numeric_id["jti"] = 7;
    auto without_id = server::verify_access_token(sign(numeric_id), key_for, now);
    REQUIRE(without_id.ok());
    CHECK(without_id.value().token_id.empty());
}
