#pragma once
// Delivering sign-in codes: email through an SMTP relay (libcurl), text messages through an SMS
// provider's HTTP API (cpp-httplib), when configured. Without either, the codes go to the dev outbox
// (development only).
#include <string>

#include "core/result.hpp"
#include "core/time.hpp"

namespace server {

struct MessagingSettings {
    // smtp://HOST:PORT: STARTTLS is required (no plaintext fallback); smtps://HOST:PORT: TLS from the
    // first byte. Empty: no SMTP relay.
    std::string smtp_url;
    std::string smtp_user, smtp_password;  // AUTH (only ever over TLS); empty user: no AUTH
    std::string smtp_ca_file;              // the CA of a private relay; empty: the system's CAs
    std::string mail_from = "no-reply@support.invalid";
    std::string mail_from_name = "VTEX Support";
    // A dead relay fails fast: the sign-in request waits on it. "Connect" lasts until the greeting.
    long connect_timeout_ms = 5000;
    long total_timeout_ms = 10000;
    std::string sms_api_url;  // POST {"to","body"} with a Bearer key; empty: no SMS provider
    std::string sms_api_key;
};

// The relay as --smtp gives it (smtp://HOST:PORT, smtps://HOST:PORT, or HOST:PORT meaning smtp://),
// as libcurl's URL, or why it cannot be used.
core::Result<std::string> smtp_url_from(const std::string& relay);

// Sends one text/plain UTF-8 email; errors say what an operator can change (relay, TLS, CA, login). The
// error's code is "refused_for_good" when the relay refused the message with a permanent (5xx) reply
// (an unknown mailbox), "delivery_failed" when another try may succeed.
core::Result<bool> send_email_smtp(const MessagingSettings& settings, const std::string& to, const std::string& subject,
                                   const std::string& body, core::UtcSeconds now);
// Sends one email as `parts` has it (text, or text and HTML; its Message-ID, References and
// unsubscribe link), from the configured sender.
struct MailParts;
core::Result<bool> send_mail_smtp(const MessagingSettings& settings, MailParts parts);
// "@support.example": the sender's domain, which the Message-IDs of its emails end in.
std::string mail_domain(const MessagingSettings& settings);
core::Result<bool> send_sms_http(const MessagingSettings& settings, const std::string& to, const std::string& body);

}  // namespace server
