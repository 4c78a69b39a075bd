#include "server/identity/auth_service.hpp"

#include <sodium.h>
#include <sqlite3.h>

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

std::string minutes_text(std::int64_t seconds) {
    const std::int64_t minutes = (seconds + 59) / 60;
    return std::to_string(minutes) + (minutes == 1 ? " minute" : " minutes");
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

}  // namespace

std::string fold_email(std::string_view email) {
    const size_t first = email.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return "";
    email = email.substr(first, email.find_last_not_of(" \t\r\n") - first + 1);
    std::string out(email);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

struct AuthService::Transaction {
    std::string id, client_id, redirect_uri, code_challenge, state, stage, user_id;
    std::int64_t expires_at = 0, failed_attempts = 0;
    std::optional<std::string> email_code_hash, email_code_user, sms_code_hash;
    std::int64_t email_code_expires = 0, sms_code_expires = 0;
    bool completed = false;
};

struct AuthService::Delivery {
    std::string recipient, channel, subject, body;
};

AuthService::AuthService(Database& database, KeyRing& keys, AuthSettings config)
    : db(database), key_ring(keys), settings(std::move(config)) {}

std::string AuthService::code_hash(std::string_view purpose, std::string_view transaction, std::string_view code) const {
    // Keyed with a secret kept off the database: a copy of the database alone does not let anyone try
    // the million codes offline.
    return crypto::hex(crypto::hmac_sha256(key_ring.keys()->code_key, std::string(purpose) + ":" +
                                                                           std::string(transaction) + ":" +
                                                                           std::string(code)));
}

std::string AuthService::refresh_cookie_header(const std::string& token, int max_age) const {
    std::string cookie = std::string(refresh_cookie) + "=" + token + "; Path=/oauth; HttpOnly; Secure; Max-Age=" +
                         std::to_string(max_age);
    cookie += settings.cross_site_cookies ? "; SameSite=None; Partitioned" : "; SameSite=Strict";
    return cookie;
}

Reply AuthService::write(const std::function<Reply(Connection&, bool& keep)>& work) {
    Reply reply = storage_failed();
    const bool committed = db.write([&](Connection& c) {
        bool keep = true;
        reply = work(c, keep);
        return keep;
    });
    return committed ? reply : storage_failed();
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

bool AuthService::channel_available(const std::string& channel) const {
    const MessagingSettings& m = settings.messaging;
    return settings.dev_outbox || (channel == "email" ? !m.smtp_url.empty() : !m.sms_api_url.empty());
}

core::Result<std::optional<AuthService::Delivery>> AuthService::plan_delivery(Connection& c, const std::string& recipient,
                                                                              const std::string& channel,
                                                                              const std::string& subject,
                                                                              const std::string& body) {
    const MessagingSettings& m = settings.messaging;
    if ((channel == "email" && !m.smtp_url.empty()) || (channel == "sms" && !m.sms_api_url.empty()))
        return std::optional<Delivery>(Delivery{recipient, channel, subject, body});
    // Codes in clear are only ever written for the dev outbox (--dev, loopback), never in production.
    if (!settings.dev_outbox) return core::Error{"delivery_failed", "no " + channel + " delivery is configured"};
    Statement insert(c, "INSERT INTO outbox (recipient, channel, subject, body, created_at) VALUES (?, ?, ?, ?, ?)");
    if (!insert.bind(1, recipient).bind(2, channel).bind(3, subject).bind(4, body).bind(5, settings.clock()).run())
        return core::Error{"delivery_failed", "the message could not be stored"};
    return std::optional<Delivery>();
}

// A code that never left is no code: "Ask for a code first" is then the truth. Only this code goes (a
// resend that came meanwhile stays).
void AuthService::forget_code(const std::string& transaction_id, const std::string& channel, const std::string& code) {
    const std::string hash = code_hash(channel, transaction_id, code);
    db.write([&](Connection& c) {
        Statement forget(c, channel == "email"
                                ? "UPDATE auth_transactions SET email_code_hash = NULL, email_code_expires = 0"
                                  " WHERE id = ? AND email_code_hash = ?"
                                : "UPDATE auth_transactions SET sms_code_hash = NULL WHERE id = ? AND sms_code_hash = ?");
        return forget.bind(1, transaction_id).bind(2, hash).run();
    });
}

core::Result<bool> AuthService::deliver(const Delivery& d) {
    auto sent = d.channel == "email" ? send_email_smtp(settings.messaging, d.recipient, d.subject, d.body, settings.clock())
                                     : send_sms_http(settings.messaging, d.recipient, d.body);
    // The person signing in sees "try again"; the operator needs the reason, and never the recipient.
    if (!sent) std::fprintf(stderr, "portal-server: %s delivery failed: %s\n", d.channel.c_str(), sent.error().message.c_str());
    return sent;
}

std::optional<AuthService::Transaction> AuthService::load_transaction(Connection& c, const std::string& id, Reply& failure) {
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

// A wrong code or password: counted against the transaction (locked after five) and against the
// account from anywhere (AuthLimits::wrong_per_account), so that new transactions do not buy new tries.
Reply AuthService::wrong_code(Connection& c, const Transaction& txn, const std::string& account_key, const char* what) {
    Statement bump(c, "UPDATE auth_transactions SET failed_attempts = failed_attempts + 1 WHERE id = ?");
    bump.bind(1, txn.id).run();
    if (!account_key.empty()) record(c, account_key);
    const std::int64_t left = max_failed_attempts - (txn.failed_attempts + 1);
    if (left <= 0)
        return error_reply(429, "transaction_locked", "Too many wrong tries: this sign-in is locked. Start signing in again.",
                     {{"tries_left", 0}});
    return error_reply(400, "invalid_code",
                 std::string(what) + " is not right. Check it and try again (" + std::to_string(left) +
                     (left == 1 ? " try" : " tries") + " left).",
                 {{"tries_left", left}});
}

Reply AuthService::start_transaction(const json& body, const std::string& address) {
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
    const std::string id = crypto::random_token(24);
    return write([&](Connection& c, bool& keep) {
        const std::string key = "start:" + address;
        if (const std::int64_t wait = wait_for(c, key, settings.limits.starts_per_address)) {
            keep = false;
            return rate_limited("Too many sign-ins were started from your network.", wait);
        }
        record(c, key);
        const std::int64_t now = settings.clock();
        Statement insert(c,
                         "INSERT INTO auth_transactions (id, client_id, redirect_uri, code_challenge, state, created_at,"
                         " expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
        if (!insert.bind(1, id).bind(2, *client).bind(3, *redirect).bind(4, *challenge).bind(5, *state).bind(6, now)
                 .bind(7, now + 30 * 60).run()) {
            keep = false;
            return error_reply(503, "storage", "The sign-in could not be started. Try again in a moment.");
        }
        return Reply{201, {{"transaction_id", id}, {"methods", {"email_code", "google", "password"}}}};
    });
}

Reply AuthService::send_email_code(const std::string& transaction_id, const json& body, const std::string& address) {
    auto typed = string_field(body, "email", 254);
    const std::string email = typed ? fold_email(*typed) : "";
    if (email.find('@') == std::string::npos)
        return error_reply(400, "invalid_request", "email: type the email address registered on your store.");
    // Asked before anything else, so that the answer does not depend on whether the email is known.
    if (!channel_available("email"))
        return error_reply(503, "delivery_unavailable", "Codes by email are not available on this server right now. "
                                                        "Sign in another way, or try again later.");
    const std::string code = crypto::random_digits(6);
    std::optional<Delivery> delivery;
    Reply reply = write([&](Connection& c, bool& keep) {
        keep = false;
        Reply failure;
        auto txn = load_transaction(c, transaction_id, failure);
        if (!txn) return failure;
        const std::string recipient_key = "send:email:" + email, address_key = "send:address:" + address;
        if (const std::int64_t wait = send_wait(c, recipient_key, address_key))
            return rate_limited("Too many codes were sent.", wait);
        Statement user(c, "SELECT id FROM users WHERE email = ?");
        const bool known = user.bind(1, email).step();
        if (known) {
            auto planned = plan_delivery(c, email, "email", "Your VTEX Support access code",
                                         "Your access code is " + code +
                                             ". It expires in 10 minutes. If you did not ask for it, ignore this message.");
            if (!planned) return error_reply(502, "delivery_failed", "The email could not be sent right now. Try again in a few minutes, or sign in another way.");
            delivery = planned.value();
        }
        record(c, recipient_key);
        record(c, address_key);
        // A resend replaces the previous code. An unknown email gets the same answer and no message.
        Statement store(c, "UPDATE auth_transactions SET email_code_hash = ?, email_code_user = ?, email_code_expires = ?"
                           " WHERE id = ?");
        store.bind_optional(1, known ? std::optional<std::string_view>(code_hash("email", txn->id, code)) : std::nullopt)
            .bind_optional(2, known ? std::optional<std::string_view>(user.text(0)) : std::nullopt)
            .bind(3, settings.clock() + code_seconds)
            .bind(4, txn->id);
        if (!store.run()) return storage_failed();
        keep = true;
        return Reply{202, {{"message", "If this email is registered on a store, a 6-digit code is on its way. It expires in 10 minutes."}}};
    });
    if (reply.status == 202 && delivery && !deliver(*delivery)) {
        forget_code(transaction_id, "email", code);
        return error_reply(502, "delivery_failed", "The email could not be sent right now. Try again in a few minutes, or sign in another way.");
    }
    return reply;
}

Reply AuthService::verify_email_code(const std::string& transaction_id, const json& body) {
    auto code = string_field(body, "code", 16);
    if (!code) return error_reply(400, "invalid_request", "code: type the 6-digit code from the email.");
    return write([&](Connection& c, bool& keep) {
        Reply failure;
        auto txn = load_transaction(c, transaction_id, failure);
        if (!txn) return failure;
        if (txn->email_code_expires == 0)
            return error_reply(400, "no_code", "No code was sent for this sign-in yet. Ask for a code first.");
        if (txn->email_code_expires <= settings.clock())
            return error_reply(400, "code_expired", "This code has expired. Ask for a new one.");
        const std::string account_key = txn->email_code_user ? "wrong:code:" + *txn->email_code_user : "";
        if (!account_key.empty())
            if (const std::int64_t wait = wait_for(c, account_key, settings.limits.wrong_per_account)) return account_locked(wait);
        if (!txn->email_code_hash || !crypto::equal(*txn->email_code_hash, code_hash("email", txn->id, *code)))
            return wrong_code(c, *txn, account_key, "The code");
        Statement consume(c, "UPDATE auth_transactions SET email_code_hash = NULL, email_code_expires = 0 WHERE id = ?");
        consume.bind(1, txn->id).run();
        Reply done = issue_authorization_code(c, *txn, *txn->email_code_user);
        keep = done.status == 200;
        return done;
    });
}

Reply AuthService::password(const std::string& transaction_id, const json& body, const std::string& address) {
    auto typed = string_field(body, "email", 254);
    auto password = string_field(body, "password", 1024);
    if (!typed || !password) return error_reply(400, "invalid_request", "email and password: both are required.");
    const std::string email = fold_email(*typed);
    const std::string address_key = "password:" + address;
    // First, on a reader: is this attempt allowed, and what is stored? Then the hash is checked with no
    // lock held (it takes tens of milliseconds on purpose), and the write checks the transaction again.
    std::string user_id, stored;
    std::string account_key = "wrong:password:" + email;
    {
        auto r = db.reader();
        Reply failure;
        if (!load_transaction(*r, transaction_id, failure)) return failure;
        if (const std::int64_t wait = wait_for(*r, address_key, settings.limits.passwords_per_address))
            return rate_limited("Too many sign-in attempts from your network.", wait);
        Statement user(*r, "SELECT id, COALESCE(password_hash, '') FROM users WHERE email = ?");
        if (user.bind(1, email).step()) {
            user_id = user.text(0);
            stored = user.text(1);
            account_key = "wrong:password:" + user_id;
        }
        if (const std::int64_t wait = wait_for(*r, account_key, settings.limits.wrong_per_account)) return account_locked(wait);
    }
    // The same work and the same answer whether the email exists or not.
    static const std::string dummy = crypto::hash_password("not a real password").value_or("");
    const bool ok = !user_id.empty() && !stored.empty() && crypto::verify_password(stored, *password);
    if (user_id.empty() || stored.empty()) crypto::verify_password(dummy, *password);
    return write([&](Connection& c, bool&) {
        Reply failure;
        auto txn = load_transaction(c, transaction_id, failure);
        if (!txn) return failure;
        record(c, address_key);
        if (!ok) {
            Reply wrong = wrong_code(c, *txn, account_key, "The email or password");
            if (wrong.status == 400) {
                wrong.status = 401;
                wrong.body["error"] = "invalid_credentials";
                wrong.body["message"] = "The email or password is not right. Check both and try again (" +
                                        std::to_string(wrong.body["tries_left"].get<int>()) + " tries left).";
            }
            return wrong;
        }
        Statement factors(c, "SELECT totp_secret IS NOT NULL, phone IS NOT NULL FROM users WHERE id = ?");
        json methods = json::array();
        if (factors.bind(1, user_id).step()) {
            if (factors.integer(0)) methods.push_back("totp");
            if (factors.integer(1)) methods.push_back("sms");
        }
        Statement advance(c, "UPDATE auth_transactions SET user_id = ?, stage = 'mfa' WHERE id = ?");
        advance.bind(1, user_id).bind(2, txn->id).run();
        return Reply{200, {{"mfa_required", true}, {"methods", methods}}};
    });
}

Reply AuthService::send_sms_code(const std::string& transaction_id, const std::string& address) {
    if (!channel_available("sms"))
        return error_reply(503, "delivery_unavailable", "Codes by text message are not available on this server right now. "
                                                        "Use your authenticator app, or try again later.");
    const std::string code = crypto::random_digits(6);
    std::optional<Delivery> delivery;
    Reply reply = write([&](Connection& c, bool& keep) {
        keep = false;
        Reply failure;
        auto txn = load_transaction(c, transaction_id, failure);
        if (!txn) return failure;
        if (txn->stage != "mfa") return error_reply(409, "password_first", "Sign in with your password first.");
        Statement user(c, "SELECT phone FROM users WHERE id = ? AND phone IS NOT NULL");
        if (!user.bind(1, txn->user_id).step())
            return error_reply(400, "no_phone", "No phone number is registered for text messages. Use your authenticator app.");
        const std::string phone = user.text(0);
        const std::string recipient_key = "send:phone:" + phone, address_key = "send:address:" + address;
        if (const std::int64_t wait = send_wait(c, recipient_key, address_key))
            return rate_limited("Too many codes were sent.", wait);
        auto planned = plan_delivery(c, phone, "sms", "VTEX Support", "VTEX Support code: " + code + ". Valid for 10 minutes.");
        if (!planned)
            return error_reply(502, "delivery_failed",
                               "The text message could not be sent right now. Try again in a few minutes, or use your authenticator app.");
        delivery = planned.value();
        record(c, recipient_key);
        record(c, address_key);
        Statement store(c, "UPDATE auth_transactions SET sms_code_hash = ?, sms_code_expires = ? WHERE id = ?");
        if (!store.bind(1, code_hash("sms", txn->id, code)).bind(2, settings.clock() + code_seconds).bind(3, txn->id).run())
            return storage_failed();
        keep = true;
        const std::string last_digits = phone.size() > 4 ? phone.substr(phone.size() - 4) : phone;
        return Reply{202, {{"message", "A code was sent by text message to the number ending in " + last_digits + "."},
                           {"last_digits", last_digits}}};
    });
    if (reply.status == 202 && delivery && !deliver(*delivery)) {
        forget_code(transaction_id, "sms", code);
        return error_reply(502, "delivery_failed",
                           "The text message could not be sent right now. Try again in a few minutes, or use your authenticator app.");
    }
    return reply;
}

Reply AuthService::verify_second_factor(const std::string& transaction_id, const json& body) {
    auto method = string_field(body, "method");
    auto code = string_field(body, "code", 16);
    if (!method || (*method != "totp" && *method != "sms"))
        return error_reply(400, "invalid_request", "method: totp or sms.");
    if (!code) return error_reply(400, "invalid_request", "code: type the 6-digit code.");
    return write([&](Connection& c, bool& keep) {
        Reply failure;
        auto txn = load_transaction(c, transaction_id, failure);
        if (!txn) return failure;
        if (txn->stage != "mfa") return error_reply(409, "password_first", "Sign in with your password first.");
        const std::string account_key = "wrong:code:" + txn->user_id;
        if (const std::int64_t wait = wait_for(c, account_key, settings.limits.wrong_per_account)) return account_locked(wait);
        if (*method == "sms") {
            if (!txn->sms_code_hash) return error_reply(400, "no_code", "No text message was sent yet. Ask for a code first.");
            if (txn->sms_code_expires <= settings.clock())
                return error_reply(400, "code_expired", "This code has expired. Ask for a new one.");
            if (!crypto::equal(*txn->sms_code_hash, code_hash("sms", txn->id, *code)))
                return wrong_code(c, *txn, account_key, "The code");
            Statement consume(c, "UPDATE auth_transactions SET sms_code_hash = NULL WHERE id = ?");
            consume.bind(1, txn->id).run();
        } else {
            Statement user(c, "SELECT totp_secret, totp_last_step FROM users WHERE id = ? AND totp_secret IS NOT NULL");
            if (!user.bind(1, txn->user_id).step())
                return error_reply(400, "no_authenticator", "No authenticator app is set up for this user. Use a text message.");
            auto secret = crypto::base32_decode(user.text(0));
            const std::int64_t last_step = user.integer(1);
            const std::int64_t now_step = settings.clock() / 30;
            std::optional<std::int64_t> matched;
            for (std::int64_t step = now_step - 1; step <= now_step + 1; ++step)  // one step of drift either way
                if (secret && step > last_step && crypto::equal(crypto::totp(*secret, step), *code)) matched = step;
            if (!matched) return wrong_code(c, *txn, account_key, "The code");
            // Each code once: a step at or before the last accepted one is refused from now on.
            Statement used(c, "UPDATE users SET totp_last_step = ? WHERE id = ?");
            used.bind(1, *matched).bind(2, txn->user_id).run();
        }
        Reply done = issue_authorization_code(c, *txn, txn->user_id);
        keep = done.status == 200;
        return done;
    });
}

Reply AuthService::issue_authorization_code(Connection& c, const Transaction& txn, const std::string& user_id) {
    const std::string code = crypto::random_token(32);
    Statement insert(c,
                     "INSERT INTO authorization_codes (code_hash, user_id, client_id, redirect_uri, code_challenge, expires_at)"
                     " VALUES (?, ?, ?, ?, ?, ?)");
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
            return error_reply(403, "unknown_user", "No store user is registered with " + email +
                                                  ". Sign in with the email your store registered, or ask its administrator.",
                               {{"email", email}});
        Reply done = issue_authorization_code(c, *txn, user.text(0));
        keep = done.status == 200;
        return done;
    });
}

Reply AuthService::outbox(const std::string& recipient) {
    if (!settings.dev_outbox) return error_reply(404, "not_found", "There is nothing at this address.");
    auto r = db.reader();
    Statement q(*r, "SELECT channel, subject, body, created_at FROM outbox WHERE recipient = ? ORDER BY id DESC LIMIT 50");
    q.bind(1, recipient);
    json messages = json::array();
    while (q.step())
        messages.push_back({{"channel", q.text(0)}, {"subject", q.text(1)}, {"body", q.text(2)},
                            {"sent_at", core::format_rfc3339(q.integer(3))}});
    return Reply{200, {{"to", recipient}, {"messages", messages}}};
}

}  // namespace server
