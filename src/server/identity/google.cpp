#include "server/identity/google.hpp"

#include <httplib.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

#include "core/json_text.hpp"
#include "core/pkce.hpp"
#include "core/url.hpp"
#include "server/identity/auth_service.hpp"
#include "server/identity/crypto.hpp"
#include "server/identity/identity_store.hpp"

namespace server {

using nlohmann::json;

namespace {

bool rs256_verify(const std::string& n, const std::string& e, std::string_view input, std::string_view signature) {
    BIGNUM* bn_n = BN_bin2bn(reinterpret_cast<const unsigned char*>(n.data()), static_cast<int>(n.size()), nullptr);
    BIGNUM* bn_e = BN_bin2bn(reinterpret_cast<const unsigned char*>(e.data()), static_cast<int>(e.size()), nullptr);
    OSSL_PARAM_BLD* build = OSSL_PARAM_BLD_new();
    OSSL_PARAM* params = nullptr;
    EVP_PKEY_CTX* key_ctx = EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr);
    EVP_PKEY* key = nullptr;
    EVP_MD_CTX* md = EVP_MD_CTX_new();
    bool ok = bn_n && bn_e && build && key_ctx && md && OSSL_PARAM_BLD_push_BN(build, OSSL_PKEY_PARAM_RSA_N, bn_n) &&
              OSSL_PARAM_BLD_push_BN(build, OSSL_PKEY_PARAM_RSA_E, bn_e) &&
              (params = OSSL_PARAM_BLD_to_param(build)) && EVP_PKEY_fromdata_init(key_ctx) == 1 &&
              EVP_PKEY_fromdata(key_ctx, &key, EVP_PKEY_PUBLIC_KEY, params) == 1 &&
              EVP_DigestVerifyInit(md, nullptr, EVP_sha256(), nullptr, key) == 1 &&
              EVP_DigestVerify(md, reinterpret_cast<const unsigned char*>(signature.data()), signature.size(),
                               reinterpret_cast<const unsigned char*>(input.data()), input.size()) == 1;
    EVP_MD_CTX_free(md);
    EVP_PKEY_free(key);
    EVP_PKEY_CTX_free(key_ctx);
    OSSL_PARAM_free(params);
    OSSL_PARAM_BLD_free(build);
    BN_free(bn_n);
    BN_free(bn_e);
    return ok;
}

core::Error refused(const std::string& why) { return core::Error{"invalid_id_token", why}; }


}  // namespace

GoogleSignIn::GoogleSignIn(Database& database, AuthService& service, GoogleSettings config)
    : db(database), auth(service), settings(std::move(config)) {}

core::Result<json> GoogleSignIn::fetch_json(const std::string& url, const std::string& form_body) {
    const size_t scheme = url.find("://");
    const size_t path_at = scheme == std::string::npos ? std::string::npos : url.find('/', scheme + 3);
    if (path_at == std::string::npos) return core::Error{"provider", "bad provider URL " + url};
    httplib::Client client(url.substr(0, path_at));
    client.set_connection_timeout(5);
    client.set_read_timeout(10);
    auto res = form_body.empty() ? client.Get(url.substr(path_at))
                                 : client.Post(url.substr(path_at), form_body, "application/x-www-form-urlencoded");
    if (!res) return core::Error{"provider", "Google could not be reached. Try again in a moment."};
    json body = json::parse(res->body, nullptr, false);
    if (res->status != 200 || !body.is_object())
        return core::Error{"provider", "Google refused the sign-in (HTTP " + std::to_string(res->status) + ")."};
    return body;
}

core::Result<json> GoogleSignIn::discovery() {
    std::lock_guard<std::mutex> guard(mutex);
    if (!cached_discovery.is_null()) return cached_discovery;
    auto doc = fetch_json(settings.issuer + "/.well-known/openid-configuration");
    if (!doc) return doc.error();
    for (const char* field : {"issuer", "authorization_endpoint", "token_endpoint", "jwks_uri"})
        if (!doc.value().contains(field) || !doc.value()[field].is_string())
            return core::Error{"provider", std::string("the provider's discovery document has no ") + field};
    if (doc.value()["issuer"] != settings.issuer)
        return core::Error{"provider", "the provider's discovery document names another issuer"};
    cached_discovery = doc.value();
    return cached_discovery;
}

