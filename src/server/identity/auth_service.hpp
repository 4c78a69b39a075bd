#pragma once
// The identity service: sign-in transactions bound to PKCE, the email-code and password + second-factor
// methods, authorization codes, access tokens and rotating refresh tokens, and who may open tickets.
// Every method returns a Reply (its Outcome, a JSON body, a cookie) so the HTTP layer stays thin; time comes
// from the configured clock, so expiries are testable.
//
// Each step reads and writes in one work of the database's single writer (Database::write), so that a
// check and the write it allows cannot be split by another request. What is slow happens outside it:
// password hashes are checked before the write (which checks the transaction again), and messages are
// delivered after the code is committed. No lock of this service is held across either.
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <variant>

#include <nlohmann/json.hpp>

#include "core/license_manager.hpp"
#include "core/time.hpp"
#include "server/config.hpp"
#include "server/database.hpp"
#include "server/identity/identity_store.hpp"
#include "server/identity/keys.hpp"
#include "server/identity/messaging.hpp"
#include "server/identity/jwt.hpp"
#include "server/reply.hpp"

namespace server {

struct AuthSettings {
    std::function<core::UtcSeconds()> clock;
    std::string redirect_uri;          // the portal's callback page, exact match
    bool cross_site_cookies = false;   // SameSite=None; Partitioned (portal inside a cross-site iframe)
    bool dev_outbox = false;           // codes go to the readable dev outbox (loopback development only)
    MessagingSettings messaging;       // SMTP relay and SMS provider, where configured
    AuthLimits limits;
    core::LicenseResource ticket_resource;  // what opens tickets on accounts that require it (GET /api/me)
};

class AuthService {
public:
    static constexpr const char* client_id = "support-portal";
    static constexpr const char* refresh_cookie = "portal_refresh";
    static constexpr int access_token_seconds = 15 * 60;
    static constexpr int code_seconds = 10 * 60;
    static constexpr int max_failed_attempts = 5;

    AuthService(Database& database, KeyRing& keys, AuthSettings settings);

    void set_redirect_uri(std::string uri) { settings.redirect_uri = std::move(uri); }

    Reply start_transaction(const nlohmann::json& body, const std::string& address);
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

    // The user id an access token belongs to, or the Reply to send instead (401 with WWW-Authenticate).
    // A token of a session that was signed out, or whose refresh token was reused, is refused at once.
    std::variant<std::string, Reply> authenticate(const std::string& authorization_header);
    // The same check, with what the token says: its user, its session (the refresh-token family) and
    // when it expires (a long-lived stream ends then, and when the session ends).
    std::variant<AccessClaims, Reply> authenticate_claims(const std::string& authorization_header);
    // Whether the session (refresh-token family) still stands: not signed out, not revoked.
    bool session_alive(const std::string& session);

private:
    using Transaction = TransactionRow;
    struct Delivery;
    std::optional<Transaction> load_transaction(Connection& c, const std::string& id, Reply& error);
    Reply wrong_code(Connection& c, const Transaction& txn, const std::string& account_key, const char* what);
    Reply issue_authorization_code(Connection& c, const Transaction& txn, const std::string& user_id);
    Reply issue_tokens(Connection& c, const std::string& user_id, const std::string& family_id);
    std::string code_hash(std::string_view purpose, std::string_view transaction, std::string_view code) const;
    // Seconds until `key` may have one more event (0: now), and recording one ("" or the store's error).
    std::int64_t wait_for(Connection& c, const std::string& key, RateLimit limit);
    std::string record(Connection& c, const std::string& key);
    // A code to send: the wait of whichever of the recipient's and the address's limits is reached.
    std::int64_t send_wait(Connection& c, const std::string& recipient_key, const std::string& address_key);
    // Writes the code's message to the dev outbox (inside the work), or says how to deliver it after
    // the commit; an Error when this server has no way to deliver on that channel.
    core::Result<std::optional<Delivery>> plan_delivery(Connection& c, const std::string& recipient,
                                                        const std::string& channel, const std::string& subject,
                                                        const std::string& body);
    core::Result<bool> deliver(const Delivery& delivery);
    // Sends a new code on `channel`: `work`, in the single writer with the transaction read, checks and
    // stores it and plans its delivery, answering 202 when it did; the message goes after the commit,
    // and when it cannot go the code is forgotten and the answer is a 502 saying `not_sent`.
    Reply send_code(const std::string& transaction_id, const std::string& channel, const char* not_sent,
                    const std::function<Reply(Connection&, const Transaction&, const std::string& code,
                                              std::optional<Delivery>& delivery)>& work);
    void forget_code(const std::string& transaction_id, const std::string& channel, const std::string& code);
    bool channel_available(const std::string& channel) const;
    // Runs `work` in the single writer; its Reply, or 503 when the database did not commit.
    Reply write(const std::function<Reply(Connection&, bool& keep)>& work);
    std::string refresh_cookie_header(const std::string& token, int max_age) const;

    Database& db;
    KeyRing& key_ring;
    AuthSettings settings;
};

// An email as a key of limits and look-ups: without surrounding spaces, in lower case.
std::string fold_email(std::string_view email);

}  // namespace server
