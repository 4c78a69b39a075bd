// The identity service's sign-in transactions: starting one, reading it back in each step, counting
// wrong tries, rate limits, and completing it with an authorization code. The methods' steps are in
// auth_codes.cpp (codes by email, delivery) and auth_factors.cpp (password, second factor); tokens and
// GET /api/me in auth_tokens.cpp.
#include "server/identity/auth_service.hpp"

#include "server/identity/auth_steps.hpp"
#include "server/identity/crypto.hpp"

namespace server {

using nlohmann::json;

namespace {

bool base64url_text(std::string_view s) {
    for (char c : s)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') return false;
    return true;
}

Reply transaction_locked() {
    return error_reply(Outcome::too_many, "transaction_locked",
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
    return error_reply(Outcome::too_many, "rate_limited", message + " Wait " + minutes_text(wait) + ", then try again.",
                       {{"retry_after", wait}});
}

Reply account_locked(std::int64_t wait) {
    return error_reply(Outcome::too_many, "account_locked",
                       "Too many wrong tries for this account. For its safety, signing in to it is paused for " +
                           minutes_text(wait) + ". Then try again, or ask your store's administrator for help.",
                       {{"retry_after", wait}});
}

Reply storage_failed(const std::string& cause, const char* message) {
    if (!cause.empty()) std::fprintf(stderr, "portal-server: identity: %s\n", cause.c_str());
    return error_reply(Outcome::unavailable, "storage", message);
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
    const auto oldest = IdentityStore(c).nth_newest_event(key, now - limit.window_seconds, limit.count);
    if (!oldest) return 0;
    return std::max<std::int64_t>(1, *oldest + limit.window_seconds - now);
}

std::int64_t AuthService::send_wait(Connection& c, const std::string& recipient_key, const std::string& address_key) {
    return std::max(wait_for(c, recipient_key, settings.limits.sends_per_recipient),
                    wait_for(c, address_key, settings.limits.sends_per_address));
}

std::string AuthService::record(Connection& c, const std::string& key) {
    return IdentityStore(c).record_event(key, settings.clock());
}

std::optional<AuthService::Transaction> AuthService::load_transaction(Connection& c, const std::string& id,
                                                                     Reply& failure) {
    auto row = IdentityStore(c).transaction(id);
    if (!row) {
        failure = error_reply(Outcome::not_found, "unknown_transaction",
                              "This sign-in was not found. Start signing in again.");
        return std::nullopt;
    }
    const Transaction& t = *row;
    if (t.completed) {
        failure = error_reply(Outcome::conflict, "transaction_completed",
                              "This sign-in is already complete. Start again to sign in anew.");
        return std::nullopt;
    }
    if (t.failed_attempts >= max_failed_attempts) {
        failure = transaction_locked();
        return std::nullopt;
    }
    if (t.expires_at <= settings.clock()) {
        failure = error_reply(Outcome::gone, "transaction_expired",
                              "This sign-in took too long and expired. Start signing in again.");
        return std::nullopt;
    }
    return row;
}

// A wrong code or password: counted against the transaction (locked after five) and against the
// account from anywhere (AuthLimits::wrong_per_account), so that new transactions do not buy new tries.
Reply AuthService::wrong_code(Connection& c, const Transaction& txn, const std::string& account_key, const char* what) {
    std::string failed = IdentityStore(c).count_failure(txn.id);
    if (failed.empty() && !account_key.empty()) failed = record(c, account_key);
    if (!failed.empty()) return identity::storage_failed(failed);
    const std::int64_t left = max_failed_attempts - (txn.failed_attempts + 1);
    if (left <= 0) return transaction_locked();
    return error_reply(Outcome::invalid, "invalid_code",
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
        return error_reply(Outcome::invalid, "invalid_client", "client_id: this portal is not a known client.");
    if (!redirect || *redirect != settings.redirect_uri)
        return error_reply(Outcome::invalid, "invalid_redirect_uri",
                           "redirect_uri: not an allowed address for this portal.");
    if (!method || *method != "S256")
        return error_reply(Outcome::invalid, "invalid_request", "code_challenge_method: must be S256.");
    if (!challenge || challenge->size() != 43 || !base64url_text(*challenge))
        return error_reply(Outcome::invalid, "invalid_request",
                           "code_challenge: must be the base64url SHA-256 of a code verifier.");
    if (!state) return error_reply(Outcome::invalid, "invalid_request", "state: required, at most 512 characters.");
    const std::string id = crypto::random_token(24);
    return write([&](Connection& c, bool& keep) {
        const std::string key = "start:" + address;
        if (const std::int64_t wait = wait_for(c, key, settings.limits.starts_per_address)) {
            keep = false;
            return identity::rate_limited("Too many sign-ins were started from your network.", wait);
        }
        const std::int64_t now = settings.clock();
        TransactionRow started;
        started.id = id;
        started.client_id = *client;
        started.redirect_uri = *redirect;
        started.code_challenge = *challenge;
        started.state = *state;
        started.expires_at = now + 30 * 60;
        std::string failed = record(c, key);
        if (failed.empty()) failed = IdentityStore(c).start_transaction(started, now);
        if (!failed.empty()) {
            keep = false;
            return identity::storage_failed(failed, "The sign-in could not be started. Try again in a moment.");
        }
        return Reply{Outcome::created, {{"transaction_id", id}, {"methods", {"email_code", "google", "password"}}}};
    });
}

Reply AuthService::issue_authorization_code(Connection& c, const Transaction& txn, const std::string& user_id) {
    const std::string code = crypto::random_token(32);
    IdentityStore store(c);
    if (!store.add_authorization_code(crypto::hex(crypto::sha256(code)), user_id, txn.client_id, txn.redirect_uri,
                                      txn.code_challenge, settings.clock() + 60).empty() ||
        !store.complete(txn.id, user_id).empty())
        return error_reply(Outcome::unavailable, "storage",
                           "The sign-in could not be completed. Try again in a moment.");
    return Reply{Outcome::ok, {{"code", code}, {"state", txn.state}}};
}

Reply AuthService::complete_with_email(const std::string& transaction_id, const std::string& typed_email) {
    const std::string email = fold_email(typed_email);
    return write([&](Connection& c, bool& keep) {
        Reply failure;
        auto txn = load_transaction(c, transaction_id, failure);
        if (!txn) return failure;
        const auto user_id = IdentityStore(c).user_id_by_email(email);
        if (!user_id)
            return error_reply(Outcome::forbidden, "unknown_user",
                               "No store user is registered with " + email +
                                   ". Sign in with the email your store registered, or ask its administrator.",
                               {{"email", email}});
        Reply done = issue_authorization_code(c, *txn, *user_id);
        keep = done.outcome == Outcome::ok;
        return done;
    });
}

}  // namespace server
