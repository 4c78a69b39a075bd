// Delivering codes for real: an SMTP relay and an SMS provider's HTTP API, both played in-process.
#include <doctest/doctest.h>

#include <arpa/inet.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <nlohmann/json.hpp>
#include <regex>
#include <thread>

#include "server/identity/demo_data.hpp"
#include "server/identity/messaging.hpp"
#include "test_server.hpp"

using nlohmann::json;

namespace {

// Accepts one SMTP session on loopback and records the message it carried.
struct FakeRelay {
    int listener = socket(AF_INET, SOCK_STREAM, 0);
    int port = 0;
    std::string commands, data;
    std::thread session;

    FakeRelay() {
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        REQUIRE(bind(listener, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
        socklen_t length = sizeof addr;
        getsockname(listener, reinterpret_cast<sockaddr*>(&addr), &length);
        port = ntohs(addr.sin_port);
        listen(listener, 1);
        session = std::thread([this] { serve(); });
    }
    ~FakeRelay() {
        shutdown(listener, SHUT_RDWR);
        close(listener);
        session.join();
    }
    void serve() {
        int fd = accept(listener, nullptr, nullptr);
        if (fd < 0) return;
        auto say = [fd](const char* line) { (void)!write(fd, line, strlen(line)); };
        say("220 relay ready\r\n");
        std::string buffer;
        bool in_data = false;
        char chunk[1024];
        ssize_t n;
        while ((n = read(fd, chunk, sizeof chunk)) > 0) {
            buffer.append(chunk, static_cast<size_t>(n));
            size_t end;
            while ((end = buffer.find(in_data ? "\r\n.\r\n" : "\r\n")) != std::string::npos) {
                std::string part = buffer.substr(0, end);
                buffer.erase(0, end + (in_data ? 5 : 2));
                if (in_data) {
                    data = part;
                    in_data = false;
                    say("250 queued\r\n");
                    continue;
                }
                commands += part + "\n";
                if (part.rfind("EHLO", 0) == 0) say("250-relay\r\n250 8BITMIME\r\n");
                else if (part == "DATA") {
                    in_data = true;
                    say("354 go ahead\r\n");
                } else if (part == "QUIT") {
                    say("221 bye\r\n");
                    close(fd);
                    return;
                } else say("250 ok\r\n");
            }
        }
        close(fd);
    }
};

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

TEST_CASE("with an SMTP relay configured, the code goes out by email and not to the outbox") {
    FakeRelay relay;
    server::ServerConfig config;
    config.smtp_relay = "127.0.0.1:" + std::to_string(relay.port);
    config.mail_from = "support@portal.test";
    TestServer server(config);
    REQUIRE(server::seed_demo_data(*server.database).ok());
    const std::string txn = start_transaction(server.port);
    auto res = post(server.port, "/api/auth/transactions/" + txn + "/email-code", {{"email", "ana@demo.store"}});
    REQUIRE(res);
    CHECK(res->status == 202);
    relay.session.join();
    relay.session = std::thread([] {});
    CHECK(relay.commands.find("MAIL FROM:<support@portal.test>") != std::string::npos);
    CHECK(relay.commands.find("RCPT TO:<ana@demo.store>") != std::string::npos);
    CHECK(relay.data.find("Subject: Your VTEX Support access code") != std::string::npos);
    CHECK(std::regex_search(relay.data, std::regex("Your access code is \\d{6}\\.")));
}

TEST_CASE("an unreachable relay is a clear 502, and no code is left waiting") {
    server::MessagingSettings settings;
    settings.smtp_host = "127.0.0.1";
    settings.smtp_port = 1;  // nothing listens there
    auto sent = server::send_email_smtp(settings, "ana@demo.store", "s", "b");
    REQUIRE_FALSE(sent.ok());
    CHECK(sent.error().code == "delivery_failed");

    server::ServerConfig config;
    config.smtp_relay = "127.0.0.1:1";
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
