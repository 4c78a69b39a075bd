#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "core/assets.hpp"
#include "core/sla_api.hpp"

TEST_CASE("the preview request: priority given, or derived from answers") {
    auto given = core::parse_sla_preview_request(
        R"({"region":"brazil","priority":"high","opened_at":"2026-03-06T22:15:00Z"})");
    REQUIRE(given.ok());
    CHECK(given.value().region == core::RegionId::brazil);
    CHECK(given.value().priority == core::Priority::high);
    CHECK(given.value().opened_at == 1772835300);

    auto derived = core::parse_sla_preview_request(
        R"({"region":"us","answers":{"kind":"incident","users":"buyers","impact":"critical"}})");
    REQUIRE(derived.ok());
    CHECK(derived.value().priority == core::Priority::urgent);
    CHECK_FALSE(derived.value().opened_at.has_value());

    auto question = core::parse_sla_preview_request(R"({"region":"emea","answers":{"kind":"question"}})");
    REQUIRE(question.ok());
    CHECK(question.value().priority == core::Priority::low);
}

TEST_CASE("a bad preview request names the field") {
    struct Case {
        const char* body;
        const char* starts;
    };
    const Case cases[] = {
        {"not json", "The request body is not valid JSON"},
        {"[]", "The request body must be a JSON object"},
        {R"({"priority":"high"})", "region:"},
        {R"({"region":"europe","priority":"high"})", "region:"},
        {R"({"region":7,"priority":"high"})", "region:"},
        {R"({"region":"brazil"})", "priority:"},
        {R"({"region":"brazil","priority":"critical"})", "priority:"},
        {R"({"region":"brazil","priority":"high","answers":{"kind":"question"}})", "priority:"},
        {R"({"region":"brazil","answers":"incident"})", "answers:"},
        {R"({"region":"brazil","answers":{"kind":"bug"}})", "answers.kind:"},
        {R"({"region":"brazil","answers":{"kind":"incident","impact":"critical"}})", "answers.users:"},
        {R"({"region":"brazil","answers":{"kind":"incident","users":"buyers"}})", "answers.impact:"},
        {R"({"region":"brazil","answers":{"kind":"incident","users":"buyers","impact":"high"}})", "answers.impact:"},
        {R"({"region":"brazil","priority":"low","opened_at":"yesterday"})", "opened_at:"},
        {R"({"region":"brazil","priority":"low","opened_at":1772835300})", "opened_at:"},
        // Found by fuzz_sla_preview: its deadline fell in the year 10000, answered as "10000-01-...".
        {R"({"region":"brazil","priority":"high","opened_at":"9999-12-31T23:59:59Z"})", "opened_at:"},
        {R"({"region":"us","priority":"low","opened_at":"9980-01-01T00:00:00Z"})", "opened_at:"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.body);
        auto result = core::parse_sla_preview_request(c.body);
        REQUIRE_FALSE(result.ok());
        CHECK(result.error().message.rfind(c.starts, 0) == 0);
    }
}

TEST_CASE("the preview response has exactly the contract's fields") {
    auto regions = core::parse_regions(core::assets::regions_json());
    REQUIRE(regions.ok());
    auto preview = core::preview_sla(regions.value().get(core::RegionId::brazil), core::Priority::high, 1772835300);
    auto body = nlohmann::json::parse(core::sla_preview_json(preview));
    CHECK(body == nlohmann::json{{"region", "brazil"},
                                 {"priority", "high"},
                                 {"opened_at", "2026-03-06T22:15:00Z"},
                                 {"due_at", "2026-03-09T20:00:00Z"},
                                 {"team_open", false},
                                 {"next_open_at", "2026-03-09T12:00:00Z"}});
    auto open = core::preview_sla(regions.value().get(core::RegionId::brazil), core::Priority::high,
                                  *core::parse_rfc3339("2026-03-09T13:00:00Z"));
    CHECK(nlohmann::json::parse(core::sla_preview_json(open))["next_open_at"].is_null());
}
