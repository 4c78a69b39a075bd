#include "server/identity/auth_service.hpp"

#include <sodium.h>
#include <sqlite3.h>

#include <cstdio>

#include "server/identity/crypto.hpp"
#include "server/statement.hpp"

namespace server {

using nlohmann::json;

namespace {

std::optional<std::string> string_field(const json& body, const char* name, size_t max = 512) {
    if (!body.is_object() || !body.contains(name) || !body[name].is_string()) return std::nullopt;
    std::string value = body[name].get<std::string>();
    if (value.empty() || value.size() > max) return std::nullopt;
    return value;
}

bool base64url_text(std::string_view s) {
    for (char c : s)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') return false;
    return true;
}

}  // namespace

struct AuthService::Transaction {
    std::string id, client_id, redirect_uri, code_challenge, state, stage, user_id;
    std::int64_t expires_at = 0, failed_attempts = 0;
    std::optional<std::string> email_code_hash, email_code_user, sms_code_hash;
    std::int64_t email_code_expires = 0, sms_code_expires = 0;
    bool completed = false;
};

AuthService::AuthService(Database& database, AuthSettings config) : db(database), settings(std::move(config)) {}

core::Result<bool> AuthService::start() {
    if (!crypto::init()) return core::Error{"crypto", "libsodium could not start"};
    std::lock_guard<std::mutex> guard(db.lock());
    Statement read(db, "SELECT value FROM server_keys WHERE name = 'access_token_hmac'");
    if (read.step()) {
        signing_key = read.text(0);
        return true;
    }
    signing_key = crypto::random_bytes(32);
    Statement write(db, "INSERT INTO server_keys (name, value) VALUES ('access_token_hmac', ?)");
    if (!write.bind(1, signing_key).run()) return core::Error{"storage", "cannot store the signing key: " + write.error()};
    return true;
}

std::string AuthService::code_hash(std::string_view purpose, std::string_view transaction, std::string_view code) const {
    // Keyed: a copy of the database alone does not let anyone try the million codes offline.
    return crypto::hex(crypto::hmac_sha256(signing_key, std::string(purpose) + ":" + std::string(transaction) + ":" +
                                                            std::string(code)));
}

std::string AuthService::refresh_cookie_header(const std::string& token, int max_age) const {
    std::string cookie = std::string(refresh_cookie) + "=" + token + "; Path=/oauth; HttpOnly; Secure; Max-Age=" +
                         std::to_string(max_age);
    cookie += settings.cross_site_cookies ? "; SameSite=None; Partitioned" : "; SameSite=Strict";
    return cookie;
}

bool AuthService::allow_send(const std::string& key, int limit, int window_seconds) {
    const std::int64_t now = settings.clock();
    Statement count(db, "SELECT COUNT(*) FROM message_sends WHERE key = ? AND sent_at > ?");
    count.bind(1, key).bind(2, now - window_seconds);
    if (count.step() && count.integer(0) >= limit) return false;
    Statement record(db, "INSERT INTO message_sends (key, sent_at) VALUES (?, ?)");
    record.bind(1, key).bind(2, now).run();
    return true;
}

core::Result<bool> AuthService::send(const std::string& recipient, const std::string& channel, const std::string& subject,
                                     const std::string& body) {
    const MessagingSettings& m = settings.messaging;
    if ((channel == "email" && !m.smtp_url.empty()) || (channel == "sms" && !m.sms_api_url.empty())) {
        auto sent = channel == "email" ? send_email_smtp(m, recipient, subject, body, settings.clock())
                                       : send_sms_http(m, recipient, body);
        // The person signing in sees "try again"; the operator needs the reason, and never the recipient.
        if (!sent) std::fprintf(stderr, "portal-server: %s delivery failed: %s\n", channel.c_str(), sent.error().message.c_str());
        return sent;
    }
    // Nothing configured for this channel: the dev outbox (only readable with --dev, on loopback).
    Statement insert(db, "INSERT INTO outbox (recipient, channel, subject, body, created_at) VALUES (?, ?, ?, ?, ?)");
    if (!insert.bind(1, recipient).bind(2, channel).bind(3, subject).bind(4, body).bind(5, settings.clock()).run())
        return core::Error{"delivery_failed", "the message could not be stored"};
    return true;
}

std::optional<AuthService::Transaction> AuthService::load_transaction(const std::string& id, Reply& failure) {
    Statement q(db,
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
        failure = error_reply(409, "transaction_completed", "This sign-in is already complete. Start again to sign in anew.");
        return std::nullopt;
    }
    if (t.failed_attempts >= max_failed_attempts) {
        failure = error_reply(429, "transaction_locked",
                        "Too many wrong tries: this sign-in is locked. Start signing in again.", {{"tries_left", 0}});
        return std::nullopt;
    }
    if (t.expires_at <= settings.clock()) {
        failure = error_reply(410, "transaction_expired", "This sign-in took too long and expired. Start signing in again.");
        return std::nullopt;
    }
    return t;
}

Reply AuthService::wrong_code(const Transaction& txn, const char* what) {
    Statement bump(db, "UPDATE auth_transactions SET failed_attempts = failed_attempts + 1 WHERE id = ?");
    bump.bind(1, txn.id).run();
    const std::int64_t left = max_failed_attempts - (txn.failed_attempts + 1);
    if (left <= 0)
        return error_reply(429, "transaction_locked", "Too many wrong tries: this sign-in is locked. Start signing in again.",
                     {{"tries_left", 0}});
    return error_reply(400, "invalid_code",
                 std::string(what) + " is not right. Check it and try again (" + std::to_string(left) +
                     (left == 1 ? " try" : " tries") + " left).",
                 {{"tries_left", left}});
}

Reply AuthService::start_transaction(const json& body) {
    auto client = string_field(body, "client_id");
    auto redirect = string_field(body, "redirect_uri", 2048);
    auto challenge = string_field(body, "code_challenge", 128);
    auto method = string_field(body, "code_challenge_method");
    auto state = string_field(body, "state", 512);
    if (!client || *client != client_id) return error_reply(400, "invalid_client", "client_id: this portal is not a known client.");
    if (!redirect || *redirect != settings.redirect_uri)
        return error_reply(400, "invalid_redirect_uri", "redirect_uri: not an allowed address for this portal.");
    if (!method || *method != "S256") return error_reply(400, "invalid_request", "code_challenge_method: must be S256.");
    if (!challenge || challenge->size() != 43 || !base64url_text(*challenge))
        return error_reply(400, "invalid_request", "code_challenge: must be the base64url SHA-256 of a code verifier.");
    if (!state) return error_reply(400, "invalid_request", "state: required, at most 512 characters.");
    std::lock_guard<std::mutex> guard(mutex);
    const std::string id = crypto::random_token(24);
    const std::int64_t now = settings.clock();
    Statement insert(db,
                     "INSERT INTO auth_transactions (id, client_id, redirect_uri, code_challenge, state, created_at, expires_at)"
                     " VALUES (?, ?, ?, ?, ?, ?, ?)");
    if (!insert.bind(1, id).bind(2, *client).bind(3, *redirect).bind(4, *challenge).bind(5, *state).bind(6, now)
             .bind(7, now + 30 * 60).run())
        return error_reply(503, "storage", "The sign-in could not be started. Try again in a moment.");
    return Reply{201, {{"transaction_id", id}, {"methods", {"email_code", "google", "password"}}}};
}

Reply AuthService::send_email_code(const std::string& transaction_id, const json& body, const std::string& address) {
    auto email = string_field(body, "email", 254);
    if (!email || email->find('@') == std::string::npos)
        return error_reply(400, "invalid_request", "email: type the email address registered on your store.");
    std::lock_guard<std::mutex> guard(mutex);
    Reply failure;
    auto txn = load_transaction(transaction_id, failure);
    if (!txn) return failure;
    if (!allow_send("email:" + *email, 5, 3600) || !allow_send("address:" + address, 30, 3600))
        return error_reply(429, "rate_limited", "Too many codes were sent. Wait a few minutes, then ask for a new one.",
                     {{"retry_after", 600}});
    Statement user(db, "SELECT id FROM users WHERE email = ?");
    const bool known = user.bind(1, *email).step();
    const std::string code = crypto::random_digits(6);
    if (known) {
        auto sent = send(*email, "email", "Your VTEX Support access code",
                         "Your access code is " + code + ". It expires in 10 minutes. If you did not ask for it, ignore this message.");
        if (!sent)
            return error_reply(502, "delivery_failed", "The email could not be sent right now. Try again in a few minutes, or sign in another way.");
    }
    // A resend replaces the previous code. An unknown email gets the same answer and no message.
    Statement store(db,
                    "UPDATE auth_transactions SET email_code_hash = ?, email_code_user = ?, email_code_expires = ?"
                    " WHERE id = ?");
    store.bind_optional(1, known ? std::optional<std::string_view>(code_hash("email", txn->id, code)) : std::nullopt)
        .bind_optional(2, known ? std::optional<std::string_view>(user.text(0)) : std::nullopt)
        .bind(3, settings.clock() + code_seconds)
        .bind(4, txn->id)
        .run();
    return Reply{202, {{"message", "If this email is registered on a store, a 6-digit code is on its way. It expires in 10 minutes."}}};
}

Reply AuthService::verify_email_code(const std::string& transaction_id, const json& body) {
    auto code = string_field(body, "code", 16);
    if (!code) return error_reply(400, "invalid_request", "code: type the 6-digit code from the email.");
    std::lock_guard<std::mutex> guard(mutex);
    Reply failure;
    auto txn = load_transaction(transaction_id, failure);
    if (!txn) return failure;
    if (txn->email_code_expires == 0)
        return error_reply(400, "no_code", "No code was sent for this sign-in yet. Ask for a code first.");
    if (txn->email_code_expires <= settings.clock())
        return error_reply(400, "code_expired", "This code has expired. Ask for a new one.");
    if (!txn->email_code_hash || !crypto::equal(*txn->email_code_hash, code_hash("email", txn->id, *code)))
        return wrong_code(*txn, "The code");
    Statement consume(db, "UPDATE auth_transactions SET email_code_hash = NULL, email_code_expires = 0 WHERE id = ?");
    consume.bind(1, txn->id).run();
    return issue_authorization_code(*txn, *txn->email_code_user);
}

Reply AuthService::password(const std::string& transaction_id, const json& body, const std::string& address) {
    auto email = string_field(body, "email", 254);
    auto password = string_field(body, "password", 1024);
    if (!email || !password) return error_reply(400, "invalid_request", "email and password: both are required.");
    std::lock_guard<std::mutex> guard(mutex);
    Reply failure;
    auto txn = load_transaction(transaction_id, failure);
    if (!txn) return failure;
    if (!allow_send("password:" + address, 30, 900))
        return error_reply(429, "rate_limited", "Too many sign-in attempts from here. Wait 15 minutes and try again.",
                     {{"retry_after", 900}});
    Statement user(db, "SELECT id, COALESCE(password_hash, ''), totp_secret IS NOT NULL, phone IS NOT NULL"
                                " FROM users WHERE email = ?");
    const bool found = user.bind(1, *email).step();
    // The same work and the same answer whether the email exists or not.
    static const std::string dummy = crypto::hash_password("not a real password").value_or("");
    const std::string stored = found ? user.text(1) : dummy;
    const bool ok = found && !stored.empty() && crypto::verify_password(stored, *password);
    if (!found || stored.empty()) crypto::verify_password(dummy, *password);
    if (!ok) {
        Reply wrong = wrong_code(*txn, "The email or password");
        if (wrong.status == 400) {
            wrong.status = 401;
            wrong.body["error"] = "invalid_credentials";
            wrong.body["message"] = "The email or password is not right. Check both and try again (" +
                                    std::to_string(wrong.body["tries_left"].get<int>()) + " tries left).";
        }
        return wrong;
    }
    json methods = json::array();
    if (user.integer(2)) methods.push_back("totp");
    if (user.integer(3)) methods.push_back("sms");
    Statement advance(db, "UPDATE auth_transactions SET user_id = ?, stage = 'mfa' WHERE id = ?");
    advance.bind(1, user.text(0)).bind(2, txn->id).run();
    return Reply{200, {{"mfa_required", true}, {"methods", methods}}};
}

Reply AuthService::send_sms_code(const std::string& transaction_id, const std::string& address) {
    std::lock_guard<std::mutex> guard(mutex);
    Reply failure;
    auto txn = load_transaction(transaction_id, failure);
    if (!txn) return failure;
    if (txn->stage != "mfa") return error_reply(409, "password_first", "Sign in with your password first.");
    Statement user(db, "SELECT phone FROM users WHERE id = ? AND phone IS NOT NULL");
    if (!user.bind(1, txn->user_id).step())
        return error_reply(400, "no_phone", "No phone number is registered for text messages. Use your authenticator app.");
    const std::string phone = user.text(0);
    if (!allow_send("phone:" + phone, 5, 3600) || !allow_send("address:" + address, 30, 3600))
        return error_reply(429, "rate_limited", "Too many codes were sent. Wait a few minutes, then ask for a new one.",
                     {{"retry_after", 600}});
    const std::string code = crypto::random_digits(6);
    if (!send(phone, "sms", "VTEX Support", "VTEX Support code: " + code + ". Valid for 10 minutes."))
        return error_reply(502, "delivery_failed",
                     "The text message could not be sent right now. Try again in a few minutes, or use your authenticator app.");
    Statement store(db, "UPDATE auth_transactions SET sms_code_hash = ?, sms_code_expires = ? WHERE id = ?");
    store.bind(1, code_hash("sms", txn->id, code)).bind(2, settings.clock() + code_seconds).bind(3, txn->id).run();
    const std::string last_digits = phone.size() > 4 ? phone.substr(phone.size() - 4) : phone;
    return Reply{202, {{"message", "A code was sent by text message to the number ending in " + last_digits + "."},
                       {"last_digits", last_digits}}};
}

Reply AuthService::verify_second_factor(const std::string& transaction_id, const json& body) {
    auto method = string_field(body, "method");
    auto code = string_field(body, "code", 16);
    if (!method || (*method != "totp" && *method != "sms"))
        return error_reply(400, "invalid_request", "method: totp or sms.");
    if (!code) return error_reply(400, "invalid_request", "code: type the 6-digit code.");
    std::lock_guard<std::mutex> guard(mutex);
    Reply failure;
    auto txn = load_transaction(transaction_id, failure);
    if (!txn) return failure;
    if (txn->stage != "mfa") return error_reply(409, "password_first", "Sign in with your password first.");
    if (*method == "sms") {
        if (!txn->sms_code_hash) return error_reply(400, "no_code", "No text message was sent yet. Ask for a code first.");
        if (txn->sms_code_expires <= settings.clock())
            return error_reply(400, "code_expired", "This code has expired. Ask for a new one.");
        if (!crypto::equal(*txn->sms_code_hash, code_hash("sms", txn->id, *code)))
            return wrong_code(*txn, "The code");
        Statement consume(db, "UPDATE auth_transactions SET sms_code_hash = NULL WHERE id = ?");
        consume.bind(1, txn->id).run();
        return issue_authorization_code(*txn, txn->user_id);
    }
    Statement user(db, "SELECT totp_secret, totp_last_step FROM users WHERE id = ? AND totp_secret IS NOT NULL");
    if (!user.bind(1, txn->user_id).step())
        return error_reply(400, "no_authenticator", "No authenticator app is set up for this user. Use a text message.");
    auto secret = crypto::base32_decode(user.text(0));
    const std::int64_t last_step = user.integer(1);
    const std::int64_t now_step = settings.clock() / 30;
    std::optional<std::int64_t> matched;
    for (std::int64_t step = now_step - 1; step <= now_step + 1; ++step)  // one step of drift either way
        if (secret && step > last_step && crypto::equal(crypto::totp(*secret, step), *code)) matched = step;
    if (!matched) return wrong_code(*txn, "The code");
    // Each code once: a step at or before the last accepted one is refused from now on.
    Statement used(db, "UPDATE users SET totp_last_step = ? WHERE id = ?");
    used.bind(1, *matched).bind(2, txn->user_id).run();
    return issue_authorization_code(*txn, txn->user_id);
}

Reply AuthService::issue_authorization_code(const Transaction& txn, const std::string& user_id) {
    const std::string code = crypto::random_token(32);
    Statement insert(db,
                     "INSERT INTO authorization_codes (code_hash, user_id, client_id, redirect_uri, code_challenge, expires_at)"
                     " VALUES (?, ?, ?, ?, ?, ?)");
    insert.bind(1, crypto::hex(crypto::sha256(code))).bind(2, user_id).bind(3, txn.client_id).bind(4, txn.redirect_uri)
        .bind(5, txn.code_challenge).bind(6, settings.clock() + 60);
    Statement complete(db, "UPDATE auth_transactions SET completed = 1, user_id = ? WHERE id = ?");
    if (!insert.run() || !complete.bind(1, user_id).bind(2, txn.id).run())
        return error_reply(503, "storage", "The sign-in could not be completed. Try again in a moment.");
    return Reply{200, {{"code", code}, {"state", txn.state}}};
}

Reply AuthService::complete_with_email(const std::string& transaction_id, const std::string& email) {
    std::lock_guard<std::mutex> guard(mutex);
    Reply failure;
    auto txn = load_transaction(transaction_id, failure);
    if (!txn) return failure;
    Statement user(db, "SELECT id FROM users WHERE email = ?");
    if (!user.bind(1, email).step())
        return error_reply(403, "unknown_user", "No store user is registered with " + email +
                                              ". Sign in with the email your store registered, or ask its administrator.",
                           {{"email", email}});
    return issue_authorization_code(*txn, user.text(0));
}

Reply AuthService::outbox(const std::string& recipient) {
    if (!settings.dev_outbox) return error_reply(404, "not_found", "There is nothing at this address.");
    std::lock_guard<std::mutex> guard(mutex);
    Statement q(db, "SELECT channel, subject, body, created_at FROM outbox WHERE recipient = ? ORDER BY id DESC LIMIT 50");
    q.bind(1, recipient);
    json messages = json::array();
    while (q.step())
        messages.push_back({{"channel", q.text(0)}, {"subject", q.text(1)}, {"body", q.text(2)},
                            {"sent_at", core::format_rfc3339(q.integer(3))}});
    return Reply{200, {{"to", recipient}, {"messages", messages}}};
}

}  // namespace server
