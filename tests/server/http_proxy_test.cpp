// Behind a reverse proxy: whose X-Forwarded-For counts, the client address the services see (in the
// access log here), log lines no request can forge, and HSTS once the public origin is https.
#include <doctest/doctest.h>

#include <httplib.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>
#include <vector>

#include "child_process.hpp"
#include "raw_socket.hpp"
#include "server/address_set.hpp"
#include "server/config.hpp"
#include "test_server.hpp"

using namespace raw;
using namespace std::chrono_literals;

TEST_CASE("HSTS is sent when the public origin is https, and only then") {
    server::ServerConfig config;
    config.public_origin = "https://support.example.com";
    TestServer secure(config);
    auto res = httplib::Client("127.0.0.1", secure.port).Get("/healthz");
    REQUIRE(res);
    CHECK(res->get_header_value("Strict-Transport-Security") == "max-age=31536000");
    TestServer plain;
    auto plain_res = httplib::Client("127.0.0.1", plain.port).Get("/healthz");
    REQUIRE(plain_res);
    CHECK_FALSE(plain_res->has_header("Strict-Transport-Security"));
}

TEST_CASE("trusted proxies: exact addresses and CIDR blocks; the right-most untrusted X-Forwarded-For hop is the client") {
    server::AddressSet trusted;
    CHECK(trusted.add("10.0.0.0/8"));
    CHECK(trusted.add("192.168.1.7"));
    CHECK(trusted.add("fd00::/8"));
    CHECK_FALSE(trusted.add("10.0.0.0/33"));
    CHECK_FALSE(trusted.add("proxy.example.com"));
    CHECK_FALSE(trusted.add("10.0.0.1/"));
    CHECK(trusted.contains("10.200.3.4"));
    CHECK(trusted.contains("::ffff:10.1.2.3"));  // IPv4 through an IPv6 socket
    CHECK(trusted.contains("192.168.1.7"));
    CHECK_FALSE(trusted.contains("192.168.1.8"));
    CHECK(trusted.contains("fd12::1"));
    CHECK_FALSE(trusted.contains("fe80::1"));
    CHECK_FALSE(trusted.contains("11.0.0.1"));

    using server::forwarded_client;
    // The client may write anything to the left; the proxy appends the address it saw.
    CHECK(forwarded_client("10.0.0.5", {"1.1.1.1, 203.0.113.9"}, trusted) == "203.0.113.9");
    CHECK(forwarded_client("10.0.0.5", {"1.1.1.1", "203.0.113.9, 10.0.0.9"}, trusted) == "203.0.113.9");
    CHECK(forwarded_client("10.0.0.5", {"10.0.0.7, 10.0.0.9"}, trusted) == "10.0.0.7");
    CHECK(forwarded_client("10.0.0.5", {}, trusted) == "10.0.0.5");
    // From anyone else the header is the client's own words, and ignored.
    CHECK(forwarded_client("203.0.113.50", {"10.0.0.1"}, trusted) == "203.0.113.50");
}

namespace {

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

}  // namespace

TEST_CASE("the access log: a %0a in a path cannot forge a line; the client address is the one a trusted proxy vouches for") {
    SpawnedServer server({"--trusted-proxy", "127.0.0.3"});
    auto ask = [&](const char* source, const std::string& request) {
        int fd = connect_from(server.port, source);
        REQUIRE(send_all(fd, request));
        receive(fd, 3s);
        close(fd);
    };
    ask("127.0.0.1", "GET /x%0a198.51.100.1%20GET%20/admin%20200 HTTP/1.1\r\nHost: portal\r\nConnection: close\r\n\r\n");
    // Through the proxy: the client is the right-most hop it does not trust (what the client wrote to its left is ignored).
    ask("127.0.0.3", "GET /via-proxy HTTP/1.1\r\nHost: portal\r\nX-Forwarded-For: 6.6.6.6, 203.0.113.9\r\nConnection: close\r\n\r\n");
    // Not from the proxy: X-Forwarded-For is only what the client says, and ignored.
    ask("127.0.0.2", "GET /direct HTTP/1.1\r\nHost: portal\r\nX-Forwarded-For: 203.0.113.77\r\nConnection: close\r\n\r\n");
    const auto lines = lines_of(server.stop());
    bool escaped = false, via_proxy = false, direct = false;
    for (const std::string& line : lines) {
        CAPTURE(line);
        CHECK(line.rfind("198.51.100.1 GET /admin", 0) != 0);  // no forged line
        escaped = escaped || line == "127.0.0.1 GET /x\\x0a198.51.100.1 GET /admin 200 404";
        via_proxy = via_proxy || line == "203.0.113.9 GET /via-proxy 404";
        direct = direct || line == "127.0.0.2 GET /direct 404";
    }
    CHECK(escaped);
    CHECK(via_proxy);
    CHECK(direct);
}


TEST_CASE("rate limits count the client a trusted proxy names, not the proxy: one client's limit leaves the others theirs") {
    server::ServerConfig config;
    config.trusted_proxies = {"127.0.0.3"};
    config.dev = true;  // codes go to the dev outbox (without it and without a relay, none can be sent)
    TestServer server(config);
    httplib::Client cli("127.0.0.1", server.port);
    auto txn = cli.Post("/api/auth/transactions",
                        nlohmann::json{{"client_id", "support-portal"},
                                       {"redirect_uri", "http://127.0.0.1:" + std::to_string(server.port) + "/callback.html"},
                                       {"code_challenge", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"},
                                       {"code_challenge_method", "S256"}, {"state", "rate-limit-state"}}.dump(),
                        "application/json");
    REQUIRE(txn);
    REQUIRE(txn->status == 201);
    const std::string path = "/api/auth/transactions/" + nlohmann::json::parse(txn->body)["transaction_id"].get<std::string>() +
                             "/email-code";
    // A code for a new address each time (the per-email limit stays out of it), from `source`, saying `forwarded_for`.
    int n = 0;
    auto ask_code = [&](const char* source, const std::string& forwarded_for) {
        const std::string body = "{\"email\":\"visitor" + std::to_string(n++) + "@example.com\"}";
        int fd = connect_from(server.port, source);
        REQUIRE(send_all(fd, "POST " + path + " HTTP/1.1\r\nHost: portal\r\nContent-Type: application/json\r\nX-Forwarded-For: " +
                                 forwarded_for + "\r\nContent-Length: " + std::to_string(body.size()) +
                                 "\r\nConnection: close\r\n\r\n" + body));
        const std::string reply = receive(fd, 3s);
        close(fd);
        return std::atoi(reply.c_str() + 9);  // "HTTP/1.1 NNN"
    };
    for (int i = 0; i < 30; ++i) REQUIRE(ask_code("127.0.0.3", "203.0.113.1") == 202);  // 30 an hour from one address
    CHECK(ask_code("127.0.0.3", "203.0.113.1") == 429);
    CHECK(ask_code("127.0.0.3", "203.0.113.2") == 202);  // another client behind the same proxy
    // From a peer that is not a proxy the header is ignored: the peer is the client.
    CHECK(ask_code("127.0.0.4", "203.0.113.1") == 202);
}
