// The open pages' event stream (GET /api/events): refused without a token, a change reaching the
// streams of the people who may see its ticket within a second (and no one else's), resumed after
// Last-Event-ID, ended at sign-out, and bounded per user.
#include <doctest/doctest.h>

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "auth_client.hpp"
#include "ticket_requests.hpp"
#include "server/retention.hpp"
#include "server/tickets/ticket_service.hpp"

using nlohmann::json;
using namespace std::chrono_literals;

namespace {

constexpr std::int64_t friday_afternoon = 1795798800;

// A stream read on its own thread, as a page holds it.
class Listening {
public:
    Listening(int port, const std::string& token, const std::string& last_event_id = "") : cli("127.0.0.1", port) {
        cli.set_read_timeout(30);
        httplib::Headers headers{{"Authorization", "Bearer " + token}};
        if (!last_event_id.empty()) headers.emplace("Last-Event-ID", last_event_id);
        reader = std::thread([this, headers] {
            auto res = cli.Get(
                "/api/events", headers,
                [this](const httplib::Response& r) {
                    std::lock_guard<std::mutex> guard(mutex);
                    status = r.status;
                    return true;
                },
                [this](const char* data, size_t length) {
                    std::lock_guard<std::mutex> guard(mutex);
                    text.append(data, length);
                    return !stopping;
                });
            std::lock_guard<std::mutex> guard(mutex);
            if (res && !status) status = res->status;
            if (res && text.empty()) text = res->body;
            ended = true;
        });
    }
    ~Listening() {
        stopping = true;
        cli.stop();
        reader.join();
    }
    // Waits until what arrived contains `part` (true), or `within` passed (false).
    bool heard(const std::string& part, std::chrono::milliseconds within = 2000ms) {
        const auto until = std::chrono::steady_clock::now() + within;
        while (std::chrono::steady_clock::now() < until) {
            if (received().find(part) != std::string::npos) return true;
            std::this_thread::sleep_for(10ms);
        }
        return false;
    }
    std::string received() {
        std::lock_guard<std::mutex> guard(mutex);
        return text;
    }
    int answered() {
        std::lock_guard<std::mutex> guard(mutex);
        return status;
    }
    bool over() {
        std::lock_guard<std::mutex> guard(mutex);
        return ended;
    }

private:
    httplib::Client cli;
    std::thread reader;
    std::mutex mutex;
    std::string text;
    int status = 0;
    bool ended = false;
    std::atomic<bool> stopping{false};
};

struct Desk : Auth {
    std::string ana;
    Desk() {
        clock.now->store(friday_afternoon);
        ana = sign_in_by_email("ana@demo.store");
    }
    std::string create(const std::string& key) {
        auto res = cli->Post("/api/accounts/lojadaana/tickets", {{"Authorization", "Bearer " + ana}, {"Idempotency-Key", key}},
                             incident_request().dump(), "application/json");
        REQUIRE(res);
        REQUIRE(res->status == 201);
        return json::parse(res->body)["id"];
    }
    server::TicketService& support() { return server->http->ticket_service(); }
};

}  // namespace

TEST_CASE("the event stream is refused without a valid token") {
    Desk d;
    auto none = d.cli->Get("/api/events");
    REQUIRE(none);
    CHECK(none->status == 401);
    CHECK(none->get_header_value("WWW-Authenticate").rfind("Bearer", 0) == 0);
    auto forged = d.cli->Get("/api/events", {{"Authorization", "Bearer not-a-token"}});
    CHECK(forged->status == 401);
}

TEST_CASE("a change reaches the open streams of the people who may see the ticket within a second, no one else's") {
    Desk d;
    const std::string id = d.create("k-1");
    const std::string carol = d.sign_in_by_email("carol@demo.store");  // not on Loja da Ana
    Listening ana(d.server->port, d.ana), other(d.server->port, carol);
    REQUIRE(ana.heard(": connected"));
    REQUIRE(other.heard(": connected"));
    CHECK(ana.answered() == 200);
    const auto before = std::chrono::steady_clock::now();
    REQUIRE(d.support().agent_reply(id, "We are on it.", "Marta").ok());
    CHECK(ana.heard("\"change\":\"replied\"", 1000ms));
    MESSAGE("the reply reached the stream in "
            << std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - before).count()
            << " ms");
    const std::string text = ana.received();
    CHECK(text.find("event: ticket\ndata: {\"account\":\"lojadaana\",\"change\":\"replied\",\"number\":") != std::string::npos);
    CHECK(text.find("\"ticket\":\"" + id + "\"") != std::string::npos);
    REQUIRE(d.support().set_status(id, "solved").ok());
    CHECK(ana.heard("\"change\":\"status\""));
    std::this_thread::sleep_for(300ms);
    CHECK(other.received().find("event: ticket") == std::string::npos);
}

