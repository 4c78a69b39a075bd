// Delivering codes for real: an SMTP relay in its own process (aiosmtpd, STARTTLS or TLS, AUTH), and
// an SMS provider's HTTP API played in-process.
#include <doctest/doctest.h>

#include <arpa/inet.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <regex>
#include <thread>

#include "server/identity/demo_data.hpp"
#include "server/identity/messaging.hpp"
#include "server/statement.hpp"
#include "smtp_relay_process.hpp"
#include "test_server.hpp"

using nlohmann::json;

namespace {

constexpr core::UtcSeconds thu_3_dec_2026 = 1796283798;  // Thu, 03 Dec 2026 07:43:18 UTC

server::MessagingSettings settings_for(const SmtpRelayProcess& relay, const std::string& scheme = "smtp") {
    server::MessagingSettings settings;
    settings.smtp_url = scheme + "://" + relay.address();
    settings.smtp_user = "portal";
    settings.smtp_password = "relay-password";
    settings.smtp_ca_file = relay.certificate().string();
    settings.mail_from = "support@portal.test";
    return settings;
}

std::string crlf_to_lf(std::string text) { return std::regex_replace(text, std::regex("\r\n"), "\n"); }

// A loopback port where nothing listens (bound, then closed).
int closed_port() {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    socklen_t length = sizeof addr;
    getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &length);
    close(fd);
    return ntohs(addr.sin_port);
}

httplib::Result post(int port, const std::string& path, const json& body) {
    httplib::Client cli("127.0.0.1", port);
    return cli.Post(path, body.dump(), "application/json");
}

std::string start_transaction(int port) {
    auto res = post(port, "/api/auth/transactions",
                    {{"client_id", "support-portal"}, {"redirect_uri", "http://127.0.0.1:" + std::to_string(port) + "/callback.html"},
                     {"code_challenge", std::string(43, 'A')}, {"code_challenge_method", "S256"}, {"state", "s"}});
    REQUIRE(res->status == 201);
    return json::parse(res->body)["transaction_id"];
}

}  // namespace

TEST_CASE("an email crosses a relay that requires STARTTLS and a login, with its headers and UTF-8 text intact") {
    SmtpRelayProcess relay("starttls");
    const std::string subject = "Seu código de acesso — VTEX Support";
    const std::string body = "Olá, Ana! Seu código é 123456.\n.\n.hidden line\nA line = " + std::string(90, 'x') +
                             " ends in a space \nÚltima linha: ção €\n";
    auto sent = server::send_email_smtp(settings_for(relay), "ana@demo.store", subject, body, thu_3_dec_2026);
    REQUIRE_MESSAGE(sent.ok(), (sent.ok() ? "" : sent.error().message));

    auto messages = relay.messages();
    REQUIRE(messages.size() == 1);
    const json& m = messages[0];
    CHECK(m["tls"] == true);
    CHECK(m["login"] == "portal");
    CHECK(relay.auth_log() == "PLAIN ok\n");
    CHECK(m["mail_from"] == "support@portal.test");
    CHECK(m["rcpt_tos"] == json::array({"ana@demo.store"}));
    // Python's email parser reads back exactly what was written: the subject from its RFC 2047 words,
    // the body from quoted-printable, the lines "." and ".hidden" unharmed by SMTP's end-of-data dot.
    CHECK(m["subject"] == subject);
    CHECK(crlf_to_lf(m["body"]) == body);
    CHECK(m["defects"].empty());
    const std::string raw = m["raw"];
    CHECK(raw.find("Subject: =?UTF-8?B?") != std::string::npos);
    CHECK(raw.find("Date: Thu, 03 Dec 2026 07:43:18 +0000\r\n") != std::string::npos);
    CHECK(raw.find("\r\nFrom: VTEX Support <support@portal.test>\r\n") != std::string::npos);
    CHECK(raw.find("\r\nTo: ana@demo.store\r\n") != std::string::npos);
    CHECK(raw.find("\r\nMIME-Version: 1.0\r\n") != std::string::npos);
    CHECK(raw.find("\r\nContent-Type: text/plain; charset=UTF-8\r\n") != std::string::npos);
    CHECK(raw.find("\r\nContent-Transfer-Encoding: quoted-printable\r\n") != std::string::npos);
    CHECK(std::regex_search(raw, std::regex("\r\nMessage-ID: <[A-Za-z0-9_-]{24}@portal\\.test>\r\n")));
}