Navigation GoogleSignIn::authorize(const std::string& transaction_id) {
    if (!enabled()) return Navigation{Outcome::not_found, "", "Signing in with Google is not set up on this server."};
    {
        auto r = db.reader();
        const auto txn = IdentityStore(*r).transaction(transaction_id);
        if (!txn || txn->completed || txn->failed_attempts >= AuthService::max_failed_attempts ||
            txn->expires_at <= settings.clock())
            return Navigation{Outcome::invalid, "",
                              "This sign-in is no longer valid. Close this window and start signing in again."};
    }
    auto doc = discovery();
    if (!doc)
        return Navigation{Outcome::upstream_failed, "", doc.error().message + " Close this window and try again."};
    const std::string state = crypto::random_token(24), nonce = crypto::random_token(24), verifier = crypto::random_token(32);
    const bool stored = db.write([&](Connection& c) {
        return IdentityStore(c).set_google_leg(transaction_id, state, nonce, verifier).empty();
    });
    if (!stored)
        return Navigation{Outcome::unavailable, "",
                          "The sign-in could not be started. Close this window and try again."};
    const std::string challenge = core::code_challenge(verifier);
    return Navigation{Outcome::ok,
                      doc.value()["authorization_endpoint"].get<std::string>() +
                          "?response_type=code&client_id=" + core::percent_encode(settings.client_id) +
                          "&redirect_uri=" + core::percent_encode(settings.callback_uri) +
                          "&scope=openid%20email&state=" + state + "&nonce=" + nonce + "&code_challenge=" + challenge +
                          "&code_challenge_method=S256",
                      ""};
}

core::Result<std::string> id_token_key_id(std::string_view token) {
    const size_t first = token.find('.'), second = first == std::string_view::npos ? first : token.find('.', first + 1);
    if (second == std::string_view::npos) return refused("malformed");
    auto header_text = crypto::base64url_decode(token.substr(0, first));
    json header = header_text ? json::parse(*header_text, nullptr, false) : json();
    if (!header.is_object() || core::text_member(header, "alg") != "RS256") return refused("unexpected algorithm");
    return core::text_member(header, "kid");
}

const json* find_signing_key(const json& jwks, const std::string& kid) {
    if (!jwks.is_object() || !jwks.contains("keys") || !jwks["keys"].is_array()) return nullptr;
    for (const json& key : jwks["keys"])
        if (core::text_member(key, "kty") == "RSA" && core::text_member(key, "kid") == kid) return &key;
    return nullptr;
}

core::Result<json> check_id_token(std::string_view token, const json& jwks, const IdTokenExpectations& expected) {
    auto kid = id_token_key_id(token);
    if (!kid) return kid.error();
    const size_t first = token.find('.'), second = token.find('.', first + 1);
    const json* key = find_signing_key(jwks, kid.value());
    if (!key) return refused("unknown signing key");
    auto n = crypto::base64url_decode(core::text_member(*key, "n")), e = crypto::base64url_decode(core::text_member(*key, "e"));
    auto signature = crypto::base64url_decode(token.substr(second + 1));
    if (!n || !e || !signature || !rs256_verify(*n, *e, token.substr(0, second), *signature))
        return refused("bad signature");
    auto payload_text = crypto::base64url_decode(token.substr(first + 1, second - first - 1));
    json claims = payload_text ? json::parse(*payload_text, nullptr, false) : json();
    if (!claims.is_object()) return refused("malformed claims");
    if (core::text_member(claims, "iss") != expected.issuer) return refused("wrong issuer");
    const json& aud = claims.contains("aud") ? claims["aud"] : json();
    const bool audience_ok = (aud.is_string() && aud == expected.client_id) ||
                             (aud.is_array() && std::find(aud.begin(), aud.end(), expected.client_id) != aud.end());
    if (!audience_ok) return refused("issued for another client");
    if (!claims.contains("exp") || !claims["exp"].is_number() || claims["exp"].get<double>() <= expected.now)
        return refused("expired");
    if (core::text_member(claims, "nonce") != expected.nonce || expected.nonce.empty()) return refused("nonce does not match this sign-in");
    return claims;
}

std::optional<std::string> verified_email(const json& claims) {
    // Only the boolean true says verified; an email that is not a string is no email.
    const auto verified = claims.find("email_verified");
    if (verified == claims.end() || *verified != true || core::text_member(claims, "email").empty()) return std::nullopt;
    return core::text_member(claims, "email");
}

