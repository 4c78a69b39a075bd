#include "server/identity/messaging.hpp"

#include <curl/curl.h>
#include <httplib.h>

#include <cstdio>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string_view>

#include "server/identity/crypto.hpp"
#include "server/identity/mail_message.hpp"

namespace server {

namespace {

// curl_global_init is not safe to race with other threads' first transfers: once, on first use.
void init_curl_once() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

using CurlHandle = std::unique_ptr<CURL, decltype(&curl_easy_cleanup)>;
using CurlList = std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)>;

std::string seconds_text(long ms) {
    char text[32];
    std::snprintf(text, sizeof text, "%g s", static_cast<double>(ms) / 1000.0);
    return text;
}

// "host:port" of a URL, for messages (the URL itself carries no credentials: smtp_url_from refuses them).
std::string url_host(const std::string& url) {
    const size_t start = url.find("://") == std::string::npos ? 0 : url.find("://") + 3;
    return url.substr(start, url.find('/', start) == std::string::npos ? std::string::npos : url.find('/', start) - start);
}

std::string detail(CURLcode code, const char* error_buffer) {
    return error_buffer[0] ? error_buffer : curl_easy_strerror(code);
}

// What went wrong with the relay, in words that point at the setting to change.
core::Error smtp_failure(const MessagingSettings& settings, CURLcode code, long smtp_reply, const char* error_buffer) {
    const std::string relay = "the SMTP relay " + url_host(settings.smtp_url);
    const std::string why = " (" + detail(code, error_buffer) + ")";
    std::string message;
    switch (code) {
        case CURLE_COULDNT_RESOLVE_HOST: message = relay + ": its host name could not be resolved" + why; break;
        case CURLE_COULDNT_CONNECT: message = "could not connect to " + relay + why; break;
        case CURLE_OPERATION_TIMEDOUT:
            message = relay + " did not answer in time (limits: connect " + seconds_text(settings.connect_timeout_ms) +
                      ", whole message " + seconds_text(settings.total_timeout_ms) + ")" + why;
            break;
        case CURLE_USE_SSL_FAILED:
            message = relay + " does not offer STARTTLS: the email was not sent in plaintext (use a relay with TLS, or "
                      "smtps:// for TLS from the start)";
            break;
        case CURLE_PEER_FAILED_VERIFICATION:
            message = relay + " presented a certificate that is not trusted or does not name it; for a private relay "
                      "give its CA with --smtp-ca-file" + why;
            break;
        case CURLE_SSL_CACERT_BADFILE:
            message = "the CA file '" + settings.smtp_ca_file + "' (--smtp-ca-file) could not be read" + why;
            break;
        case CURLE_SSL_CONNECT_ERROR:
            message = "the TLS handshake with " + relay + " failed (smtps:// on a STARTTLS port, or the reverse?)" + why;
            break;
        case CURLE_LOGIN_DENIED:
            message = relay + " refused the login of '" + settings.smtp_user +
                      "': check --smtp-user and PORTAL_SMTP_PASSWORD" + why;
            break;
        default:
            if (smtp_reply == 530)
                message = relay + " requires a login: give --smtp-user, and the password in PORTAL_SMTP_PASSWORD" + why;
            else
                message = relay + " did not take the message" +
                          (smtp_reply > 0 ? " (SMTP " + std::to_string(smtp_reply) + ")" : std::string()) + why;
    }
    // A 5xx to the message itself (not to the login) is the relay's final word on it: trying again changes
    // nothing (an unknown mailbox).
    const bool login = code == CURLE_LOGIN_DENIED || smtp_reply == 530 || smtp_reply == 535;
    const bool final_refusal = !login && smtp_reply >= 500 && smtp_reply < 600;
    return core::Error{final_refusal ? "refused_for_good" : "delivery_failed", message};
}

// Feeds the composed message to libcurl, which dot-stuffs it and ends it with CRLF.CRLF.
size_t read_message(char* buffer, size_t size, size_t count, void* user) {
    auto* rest = static_cast<std::string_view*>(user);
    const size_t n = std::min(size * count, rest->size());
    rest->copy(buffer, n);
    rest->remove_prefix(n);
    return n;
}

}  // namespace

