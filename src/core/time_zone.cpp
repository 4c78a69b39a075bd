#include "core/time_zone.hpp"

#include <algorithm>

#include "core/tz_tables.hpp"

namespace core {

std::int32_t TimeZone::offset_at(UtcSeconds instant) const {
    // The last transition at or before the instant; before the first, the first offset applies.
    auto it = std::upper_bound(table.begin(), table.end(), instant,
                               [](UtcSeconds t, const ZoneTransition& z) { return t < z.begins; });
    if (it == table.begin()) return table.empty() ? 0 : table.front().offset;
    return std::prev(it)->offset;
}

UtcSeconds TimeZone::to_utc(LocalSeconds local) const {
    // Transitions are months apart, so the offsets a day either side cover every candidate.
    const std::int32_t before = offset_at(local - 86400);
    const std::int32_t after = offset_at(local + 86400);
    const UtcSeconds early = local - before, late = local - after;
    const bool early_ok = offset_at(early) == before, late_ok = offset_at(late) == after;
    if (early_ok && late_ok) return std::min(early, late);
    if (early_ok) return early;
    if (late_ok) return late;
    // Skipped wall time: the instant the clocks jumped, between the two readings.
    auto jump = std::upper_bound(table.begin(), table.end(), std::min(early, late),
                                 [](UtcSeconds t, const ZoneTransition& z) { return t < z.begins; });
    if (jump != table.end() && jump->begins <= std::max(early, late)) return jump->begins;
    return early;
}

const TimeZone* find_time_zone(std::string_view name) {
    static const std::vector<TimeZone> zones = [] {
        std::vector<TimeZone> list;
        for (const tzdata::Zone& zone : tzdata::zones()) list.emplace_back(zone.name, zone.transitions);
        return list;
    }();
    for (const TimeZone& zone : zones)
        if (zone.name() == name) return &zone;
    return nullptr;
}

std::vector<std::string_view> built_in_zone_names() {
    std::vector<std::string_view> names;
    for (const tzdata::Zone& zone : tzdata::zones()) names.push_back(zone.name);
    return names;
}

std::size_t time_zone_table_bytes() {
    std::size_t bytes = 0;
    for (const tzdata::Zone& zone : tzdata::zones()) bytes += zone.transitions.size_bytes() + zone.name.size();
    return bytes;
}

}  // namespace core
