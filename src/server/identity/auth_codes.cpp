// Codes by email: delivering a code (the dev outbox, or an SMTP relay or SMS provider after the commit),
// sending and checking the emailed access code, and the dev outbox itself.
#include "server/identity/auth_service.hpp"

#include "server/identity/auth_steps.hpp"
#include "server/identity/crypto.hpp"
#include "server/statement.hpp"

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
                                : "UPDATE auth_transactions SET sms_code_hash = NULL"
                                  " WHERE id = ? AND sms_code_hash = ?");
        return forget.bind(1, transaction_id).bind(2, hash).run();
    });
}

Reply AuthService::send_code(const std::string& transaction_id, const std::string& channel, const char* not_sent,
                             const std::function<Reply(Connection&, const Transaction&, const std::string& code,
                                                       std::optional<Delivery>& delivery)>& work) {
    const std::string code = crypto::random_digits(6);
    std::optional<Delivery> delivery;
    Reply reply = write([&](Connection& c, bool& keep) {
        Reply answer;
        if (auto txn = load_transaction(c, transaction_id, answer)) answer = work(c, *txn, code, delivery);
        keep = answer.status == 202;
        return answer;
    });
    if (reply.status == 202 && delivery && !deliver(*delivery)) {
        forget_code(transaction_id, channel, code);
        return error_reply(502, "delivery_failed", not_sent);
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
        return error_reply(400, "invalid_request", "email: type the email address registered on your store.");
    // Asked before anything else, so that the answer does not depend on whether the email is known.
    if (!channel_available("email"))
        return error_reply(503, "delivery_unavailable", "Codes by email are not available on this server right now. "
                                                        "Sign in another way, or try again later.");
    return send_code(transaction_id, "email", email_not_sent, [&](Connection& c, const Transaction& txn,
                                                                 const std::string& code,
                                                                 std::optional<Delivery>& delivery) {
        const std::string recipient_key = "send:email:" + email, address_key = "send:address:" + address;
        if (const std::int64_t wait = send_wait(c, recipient_key, address_key))
            return identity::rate_limited("Too many codes were sent.", wait);
        Statement user(c, "SELECT id FROM users WHERE email = ?");
        const bool known = user.bind(1, email).step();
        if (known) {
            auto planned = plan_delivery(c, email, "email", "Your VTEX Support access code",
                                         "Your access code is " + code +
                                             ". It expires in 10 minutes. If you did not ask for it, ignore this "
                                             "message.");
            if (!planned) return error_reply(502, "delivery_failed", email_not_sent);
            delivery = planned.value();
        }
        record(c, recipient_key);
        record(c, address_key);
        // A resend replaces the previous code. An unknown email gets the same answer and no message.
        Statement store(c, "UPDATE auth_transactions SET email_code_hash = ?, email_code_user = ?,"
                           " email_code_expires = ? WHERE id = ?");
        const std::string hash = known ? code_hash("email", txn.id, code) : "", user_id = known ? user.text(0) : "";
        store.bind_optional(1, known ? std::optional<std::string_view>(hash) : std::nullopt)
            .bind_optional(2, known ? std::optional<std::string_view>(user_id) : std::nullopt)
            .bind(3, settings.clock() + code_seconds)
            .bind(4, txn.id);
        if (!store.run()) return identity::storage_failed();
        return Reply{202, {{"message", "If this email is registered on a store, a 6-digit code is on its way. It "
                                       "expires in 10 minutes."}}};
    });
}

Reply AuthService::verify_email_code(const std::string& transaction_id, const json& body) {
    auto code = identity::string_field(body, "code", 16);
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
            if (const std::int64_t wait = wait_for(c, account_key, settings.limits.wrong_per_account))
                return identity::account_locked(wait);
        if (!txn->email_code_hash || !crypto::equal(*txn->email_code_hash, code_hash("email", txn->id, *code)))
            return wrong_code(c, *txn, account_key, "The code");
        Statement consume(c, "UPDATE auth_transactions SET email_code_hash = NULL, email_code_expires = 0"
                             " WHERE id = ?");
        consume.bind(1, txn->id).run();
        Reply done = issue_authorization_code(c, *txn, *txn->email_code_user);
        keep = done.status == 200;
        return done;
    });
}

Reply AuthService::outbox(const std::string& recipient) {
    if (!settings.dev_outbox) return error_reply(404, "not_found", "There is nothing at this address.");
    auto r = db.reader();
    Statement q(*r, "SELECT channel, subject, body, created_at FROM outbox WHERE recipient = ?"
                    " ORDER BY id DESC LIMIT 50");
    q.bind(1, recipient);
    json messages = json::array();
    while (q.step())
        messages.push_back({{"channel", q.text(0)}, {"subject", q.text(1)}, {"body", q.text(2)},
                            {"sent_at", core::format_rfc3339(q.integer(3))}});
    return Reply{200, {{"to", recipient}, {"messages", messages}}};
}

}  // namespace server
