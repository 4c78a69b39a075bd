#pragma once
// A support region as configured in assets/regions.json: the CX team's zone, weekly hours, holidays
// (as rules), which priorities are served around the clock, and the response targets.
#include <array>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/priority.hpp"
#include "core/region.hpp"
#include "core/result.hpp"
#include "core/time.hpp"
#include "core/time_zone.hpp"

namespace core {

struct OpeningHours {
    int open_minute;   // minutes after local midnight
    int close_minute;  // exclusive: at close the team is closed
};

struct HolidayRule {
    enum class Kind { fixed, easter, nth_weekday, date };
    std::string name;
    Kind kind = Kind::fixed;
    unsigned month = 1, day = 1;        // fixed; nth_weekday uses month
    int easter_offset = 0;              // easter: days from Easter Sunday
    unsigned weekday = 0;               // nth_weekday: 0 = Monday
    int nth = 1;                        // nth_weekday: 1..5, or -1 for the last
    bool observed_nearest_weekday = false;  // fixed: Saturday -> Friday, Sunday -> Monday
    CivilDate date{};                   // date: one explicit day
};

// The days a rule closes the team in `year` (observed shifts may cross into the next or previous year).
std::vector<CivilDate> holiday_dates(const HolidayRule& rule, int year);
CivilDate easter_sunday(int year);

class SupportRegion {
public:
    RegionId id = RegionId::brazil;
    std::string name;
    const TimeZone* zone = nullptr;
    std::array<std::vector<OpeningHours>, 7> week;  // by ISO weekday, 0 = Monday; sorted, disjoint
    std::array<bool, 4> always_open{};               // by Priority: served 24/7, wall-clock targets
    std::array<int, 4> first_response_minutes{};
    std::array<std::optional<int>, 4> next_response_minutes{};
    std::vector<HolidayRule> holidays;

    bool is_holiday(Days local_day) const;
    // Lets is_holiday precompute the calendar for 2010-2060 on its first call (outside those years,
    // and for a region without it, the rules are evaluated on each call: same answers, slower).
    // Lazy, so that loading the regions costs the browser nothing at start; thread-safe for the server.
    void enable_calendar();

private:
    struct Calendar {
        std::once_flag built;
        std::vector<std::uint64_t> bits;  // bit per day since 2010-01-01
        Days span = 0;                    // days the bits cover
    };
    void build_calendar(Calendar& calendar) const;
    bool rules_say_holiday(Days day) const;
    std::shared_ptr<Calendar> calendar;  // shared by copies: the same rules give the same calendar
};

class SupportRegions {
public:
    const SupportRegion& get(RegionId id) const { return regions[static_cast<size_t>(id)]; }
    std::array<SupportRegion, 5> regions;
};

// Parses assets/regions.json. Malformed or inconsistent input (unknown zone, close before open,
// no open hours, unknown priority, a missing region, ...) is an Error naming the field.
Result<SupportRegions> parse_regions(std::string_view json_text);

}  // namespace core