core::Result<json> GoogleSignIn::verify_id_token(const std::string& token, const std::string& nonce) {
    auto kid = id_token_key_id(token);
    if (!kid) return kid.error();
    auto doc = discovery();
    if (!doc) return doc.error();
    json jwks;
    {
        std::lock_guard<std::mutex> guard(mutex);
        jwks = cached_jwks;
    }
    if (!find_signing_key(jwks, kid.value())) {  // unknown key id: the provider may have rotated its keys
        auto fetched = fetch_json(doc.value()["jwks_uri"].get<std::string>());
        if (!fetched) return fetched.error();
        jwks = fetched.value();
        std::lock_guard<std::mutex> guard(mutex);
        cached_jwks = jwks;
    }
    return check_id_token(token, jwks, IdTokenExpectations{doc.value()["issuer"].get<std::string>(), settings.client_id,
                                                           nonce, settings.clock()});
}

Navigation GoogleSignIn::callback(const std::function<std::string(const char*)>& query) {
    const std::string google_state = query("state");
    std::string transaction_id, redirect_uri, portal_state, nonce, verifier;
    const bool found = !google_state.empty() && db.write([&](Connection& c) {
        std::string failed;
        const auto leg = IdentityStore(c).take_google_leg(google_state, failed);  // a callback is honoured once
        if (!leg) return false;
        transaction_id = leg->transaction_id;
        redirect_uri = leg->redirect_uri;
        portal_state = leg->portal_state;
        nonce = leg->nonce;
        verifier = leg->verifier;
        return true;
    });
    if (!found || transaction_id.empty())
        return Navigation{
            Outcome::invalid, "",
            "This Google sign-in does not belong to a sign-in in progress. Close this window and start again."};
    // The portal says `code` in the reader's language (its catalog's server.<code>); the description is
    // the English for anything else that reads the redirect.
    auto fail = [&](const std::string& message, const char* code = "google_failed", const std::string& email = "") {
        return Navigation{Outcome::ok,
                          redirect_uri + "?error=access_denied&error_code=" + code +
                              (email.empty() ? "" : "&error_email=" + core::percent_encode(email)) +
                              "&error_description=" + core::percent_encode(message) +
                              "&state=" + core::percent_encode(portal_state),
                          ""};
    };
    if (query("error") == "access_denied")
        return fail("Google sign-in was cancelled. Try again, or use another way to sign in.", "google_cancelled");
    if (!query("error").empty())
        return fail("Google could not sign you in (" + query("error") + "). Try again, or use another way to sign in.");
    auto doc = discovery();
    if (!doc) return fail(doc.error().message);
    auto tokens = fetch_json(doc.value()["token_endpoint"].get<std::string>(),
                             "grant_type=authorization_code&code=" + core::percent_encode(query("code")) + "&redirect_uri=" +
                                 core::percent_encode(settings.callback_uri) + "&client_id=" + core::percent_encode(settings.client_id) +
                                 "&client_secret=" + core::percent_encode(settings.client_secret) + "&code_verifier=" + verifier);
    if (!tokens) return fail(tokens.error().message);
    if (!tokens.value().contains("id_token") || !tokens.value()["id_token"].is_string())
        return fail("Google did not say who you are. Try again.");
    auto claims = verify_id_token(tokens.value()["id_token"].get<std::string>(), nonce);
    if (!claims) return fail("Google's answer could not be trusted (" + claims.error().message + "). Try again.");
    const auto email = verified_email(claims.value());
    if (!email)
        return fail("Your Google account's email is not verified. Verify it at Google, or use another way to sign in.",
                    "google_unverified");
    Reply done = auth.complete_with_email(transaction_id, *email);
    if (done.outcome != Outcome::ok)
        return fail(done.body.value("message", "The sign-in could not be completed."),
                    done.body.value("error", "") == "unknown_user" ? "unknown_user" : "google_failed",
                    done.body.value("email", ""));
    return Navigation{Outcome::ok,
                      redirect_uri + "?code=" + core::percent_encode(done.body["code"].get<std::string>()) +
                          "&state=" + core::percent_encode(done.body["state"].get<std::string>()),
                      ""};
}

}  // namespace server