TEST_CASE("smtps:// speaks TLS from the first byte") {
    SmtpRelayProcess relay("implicit-tls");
    auto sent = server::send_email_smtp(settings_for(relay, "smtps"), "ana@demo.store", "Code", "123456", thu_3_dec_2026);
    REQUIRE_MESSAGE(sent.ok(), (sent.ok() ? "" : sent.error().message));
    REQUIRE(relay.messages().size() == 1);
    CHECK(relay.messages()[0]["tls"] == true);
    CHECK(relay.auth_log() == "PLAIN ok\n");
}

TEST_CASE("a wrong password is refused with a message that names the settings to check") {
    SmtpRelayProcess relay("starttls");
    auto settings = settings_for(relay);
    settings.smtp_password = "not-the-password";
    auto sent = server::send_email_smtp(settings, "ana@demo.store", "Code", "123456", thu_3_dec_2026);
    REQUIRE_FALSE(sent.ok());
    CHECK(sent.error().code == "delivery_failed");
    CHECK(sent.error().message.find("refused the login of 'portal'") != std::string::npos);
    CHECK(sent.error().message.find("PORTAL_SMTP_PASSWORD") != std::string::npos);
    CHECK(relay.auth_log().find("refused") != std::string::npos);
    CHECK(relay.messages().empty());

    settings.smtp_user.clear();  // no login at all
    sent = server::send_email_smtp(settings, "ana@demo.store", "Code", "123456", thu_3_dec_2026);
    REQUIRE_FALSE(sent.ok());
    CHECK(sent.error().message.find("requires a login") != std::string::npos);
    CHECK(relay.messages().empty());
}

TEST_CASE("a relay without STARTTLS gets nothing, not even the password it offers to take in clear") {
    SmtpRelayProcess relay("plaintext");
    auto sent = server::send_email_smtp(settings_for(relay), "ana@demo.store", "Code", "123456", thu_3_dec_2026);
    REQUIRE_FALSE(sent.ok());
    CHECK(sent.error().message.find("does not offer STARTTLS") != std::string::npos);
    CHECK(sent.error().message.find("not sent in plaintext") != std::string::npos);
    CHECK(relay.auth_log().empty());
    CHECK(relay.messages().empty());
}

TEST_CASE("a relay whose certificate is not trusted is refused, pointing at --smtp-ca-file") {
    SmtpRelayProcess relay("starttls");
    auto settings = settings_for(relay);
    settings.smtp_ca_file.clear();  // the system's CAs do not know this self-signed certificate
    auto sent = server::send_email_smtp(settings, "ana@demo.store", "Code", "123456", thu_3_dec_2026);
    REQUIRE_FALSE(sent.ok());
    CHECK(sent.error().message.find("--smtp-ca-file") != std::string::npos);
    CHECK(relay.auth_log().empty());
    CHECK(relay.messages().empty());
}

