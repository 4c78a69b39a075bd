#include <doctest/doctest.h>

#include <httplib.h>

#include <nlohmann/json.hpp>

#include "test_server.hpp"

using nlohmann::json;

namespace {
httplib::Result post(int port, const std::string& body) {
    httplib::Client cli("127.0.0.1", port);
    return cli.Post("/api/sla/preview", body, "application/json");
}
}  // namespace

TEST_CASE("POST /api/sla/preview answers the contract's example") {
    TestServer server;
    auto res = post(server.port, R"({"region":"brazil","priority":"high","opened_at":"2026-03-06T22:15:00Z"})");
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(res->get_header_value("Content-Type") == "application/json");
    CHECK(json::parse(res->body) == json{{"region", "brazil"},
                                         {"priority", "high"},
                                         {"opened_at", "2026-03-06T22:15:00Z"},
                                         {"due_at", "2026-03-09T20:00:00Z"},
                                         {"team_open", false},
                                         {"next_open_at", "2026-03-09T12:00:00Z"}});
}

TEST_CASE("the preview derives the priority from answers, and uses the server's clock without opened_at") {
    server::ServerConfig config;
    config.clock = [] { return core::UtcSeconds{1772802000}; };  // 2026-03-06T13:00:00Z, a Friday
    TestServer server(config);
    auto res = post(server.port, R"({"region":"us","answers":{"kind":"incident","users":"buyers","impact":"critical"}})");
    REQUIRE(res);
    CHECK(res->status == 200);
    auto body = json::parse(res->body);
    CHECK(body["priority"] == "urgent");
    CHECK(body["opened_at"] == "2026-03-06T13:00:00Z");
    CHECK(body["due_at"] == "2026-03-06T13:20:00Z");  // US urgent: 20 minutes, around the clock
    CHECK(body["team_open"] == true);
    CHECK(body["next_open_at"].is_null());
}

TEST_CASE("bad preview requests get 400 with a message naming the field") {
    TestServer server;
    struct Case {
        const char* body;
        const char* field;
    };
    const Case cases[] = {
        {"{\"region\":", "not valid JSON"},
        {R"({"region":"mars","priority":"high"})", "region:"},
        {R"({"region":"brazil","priority":"asap"})", "priority:"},
        {R"({"region":"brazil","answers":{"kind":"incident","users":"buyers"}})", "answers.impact:"},
        {R"({"region":"brazil","priority":"low","opened_at":"2026-02-30T00:00:00Z"})", "opened_at:"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.body);
        auto res = post(server.port, c.body);
        REQUIRE(res);
        CHECK(res->status == 400);
        auto body = json::parse(res->body, nullptr, false);
        REQUIRE_FALSE(body.is_discarded());
        CHECK(body["message"].get<std::string>().find(c.field) != std::string::npos);
        CHECK_FALSE(body["error"].get<std::string>().empty());
    }
}
