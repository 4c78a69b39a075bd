// Time zones beyond the regions', read from the system's tz database for telling a reader a deadline on
// their own clock: the same offsets as the built-in tables where both have a zone, and nothing for a
// name that is not a zone (or tries to leave the database's folder).
#include <doctest/doctest.h>

#include <string>

#include "core/time_zone.hpp"
#include "server/notifications/system_zones.hpp"

namespace {

// Friday 27 November 2026, 14:00 in Sao Paulo (17:00Z).
constexpr std::int64_t friday_afternoon = 1795798800;

}  // namespace

TEST_CASE("zones beyond the regions' come from the system's tz database, read as the built-in tables read them") {
    // The same zone, from the system's TZif file and from the tables built in: the same offset at every
    // instant from 2020 to 2036 (every 6 hours).
    for (const char* name : {"America/New_York", "Europe/Paris", "America/Sao_Paulo"}) {
        auto table = server::read_tzif(std::string("/usr/share/zoneinfo/") + name);
        REQUIRE_MESSAGE(table.has_value(), name);
        const core::TimeZone read(name, *table);
        const core::TimeZone* built_in = core::find_time_zone(name);
        REQUIRE(built_in != nullptr);
        int differ = 0;
        for (std::int64_t t = 1577836800; t < 2114380800; t += 6 * 3600) differ += read.offset_at(t) != built_in->offset_at(t);
        CHECK_MESSAGE(differ == 0, name);
    }
    const core::TimeZone* tokyo = server::find_zone("Asia/Tokyo");
    REQUIRE(tokyo != nullptr);
    CHECK(tokyo->offset_at(friday_afternoon) == 9 * 3600);
    const core::TimeZone* sydney = server::find_zone("Australia/Sydney");
    REQUIRE(sydney != nullptr);
    CHECK(sydney->offset_at(friday_afternoon) == 11 * 3600);  // summer time there in November
    CHECK(sydney->offset_at(1784000000) == 10 * 3600);        // July 2026
    for (const char* bad : {"../../etc/passwd", "/etc/passwd", "America", "Not/AZone", "Asia/Tokyo\n", ""})
        CHECK_MESSAGE(server::find_zone(bad) == nullptr, bad);
}
