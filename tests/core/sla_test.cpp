// Table-driven checks of the SLA engine against dates worked out by hand from the region calendars.
#include <doctest/doctest.h>

#include "core/assets.hpp"
#include "core/sla.hpp"

using core::Priority;
using core::RegionId;

namespace {

const core::SupportRegions& regions() {
    static const core::SupportRegions loaded = [] {
        auto parsed = core::parse_regions(core::assets::regions_json());
        REQUIRE_MESSAGE(parsed.ok(), (parsed.ok() ? "" : parsed.error().message));
        return parsed.value();
    }();
    return loaded;
}

core::UtcSeconds at(const char* text) {
    auto parsed = core::parse_rfc3339(text);
    REQUIRE_MESSAGE(parsed.has_value(), text);
    return *parsed;
}

}  // namespace

TEST_CASE("first-response deadlines across weekends, holidays, DST switches and closing instants") {
    struct Case {
        const char* why;
        RegionId region;
        Priority priority;
        const char* opened;
        const char* due;
    };
    const Case cases[] = {
        {"contract example: Friday 19:15 in Sao Paulo -> Monday 09:00 + 8 h", RegionId::brazil, Priority::high,
         "2026-03-06T22:15:00Z", "2026-03-09T20:00:00Z"},
        {"opened at 17:59: one minute today, 59 tomorrow", RegionId::brazil, Priority::urgent, "2026-03-10T20:59:00Z",
         "2026-03-11T12:59:00Z"},
        {"opened at 18:00: the closing instant is closed", RegionId::brazil, Priority::urgent, "2026-03-10T21:00:00Z",
         "2026-03-11T13:00:00Z"},
        {"opened at 09:00 sharp counts from 09:00", RegionId::brazil, Priority::urgent, "2026-03-10T12:00:00Z",
         "2026-03-10T13:00:00Z"},
        {"due exactly at closing time stays today", RegionId::brazil, Priority::urgent, "2026-03-10T20:00:00Z",
         "2026-03-10T21:00:00Z"},
        {"Carnival 2027: Monday 8 and Tuesday 9 February skipped", RegionId::brazil, Priority::normal,
         "2027-02-05T20:00:00Z", "2027-02-11T18:00:00Z"},
        {"Good Friday 2026 (3 April) skipped", RegionId::brazil, Priority::urgent, "2026-04-02T20:30:00Z",
         "2026-04-06T12:30:00Z"},
        {"low priority: 24 business hours span three days", RegionId::brazil, Priority::low, "2026-03-10T12:00:00Z",
         "2026-03-12T18:00:00Z"},
        {"US Thanksgiving 2026 (26 November) skipped", RegionId::us, Priority::high, "2026-11-25T23:30:00Z",
         "2026-11-27T13:30:00Z"},
        {"US urgent is served 24/7, also on Thanksgiving", RegionId::us, Priority::urgent, "2026-11-26T15:00:00Z",
         "2026-11-26T15:20:00Z"},
        {"US Christmas 2027 on a Saturday is observed on Friday 24", RegionId::us, Priority::normal,
         "2027-12-23T23:30:00Z", "2027-12-27T13:30:00Z"},
        {"US New Year 2028 on a Saturday is observed on Friday 31 December 2027", RegionId::us, Priority::normal,
         "2027-12-30T23:30:00Z", "2028-01-03T13:30:00Z"},
        {"US spring forward (8 March 2026): Monday opens at 08:00 EDT", RegionId::us, Priority::normal,
         "2026-03-06T23:30:00Z", "2026-03-09T12:30:00Z"},
        {"US fall back (1 November 2026): Monday opens at 08:00 EST", RegionId::us, Priority::normal,
         "2026-10-30T22:30:00Z", "2026-11-02T13:30:00Z"},
        {"US urgent across the spring-forward hour counts wall-clock time", RegionId::us, Priority::urgent,
         "2026-03-08T06:50:00Z", "2026-03-08T07:10:00Z"},
        {"EU spring forward (29 March 2026): Monday opens at 07:00 CEST", RegionId::emea, Priority::high,
         "2026-03-27T15:30:00Z", "2026-03-30T06:30:00Z"},
        {"EU fall back (25 October 2026): Monday opens at 07:00 CET", RegionId::emea, Priority::high,
         "2026-10-23T14:30:00Z", "2026-10-26T07:30:00Z"},
        {"EMEA Christmas 2027 on a weekend: no weekday lost", RegionId::emea, Priority::high, "2027-12-24T15:30:00Z",
         "2027-12-27T07:30:00Z"},
        {"EMEA Christmas 2026 on a Friday is skipped", RegionId::emea, Priority::normal, "2026-12-24T15:00:00Z",
         "2026-12-28T07:00:00Z"},
        {"EMEA urgent is served 24/7 on Sunday", RegionId::emea, Priority::urgent, "2026-03-08T10:00:00Z",
         "2026-03-08T11:00:00Z"},
        {"APAC: one hour Monday evening, three on Tuesday", RegionId::apac, Priority::high, "2026-03-09T10:00:00Z",
         "2026-03-10T04:00:00Z"},
        {"APAC urgent is business time (not 24/7)", RegionId::apac, Priority::urgent, "2026-03-07T04:00:00Z",
         "2026-03-09T04:00:00Z"},
        {"LATAM: Christmas 2026 skipped, 16 business hours", RegionId::latam, Priority::normal, "2026-12-24T22:00:00Z",
         "2026-12-29T20:00:00Z"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.why);
        const auto& region = regions().get(c.region);
        CHECK(core::format_rfc3339(core::first_response_due(region, c.priority, at(c.opened))) == std::string(c.due));
    }
}

