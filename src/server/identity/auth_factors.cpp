// The password method: the password, then a second factor (a code by text message, or one from an
// authenticator app, TOTP), each step checked against the transaction in the single writer.
#include "server/identity/auth_service.hpp"

#include "server/identity/auth_steps.hpp"
#include "server/identity/crypto.hpp"

namespace server {

using nlohmann::json;

namespace {

const char* const text_not_sent =
    "The text message could not be sent right now. Try again in a few minutes, or use your authenticator app.";

}  // namespace

Reply AuthService::password(const std::string& transaction_id, const json& body, const std::string& address) {
    auto typed = identity::string_field(body, "email", 254);
    auto password = identity::string_field(body, "password", 1024);
    if (!typed || !password)
        return error_reply(Outcome::invalid, "invalid_request", "email and password: both are required.");
    const std::string email = fold_email(*typed);
    const std::string address_key = "password:" + address;
    // First, on a reader: is this attempt allowed, and what is stored? Then the hash is checked with no
    // lock held (argon2id is slow on purpose), and the write checks the transaction again.
    std::string user_id, stored;
    std::string account_key = "wrong:password:" + email;
    {
        auto r = db.reader();
        Reply failure;
        if (!load_transaction(*r, transaction_id, failure)) return failure;
        if (const std::int64_t wait = wait_for(*r, address_key, settings.limits.passwords_per_address))
            return identity::rate_limited("Too many sign-in attempts from your network.", wait);
        if (auto user = IdentityStore(*r).password_by_email(email)) {
            user_id = user->user_id;
            stored = user->hash;
            account_key = "wrong:password:" + user_id;
        }
        if (const std::int64_t wait = wait_for(*r, account_key, settings.limits.wrong_per_account))
            return identity::account_locked(wait);
    }
    // The same work and the same answer whether the email exists or not.
    static const std::string dummy = crypto::hash_password("not a real password").value_or("");
    const bool ok = !user_id.empty() && !stored.empty() && crypto::verify_password(stored, *password);
    if (user_id.empty() || stored.empty()) crypto::verify_password(dummy, *password);
    return write([&](Connection& c, bool&) {
        Reply failure;
        auto txn = load_transaction(c, transaction_id, failure);
        if (!txn) return failure;
        if (const std::string failed = record(c, address_key); !failed.empty())
            return identity::storage_failed(failed);
        if (!ok) {
            Reply wrong = wrong_code(c, *txn, account_key, "The email or password");
            if (wrong.outcome == Outcome::invalid) {
                wrong.outcome = Outcome::unauthenticated;
                wrong.body["error"] = "invalid_credentials";
                wrong.body["message"] = "The email or password is not right. Check both and try again (" +
                                        std::to_string(wrong.body["tries_left"].get<int>()) + " tries left).";
            }
            return wrong;
        }
        IdentityStore store(c);
        const IdentityStore::Factors factors = store.factors(user_id);
        json methods = json::array();
        if (factors.totp) methods.push_back("totp");
        if (factors.sms) methods.push_back("sms");
        if (const std::string failed = store.advance_to_second_factor(txn->id, user_id); !failed.empty())
            return identity::storage_failed(failed);
        return Reply{Outcome::ok, {{"mfa_required", true}, {"methods", methods}}};
    });
}

Reply AuthService::send_sms_code(const std::string& transaction_id, const std::string& address) {
    if (!channel_available("sms"))
        return error_reply(Outcome::unavailable, "delivery_unavailable",
                           "Codes by text message are not available on this server right "
                           "now. Use your authenticator app, or try again later.");
    return send_code(
        transaction_id, "sms", text_not_sent,
        [&](Connection& c, const Transaction& txn, const std::string& code, std::optional<Delivery>& delivery) {
            if (txn.stage != "mfa")
                return error_reply(Outcome::conflict, "password_first", "Sign in with your password first.");
            IdentityStore store(c);
            const auto number = store.phone(txn.user_id);
            if (!number)
                return error_reply(Outcome::invalid, "no_phone",
                                   "No phone number is registered for text messages. Use your authenticator app.");
            const std::string phone = *number;
            const std::string recipient_key = "send:phone:" + phone, address_key = "send:address:" + address;
            if (const std::int64_t wait = send_wait(c, recipient_key, address_key))
                return identity::rate_limited("Too many codes were sent.", wait);
            auto planned = plan_delivery(c, phone, "sms", "VTEX Support",
                                         "VTEX Support code: " + code + ". Valid for 10 minutes.");
            if (!planned) return error_reply(Outcome::upstream_failed, "delivery_failed", text_not_sent);
            delivery = planned.value();
            std::string failed = record(c, recipient_key);
            if (failed.empty()) failed = record(c, address_key);
            if (failed.empty())
                failed = store.set_sms_code(txn.id, code_hash("sms", txn.id, code), settings.clock() + code_seconds);
            if (!failed.empty()) return identity::storage_failed(failed);
            const std::string last_digits = phone.size() > 4 ? phone.substr(phone.size() - 4) : phone;
            return Reply{Outcome::accepted,
                         {{"message", "A code was sent by text message to the number ending in " + last_digits + "."},
                          {"last_digits", last_digits}}};
        });
}

Reply AuthService::verify_second_factor(const std::string& transaction_id, const json& body) {
    auto method = identity::string_field(body, "method");
    auto code = identity::string_field(body, "code", 16);
    if (!method || (*method != "totp" && *method != "sms"))
        return error_reply(Outcome::invalid, "invalid_request", "method: totp or sms.");
    if (!code) return error_reply(Outcome::invalid, "invalid_request", "code: type the 6-digit code.");
    return write([&](Connection& c, bool& keep) {
        Reply failure;
        auto txn = load_transaction(c, transaction_id, failure);
        if (!txn) return failure;
        if (txn->stage != "mfa")
            return error_reply(Outcome::conflict, "password_first", "Sign in with your password first.");
        const std::string account_key = "wrong:code:" + txn->user_id;
        if (const std::int64_t wait = wait_for(c, account_key, settings.limits.wrong_per_account))
            return identity::account_locked(wait);
        if (*method == "sms") {
            if (!txn->sms_code_hash)
                return error_reply(Outcome::invalid, "no_code", "No text message was sent yet. Ask for a code first.");
            if (txn->sms_code_expires <= settings.clock())
                return error_reply(Outcome::invalid, "code_expired", "This code has expired. Ask for a new one.");
            if (!crypto::equal(*txn->sms_code_hash, code_hash("sms", txn->id, *code)))
                return wrong_code(c, *txn, account_key, "The code");
            if (const std::string failed = IdentityStore(c).clear_sms_code(txn->id); !failed.empty())
                return identity::storage_failed(failed);
        } else {
            IdentityStore store(c);
            const auto app = store.totp(txn->user_id);
            if (!app)
                return error_reply(Outcome::invalid, "no_authenticator",
                                   "No authenticator app is set up for this user. Use a text message.");
            auto secret = crypto::base32_decode(app->secret);
            const std::int64_t last_step = app->last_step;
            const std::int64_t now_step = settings.clock() / 30;
            std::optional<std::int64_t> matched;
            for (std::int64_t step = now_step - 1; step <= now_step + 1; ++step)  // one step of drift either way
                if (secret && step > last_step && crypto::equal(crypto::totp(*secret, step), *code)) matched = step;
            if (!matched) return wrong_code(c, *txn, account_key, "The code");
            // Each code once: a step at or before the last accepted one is refused from now on.
            if (const std::string failed = store.use_totp_step(txn->user_id, *matched); !failed.empty())
                return identity::storage_failed(failed);
        }
        Reply done = issue_authorization_code(c, *txn, txn->user_id);
        keep = done.outcome == Outcome::ok;
        return done;
    });
}

}  // namespace server
