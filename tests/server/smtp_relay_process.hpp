#pragma once
// A real SMTP relay in its own process (tests/server/smtp_relay.py over Debian's python3-aiosmtpd) on
// a free loopback port, with a self-signed certificate made for it by the openssl command, and what it
// received. One per test: it stops (SIGTERM) and its folder is removed when it goes out of scope.
#include <sys/types.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

class SmtpRelayProcess {
public:
    // mode: "starttls" (STARTTLS required, AUTH only after it), "implicit-tls" (smtps), or "plaintext"
    // (no TLS offered, AUTH offered in clear). With a user, AUTH is required.
    // refuse_first: the first N messages are answered 451 (try again later).
    explicit SmtpRelayProcess(const std::string& mode, const std::string& user = "portal",
                              const std::string& password = "relay-password", int refuse_first = 0);
    ~SmtpRelayProcess();
    SmtpRelayProcess(const SmtpRelayProcess&) = delete;
    SmtpRelayProcess& operator=(const SmtpRelayProcess&) = delete;

    int port = 0;
    std::filesystem::path dir;
    std::filesystem::path certificate() const { return dir / "cert.pem"; }  // also the CA file that trusts it
    std::string address() const { return "127.0.0.1:" + std::to_string(port); }

    std::vector<nlohmann::json> messages() const;  // each: mail_from, rcpt_tos, tls, login, raw, subject, body
    std::string auth_log() const;                  // "PLAIN ok\n", "PLAIN refused\n", ... ("" when none)
    int refusals() const;                          // messages answered 451 so far

    // The relay gone (SIGTERM), then back on the same port, taking every message.
    void stop();
    void start_again();

private:
    void start(int refuse_first);
    std::string mode, user, password;
    pid_t pid = -1;
};