TEST_CASE("team status: open, closed at the closing instant, next opening after weekends and holidays") {
    struct Case {
        const char* why;
        RegionId region;
        const char* now;
        bool open;
        const char* next_open;   // when closed
        const char* closes_at;   // when open
    };
    const Case cases[] = {
        {"Tuesday 17:59 in Sao Paulo", RegionId::brazil, "2026-03-10T20:59:00Z", true, nullptr, "2026-03-10T21:00:00Z"},
        {"Tuesday 18:00 in Sao Paulo", RegionId::brazil, "2026-03-10T21:00:00Z", false, "2026-03-11T12:00:00Z", nullptr},
        {"Tuesday 08:59:59 in Sao Paulo", RegionId::brazil, "2026-03-10T11:59:59Z", false, "2026-03-10T12:00:00Z", nullptr},
        {"Saturday in Sao Paulo", RegionId::brazil, "2026-03-07T15:00:00Z", false, "2026-03-09T12:00:00Z", nullptr},
        {"Carnival Monday 2027", RegionId::brazil, "2027-02-08T15:00:00Z", false, "2027-02-10T12:00:00Z", nullptr},
        {"Thanksgiving 2026 in New York", RegionId::us, "2026-11-26T15:00:00Z", false, "2026-11-27T13:00:00Z", nullptr},
        {"US Monday after spring forward", RegionId::us, "2026-03-09T12:00:00Z", true, nullptr, "2026-03-09T23:00:00Z"},
        {"Paris Sunday night", RegionId::emea, "2026-03-29T21:00:00Z", false, "2026-03-30T05:00:00Z", nullptr},
    };
    for (const Case& c : cases) {
        CAPTURE(c.why);
        auto status = core::team_status(regions().get(c.region), at(c.now));
        CHECK(status.open == c.open);
        if (c.next_open) {
            REQUIRE(status.next_open.has_value());
            CHECK(core::format_rfc3339(*status.next_open) == std::string(c.next_open));
        } else {
            CHECK_FALSE(status.next_open.has_value());
        }
        if (c.closes_at) {
            REQUIRE(status.closes_at.has_value());
            CHECK(core::format_rfc3339(*status.closes_at) == std::string(c.closes_at));
        }
    }
}

TEST_CASE("next response targets exist only where the region states them") {
    const auto& emea = regions().get(RegionId::emea);
    auto urgent = core::next_response_due(emea, Priority::urgent, at("2026-03-08T10:00:00Z"));
    REQUIRE(urgent.has_value());
    CHECK(core::format_rfc3339(*urgent) == "2026-03-08T12:00:00Z");
    auto high = core::next_response_due(emea, Priority::high, at("2026-03-09T06:00:00Z"));  // Monday 07:00 CET
    REQUIRE(high.has_value());
    CHECK(core::format_rfc3339(*high) == "2026-03-09T14:00:00Z");
    CHECK_FALSE(core::next_response_due(regions().get(RegionId::brazil), Priority::high, at("2026-03-09T12:00:00Z")));
}

TEST_CASE("holiday rules: Easter, nth and last weekdays, observed days") {
    CHECK(core::easter_sunday(2024) == core::CivilDate{2024, 3, 31});
    CHECK(core::easter_sunday(2025) == core::CivilDate{2025, 4, 20});
    CHECK(core::easter_sunday(2026) == core::CivilDate{2026, 4, 5});
    CHECK(core::easter_sunday(2027) == core::CivilDate{2027, 3, 28});
    const auto& us = regions().get(RegionId::us);
    const auto& brazil = regions().get(RegionId::brazil);
    auto day = [](int y, unsigned m, unsigned d) { return core::days_from_civil({y, m, d}); };
    for (auto d : {day(2026, 1, 1), day(2026, 1, 19), day(2026, 2, 16), day(2026, 5, 25), day(2026, 6, 19),
                   day(2026, 7, 3), day(2026, 9, 7), day(2026, 10, 12), day(2026, 11, 11), day(2026, 11, 26),
                   day(2026, 12, 25), day(2027, 12, 24), day(2027, 12, 31)})
        CHECK_MESSAGE(us.is_holiday(d), core::format_rfc3339(static_cast<core::UtcSeconds>(d) * 86400));
    for (auto d : {day(2026, 7, 4), day(2026, 11, 27), day(2026, 12, 24), day(2027, 12, 25)})
        CHECK_FALSE(us.is_holiday(d));
    for (auto d : {day(2027, 2, 8), day(2027, 2, 9), day(2027, 3, 26), day(2027, 5, 27), day(2026, 11, 20)})
        CHECK(brazil.is_holiday(d));
    CHECK_FALSE(brazil.is_holiday(day(2027, 2, 10)));  // Ash Wednesday is a working day here
    CHECK(us.is_holiday(day(2200, 11, 27)));           // beyond the precomputed calendar: rules still apply
    CHECK(brazil.is_holiday(day(2061, 1, 1)));         // just past it
    CHECK(us.is_holiday(day(2061, 1, 17)));            // Martin Luther King Jr. Day 2061
    CHECK(us.is_holiday(day(2060, 12, 31)));           // New Year 2061 (a Saturday) observed on Friday
    CHECK(us.is_holiday(day(2060, 12, 24)));           // Christmas 2060 (a Saturday) observed on Friday
    CHECK(us.is_holiday(day(1999, 12, 31)));           // before it (New Year 2000 observed on a Friday)
    CHECK_FALSE(us.is_holiday(day(2061, 1, 3)));
    // A region whose calendar was never built answers from its rules.
    core::SupportRegion bare;
    bare.holidays = us.holidays;
    CHECK(bare.is_holiday(day(2026, 11, 26)));
}
