// Issue 17, part 3: bounded input whatever the framing. Each attack is played on raw sockets against a
// real server on loopback, as a client on the internet (or behind a proxy) would play it.
#include <doctest/doctest.h>

#include <fcntl.h>
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "auth_client.hpp"
#include "raw_socket.hpp"
#include "test_server.hpp"

using namespace raw;

namespace {

using namespace std::chrono_literals;
using SteadyClock = std::chrono::steady_clock;

// Streams `total` bytes of chunked body after `head`, as fast as the server takes them, until a write
// fails (the server closed) or a write waits two seconds; returns the body bytes sent.
size_t send_chunked(int fd, const std::string& head, size_t total) {
    timeval patience{2, 0};
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &patience, sizeof patience);
    REQUIRE(send_all(fd, head));
    const std::string chunk = "10000\r\n" + std::string(0x10000, 'x') + "\r\n";
    size_t sent = 0;
    while (sent < total && send_all(fd, chunk)) sent += 0x10000;
    if (sent >= total) send_all(fd, "0\r\n\r\n");
    return sent;
}

// The server's answer on `fd`: `status`, saying it closes the connection, and then it does. Closes `fd`.
void check_refused_and_closed(int fd, const std::string& status, std::chrono::milliseconds wait) {
    bool closed = false;
    const std::string reply = receive(fd, wait, &closed);
    close(fd);
    CHECK(reply.rfind("HTTP/1.1 " + status, 0) == 0);
    CHECK(reply.find("Connection: close") != std::string::npos);
    CHECK(closed);
}

constexpr size_t mib = 1024 * 1024;

}  // namespace

TEST_CASE("a chunked body is refused as soon as it passes its route's limit, with 413, and the connection closes") {
    Auth a;
    const std::string token = a.sign_in_by_email("ana@demo.store");
    struct Case {
        const char* name;
        std::string head;
        size_t limit;
    } cases[] = {
        {"any route: --max-body (1 MiB)", "POST /api/sla/preview HTTP/1.1\r\nHost: portal\r\nContent-Type: application/json\r\n", 1 * mib},
        // Signed in, so that it is the size that refuses it.
        {"an upload route: the attachment limit (10 MiB)",
         "POST /api/accounts/lojadaana/attachments HTTP/1.1\r\nHost: portal\r\nAuthorization: Bearer " + token +
             "\r\nContent-Type: multipart/form-data; boundary=b\r\n",
         10 * mib},
    };
    for (const Case& c : cases) {
        CAPTURE(c.name);
        int fd = connect_from(a.server->port);
        const size_t sent = send_chunked(fd, c.head + "Transfer-Encoding: chunked\r\n\r\n", 64 * mib);
        check_refused_and_closed(fd, "413", 5s);
        // Refused near its limit: the rest of the 64 MiB was never taken (a few MiB sit in socket buffers).
        CHECK(sent < c.limit + 8 * mib);
    }
    // Anyone not signed in is refused an upload before a byte of it is read.
    int fd = connect_from(a.server->port);
    const size_t sent = send_chunked(fd, "POST /api/accounts/lojadaana/attachments HTTP/1.1\r\nHost: portal\r\n"
                                         "Transfer-Encoding: chunked\r\n\r\n", 64 * mib);
    bool closed = false;
    const std::string reply = receive(fd, 5s, &closed);
    close(fd);
    CHECK(reply.rfind("HTTP/1.1 401", 0) == 0);
    CHECK(closed);
    CHECK(sent < 8 * mib);
    CHECK(a.cli->Get("/healthz")->status == 200);
}

TEST_CASE("a path that only ends in /attachments is held to --max-body, refused before its body is sent") {
    TestServer server;
    for (const char* path : {"/api/anything/attachments", "/attachments", "/api/tickets/not-a-ticket/attachments"}) {
        CAPTURE(path);
        int fd = connect_from(server.port);
        // The head and a first KiB of a 10 MiB body: the answer must come without the rest.
        REQUIRE(send_all(fd, std::string("POST ") + path + " HTTP/1.1\r\nHost: portal\r\nContent-Length: " +
                                 std::to_string(10 * mib) + "\r\n\r\n" + std::string(1024, 'x')));
        check_refused_and_closed(fd, "413", 5s);
    }
}

