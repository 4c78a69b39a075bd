// "Continue with Google": the ID token the provider returns, checked by the server's own pure functions
// (server::id_token_key_id, find_signing_key, check_id_token, verified_email; verify_id_token only adds
// the fetches). The first byte picks the form of the rest:
//   0: the token as it came, against the provider's keys;
//   1: "header JSON\npayload JSON", signed here with the provider's RSA key, so the checks behind the
//      signature see every shape of claims, then the email the callback would take from them;
//   2: a JWKS document (the provider's keys, fetched over the network) for a good token.
// Checks: nothing unsigned passes; what passes has our issuer, our client among its audiences, a nonce
// that matches and an expiry ahead; an email is taken only when the provider says it verified it; no
// exception.
#include <nlohmann/json.hpp>

#include "fuzz.hpp"
#include "rs256.hpp"
#include "server/identity/google.hpp"

using nlohmann::json;

namespace {

const server::IdTokenExpectations expected{"https://accounts.example", "portal-server", "nonce-1", 1772835300};

// A small key: the signature's size does not change what is checked, and signing is per input.
struct Provider {
    EVP_PKEY* key = EVP_RSA_gen(512);
    json jwks = {{"keys", {rs256::public_jwk(key, {{"kid", "k1"}, {"alg", "RS256"}})}}};

    std::string sign(std::string_view header, std::string_view payload) const {
        return rs256::sign(key, header, payload);
    }
};

const Provider& provider() {
    static const Provider p;
    return p;
}

const std::string& good_token() {
    static const std::string token = provider().sign(
        R"({"alg":"RS256","kid":"k1"})",
        json{{"iss", expected.issuer}, {"aud", expected.client_id}, {"exp", expected.now + 600}, {"nonce", expected.nonce},
             {"email", "ana@demo.store"}, {"email_verified", true}}
            .dump());
    return token;
}

void check_passed(const json& claims) {
    FUZZ_CHECK(claims.is_object());
    FUZZ_CHECK(claims["iss"] == expected.issuer);
    const json& aud = claims["aud"];
    FUZZ_CHECK(aud == expected.client_id ||
               (aud.is_array() && std::find(aud.begin(), aud.end(), expected.client_id) != aud.end()));
    FUZZ_CHECK(claims["exp"].is_number() && claims["exp"].get<double>() > expected.now);
    FUZZ_CHECK(claims["nonce"] == expected.nonce);
    if (auto email = server::verified_email(claims)) {
        FUZZ_CHECK(claims["email_verified"] == true);
        FUZZ_CHECK(claims["email"] == *email);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, size_t size) {
    if (size < 1) return 0;
    fuzz::guard([&] {
        const std::string_view rest = fuzz::bytes(data + 1, size - 1);
        switch (data[0] % 3) {
            case 0: {
                (void)server::id_token_key_id(rest);
                auto claims = server::check_id_token(rest, provider().jwks, expected);
                FUZZ_CHECK(!claims || std::string(rest) == good_token());
                break;
            }
            case 1: {
                auto [header, payload] = fuzz::split(rest, '\n');
                auto claims = server::check_id_token(provider().sign(header, payload), provider().jwks, expected);
                if (claims) check_passed(claims.value());
                else FUZZ_CHECK(claims.error().code == "invalid_id_token");
                break;
            }
            case 2: {
                const json jwks = json::parse(rest, nullptr, false);
                if (const json* key = server::find_signing_key(jwks, "k1")) FUZZ_CHECK((*key)["kty"] == "RSA");
                auto claims = server::check_id_token(good_token(), jwks, expected);
                if (claims) check_passed(claims.value());
                break;
            }
        }
    });
    return 0;
}