core::Result<std::string> smtp_url_from(const std::string& relay) {
    const size_t scheme_end = relay.find("://");
    const std::string url = scheme_end == std::string::npos ? "smtp://" + relay : relay;
    const std::string scheme = url.substr(0, url.find("://"));
    if (scheme != "smtp" && scheme != "smtps")
        return core::Error{"usage", "--smtp needs smtp://HOST:PORT (STARTTLS), smtps://HOST:PORT (TLS) or HOST:PORT"};
    const std::string authority = url_host(url);
    if (authority.find('@') != std::string::npos)
        return core::Error{"usage", "--smtp must not carry a login: the user goes in --smtp-user, the password in "
                                    "PORTAL_SMTP_PASSWORD (a flag shows in ps)"};
    if (authority.empty() || authority.front() == ':' || url.find_first_of(" \r\n\t") != std::string::npos)
        return core::Error{"usage", "--smtp needs a host, as in smtp://mail.example.com:587"};
    if (scheme_end == std::string::npos && authority.find(':') == std::string::npos)
        return core::Error{"usage", "--smtp needs HOST:PORT (or smtp:// / smtps:// URL)"};
    return url;
}

core::Result<bool> send_email_smtp(const MessagingSettings& settings, const std::string& to, const std::string& subject,
                                   const std::string& body, core::UtcSeconds now) {
    MailParts parts;
    parts.to = to;
    parts.subject = subject;
    parts.body = body;
    parts.date = now;
    parts.message_id = "<" + crypto::random_token(18) + mail_domain(settings) + ">";
    return send_mail_smtp(settings, std::move(parts));
}

std::string mail_domain(const MessagingSettings& settings) {
    const size_t at = settings.mail_from.rfind('@');  // compose_mail refuses a sender without one
    return at == std::string::npos ? "" : settings.mail_from.substr(at);
}

core::Result<bool> send_mail_smtp(const MessagingSettings& settings, MailParts parts) {
    parts.from_name = settings.mail_from_name;
    parts.from = settings.mail_from;
    const std::string to = parts.to;
    auto message = compose_mail(parts);
    if (!message) return message.error();

    init_curl_once();
    CurlHandle curl(curl_easy_init(), curl_easy_cleanup);
    if (!curl) return core::Error{"delivery_failed", "libcurl could not start a transfer (out of memory?)"};
    CurlList recipients(curl_slist_append(nullptr, ("<" + to + ">").c_str()), curl_slist_free_all);
    std::string_view rest = message.value();
    char error_buffer[CURL_ERROR_SIZE] = "";
    CURL* c = curl.get();
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error_buffer);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");  // the URL cannot pick another protocol
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);                  // timeouts without SIGALRM: we are threaded
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, settings.connect_timeout_ms);  // up to the relay's greeting
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, settings.total_timeout_ms);
    curl_easy_setopt(c, CURLOPT_URL, settings.smtp_url.c_str());
    curl_easy_setopt(c, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));  // never a plaintext fallback
    if (!settings.smtp_ca_file.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, settings.smtp_ca_file.c_str());
    if (!settings.smtp_user.empty()) {
        curl_easy_setopt(c, CURLOPT_USERNAME, settings.smtp_user.c_str());
        curl_easy_setopt(c, CURLOPT_PASSWORD, settings.smtp_password.c_str());
    }
    curl_easy_setopt(c, CURLOPT_MAIL_FROM, ("<" + settings.mail_from + ">").c_str());
    curl_easy_setopt(c, CURLOPT_MAIL_RCPT, recipients.get());
    curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(c, CURLOPT_READFUNCTION, read_message);
    curl_easy_setopt(c, CURLOPT_READDATA, &rest);
    const CURLcode code = curl_easy_perform(c);
    if (code == CURLE_OK) return true;
    long smtp_reply = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &smtp_reply);
    return smtp_failure(settings, code, smtp_reply, error_buffer);
}

core::Result<bool> send_sms_http(const MessagingSettings& settings, const std::string& to, const std::string& body) {
    const size_t scheme = settings.sms_api_url.find("://");
    const size_t path_at = scheme == std::string::npos ? std::string::npos : settings.sms_api_url.find('/', scheme + 3);
    if (path_at == std::string::npos) return core::Error{"delivery_failed", "the SMS provider URL is not valid"};
    httplib::Client client(settings.sms_api_url.substr(0, path_at));
    client.set_connection_timeout(5);
    client.set_read_timeout(10);
    auto res = client.Post(settings.sms_api_url.substr(path_at), {{"Authorization", "Bearer " + settings.sms_api_key}},
                           nlohmann::json{{"to", to}, {"body", body}}.dump(), "application/json");
    if (!res) return core::Error{"delivery_failed", "the SMS provider could not be reached"};
    if (res->status / 100 != 2)
        return core::Error{"delivery_failed", "the SMS provider refused the message (HTTP " + std::to_string(res->status) + ")"};
    return true;
}

}  // namespace server
