#pragma once
// "Continue with Google": the server as an OpenID Connect relying party. Discovery, authorization code
// with PKCE, the ID token's RS256 signature checked against the provider's JWKS, and its iss, aud, exp
// and nonce, bound to the portal's sign-in transaction. Runs in a popup: the result goes back to the
// portal's callback page, which hands it to its opener.
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/result.hpp"
#include "core/time.hpp"
#include "server/database.hpp"
#include "server/outcome.hpp"

namespace server {

class AuthService;

struct GoogleSettings {
    std::string issuer, client_id, client_secret;
    std::string callback_uri;  // <server origin>/oauth/callback/google
    std::function<core::UtcSeconds()> clock;
};

// What the browser should be sent to: elsewhere (a location), or a page with a message saying why not.
struct Navigation {
    Outcome outcome = Outcome::ok;
    std::string location;  // where to go; a page when empty
    std::string message;   // for pages
};

// The pure parts of checking an ID token (the fuzz target runs them as the server does): the key id its
// header names when it names RS256; a JWKS document's RSA key by id; the token checked against the keys
// (signature, iss, aud, exp, nonce), giving its claims; and the email of claims the provider verified.
struct IdTokenExpectations {
    std::string issuer, client_id, nonce;
    core::UtcSeconds now = 0;
};
core::Result<std::string> id_token_key_id(std::string_view token);
const nlohmann::json* find_signing_key(const nlohmann::json& jwks, const std::string& kid);
core::Result<nlohmann::json> check_id_token(std::string_view token, const nlohmann::json& jwks,
                                            const IdTokenExpectations& expected);
std::optional<std::string> verified_email(const nlohmann::json& claims);

class GoogleSignIn {
public:
    GoogleSignIn(Database& database, AuthService& auth, GoogleSettings settings);
    void set_callback_uri(std::string uri) { settings.callback_uri = std::move(uri); }
    bool enabled() const { return !settings.issuer.empty(); }

    Navigation authorize(const std::string& transaction_id);
    Navigation callback(const std::function<std::string(const char*)>& query);

    // Checks an ID token (exposed for the tests of its refusals).
    core::Result<nlohmann::json> verify_id_token(const std::string& token, const std::string& nonce);

private:
    core::Result<nlohmann::json> discovery();
    core::Result<nlohmann::json> fetch_json(const std::string& url, const std::string& form_body = "");

    Database& db;
    AuthService& auth;
    GoogleSettings settings;
    std::mutex mutex;
    nlohmann::json cached_discovery, cached_jwks;
};

}  // namespace server
