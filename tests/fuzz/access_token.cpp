// Access tokens (server::verify_access_token): the Authorization header of every signed-in call. The
// first byte picks the form of the rest:
//   0: the token as it came;
//   1: "header JSON\npayload JSON", signed here with the server's key, so the checks behind the
//      signature (algorithm, claims, issuer, audience, expiry) see every shape of claims;
//   2: claims from the bytes, signed by sign_access_token.
// Checks: nothing passes but what the key signed, spelled one way; what passes is HS256 with the claims the token carries, unexpired;
// a token we signed with claims not yet expired reads back the same claims; no exception.
#include <cstring>
#include <nlohmann/json.hpp>

#include "fuzz.hpp"
#include "server/identity/crypto.hpp"
#include "server/identity/jwt.hpp"

namespace {

const std::string key = "0123456789abcdef0123456789abcdef";
constexpr std::int64_t now = 1772835300;
// The one key there is, named "k1" in a token's header.
const std::string* key_for(std::string_view id) { return id == "k1" ? &key : nullptr; }

std::string sign(std::string_view header, std::string_view payload) {
    using server::crypto::base64url_encode;
    const std::string input = base64url_encode(header) + "." + base64url_encode(payload);
    return input + "." + base64url_encode(server::crypto::hmac_sha256(key, input));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, size_t size) {
    if (size < 1) return 0;
    fuzz::guard([&] {
        const std::string_view rest = fuzz::bytes(data + 1, size - 1);
        switch (data[0] % 3) {
            case 0: {
                // What passes is exactly what the key signs: its signature is the HMAC of the rest, in
                // the one base64url spelling (no second token with the same claims).
                if (server::verify_access_token(rest, key_for, now)) {
                    const size_t dot = rest.rfind('.');
                    FUZZ_CHECK(dot != std::string_view::npos);
                    const std::string_view input = rest.substr(0, dot);
                    FUZZ_CHECK(rest.substr(dot + 1) ==
                               server::crypto::base64url_encode(server::crypto::hmac_sha256(key, input)));
                }
                break;
            }
            case 1: {
                auto [header, payload] = fuzz::split(rest, '\n');
                auto claims = server::verify_access_token(sign(header, payload), key_for, now);
                if (!claims) {
                    FUZZ_CHECK(claims.error().code == "invalid_token");
                    break;
                }
                const auto h = nlohmann::json::parse(header);
                const auto p = nlohmann::json::parse(payload);
                FUZZ_CHECK(h["alg"] == "HS256" && h["kid"] == "k1");
                FUZZ_CHECK(p["sub"] == claims.value().subject && p["iat"] == claims.value().issued_at &&
                           p["exp"] == claims.value().expires_at);
                FUZZ_CHECK(p["iss"] == server::token_issuer && p["aud"] == server::token_audience);
                FUZZ_CHECK(claims.value().expires_at > now);
                break;
            }
            case 2: {
                if (rest.size() < 16) break;
                server::AccessClaims claims;
                std::memcpy(&claims.issued_at, rest.data(), 8);
                std::memcpy(&claims.expires_at, rest.data() + 8, 8);
                auto [subject, token_id] = fuzz::split(rest.substr(16), '\n');
                claims.subject = subject;
                claims.token_id = token_id;
                claims.session = token_id;
                if (!fuzz::is_utf8(claims.subject) || !fuzz::is_utf8(claims.token_id)) break;  // ids are ours: UTF-8
                auto read = server::verify_access_token(server::sign_access_token(claims, "k1", key), key_for, now);
                FUZZ_CHECK(read.ok() == (claims.expires_at > now));
                if (read)
                    FUZZ_CHECK(read.value().subject == claims.subject && read.value().issued_at == claims.issued_at &&
                               read.value().expires_at == claims.expires_at && read.value().token_id == claims.token_id &&
                               read.value().session == claims.session);
                break;
            }
        }
    });
    return 0;
}
