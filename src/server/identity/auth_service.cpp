// The identity service's sign-in transactions: starting one, reading it back in each step, counting
// wrong tries, rate limits, and completing it with an authorization code. The methods' steps are in
// auth_codes.cpp (codes by email, delivery) and auth_factors.cpp (password, second factor); tokens and
// GET /api/me in auth_tokens.cpp.
#include "server/identity/auth_service.hpp"

#include "server/identity/auth_steps.hpp"
#include "server/identity/crypto.hpp"
#include "server/statement.hpp"

namespace server {

using nlohmann::json;

namespace {

bool base64url_text(std::string_view s) {
    for (char c : s)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') return false;
    return true;
}

Reply transaction_locked() {
    return error_reply(429, "transaction_locked",
                       "Too many wrong tries: this sign-in is locked. Start signing in again.", {{"tries_left", 0}});
}

std::string minutes_text(std::int64_t seconds) {
    const std::int64_t minutes = (seconds + 59) / 60;
    return std::to_string(minutes) + (minutes == 1 ? " minute" : " minutes");
}

}  // namespace

namespace identity {

std::optional<std::string> string_field(const json& body, const char* name, size_t max) {
    if (!body.is_object() || !body.contains(name) || !body[name].is_string()) return std::nullopt;
    std::string value = body[name].get<std::string>();
    if (value.empty() || value.size() > max) return std::nullopt;
    return value;
}

Reply rate_limited(const std::string& message, std::int64_t wait) {
    return error_reply(429, "rate_limited", message + " Wait " + minutes_text(wait) + ", then try again.",
                       {{"retry_after", wait}});
}

Reply account_locked(std::int64_t wait) {
    return error_reply(429, "account_locked",
                       "Too many wrong tries for this account. For its safety, signing in to it is paused for " +
                           minutes_text(wait) + ". Then try again, or ask your store's administrator for help.",
                       {{"retry_after", wait}});
}

Reply storage_failed() {
    return error_reply(503, "storage", "The sign-in could not be saved right now. Try again in a moment.");
}

}  // namespace identity

std::string fold_email(std::string_view email) {
    const size_t first = email.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return "";
    email = email.substr(first, email.find_last_not_of(" \t\r\n") - first + 1);
    std::string out(email);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

AuthService::AuthService(Database& database, KeyRing& keys, AuthSettings config)
    : db(database), key_ring(keys), settings(std::move(config)) {}

std::string AuthService::code_hash(std::string_view purpose, std::string_view transaction,
                                   std::string_view code) const {
    // Keyed with a secret kept off the database: a copy of the database alone does not let anyone try
    // the million codes offline.
    const std::string message = std::string(purpose) + ":" + std::string(transaction) + ":" + std::string(code);
    return crypto::hex(crypto::hmac_sha256(key_ring.keys()->code_key, message));
}

std::string AuthService::refresh_cookie_header(const std::string& token, int max_age) const {
    std::string cookie = std::string(refresh_cookie) + "=" + token + "; Path=/oauth; HttpOnly; Secure; Max-Age=" +
                         std::to_string(max_age);
    cookie += settings.cross_site_cookies ? "; SameSite=None; Partitioned" : "; SameSite=Strict";
    return cookie;
}

Reply AuthService::write(const std::function<Reply(Connection&, bool& keep)>& work) {
    Reply reply = identity::storage_failed();
    const bool committed = db.write([&](Connection& c) {
        bool keep = true;
        reply = work(c, keep);
        return keep;
    });
    return committed ? reply : identity::storage_failed();
}

std::int64_t AuthService::wait_for(Connection& c, const std::string& key, RateLimit limit) {
    const std::int64_t now = settings.clock();
    // The oldest of the last `count` events in the window: one more is allowed once it leaves the window.
    Statement q(c, "SELECT at FROM rate_events WHERE key = ? AND at > ? ORDER BY at DESC LIMIT 1 OFFSET ?");
    q.bind(1, key).bind(2, now - limit.window_seconds).bind(3, static_cast<std::int64_t>(limit.count - 1));
    if (!q.step()) return 0;
    return std::max<std::int64_t>(1, q.integer(0) + limit.window_seconds - now);
}

std::int64_t AuthService::send_wait(Connection& c, const std::string& recipient_key, const std::string& address_key) {
    return std::max(wait_for(c, recipient_key, settings.limits.sends_per_recipient),
                    wait_for(c, address_key, settings.limits.sends_per_address));
}

void AuthService::record(Connection& c, const std::string& key) {
    Statement insert(c, "INSERT INTO rate_events (key, at) VALUES (?, ?)");
    insert.bind(1, key).bind(2, settings.clock()).run();
}

std::optional<AuthService::Transaction> AuthService::load_transaction(Connection& c, const std::string& id,
                                                                     Reply& failure) {
    Statement q(c,
                "SELECT id, client_id, redirect_uri, code_challenge, state, stage, COALESCE(user_id, ''), expires_at,"
                " failed_attempts, email_code_hash, email_code_user, email_code_expires, sms_code_hash,"
                " sms_code_expires, completed FROM auth_transactions WHERE id = ?");
    if (!q.bind(1, id).step()) {
        failure = error_reply(404, "unknown_transaction", "This sign-in was not found. Start signing in again.");
        return std::nullopt;
    }
    Transaction t;
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
    if (t.completed) {
        failure = error_reply(409, "transaction_completed",
                              "This sign-in is already complete. Start again to sign in anew.");
        return std::nullopt;
    }
    if (t.failed_attempts >= max_failed_attempts) {
        failure = transaction_locked();
        return std::nullopt;
    }
    if (t.expires_at <= settings.clock()) {
        failure = error_reply(410, "transaction_expired",
                              "This sign-in took too long and expired. Start signing in again.");
        return std::nullopt;
    }
    return t;
}

// A wrong code or password: counted against the transaction (locked after five) and against the
// account from anywhere (AuthLimits::wrong_per_account), so that new transactions do not buy new tries.
Reply AuthService::wrong_code(Connection& c, const Transaction& txn, const std::string& account_key, const char* what) {
    Statement bump(c, "UPDATE auth_transactions SET failed_attempts = failed_attempts + 1 WHERE id = ?");
    bump.bind(1, txn.id).run();
    if (!account_key.empty()) record(c, account_key);
    const std::int64_t left = max_failed_attempts - (txn.failed_attempts + 1);
    if (left <= 0) return transaction_locked();
    return error_reply(400, "invalid_code",
                       std::string(what) + " is not right. Check it and try again (" + std::to_string(left) +
                           (left == 1 ? " try" : " tries") + " left).",
                       {{"tries_left", left}});
}

Reply AuthService::start_transaction(const json& body, const std::string& address) {
    auto client = identity::string_field(body, "client_id");
    auto redirect = identity::string_field(body, "redirect_uri", 2048);
    auto challenge = identity::string_field(body, "code_challenge", 128);
    auto method = identity::string_field(body, "code_challenge_method");
    auto state = identity::string_field(body, "state", 512);
    if (!client || *client != client_id)
        return error_reply(400, "invalid_client", "client_id: this portal is not a known client.");
    if (!redirect || *redirect != settings.redirect_uri)
        return error_reply(400, "invalid_redirect_uri", "redirect_uri: not an allowed address for this portal.");
    if (!method || *method != "S256")
        return error_reply(400, "invalid_request", "code_challenge_method: must be S256.");
    if (!challenge || challenge->size() != 43 || !base64url_text(*challenge))
        return error_reply(400, "invalid_request", "code_challenge: must be the base64url SHA-256 of a code verifier.");
    if (!state) return error_reply(400, "invalid_request", "state: required, at most 512 characters.");
    const std::string id = crypto::random_token(24);
    return write([&](Connection& c, bool& keep) {
        const std::string key = "start:" + address;
        if (const std::int64_t wait = wait_for(c, key, settings.limits.starts_per_address)) {
            keep = false;
            return identity::rate_limited("Too many sign-ins were started from your network.", wait);
        }
        record(c, key);
        const std::int64_t now = settings.clock();
        Statement insert(c,
                         "INSERT INTO auth_transactions (id, client_id, redirect_uri, code_challenge, state,"
                         " created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
        if (!insert.bind(1, id).bind(2, *client).bind(3, *redirect).bind(4, *challenge).bind(5, *state).bind(6, now)
                 .bind(7, now + 30 * 60).run()) {
            keep = false;
            return error_reply(503, "storage", "The sign-in could not be started. Try again in a moment.");
        }
        return Reply{201, {{"transaction_id", id}, {"methods", {"email_code", "google", "password"}}}};
    });
}

Reply AuthService::issue_authorization_code(Connection& c, const Transaction& txn, const std::string& user_id) {
    const std::string code = crypto::random_token(32);
    Statement insert(c,
                     "INSERT INTO authorization_codes (code_hash, user_id, client_id, redirect_uri, code_challenge,"
                     " expires_at) VALUES (?, ?, ?, ?, ?, ?)");
    insert.bind(1, crypto::hex(crypto::sha256(code))).bind(2, user_id).bind(3, txn.client_id).bind(4, txn.redirect_uri)
        .bind(5, txn.code_challenge).bind(6, settings.clock() + 60);
    Statement complete(c, "UPDATE auth_transactions SET completed = 1, user_id = ? WHERE id = ?");
    if (!insert.run() || !complete.bind(1, user_id).bind(2, txn.id).run())
        return error_reply(503, "storage", "The sign-in could not be completed. Try again in a moment.");
    return Reply{200, {{"code", code}, {"state", txn.state}}};
}

Reply AuthService::complete_with_email(const std::string& transaction_id, const std::string& typed_email) {
    const std::string email = fold_email(typed_email);
    return write([&](Connection& c, bool& keep) {
        Reply failure;
        auto txn = load_transaction(c, transaction_id, failure);
        if (!txn) return failure;
        Statement user(c, "SELECT id FROM users WHERE email = ?");
        if (!user.bind(1, email).step())
            return error_reply(403, "unknown_user",
                               "No store user is registered with " + email +
                                   ". Sign in with the email your store registered, or ask its administrator.",
                               {{"email", email}});
        Reply done = issue_authorization_code(c, *txn, user.text(0));
        keep = done.status == 200;
        return done;
    });
}

}  // namespace server
