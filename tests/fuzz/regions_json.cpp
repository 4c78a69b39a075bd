// assets/regions.json as core::parse_regions reads it (the server at start, the portal in the browser).
// Checks on what it accepts: each region has a zone and opening hours that are sorted, disjoint and
// within the day; targets are positive; the precomputed holiday calendar agrees with the rules evaluated
// one by one; a deadline is never before the opening (the region's wall clock for 24/7 priorities); the
// team is either open until a later instant or opens at a later one; no exception.
#include "core/sla.hpp"
#include "core/support_region.hpp"
#include "fuzz.hpp"

namespace {

bool rules_close(const core::SupportRegion& region, core::Days day) {
    const core::CivilDate date = core::civil_from_days(day);
    for (int year = date.year - 1; year <= date.year + 1; ++year)
        for (const core::HolidayRule& rule : region.holidays)
            for (const core::CivilDate& closed : core::holiday_dates(rule, year))
                if (closed == date) return true;
    return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, size_t size) {
    fuzz::guard([&] {
        auto parsed = core::parse_regions(fuzz::bytes(data, size));
        if (!parsed) {
            FUZZ_CHECK(!parsed.error().code.empty() && !parsed.error().message.empty());
            return;
        }
        const core::UtcSeconds opened_at = 1772835300;  // 2026-03-06T22:15:00Z
        for (core::RegionId id : core::all_regions) {
            const core::SupportRegion& region = parsed.value().get(id);
            FUZZ_CHECK(region.id == id && region.zone != nullptr && !region.name.empty());
            bool any_hours = false;
            for (const auto& day : region.week) {
                for (size_t i = 0; i < day.size(); ++i) {
                    FUZZ_CHECK(day[i].open_minute >= 0 && day[i].open_minute < day[i].close_minute &&
                               day[i].close_minute <= 24 * 60);
                    if (i > 0) FUZZ_CHECK(day[i - 1].close_minute <= day[i].open_minute);
                }
                any_hours = any_hours || !day.empty();
            }
            FUZZ_CHECK(any_hours);
            // The calendar's window (2010-2060) and either side of it.
            const core::Days first_day = core::days_from_civil({2009, 12, 20});
            for (core::Days day = first_day; day < first_day + 20; ++day)
                FUZZ_CHECK(region.is_holiday(day) == rules_close(region, day));
            for (core::Days day : {core::days_from_civil({2026, 1, 1}), core::days_from_civil({2026, 4, 3}),
                                   core::days_from_civil({2026, 12, 25}), core::days_from_civil({2060, 12, 31}),
                                   core::days_from_civil({2061, 1, 1})})
                FUZZ_CHECK(region.is_holiday(day) == rules_close(region, day));
            for (core::Priority priority : core::all_priorities) {
                const auto i = static_cast<size_t>(priority);
                FUZZ_CHECK(region.first_response_minutes[i] > 0);
                const core::UtcSeconds due = core::first_response_due(region, priority, opened_at);
                FUZZ_CHECK(due >= opened_at);
                if (region.always_open[i])
                    FUZZ_CHECK(due == opened_at + static_cast<std::int64_t>(region.first_response_minutes[i]) * 60);
            }
            const core::TeamStatus team = core::team_status(region, opened_at);
            if (team.open) FUZZ_CHECK(team.closes_at && *team.closes_at > opened_at && !team.next_open);
            else if (team.next_open) FUZZ_CHECK(*team.next_open > opened_at);
        }
    });
    return 0;
}
