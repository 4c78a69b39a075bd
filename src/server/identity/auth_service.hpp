#pragma once
// The identity service: sign-in transactions bound to PKCE, the email-code and password + second-factor
// methods, authorization codes, access tokens and rotating refresh tokens, and who may open tickets.
// Every method returns a Reply (status, JSON body, cookie) so the HTTP layer stays thin; time comes
// from the configured clock, so expiries are testable.
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <variant>

#include <nlohmann/json.hpp>

#include "core/time.hpp"
#include "server/database.hpp"
#include "server/identity/messaging.hpp"
#include "server/reply.hpp"

namespace server {

struct AuthSettings {
    std::function<core::UtcSeconds()> clock;
    std::string redirect_uri;          // the portal's callback page, exact match
    bool cross_site_cookies = false;   // SameSite=None; Partitioned (portal inside a cross-site iframe)
    bool dev_outbox = false;           // expose GET /dev/outbox (loopback development only)
    MessagingSettings messaging;       // SMTP relay and SMS provider, where configured
};

class AuthService {
public:
    static constexpr const char* client_id = "support-portal";
    static constexpr const char* refresh_cookie = "portal_refresh";
    static constexpr int access_token_seconds = 15 * 60;
    static constexpr int code_seconds = 10 * 60;
    static constexpr int max_failed_attempts = 5;

    AuthService(Database& database, AuthSettings settings);

    // Reads or creates the server's signing key; an Error when the store fails.
    core::Result<bool> start();
    void set_redirect_uri(std::string uri) { settings.redirect_uri = std::move(uri); }

    Reply start_transaction(const nlohmann::json& body);
    Reply send_email_code(const std::string& transaction_id, const nlohmann::json& body, const std::string& address);
    Reply verify_email_code(const std::string& transaction_id, const nlohmann::json& body);
    Reply password(const std::string& transaction_id, const nlohmann::json& body, const std::string& address);
    Reply send_sms_code(const std::string& transaction_id, const std::string& address);
    Reply verify_second_factor(const std::string& transaction_id, const nlohmann::json& body);
    // POST /oauth/token with its form fields; the refresh token comes from the cookie.
    Reply token(const std::function<std::string(const char*)>& form, const std::string& refresh_cookie_value);
    Reply revoke(const std::string& refresh_cookie_value);
    Reply me(const std::string& authorization_header);
    // For an external identity provider that verified this email: completes the transaction for the
    // user registered with it ({code, state}), or says why not.
    Reply complete_with_email(const std::string& transaction_id, const std::string& email);
    Reply outbox(const std::string& recipient);

    // The user id an access token belongs to, or the Reply to send instead (401).
    std::variant<std::string, Reply> authenticate(const std::string& authorization_header);

private:
    struct Transaction;
    std::optional<Transaction> load_transaction(const std::string& id, Reply& error);
    Reply wrong_code(const Transaction& txn, const char* what);
    Reply issue_authorization_code(const Transaction& txn, const std::string& user_id);
    Reply issue_tokens(const std::string& user_id, const std::string& family_id);
    std::string code_hash(std::string_view purpose, std::string_view transaction, std::string_view code) const;
    bool allow_send(const std::string& key, int limit, int window_seconds);
    // Delivers a message by its channel's configured way, or to the outbox; an Error when delivery failed.
    core::Result<bool> send(const std::string& recipient, const std::string& channel, const std::string& subject,
                            const std::string& body);
    std::string refresh_cookie_header(const std::string& token, int max_age) const;

    Database& db;
    AuthSettings settings;
    std::string signing_key;
    std::mutex mutex;  // one flow step at a time: simple, and SQLite serializes writes anyway
};

}  // namespace server
