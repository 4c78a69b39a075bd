// The relying party's ID-token checks against a provider served in-process: discovery and JWKS from a
// local HTTP server, tokens signed here with a fresh RSA key, then altered the ways attackers would.
#include <doctest/doctest.h>

#include <httplib.h>

#include <nlohmann/json.hpp>
#include <thread>

#include "rs256.hpp"
#include "server/identity/auth_service.hpp"
#include "server/identity/crypto.hpp"
#include "server/identity/google.hpp"
#include "server/identity/keys.hpp"
#include "test_server.hpp"

using nlohmann::json;

namespace {

struct Provider {
    EVP_PKEY* key = EVP_RSA_gen(2048);
    httplib::Server http;
    std::thread serving;
    int port = 0;
    std::string issuer;

    Provider() {
        port = http.bind_to_any_port("127.0.0.1");
        issuer = "http://127.0.0.1:" + std::to_string(port);
        json jwks = {{"keys", {rs256::public_jwk(key, {{"kid", "k1"}, {"alg", "RS256"}, {"use", "sig"}})}}};
        http.Get("/.well-known/openid-configuration", [this](const httplib::Request&, httplib::Response& res) {
            res.set_content(json{{"issuer", issuer}, {"authorization_endpoint", issuer + "/auth"},
                                 {"token_endpoint", issuer + "/token"}, {"jwks_uri", issuer + "/jwks"}}.dump(),
                            "application/json");
        });
        http.Get("/jwks", [jwks](const httplib::Request&, httplib::Response& res) { res.set_content(jwks.dump(), "application/json"); });
        serving = std::thread([this] { http.listen_after_bind(); });
        // stop() before the thread has begun listening would not stop it, and the destructor's join would
        // wait for ever: a test that never calls the provider ends that fast on a busy machine.
        http.wait_until_ready();
    }
    ~Provider() {
        http.stop();
        serving.join();
        EVP_PKEY_free(key);
    }

    std::string sign(const json& header, const json& claims) const {
        return rs256::sign(key, header.dump(), claims.dump());
    }
};

}  // namespace

TEST_CASE("ID tokens: a good one passes; wrong algorithm, signature, issuer, audience, expiry or nonce do not") {
    Provider provider;
    TestServer host;
    const core::UtcSeconds now = 1772802000;
    server::KeyRing keys;
    REQUIRE(keys.open(host.dir / "test-keys.json", now).ok());
    server::AuthService auth(*host.database, keys, server::AuthSettings{[now] { return now; }, "", false, false});
    server::GoogleSignIn google(*host.database, auth,
                                server::GoogleSettings{provider.issuer, "portal-server", "secret", "", [now] { return now; }});
    const json header = {{"alg", "RS256"}, {"kid", "k1"}, {"typ", "JWT"}};
    const json good = {{"iss", provider.issuer}, {"aud", "portal-server"}, {"sub", "123"}, {"email", "ana@demo.store"},
                       {"email_verified", true}, {"iat", now - 10}, {"exp", now + 600}, {"nonce", "n-1"}};

    auto ok = google.verify_id_token(provider.sign(header, good), "n-1");
    REQUIRE_MESSAGE(ok.ok(), (ok.ok() ? "" : ok.error().message));
    CHECK(ok.value()["email"] == "ana@demo.store");

    struct Case {
        const char* why;
        std::string token;
        const char* nonce;
    };
    auto with = [&](const char* field, json value) {
        json claims = good;
        claims[field] = std::move(value);
        return provider.sign(header, claims);
    };
    const std::string good_token = provider.sign(header, good);
    const std::string none_token = server::crypto::base64url_encode(json{{"alg", "none"}}.dump()) + "." +
                                   server::crypto::base64url_encode(good.dump()) + ".";
    std::string tampered = good_token;
    tampered[tampered.find('.') + 5] ^= 1;  // one bit of the claims
    const Case cases[] = {
        {"alg none", none_token, "n-1"},
        {"HS256 header", provider.sign({{"alg", "HS256"}, {"kid", "k1"}}, good), "n-1"},
        {"changed claims", tampered, "n-1"},
        {"unknown key", provider.sign({{"alg", "RS256"}, {"kid", "k9"}}, good), "n-1"},
        {"another issuer", with("iss", "https://evil.example"), "n-1"},
        {"another audience", with("aud", "someone-else"), "n-1"},
        {"expired", with("exp", now - 1), "n-1"},
        {"replayed for another sign-in", good_token, "n-2"},
        {"no nonce expected", good_token, ""},
        {"garbage", "not.a.token", "n-1"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.why);
        CHECK_FALSE(google.verify_id_token(c.token, c.nonce).ok());
    }
    // An audience list that includes this client is accepted, as the specification allows.
    CHECK(google.verify_id_token(with("aud", json::array({"other", "portal-server"})), "n-1").ok());
}

TEST_CASE("ID tokens (found by fuzz_id_token): a field of the wrong type is refused, never thrown") {
    // A key whose "n" was a number threw out of verify_id_token (the callback answered 500 instead of
    // sending the popup back to the portal with a reason); so did any provider field read as text.
    Provider provider;
    const core::UtcSeconds now = 1772802000;
    const server::IdTokenExpectations expected{"https://accounts.example", "portal-server", "n-1", now};
    const json header = {{"alg", "RS256"}, {"kid", "k1"}};
    const json good = {{"iss", expected.issuer}, {"aud", "portal-server"}, {"email", "ana@demo.store"},
                       {"email_verified", true}, {"exp", now + 600}, {"nonce", "n-1"}};
    json jwks = {{"keys", {rs256::public_jwk(provider.key, {{"kid", "k1"}})}}};
    REQUIRE(server::check_id_token(provider.sign(header, good), jwks, expected).ok());

    for (const char* field : {"n", "e", "kty", "kid"}) {
        CAPTURE(field);
        json keys = jwks;
        keys["keys"][0][field] = 18446744073709551615u;
        CHECK_FALSE(server::check_id_token(provider.sign(header, good), keys, expected).ok());
    }
    CHECK(server::find_signing_key(json{{"keys", {1, "k1", nullptr}}}, "k1") == nullptr);
    CHECK_FALSE(server::check_id_token(provider.sign({{"alg", 256}, {"kid", "k1"}}, good), jwks, expected).ok());
    CHECK_FALSE(server::check_id_token(provider.sign({{"alg", "RS256"}, {"kid", 1}}, good), jwks, expected).ok());
    for (const char* field : {"iss", "nonce"}) {
        CAPTURE(field);
        json claims = good;
        claims[field] = 1;
        CHECK_FALSE(server::check_id_token(provider.sign(header, claims), jwks, expected).ok());
    }
    // Only the boolean true says the provider verified the email, and only a string is an email.
    CHECK(server::verified_email(good) == "ana@demo.store");
    for (const json& verified : {json("true"), json(1), json(nullptr), json(false)}) {
        json claims = good;
        claims["email_verified"] = verified;
        CHECK_FALSE(server::verified_email(claims).has_value());
    }
    json numeric_email = good;
    numeric_email["email"] = 42;
    CHECK_FALSE(server::verified_email(numeric_email).has_value());
}