TEST_CASE("a stream that comes back with Last-Event-ID is given what it missed, in order") {
    Desk d;
    const std::string id = d.create("k-1");
    std::string last;
    {
        Listening ana(d.server->port, d.ana);
        REQUIRE(ana.heard(": connected"));
        REQUIRE(d.support().agent_reply(id, "First.", "").ok());
        REQUIRE(ana.heard("\"change\":\"replied\""));
        const std::string text = ana.received();
        const size_t at = text.rfind("id: ");
        last = text.substr(at + 4, text.find('\n', at) - at - 4);
    }
    REQUIRE(d.support().set_priority(id, "low").ok());  // while the page was away
    REQUIRE(d.support().set_status(id, "solved").ok());
    Listening back(d.server->port, d.ana, last);
    REQUIRE(back.heard("\"change\":\"status\""));
    const std::string text = back.received();
    CHECK(text.find("\"change\":\"replied\"") == std::string::npos);  // it had that one
    CHECK(text.find("\"change\":\"priority\"") < text.find("\"change\":\"status\""));
    CHECK(text.find("id: " + std::to_string(std::stoll(last) + 1) + "\n") != std::string::npos);

    // Events older than the table keeps: the page is told to read everything again.
    d.clock.advance(2 * 86400);
    REQUIRE(server::sweep(*d.server->database, d.server->dir / "data/attachments", *d.clock.now));
    const std::string fresh = d.sign_in_by_email("ana@demo.store");  // the first token has expired
    REQUIRE(d.support().agent_reply(id, "Later.", "").ok());
    Listening stale(d.server->port, fresh, last);
    CHECK_MESSAGE(stale.heard("event: reset"), stale.answered() << " " << stale.received());
}

TEST_CASE("the stream ends at sign-out and when its token expires") {
    Desk d;
    auto tokens = d.tokens_by_email("ana@demo.store");
    const std::string token = json::parse(tokens->body)["access_token"];
    const std::string header = tokens->get_header_value("Set-Cookie");
    const size_t start = header.find("portal_refresh=") + 15;
    const std::string refresh = header.substr(start, header.find(';') - start);
    Listening ana(d.server->port, token);
    REQUIRE(ana.heard(": connected"));
    auto out = d.cli->Post("/oauth/revoke", {{"Cookie", "portal_refresh=" + refresh}}, "", "application/json");
    REQUIRE(out);
    CHECK(ana.heard("event: end\ndata: {\"reason\":\"session_ended\"}", 4000ms));
    for (int i = 0; i < 100 && !ana.over(); ++i) std::this_thread::sleep_for(20ms);
    CHECK(ana.over());

    Listening later(d.server->port, d.ana);
    REQUIRE(later.heard(": connected"));
    d.clock.advance(16 * 60);  // access tokens last 15 minutes
    CHECK(later.heard("{\"reason\":\"token_expired\"}"));
}

TEST_CASE("streams are bounded per user: a fifth page of the same person falls back to reading every 30 s") {
    Desk d;
    std::vector<std::unique_ptr<Listening>> pages;
    for (int i = 0; i < 4; ++i) {
        pages.push_back(std::make_unique<Listening>(d.server->port, d.ana));
        REQUIRE(pages.back()->heard(": connected"));
    }
    auto fifth = d.cli->Get("/api/events", {{"Authorization", "Bearer " + d.ana}});
    REQUIRE(fifth);
    CHECK(fifth->status == 429);
    CHECK(json::parse(fifth->body)["error"] == "too_many_streams");
    pages.pop_back();  // a page closed: its place is free again within a second
    bool connected = false;
    for (int i = 0; i < 20 && !connected; ++i) {
        Listening again(d.server->port, d.ana);
        connected = again.heard(": connected", 100ms);
    }
    CHECK(connected);
}