TEST_CASE("a dead relay fails within the timeouts, saying so") {
    server::MessagingSettings settings;
    settings.smtp_url = "smtp://127.0.0.1:" + std::to_string(closed_port());
    auto refused = server::send_email_smtp(settings, "ana@demo.store", "Code", "123456", thu_3_dec_2026);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().message.find("could not connect to the SMTP relay 127.0.0.1:") != std::string::npos);

    // A relay that accepts the connection and never greets: libcurl counts the wait for the greeting as
    // connecting, so the connect limit ends it.
    int silent = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(bind(silent, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    REQUIRE(listen(silent, 4) == 0);
    socklen_t length = sizeof addr;
    getsockname(silent, reinterpret_cast<sockaddr*>(&addr), &length);
    settings.smtp_url = "smtp://127.0.0.1:" + std::to_string(ntohs(addr.sin_port));
    settings.connect_timeout_ms = 1000;
    settings.total_timeout_ms = 1500;
    const auto start = std::chrono::steady_clock::now();
    auto waited = server::send_email_smtp(settings, "ana@demo.store", "Code", "123456", thu_3_dec_2026);
    const auto elapsed = std::chrono::steady_clock::now() - start;
    close(silent);
    REQUIRE_FALSE(waited.ok());
    CHECK(waited.error().message.find("did not answer in time (limits: connect 1 s, whole message 1.5 s)") !=
          std::string::npos);
    CHECK(elapsed >= std::chrono::milliseconds(950));
    CHECK(elapsed < std::chrono::milliseconds(3000));
}

TEST_CASE("a line break in a subject or recipient is refused before anything is sent") {
    SmtpRelayProcess relay("starttls");
    auto settings = settings_for(relay);
    auto injected = server::send_email_smtp(settings, "ana@demo.store", "Code\r\nBcc: eve@evil.test", "b", thu_3_dec_2026);
    REQUIRE_FALSE(injected.ok());
    CHECK(injected.error().code == "invalid_header");
    for (const char* to : {"ana@demo.store\r\nRCPT TO:<eve@evil.test>", "ana@demo.store\nBcc: eve@evil.test",
                           "ana@demo.store>, <eve@evil.test", "ana@demo.store eve@evil.test"}) {
        auto sent = server::send_email_smtp(settings, to, "Code", "b", thu_3_dec_2026);
        REQUIRE_FALSE(sent.ok());
        CHECK(sent.error().code == "invalid_recipient");
    }
    CHECK(relay.auth_log().empty());  // refused before connecting
    CHECK(relay.messages().empty());
}

TEST_CASE("with an SMTP relay configured, the code goes out by email and not to the outbox") {
    SmtpRelayProcess relay("starttls");
    server::ServerConfig config;
    config.smtp_relay = relay.address();  // HOST:PORT: smtp:// with STARTTLS required
    config.smtp_user = "portal";
    config.smtp_password = "relay-password";
    config.smtp_ca_file = relay.certificate().string();
    config.mail_from = "support@portal.test";
    TestServer server(config);
    REQUIRE(server::seed_demo_data(*server.database).ok());
    const std::string txn = start_transaction(server.port);
    auto res = post(server.port, "/api/auth/transactions/" + txn + "/email-code", {{"email", "ana@demo.store"}});
    REQUIRE(res);
    CHECK(res->status == 202);
    auto messages = relay.messages();
    REQUIRE(messages.size() == 1);
    CHECK(messages[0]["rcpt_tos"] == json::array({"ana@demo.store"}));
    CHECK(messages[0]["subject"] == "Your VTEX Support access code");
    CHECK(std::regex_search(messages[0]["body"].get<std::string>(), std::regex("Your access code is \\d{6}\\.")));
    auto reader = server.database->reader();
    server::Statement outbox(*reader, "SELECT COUNT(*) FROM outbox");
    REQUIRE(outbox.step());
    CHECK(outbox.integer(0) == 0);
}

TEST_CASE("an unreachable relay is a clear 502, and no code is left waiting") {
    server::ServerConfig config;
    config.smtp_relay = "127.0.0.1:" + std::to_string(closed_port());
    TestServer server(config);
    REQUIRE(server::seed_demo_data(*server.database).ok());
    const std::string txn = start_transaction(server.port);
    auto res = post(server.port, "/api/auth/transactions/" + txn + "/email-code", {{"email", "ana@demo.store"}});
    CHECK(res->status == 502);
    CHECK(json::parse(res->body)["message"].get<std::string>().find("could not be sent") != std::string::npos);
    auto verify = post(server.port, "/api/auth/transactions/" + txn + "/email-code/verify", {{"code", "123456"}});
    CHECK(json::parse(verify->body)["error"] == "no_code");
}

TEST_CASE("with an SMS provider configured, the text goes to its HTTP API with the key") {
    httplib::Server provider;
    std::string received, authorization;
    int answer = 200;
    provider.Post("/messages", [&](const httplib::Request& req, httplib::Response& res) {
        received = req.body;
        authorization = req.get_header_value("Authorization");
        res.status = answer;
        res.set_content("{}", "application/json");
    });
    const int provider_port = provider.bind_to_any_port("127.0.0.1");
    std::thread serving([&] { provider.listen_after_bind(); });

    server::ServerConfig config;
    config.sms_api_url = "http://127.0.0.1:" + std::to_string(provider_port) + "/messages";
    config.sms_api_key = "provider-key";
    {
        TestServer server(config);
        REQUIRE(server::seed_demo_data(*server.database).ok());
        const std::string txn = start_transaction(server.port);
        auto pw = post(server.port, "/api/auth/transactions/" + txn + "/password",
                       {{"email", "bruno@demo.store"}, {"password", "demo-password-2"}});
        REQUIRE(pw->status == 200);
        auto sms = post(server.port, "/api/auth/transactions/" + txn + "/sms", json::object());
        CHECK(sms->status == 202);
        json message = json::parse(received);
        CHECK(message["to"] == "+5511900000002");
        CHECK(std::regex_search(message["body"].get<std::string>(), std::regex("code: \\d{6}")));
        CHECK(authorization == "Bearer provider-key");

        answer = 500;
        auto refused = post(server.port, "/api/auth/transactions/" + txn + "/sms", json::object());
        CHECK(refused->status == 502);
        CHECK(json::parse(refused->body)["message"].get<std::string>().find("authenticator app") != std::string::npos);
    }
    provider.stop();
    serving.join();
}
