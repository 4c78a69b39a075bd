#pragma once
// "Continue with Google": the server as an OpenID Connect relying party. Discovery, authorization code
// with PKCE, the ID token's RS256 signature checked against the provider's JWKS, and its iss, aud, exp
// and nonce, bound to the portal's sign-in transaction. Runs in a popup: the result goes back to the
// portal's callback page, which hands it to its opener.
#include <functional>
#include <mutex>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/result.hpp"
#include "core/time.hpp"
#include "server/database.hpp"

namespace server {

class AuthService;

struct GoogleSettings {
    std::string issuer, client_id, client_secret;
    std::string callback_uri;  // <server origin>/oauth/callback/google
    std::function<core::UtcSeconds()> clock;
};

// What the browser should be sent to: a redirect, or a page with a message.
struct Navigation {
    int status = 302;
    std::string location;  // for redirects
    std::string message;   // for pages
};

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
