#pragma once
// Delivering sign-in codes: email through an SMTP relay, text messages through an SMS provider's HTTP
// API, when configured. Without either, the codes go to the dev outbox (development only).
#include <string>

#include "core/result.hpp"

namespace server {

struct MessagingSettings {
    std::string smtp_host;  // empty: no SMTP relay
    int smtp_port = 25;
    std::string mail_from = "no-reply@support.invalid";
    std::string sms_api_url;  // POST {"to","body"} with a Bearer key; empty: no SMS provider
    std::string sms_api_key;
};

// Plain SMTP to a relay the operators run (no TLS or AUTH on this hop).
core::Result<bool> send_email_smtp(const MessagingSettings& settings, const std::string& to, const std::string& subject,
                                   const std::string& body);
core::Result<bool> send_sms_http(const MessagingSettings& settings, const std::string& to, const std::string& body);

}  // namespace server
