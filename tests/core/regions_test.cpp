#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "core/assets.hpp"
#include "core/support_region.hpp"

using nlohmann::json;

TEST_CASE("the shipped regions carry DOMAIN.md's figures") {
    auto parsed = core::parse_regions(core::assets::regions_json());
    REQUIRE_MESSAGE(parsed.ok(), (parsed.ok() ? "" : parsed.error().message));
    const auto& r = parsed.value();
    using core::Priority;
    using core::RegionId;
    auto minutes = [&](RegionId id, Priority p) { return r.get(id).first_response_minutes[static_cast<size_t>(p)]; };
    CHECK(minutes(RegionId::brazil, Priority::urgent) == 60);
    CHECK(minutes(RegionId::brazil, Priority::low) == 1440);
    CHECK(minutes(RegionId::us, Priority::urgent) == 20);
    CHECK(minutes(RegionId::us, Priority::normal) == 60);
    CHECK(minutes(RegionId::emea, Priority::high) == 120);
    CHECK(minutes(RegionId::apac, Priority::urgent) == 180);
    CHECK(minutes(RegionId::latam, Priority::normal) == 960);
    CHECK(r.get(RegionId::us).always_open[static_cast<size_t>(Priority::urgent)]);
    CHECK(r.get(RegionId::emea).always_open[static_cast<size_t>(Priority::urgent)]);
    CHECK_FALSE(r.get(RegionId::brazil).always_open[static_cast<size_t>(Priority::urgent)]);
    CHECK(r.get(RegionId::apac).zone->name() == "Asia/Singapore");
    CHECK(r.get(RegionId::brazil).week[0].front().open_minute == 9 * 60);
    CHECK(r.get(RegionId::brazil).week[5].empty());  // Saturday
}

TEST_CASE("a malformed or inconsistent regions file is refused, naming the field") {
    const json shipped = json::parse(core::assets::regions_json());
    struct Case {
        const char* field;
        std::function<void(json&)> change;
    };
    const Case cases[] = {
        {"regions.latam is missing", [](json& j) { j["regions"].erase("latam"); }},
        {"regions.mars is not a region", [](json& j) { j["regions"]["mars"] = j["regions"]["apac"]; }},
        {"regions.us.time_zone", [](json& j) { j["regions"]["us"]["time_zone"] = "America/Atlantis"; }},
        {"regions.brazil.hours[0].close must be after open", [](json& j) { j["regions"]["brazil"]["hours"][0]["close"] = "08:00"; }},
        {"regions.brazil.hours[0].open must be a time", [](json& j) { j["regions"]["brazil"]["hours"][0]["open"] = "9am"; }},
        {"regions.brazil.hours[0].days[1]", [](json& j) { j["regions"]["brazil"]["hours"][0]["days"][1] = "funday"; }},
        {"regions.emea.hours must be a non-empty array", [](json& j) { j["regions"]["emea"]["hours"] = json::array(); }},
        {"regions.apac.first_response_minutes.low is missing", [](json& j) { j["regions"]["apac"]["first_response_minutes"].erase("low"); }},
        {"regions.apac.first_response_minutes.high must be a whole number", [](json& j) { j["regions"]["apac"]["first_response_minutes"]["high"] = -5; }},
        {"regions.us.always_open[0] is not a priority", [](json& j) { j["regions"]["us"]["always_open"][0] = "critical"; }},
        {"regions.us.holidays[1].nth", [](json& j) { j["regions"]["us"]["holidays"][1]["nth"] = 9; }},
        {"regions.us.holidays[1].weekday", [](json& j) { j["regions"]["us"]["holidays"][1]["weekday"] = "monday"; }},
        {"regions.brazil.holidays[0].fixed", [](json& j) { j["regions"]["brazil"]["holidays"][0]["fixed"] = "13-01"; }},
        // Digits only, as MM-DD and YYYY-MM-DD say: no space, sign or other separator in place of one.
        {"regions.brazil.holidays[0].fixed", [](json& j) { j["regions"]["brazil"]["holidays"][0]["fixed"] = " 1-05"; }},
        {"regions.brazil.holidays[0].fixed", [](json& j) { j["regions"]["brazil"]["holidays"][0]["fixed"] = "01-+5"; }},
        {"regions.brazil.holidays[0].fixed", [](json& j) { j["regions"]["brazil"]["holidays"][0]["fixed"] = "01/05"; }},
        {"regions.apac.holidays[0].date", [](json& j) {
             j["regions"]["apac"]["holidays"][0] = {{"name", "Company day"}, {"date", "2026/08/10"}};
         }},
        {"regions.apac.holidays[0].date", [](json& j) {
             j["regions"]["apac"]["holidays"][0] = {{"name", "Company day"}, {"date", "2026-8-100"}};
         }},
        {"regions.apac.holidays[0].date", [](json& j) {
             j["regions"]["apac"]["holidays"][0] = {{"name", "Company day"}, {"date", "+026-08-10"}};
         }},
        {"regions.apac.holidays[0].date", [](json& j) {
             j["regions"]["apac"]["holidays"][0] = {{"name", "Company day"}, {"date", "2026-02-30"}};
         }},
        {"regions.brazil.holidays[0] must have exactly one", [](json& j) { j["regions"]["brazil"]["holidays"][0]["easter"] = 1; }},
        {"regions.brazil.holidays[2].name", [](json& j) { j["regions"]["brazil"]["holidays"][2].erase("name"); }},
        {"regions.brazil.hours[1] overlaps", [](json& j) {
             j["regions"]["brazil"]["hours"].push_back({{"days", {"mon"}}, {"open", "17:00"}, {"close", "19:00"}});
         }},
    };
    for (const Case& c : cases) {
        CAPTURE(c.field);
        json changed = shipped;
        c.change(changed);
        auto result = core::parse_regions(changed.dump());
        REQUIRE_FALSE(result.ok());
        CHECK(result.error().message.find(c.field) != std::string::npos);
    }
    CHECK(core::parse_regions("{").error().code == "invalid_json");
    // An explicit date is accepted and closes the team that day.
    json extra = shipped;
    extra["regions"]["apac"]["holidays"].push_back({{"name", "Company day"}, {"date", "2026-08-10"}});
    auto with_date = core::parse_regions(extra.dump());
    REQUIRE(with_date.ok());
    CHECK(with_date.value().get(core::RegionId::apac).is_holiday(core::days_from_civil({2026, 8, 10})));
}
