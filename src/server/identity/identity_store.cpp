// The identity side's SQL (identity_store.hpp), in the subset both engines read.
#include "server/identity/identity_store.hpp"

#include "server/statement.hpp"

namespace server {

namespace {

std::optional<std::string_view> view(const std::optional<std::string>& text) {
    return text ? std::optional<std::string_view>(*text) : std::nullopt;
}

}  // namespace

std::optional<std::int64_t> IdentityStore::nth_newest_event(const std::string& key, std::int64_t after,
                                                            std::int64_t n) {
    Statement s(c, "SELECT at FROM rate_events WHERE key = ? AND at > ? ORDER BY at DESC LIMIT 1 OFFSET ?");
    if (!s.bind(1, key).bind(2, after).bind(3, n - 1).step()) return std::nullopt;
    return s.integer(0);
}

std::string IdentityStore::record_event(const std::string& key, std::int64_t at) {
    Statement s(c, "INSERT INTO rate_events (key, at) VALUES (?, ?)");
    return s.bind(1, key).bind(2, at).run_failure();
}

std::optional<TransactionRow> IdentityStore::transaction(const std::string& id) {
    Statement q(c,
                "SELECT id, client_id, redirect_uri, code_challenge, state, stage, COALESCE(user_id, ''), expires_at,"
                " failed_attempts, email_code_hash, email_code_user, email_code_expires, sms_code_hash,"
                " sms_code_expires, completed FROM auth_transactions WHERE id = ?");
    if (!q.bind(1, id).step()) return std::nullopt;
    TransactionRow t;
    t.id = q.text(0);
    t.client_id = q.text(1);
    t.redirect_uri = q.text(2);
    t.code_challenge = q.text(3);
    t.state = q.text(4);
    t.stage = q.text(5);
    t.user_id = q.text(6);
    t.expires_at = q.integer(7);
    t.failed_attempts = q.integer(8);
    if (!q.is_null(9)) t.email_code_hash = q.text(9);
    if (!q.is_null(10)) t.email_code_user = q.text(10);
    t.email_code_expires = q.integer(11);
    if (!q.is_null(12)) t.sms_code_hash = q.text(12);
    t.sms_code_expires = q.integer(13);
    t.completed = q.integer(14) != 0;
    return t;
}

std::string IdentityStore::start_transaction(const TransactionRow& t, std::int64_t created_at) {
    Statement s(c, "INSERT INTO auth_transactions (id, client_id, redirect_uri, code_challenge, state, created_at,"
                   " expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
    return s.bind(1, t.id).bind(2, t.client_id).bind(3, t.redirect_uri).bind(4, t.code_challenge)
        .bind(5, t.state).bind(6, created_at).bind(7, t.expires_at).run_failure();
}

std::string IdentityStore::count_failure(const std::string& id) {
    Statement s(c, "UPDATE auth_transactions SET failed_attempts = failed_attempts + 1 WHERE id = ?");
    return s.bind(1, id).run_failure();
}

std::string IdentityStore::set_email_code(const std::string& id, const std::optional<std::string>& hash,
                                          const std::optional<std::string>& user_id, std::int64_t expires_at) {
    Statement s(c, "UPDATE auth_transactions SET email_code_hash = ?, email_code_user = ?, email_code_expires = ?"
                   " WHERE id = ?");
    return s.bind_optional(1, view(hash)).bind_optional(2, view(user_id)).bind(3, expires_at).bind(4, id).run_failure();
}

std::string IdentityStore::clear_email_code(const std::string& id) {
    Statement s(c, "UPDATE auth_transactions SET email_code_hash = NULL, email_code_expires = 0 WHERE id = ?");
    return s.bind(1, id).run_failure();
}

std::string IdentityStore::set_sms_code(const std::string& id, const std::string& hash, std::int64_t expires_at) {
    Statement s(c, "UPDATE auth_transactions SET sms_code_hash = ?, sms_code_expires = ? WHERE id = ?");
    return s.bind(1, hash).bind(2, expires_at).bind(3, id).run_failure();
}

std::string IdentityStore::clear_sms_code(const std::string& id) {
    Statement s(c, "UPDATE auth_transactions SET sms_code_hash = NULL WHERE id = ?");
    return s.bind(1, id).run_failure();
}

std::string IdentityStore::forget_code(const std::string& id, const std::string& channel, const std::string& hash) {
    Statement s(c, channel == "email" ? "UPDATE auth_transactions SET email_code_hash = NULL, email_code_expires = 0"
                                       " WHERE id = ? AND email_code_hash = ?"
                                     : "UPDATE auth_transactions SET sms_code_hash = NULL"
                                       " WHERE id = ? AND sms_code_hash = ?");
    return s.bind(1, id).bind(2, hash).run_failure();
}

std::string IdentityStore::advance_to_second_factor(const std::string& id, const std::string& user_id) {
    Statement s(c, "UPDATE auth_transactions SET user_id = ?, stage = 'mfa' WHERE id = ?");
    return s.bind(1, user_id).bind(2, id).run_failure();
}

std::string IdentityStore::complete(const std::string& id, const std::string& user_id) {
    Statement s(c, "UPDATE auth_transactions SET completed = 1, user_id = ? WHERE id = ?");
    return s.bind(1, user_id).bind(2, id).run_failure();
}

std::string IdentityStore::set_google_leg(const std::string& id, const std::string& state, const std::string& nonce,
                                          const std::string& verifier) {
    Statement s(c, "UPDATE auth_transactions SET google_state = ?, google_nonce = ?, google_verifier = ? WHERE id = ?");
    return s.bind(1, state).bind(2, nonce).bind(3, verifier).bind(4, id).run_failure();
}

std::optional<GoogleLeg> IdentityStore::take_google_leg(const std::string& google_state, std::string& error) {
    std::optional<GoogleLeg> leg;
    {
        Statement s(c, "SELECT id, redirect_uri, state, google_nonce, google_verifier FROM auth_transactions"
                       " WHERE google_state = ? AND completed = 0");
        if (!s.bind(1, google_state).step()) {
            error = s.error();
            return std::nullopt;
        }
        leg = GoogleLeg{s.text(0), s.text(1), s.text(2), s.text(3), s.text(4)};
    }
    Statement consume(c, "UPDATE auth_transactions SET google_state = NULL WHERE id = ?");
    error = consume.bind(1, leg->transaction_id).run_failure();  // a callback is honoured once
    if (!error.empty()) return std::nullopt;
    return leg;
}

std::optional<std::string> IdentityStore::user_id_by_email(const std::string& folded_email) {
    Statement s(c, "SELECT id FROM users WHERE email = ?");
    if (!s.bind(1, folded_email).step()) return std::nullopt;
    return s.text(0);
}

std::optional<IdentityStore::Password> IdentityStore::password_by_email(const std::string& folded_email) {
    Statement s(c, "SELECT id, COALESCE(password_hash, '') FROM users WHERE email = ?");
    if (!s.bind(1, folded_email).step()) return std::nullopt;
    return Password{s.text(0), s.text(1)};
}

IdentityStore::Factors IdentityStore::factors(const std::string& user_id) {
    Statement s(c, "SELECT totp_secret IS NOT NULL, phone IS NOT NULL FROM users WHERE id = ?");
    if (!s.bind(1, user_id).step()) return {};
    return Factors{s.integer(0) != 0, s.integer(1) != 0};
}

std::optional<std::string> IdentityStore::phone(const std::string& user_id) {
    Statement s(c, "SELECT phone FROM users WHERE id = ? AND phone IS NOT NULL");
    if (!s.bind(1, user_id).step()) return std::nullopt;
    return s.text(0);
}

std::optional<IdentityStore::Totp> IdentityStore::totp(const std::string& user_id) {
    Statement s(c, "SELECT totp_secret, totp_last_step FROM users WHERE id = ? AND totp_secret IS NOT NULL");
    if (!s.bind(1, user_id).step()) return std::nullopt;
    return Totp{s.text(0), s.integer(1)};
}

std::string IdentityStore::use_totp_step(const std::string& user_id, std::int64_t step) {
    Statement s(c, "UPDATE users SET totp_last_step = ? WHERE id = ?");
    return s.bind(1, step).bind(2, user_id).run_failure();
}

std::optional<UserRow> IdentityStore::user(const std::string& id) {
    Statement s(c, "SELECT id, email, name FROM users WHERE id = ?");
    if (!s.bind(1, id).step()) return std::nullopt;
    return UserRow{s.text(0), s.text(1), s.text(2)};
}

std::vector<AccountRow> IdentityStore::accounts_of(const std::string& user_id) {
    Statement s(c, "SELECT DISTINCT a.id, a.name, a.region FROM accounts a JOIN memberships m ON m.account_id = a.id"
                   " WHERE m.user_id = ? ORDER BY a.name");
    s.bind(1, user_id);
    std::vector<AccountRow> accounts;
    while (s.step()) accounts.push_back({s.text(0), s.text(1), s.text(2)});
    return accounts;
}

std::vector<core::LicenseResource> IdentityStore::granted_resources(const std::string& user_id,
                                                                    const std::string& account) {
    Statement s(c, "SELECT DISTINCT r.product, r.resource FROM memberships m JOIN role_resources r"
                   " ON r.role_id = m.role_id WHERE m.user_id = ? AND m.account_id = ?"
                   " ORDER BY r.product, r.resource");
    s.bind(1, user_id).bind(2, account);
    std::vector<core::LicenseResource> granted;
    while (s.step()) granted.push_back({s.text(0), s.text(1)});
    return granted;
}

std::string IdentityStore::add_authorization_code(const std::string& hash, const std::string& user_id,
                                                  const std::string& client_id, const std::string& redirect_uri,
                                                  const std::string& code_challenge, std::int64_t expires_at) {
    Statement s(c, "INSERT INTO authorization_codes (code_hash, user_id, client_id, redirect_uri, code_challenge,"
                   " expires_at) VALUES (?, ?, ?, ?, ?, ?)");
    return s.bind(1, hash).bind(2, user_id).bind(3, client_id).bind(4, redirect_uri).bind(5, code_challenge)
        .bind(6, expires_at).run_failure();
}

std::optional<AuthorizationCodeRow> IdentityStore::authorization_code(const std::string& hash) {
    Statement s(c, "SELECT user_id, redirect_uri, code_challenge, COALESCE(family_id, ''), expires_at, used"
                   " FROM authorization_codes WHERE code_hash = ?");
    if (!s.bind(1, hash).step()) return std::nullopt;
    return AuthorizationCodeRow{s.text(0), s.text(1), s.text(2), s.text(3), s.integer(4), s.integer(5) != 0};
}

std::string IdentityStore::use_authorization_code(const std::string& hash, const std::string& family_id) {
    Statement s(c, "UPDATE authorization_codes SET used = 1, family_id = ? WHERE code_hash = ?");
    return s.bind(1, family_id).bind(2, hash).run_failure();
}

std::string IdentityStore::add_refresh_token(const std::string& hash, const std::string& family_id,
                                             const std::string& user_id, std::int64_t expires_at) {
    Statement s(c, "INSERT INTO refresh_tokens (token_hash, family_id, user_id, expires_at) VALUES (?, ?, ?, ?)");
    return s.bind(1, hash).bind(2, family_id).bind(3, user_id).bind(4, expires_at).run_failure();
}

std::optional<RefreshTokenRow> IdentityStore::refresh_token(const std::string& hash) {
    Statement s(c, "SELECT family_id, user_id, expires_at, used, revoked FROM refresh_tokens WHERE token_hash = ?");
    if (!s.bind(1, hash).step()) return std::nullopt;
    return RefreshTokenRow{s.text(0), s.text(1), s.integer(2), s.integer(3) != 0, s.integer(4) != 0};
}

std::string IdentityStore::use_refresh_token(const std::string& hash) {
    Statement s(c, "UPDATE refresh_tokens SET used = 1 WHERE token_hash = ?");
    return s.bind(1, hash).run_failure();
}

std::string IdentityStore::revoke_family(const std::string& family_id) {
    Statement s(c, "UPDATE refresh_tokens SET revoked = 1 WHERE family_id = ?");
    return s.bind(1, family_id).run_failure();
}

std::string IdentityStore::revoke_family_of(const std::string& token_hash) {
    Statement s(c, "UPDATE refresh_tokens SET revoked = 1 WHERE family_id ="
                   " (SELECT family_id FROM refresh_tokens WHERE token_hash = ?)");
    return s.bind(1, token_hash).run_failure();
}

bool IdentityStore::family_alive(const std::string& family_id) {
    Statement s(c, "SELECT 1 FROM refresh_tokens WHERE family_id = ? AND revoked = 0 LIMIT 1");
    return s.bind(1, family_id).step();
}

std::string IdentityStore::add_to_outbox(const std::string& recipient, const std::string& channel,
                                         const std::string& subject, const std::string& body, std::int64_t at) {
    Statement s(c, "INSERT INTO outbox (recipient, channel, subject, body, created_at) VALUES (?, ?, ?, ?, ?)");
    return s.bind(1, recipient).bind(2, channel).bind(3, subject).bind(4, body).bind(5, at).run_failure();
}

std::vector<OutboxRow> IdentityStore::outbox(const std::string& recipient, int limit) {
    Statement s(c,
                "SELECT channel, subject, body, created_at FROM outbox WHERE recipient = ? ORDER BY id DESC LIMIT ?");
    s.bind(1, recipient).bind(2, static_cast<std::int64_t>(limit));
    std::vector<OutboxRow> rows;
    while (s.step()) rows.push_back({s.text(0), s.text(1), s.text(2), s.integer(3)});
    return rows;
}

}  // namespace server
