#pragma once
// The identity side of the store seam: every SQL statement of signing in (transactions and their codes,
// users and their factors, authorization codes, refresh-token families, the rate limits' events, the dev
// outbox) and of who holds which License Manager resource, behind methods named in the identity
// service's words. The service (auth_*.cpp, google.cpp) keeps the rules (PKCE, expiries, how many
// tries, reuse detection) and says its refusals as Outcomes. An IdentityStore works on one connection
// the Database lent: a reader's lease, or the connection of a write() transaction.
//
// Reads give nothing (nullopt, empty) when the row is not there; changes give "" or the store's error.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/license_manager.hpp"
#include "server/database.hpp"

namespace server {

// A sign-in in progress.
struct TransactionRow {
    std::string id, client_id, redirect_uri, code_challenge, state, stage, user_id;
    std::int64_t expires_at = 0, failed_attempts = 0;
    std::optional<std::string> email_code_hash, email_code_user, sms_code_hash;
    std::int64_t email_code_expires = 0, sms_code_expires = 0;
    bool completed = false;
};

// What a transaction keeps while the browser is at Google.
struct GoogleLeg {
    std::string transaction_id, redirect_uri, portal_state, nonce, verifier;
};

struct UserRow {
    std::string id, email, name;
};

struct AccountRow {
    std::string id, name, region;
};

struct AuthorizationCodeRow {
    std::string user_id, redirect_uri, code_challenge, family_id;
    std::int64_t expires_at = 0;
    bool used = false;
};

struct RefreshTokenRow {
    std::string family_id, user_id;
    std::int64_t expires_at = 0;
    bool used = false, revoked = false;
};

struct OutboxRow {
    std::string channel, subject, body;
    std::int64_t created_at = 0;
};

class IdentityStore {
public:
    explicit IdentityStore(Connection& connection) : c(connection) {}

    // Rate limits: events by key (a network address, an email, a user), counted in a window.
    // When the `n`th newest event after `after` happened (n from 1), if there are that many.
    std::optional<std::int64_t> nth_newest_event(const std::string& key, std::int64_t after, std::int64_t n);
    std::string record_event(const std::string& key, std::int64_t at);

    // Sign-in transactions.
    std::optional<TransactionRow> transaction(const std::string& id);
    std::string start_transaction(const TransactionRow& t, std::int64_t created_at);
    std::string count_failure(const std::string& id);
    // The emailed code (none when the email is not a user's: the same answer, and nothing to match).
    std::string set_email_code(const std::string& id, const std::optional<std::string>& hash,
                               const std::optional<std::string>& user_id, std::int64_t expires_at);
    std::string clear_email_code(const std::string& id);
    std::string set_sms_code(const std::string& id, const std::string& hash, std::int64_t expires_at);
    std::string clear_sms_code(const std::string& id);
    // Forgets the code of `channel` ("email" or "sms") only while it is still `hash`.
    std::string forget_code(const std::string& id, const std::string& channel, const std::string& hash);
    // The password was right: the second factor is next.
    std::string advance_to_second_factor(const std::string& id, const std::string& user_id);
    std::string complete(const std::string& id, const std::string& user_id);
    std::string set_google_leg(const std::string& id, const std::string& state, const std::string& nonce,
                               const std::string& verifier);
    // The leg of an unfinished transaction `google_state` names, taken once (its state is cleared).
    std::optional<GoogleLeg> take_google_leg(const std::string& google_state, std::string& error);

    // Users, their factors and accounts.
    std::optional<std::string> user_id_by_email(const std::string& folded_email);
    struct Password {
        std::string user_id, hash;  // hash "" : the user has no password
    };
    std::optional<Password> password_by_email(const std::string& folded_email);
    struct Factors {
        bool totp = false, sms = false;
    };
    Factors factors(const std::string& user_id);
    std::optional<std::string> phone(const std::string& user_id);
    struct Totp {
        std::string secret;  // base32
        std::int64_t last_step = 0;
    };
    std::optional<Totp> totp(const std::string& user_id);
    std::string use_totp_step(const std::string& user_id, std::int64_t step);
    std::optional<UserRow> user(const std::string& id);
    std::vector<AccountRow> accounts_of(const std::string& user_id);  // by name
    // The License Manager resources the user's roles on the account grant, each once, by product and name.
    std::vector<core::LicenseResource> granted_resources(const std::string& user_id, const std::string& account);

    // Authorization codes and refresh tokens (by the SHA-256 of their value).
    std::string add_authorization_code(const std::string& hash, const std::string& user_id,
                                       const std::string& client_id, const std::string& redirect_uri,
                                       const std::string& code_challenge, std::int64_t expires_at);
    std::optional<AuthorizationCodeRow> authorization_code(const std::string& hash);
    std::string use_authorization_code(const std::string& hash, const std::string& family_id);
    std::string add_refresh_token(const std::string& hash, const std::string& family_id, const std::string& user_id,
                                  std::int64_t expires_at);
    std::optional<RefreshTokenRow> refresh_token(const std::string& hash);
    std::string use_refresh_token(const std::string& hash);
    std::string revoke_family(const std::string& family_id);
    std::string revoke_family_of(const std::string& token_hash);
    bool family_alive(const std::string& family_id);

    // The dev outbox (--dev only): messages as they would have been sent, newest first.
    std::string add_to_outbox(const std::string& recipient, const std::string& channel, const std::string& subject,
                              const std::string& body, std::int64_t at);
    std::vector<OutboxRow> outbox(const std::string& recipient, int limit);

private:
    Connection& c;
};

}  // namespace server
