#include <doctest/doctest.h>

#include "core/i18n.hpp"
#include "core/time.hpp"
#include "core/time_zone.hpp"

TEST_CASE("RFC 3339: offsets, fractions, and refusals") {
    CHECK(core::parse_rfc3339("1970-01-01T00:00:00Z") == 0);
    CHECK(core::parse_rfc3339("2026-03-06T22:15:00Z") == 1772835300);
    CHECK(core::parse_rfc3339("2026-03-06T19:15:00-03:00") == 1772835300);
    CHECK(core::parse_rfc3339("2026-03-07T06:15:00.999+08:00") == 1772835300);
    CHECK(core::format_rfc3339(1772835300) == "2026-03-06T22:15:00Z");
    CHECK(core::format_rfc3339(-1) == "1969-12-31T23:59:59Z");
    for (const char* bad : {"", "2026-03-06", "2026-03-06T22:15:00", "2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z",
                            "2026-03-06T24:00:00Z", "2026-03-06 22:15:00Z", "2026-03-06T22:15:00+0300",
                            "2026-03-06T22:15:00Zjunk", "２026-03-06T22:15:00Z"})
        CHECK_MESSAGE(!core::parse_rfc3339(bad).has_value(), bad);
    // Found by fuzz_rfc3339: an offset that carries the instant out of the years 0000-9999 was read, and
    // written back as "10000-01-01T23:58:59Z" (the SLA preview echoed it).
    CHECK_FALSE(core::parse_rfc3339("9999-12-31T23:59:59-23:59").has_value());
    CHECK_FALSE(core::parse_rfc3339("0000-01-01T00:00:00+00:01").has_value());
    CHECK(core::format_rfc3339(*core::parse_rfc3339("9999-12-31T23:59:59Z")) == "9999-12-31T23:59:59Z");
    CHECK(core::format_rfc3339(*core::parse_rfc3339("0000-01-01T00:00:00Z")) == "0000-01-01T00:00:00Z");
}

TEST_CASE("time zones: offsets around DST transitions, skipped and repeated wall times") {
    const core::TimeZone* ny = core::find_time_zone("America/New_York");
    REQUIRE(ny != nullptr);
    auto t = [](const char* s) { return *core::parse_rfc3339(s); };
    CHECK(ny->offset_at(t("2026-03-08T06:59:59Z")) == -5 * 3600);
    CHECK(ny->offset_at(t("2026-03-08T07:00:00Z")) == -4 * 3600);
    CHECK(ny->offset_at(t("2026-11-01T05:59:59Z")) == -4 * 3600);
    CHECK(ny->offset_at(t("2026-11-01T06:00:00Z")) == -5 * 3600);
    auto local = [](int y, unsigned m, unsigned d, int h, int min) {
        return static_cast<core::LocalSeconds>(core::days_from_civil({y, m, d})) * 86400 + h * 3600 + min * 60;
    };
    CHECK(core::format_rfc3339(ny->to_utc(local(2026, 3, 8, 2, 30))) == "2026-03-08T07:00:00Z");  // skipped
    CHECK(core::format_rfc3339(ny->to_utc(local(2026, 11, 1, 1, 30))) == "2026-11-01T05:30:00Z");  // first of two
    CHECK(core::format_rfc3339(ny->to_utc(local(2026, 7, 1, 12, 0))) == "2026-07-01T16:00:00Z");
    const core::TimeZone* sp = core::find_time_zone("America/Sao_Paulo");
    REQUIRE(sp != nullptr);
    CHECK(sp->offset_at(t("2026-01-15T12:00:00Z")) == -3 * 3600);  // no DST since 2019
    CHECK(sp->offset_at(t("2018-01-15T12:00:00Z")) == -2 * 3600);  // it had DST then
    CHECK(core::find_time_zone("Mars/Olympus_Mons") == nullptr);
    // The system's zone files list switches only to 2037; the generated tables carry the rule on.
    CHECK(ny->offset_at(t("2040-07-01T12:00:00Z")) == -4 * 3600);
    CHECK(ny->offset_at(t("2040-12-01T12:00:00Z")) == -5 * 3600);
    CHECK(ny->offset_at(t("2099-03-08T07:00:00Z")) == -4 * 3600);  // second Sunday of March 2099
    const core::TimeZone* paris = core::find_time_zone("Europe/Paris");
    REQUIRE(paris != nullptr);
    CHECK(paris->offset_at(t("2090-03-26T00:59:59Z")) == 3600);     // last Sunday of March 2090
    CHECK(paris->offset_at(t("2090-03-26T01:00:00Z")) == 7200);
    CHECK(paris->offset_at(t("2090-10-29T01:00:00Z")) == 3600);
    CHECK(core::built_in_zone_names().size() == 5);
    CHECK(core::time_zone_table_bytes() > 0);
}

TEST_CASE("wall-clock and duration texts") {
    const core::LocalSeconds monday_17h = static_cast<core::LocalSeconds>(core::days_from_civil({2026, 3, 9})) * 86400 + 17 * 3600;
    CHECK(core::format_day_time(monday_17h) == "Mon, Mar 9, 17:00");
    CHECK(core::format_clock(monday_17h + 5 * 60) == "17:05");
    CHECK(core::format_day_time(-60) == "Wed, Dec 31, 23:59");
    CHECK(core::format_duration(0) == "less than a minute");
    CHECK(core::format_duration(59) == "less than a minute");
    CHECK(core::format_duration(12 * 60 + 59) == "12 min");
    CHECK(core::format_duration(3 * 3600 + 12 * 60) == "3 h 12 min");
    CHECK(core::format_duration(2 * 86400 + 3 * 3600 + 59 * 60) == "2 d 3 h");
}