TEST_CASE("a request hidden in a refused body is never run: the refusal closes the connection") {
    server::ServerConfig config;
    config.max_body_bytes = 1024;
    TestServer server(config);
    // Each request goes first; once it is answered, what a proxy would stream on as its body follows:
    // a request of its own, which a connection left open reads and runs.
    const std::string hidden = "GET /healthz HTTP/1.1\r\nHost: portal\r\n\r\n";
    struct Case {
        const char* name;
        std::string request;
        const char* status;
    } cases[] = {
        {"an oversized Content-Length", "POST /api/sla/preview HTTP/1.1\r\nHost: portal\r\nContent-Length: 4096\r\n\r\n", "413"},
        {"a body on a GET", "GET /boot.js HTTP/1.1\r\nHost: portal\r\nContent-Length: " + std::to_string(hidden.size()) + "\r\n\r\n", "400"},
        {"Content-Length and chunked at once",
         "POST /api/sla/preview HTTP/1.1\r\nHost: portal\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", "400"},
        {"two different lengths", "POST /api/sla/preview HTTP/1.1\r\nHost: portal\r\nContent-Length: 2\r\nContent-Length: 0\r\n\r\n{}", "400"},
        {"a malformed request line", "THIS IS NOT HTTP\r\n\r\n", "400"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.name);
        int fd = connect_from(server.port);
        REQUIRE(send_all(fd, c.request));
        bool closed = false;
        std::string reply = receive(fd, 1s, &closed);
        CHECK(reply.rfind(std::string("HTTP/1.1 ") + c.status, 0) == 0);
        CHECK(reply.find("Connection: close") != std::string::npos);
        if (send_all(fd, hidden)) reply += receive(fd, 1s, &closed);  // the write fails once the server is gone
        close(fd);
        CHECK(count(reply, "HTTP/1.1 ") == 1);  // the hidden GET /healthz got no answer
        CHECK(reply.find("schema_version") == std::string::npos);
        CHECK(closed);
    }
    // A head too large to be one is refused with 431, and closed too.
    int fd = connect_from(server.port);
    std::string head = "GET /healthz HTTP/1.1\r\nHost: portal\r\n";
    for (int i = 0; i < 20; ++i) head += "X-Padding-" + std::to_string(i) + ": " + std::string(4000, 'p') + "\r\n";
    send_all(fd, head + "\r\n");
    check_refused_and_closed(fd, "431", 3s);
}

TEST_CASE("a request with neither a length nor chunked has no body: answered at once, on a connection that stays open") {
    TestServer server;
    int fd = connect_from(server.port);
    // The library used to read its body until the end of the stream, so the client waited for ever.
    REQUIRE(send_all(fd, "POST /api/sla/preview HTTP/1.1\r\nHost: portal\r\nContent-Type: application/json\r\n\r\n"));
    const std::string first = receive(fd, 1s);
    CHECK(first.rfind("HTTP/1.1 400", 0) == 0);  // the preview's own answer to an empty body
    CHECK(first.find("Connection: close") == std::string::npos);
    REQUIRE(send_all(fd, "GET /healthz HTTP/1.1\r\nHost: portal\r\nAccept-Encoding: identity\r\n\r\n"));
    const std::string second = receive(fd, 1s);
    close(fd);
    CHECK(second.rfind("HTTP/1.1 200", 0) == 0);
}

