// Codes by email: delivering a code (the dev outbox, or an SMTP relay or SMS provider after the commit),
// sending and checking the emailed access code, and the dev outbox itself.
#include "server/identity/auth_service.hpp"

#include "server/identity/auth_steps.hpp"
#include "server/identity/crypto.hpp"

namespace server {

using nlohmann::json;

namespace {

const char* const email_not_sent =
    "The email could not be sent right now. Try again in a few minutes, or sign in another way.";

}  // namespace

bool AuthService::channel_available(const std::string& channel) const {
    const MessagingSettings& m = settings.messaging;
    return settings.dev_outbox || (channel == "email" ? !m.smtp_url.empty() : !m.sms_api_url.empty());
}

core::Result<std::optional<AuthService::Delivery>> AuthService::plan_delivery(
    Connection& c, const std::string& recipient, const std::string& channel, const std::string& subject,
    const std::string& body) {
    const MessagingSettings& m = settings.messaging;
    if ((channel == "email" && !m.smtp_url.empty()) || (channel == "sms" && !m.sms_api_url.empty()))
        return std::optional<Delivery>(Delivery{recipient, channel, subject, body});
    // Codes in clear are only ever written for the dev outbox (--dev, loopback), never in production.
    if (!settings.dev_outbox) return core::Error{"delivery_failed", "no " + channel + " delivery is configured"};
    if (!IdentityStore(c).add_to_outbox(recipient, channel, subject, body, settings.clock()).empty())
        return core::Error{"delivery_failed", "the message could not be stored"};
    return std::optional<Delivery>();
}

// A code that never left is no code: "Ask for a code first" is then the truth. Only this code goes (a
// resend that came meanwhile stays).
void AuthService::forget_code(const std::string& transaction_id, const std::string& channel, const std::string& code) {
    const std::string hash = code_hash(channel, transaction_id, code);
    db.write([&](Connection& c) { return IdentityStore(c).forget_code(transaction_id, channel, hash).empty(); });
}

Reply AuthService::send_code(const std::string& transaction_id, const std::string& channel, const char* not_sent,
                             const std::function<Reply(Connection&, const Transaction&, const std::string& code,
                                                       std::optional<Delivery>& delivery)>& work) {
    const std::string code = crypto::random_digits(6);
    std::optional<Delivery> delivery;
    Reply reply = write([&](Connection& c, bool& keep) {
        Reply answer;
        if (auto txn = load_transaction(c, transaction_id, answer)) answer = work(c, *txn, code, delivery);
        keep = answer.outcome == Outcome::accepted;
        return answer;
    });
    if (reply.outcome == Outcome::accepted && delivery && !deliver(*delivery)) {
        forget_code(transaction_id, channel, code);
        return error_reply(Outcome::upstream_failed, "delivery_failed", not_sent);
    }
    return reply;
}

core::Result<bool> AuthService::deliver(const Delivery& d) {
    auto sent = d.channel == "email"
                    ? send_email_smtp(settings.messaging, d.recipient, d.subject, d.body, settings.clock())
                    : send_sms_http(settings.messaging, d.recipient, d.body);
    // The person signing in sees "try again"; the operator needs the reason, and never the recipient.
    if (!sent) {
        std::fprintf(stderr, "portal-server: %s delivery failed: %s\n", d.channel.c_str(),
                     sent.error().message.c_str());
    }
    return sent;
}

Reply AuthService::send_email_code(const std::string& transaction_id, const json& body, const std::string& address) {
    auto typed = identity::string_field(body, "email", 254);
    const std::string email = typed ? fold_email(*typed) : "";
    if (email.find('@') == std::string::npos)
        return error_reply(Outcome::invalid, "invalid_request",
                           "email: type the email address registered on your store.");
    // Asked before anything else, so that the answer does not depend on whether the email is known.
    if (!channel_available("email"))
        return error_reply(Outcome::unavailable, "delivery_unavailable",
                           "Codes by email are not available on this server right now. "
                           "Sign in another way, or try again later.");
    return send_code(transaction_id, "email", email_not_sent, [&](Connection& c, const Transaction& txn,
                                                                 const std::string& code,
                                                                 std::optional<Delivery>& delivery) {
        const std::string recipient_key = "send:email:" + email, address_key = "send:address:" + address;
        if (const std::int64_t wait = send_wait(c, recipient_key, address_key))
            return identity::rate_limited("Too many codes were sent.", wait);
        const auto user_id = IdentityStore(c).user_id_by_email(email);
        const bool known = user_id.has_value();
        if (known) {
            auto planned = plan_delivery(c, email, "email", "Your VTEX Support access code",
                                         "Your access code is " + code +
                                             ". It expires in 10 minutes. If you did not ask for it, ignore this "
                                             "message.");
            if (!planned) return error_reply(Outcome::upstream_failed, "delivery_failed", email_not_sent);
            delivery = planned.value();
        }
        std::string failed = record(c, recipient_key);
        if (failed.empty()) failed = record(c, address_key);
        // A resend replaces the previous code. An unknown email gets the same answer and no message.
        const auto hash = known ? std::optional<std::string>(code_hash("email", txn.id, code)) : std::nullopt;
        if (failed.empty())
            failed = IdentityStore(c).set_email_code(txn.id, hash, user_id, settings.clock() + code_seconds);
        if (!failed.empty()) return identity::storage_failed(failed);
        return Reply{Outcome::accepted,
                     {{"message",
                       "If this email is registered on a store, a 6-digit code is on its way. It "
                       "expires in 10 minutes."}}};
    });
}

Reply AuthService::verify_email_code(const std::string& transaction_id, const json& body) {
    auto code = identity::string_field(body, "code", 16);
    if (!code) return error_reply(Outcome::invalid, "invalid_request", "code: type the 6-digit code from the email.");
    return write([&](Connection& c, bool& keep) {
        Reply failure;
        auto txn = load_transaction(c, transaction_id, failure);
        if (!txn) return failure;
        if (txn->email_code_expires == 0)
            return error_reply(Outcome::invalid, "no_code",
                               "No code was sent for this sign-in yet. Ask for a code first.");
        if (txn->email_code_expires <= settings.clock())
            return error_reply(Outcome::invalid, "code_expired", "This code has expired. Ask for a new one.");
        const std::string account_key = txn->email_code_user ? "wrong:code:" + *txn->email_code_user : "";
        if (!account_key.empty())
            if (const std::int64_t wait = wait_for(c, account_key, settings.limits.wrong_per_account))
                return identity::account_locked(wait);
        if (!txn->email_code_hash || !crypto::equal(*txn->email_code_hash, code_hash("email", txn->id, *code)))
            return wrong_code(c, *txn, account_key, "The code");
        if (const std::string failed = IdentityStore(c).clear_email_code(txn->id); !failed.empty())
            return identity::storage_failed(failed);
        Reply done = issue_authorization_code(c, *txn, *txn->email_code_user);
        keep = done.outcome == Outcome::ok;
        return done;
    });
}

Reply AuthService::outbox(const std::string& recipient) {
    if (!settings.dev_outbox) return error_reply(Outcome::not_found, "not_found", "There is nothing at this address.");
    auto r = db.reader();
    json messages = json::array();
    for (const OutboxRow& m : IdentityStore(*r).outbox(recipient, 50))
        messages.push_back({{"channel", m.channel}, {"subject", m.subject}, {"body", m.body},
                            {"sent_at", core::format_rfc3339(m.created_at)}});
    return Reply{Outcome::ok, {{"to", recipient}, {"messages", messages}}};
}

}  // namespace server
