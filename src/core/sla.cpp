#include "core/sla.hpp"

#include <algorithm>

namespace core {

namespace {

// Searches at most this many days ahead: a calendar with no opening in ten years is a configuration
// error that parse_regions already refuses (it requires open hours).
constexpr int max_days_ahead = 3660;

struct Opening {
    UtcSeconds open, close;
};

// Calls `visit(opening)` for each opening from the local day of `from` on, until it returns true.
template <class Visit>
bool for_each_opening(const SupportRegion& region, UtcSeconds from, Visit visit) {
    const TimeZone& zone = *region.zone;
    const Days first_day = floor_days(zone.to_local(from));
    for (Days day = first_day; day < first_day + max_days_ahead; ++day) {
        const auto& hours = region.week[iso_weekday(day)];
        if (hours.empty() || region.is_holiday(day)) continue;
        const LocalSeconds midnight = static_cast<LocalSeconds>(day) * 86400;
        for (const OpeningHours& h : hours) {
            Opening opening{zone.to_utc(midnight + h.open_minute * 60), zone.to_utc(midnight + h.close_minute * 60)};
            if (opening.close <= from) continue;
            if (visit(opening)) return true;
        }
    }
    return false;
}

}  // namespace

TeamStatus team_status(const SupportRegion& region, UtcSeconds now) {
    TeamStatus status;
    for_each_opening(region, now, [&](const Opening& o) {
        if (now >= o.open) {
            status.open = true;
            status.closes_at = o.close;
        } else {
            status.next_open = o.open;
        }
        return true;
    });
    return status;
}

UtcSeconds add_business_time(const SupportRegion& region, UtcSeconds start, std::int64_t seconds) {
    std::int64_t remaining = seconds;
    UtcSeconds due = start;
    for_each_opening(region, start, [&](const Opening& o) {
        const UtcSeconds begin = std::max(o.open, start);
        const std::int64_t available = o.close - begin;
        if (remaining <= available) {
            due = begin + remaining;
            return true;
        }
        remaining -= available;
        return false;
    });
    return due;
}

UtcSeconds first_response_due(const SupportRegion& region, Priority priority, UtcSeconds opened_at) {
    const auto i = static_cast<size_t>(priority);
    const std::int64_t seconds = static_cast<std::int64_t>(region.first_response_minutes[i]) * 60;
    if (region.always_open[i]) return opened_at + seconds;
    return add_business_time(region, opened_at, seconds);
}

std::optional<UtcSeconds> next_response_due(const SupportRegion& region, Priority priority, UtcSeconds replied_at) {
    const auto i = static_cast<size_t>(priority);
    if (!region.next_response_minutes[i]) return std::nullopt;
    const std::int64_t seconds = static_cast<std::int64_t>(*region.next_response_minutes[i]) * 60;
    if (region.always_open[i]) return replied_at + seconds;
    return add_business_time(region, replied_at, seconds);
}

SlaPreview preview_sla(const SupportRegion& region, Priority priority, UtcSeconds opened_at) {
    return SlaPreview{region.id, priority, opened_at, first_response_due(region, priority, opened_at),
                      team_status(region, opened_at)};
}

}  // namespace core