TEST_CASE("200 clients dripping their heads a byte at a time: /healthz and a sign-in step still answer within a second") {
    Auth a;  // default limits
    // 200 connections from four client addresses, each sending a byte of a never-ending header every half
    // second for four seconds (a bounded loop that stops by itself).
    std::vector<int> drips;
    for (int i = 0; i < 200; ++i) {
        const std::string source = "127.0.0." + std::to_string(2 + i % 4);
        int fd = connect_from(a.server->port, source.c_str());
        fcntl(fd, F_SETFL, O_NONBLOCK);
        send(fd, "GET /healthz HTTP/1.1\r\nX-Slow: ", 31, MSG_NOSIGNAL);
        drips.push_back(fd);
    }
    std::atomic<bool> done{false};
    std::thread dripper([&] {
        for (int round = 0; round < 8 && !done; ++round) {
            std::this_thread::sleep_for(500ms);
            for (int fd : drips) send(fd, "a", 1, MSG_NOSIGNAL);
        }
    });
    struct Stop {  // the dripper ends with the test, however the test ends
        std::atomic<bool>& flag;
        std::thread& thread;
        std::vector<int>& fds;
        ~Stop() {
            flag = true;
            thread.join();
            for (int fd : fds) close(fd);
        }
    } stop{done, dripper, drips};
    std::this_thread::sleep_for(600ms);  // every dripping connection has been taken in by now

    httplib::Client cli("127.0.0.1", a.server->port);
    cli.set_connection_timeout(5);
    cli.set_read_timeout(5);
    for (int i = 0; i < 3; ++i) {
        CAPTURE(i);
        auto started = SteadyClock::now();
        auto health = cli.Get("/healthz");
        auto health_took = SteadyClock::now() - started;
        REQUIRE(health);
        CHECK(health->status == 200);
        CHECK(health_took < 1s);

        started = SteadyClock::now();
        auto txn = cli.Post("/api/auth/transactions",
                            nlohmann::json{{"client_id", "support-portal"}, {"redirect_uri", a.redirect_uri()},
                                           {"code_challenge", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"},
                                           {"code_challenge_method", "S256"}, {"state", "s"}}.dump(),
                            "application/json");
        auto txn_took = SteadyClock::now() - started;
        REQUIRE(txn);
        CHECK(txn->status == 201);
        CHECK(txn_took < 1s);
        cli.stop();  // a new connection each round, as a new visitor would open
        std::this_thread::sleep_for(300ms);
    }
}

TEST_CASE("a request head has one deadline in all, however steadily its bytes arrive") {
    server::ServerConfig config;
    config.head_timeout = 1s;
    TestServer server(config);
    int fd = connect_from(server.port);
    REQUIRE(send_all(fd, "GET /healthz HTTP/1.1\r\nX-Slow: "));
    // A byte every 100 ms would keep a per-read timeout happy for ever; here for at most 5 seconds.
    bool closed = false;
    int dripped = 0;
    std::string reply;
    for (; dripped < 50 && !closed; ++dripped) {
        send(fd, "a", 1, MSG_NOSIGNAL);
        reply += receive(fd, 100ms, &closed);
    }
    close(fd);
    CAPTURE(reply);
    CHECK(closed);
    CHECK(dripped < 50);
    CHECK((reply.empty() || reply.rfind("HTTP/1.1 408", 0) == 0));
}

TEST_CASE("connections over the cap for one address are turned away; other addresses are served") {
    server::ServerConfig config;
    config.max_connections_per_address = 4;
    TestServer server(config);
    std::vector<int> held;
    // Four answered (so surely counted before the one over the cap arrives), then each with a head
    // begun and never finished.
    for (int i = 0; i < 4; ++i) {
        held.push_back(connect_from(server.port, "127.0.0.2"));
        send_all(held.back(), "GET /healthz HTTP/1.1\r\nHost: portal\r\n\r\n");
    }
    for (int fd : held) {
        CHECK(receive(fd, 1s).rfind("HTTP/1.1 200", 0) == 0);
        send_all(fd, "GET /healthz HTTP/1.1\r\n");
    }
    int over = connect_from(server.port, "127.0.0.2");
    send_all(over, "GET /healthz HTTP/1.1\r\nHost: portal\r\n\r\n");
    bool closed = false;
    const std::string refused = receive(over, 3s, &closed);
    close(over);
    CHECK(closed);
    CHECK(refused.empty());
    httplib::Client other("127.0.0.1", server.port);
    auto res = other.Get("/healthz");
    REQUIRE(res);
    CHECK(res->status == 200);
    // A connection given back frees its place.
    close(held.back());
    held.pop_back();
    std::string answer;
    for (int attempt = 0; attempt < 50 && answer.empty(); ++attempt) {  // the server sees the close soon after
        int again = connect_from(server.port, "127.0.0.2");
        send_all(again, "GET /healthz HTTP/1.1\r\nHost: portal\r\nConnection: close\r\n\r\n");
        answer = receive(again, 2s);
        close(again);
        if (answer.empty()) std::this_thread::sleep_for(20ms);
    }
    CHECK(answer.rfind("HTTP/1.1 200", 0) == 0);
    for (int fd : held) close(fd);
}

TEST_CASE("command-line options of the HTTP limits: values and refusals") {
    auto given = server::parse_args({"--trusted-proxy", "10.0.0.0/8", "--trusted-proxy", "::1", "--max-connections", "100",
                                     "--max-connections-per-address", "10", "--head-timeout", "3"});
    REQUIRE(given.ok());
    CHECK(given.value().config.trusted_proxies == std::vector<std::string>{"10.0.0.0/8", "::1"});
    CHECK(given.value().config.max_connections == 100);
    CHECK(given.value().config.max_connections_per_address == 10);
    CHECK(given.value().config.head_timeout == 3s);
    for (auto bad : {std::vector<std::string>{"--trusted-proxy", "proxy.local"}, {"--trusted-proxy"},
                     {"--max-connections", "0"}, {"--head-timeout", "x"}}) {
        auto result = server::parse_args(bad);
        REQUIRE_FALSE(result.ok());
        CHECK(result.error().message.find("Usage:") != std::string::npos);
    }
}
