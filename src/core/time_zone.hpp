#pragma once
// IANA time zones as UTC-offset transition tables. The tables are generated at build time from Debian's
// tzdata through Howard Hinnant's date/tz (tools/tzgen.cpp), only for the zones assets/regions.json
// uses, so the native server and the wasm client share the exact same data and code.
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "core/time.hpp"

namespace core {

struct ZoneTransition {
    UtcSeconds begins;       // the first instant this offset applies
    std::int32_t offset;     // seconds east of UTC
};

class TimeZone {
public:
    TimeZone(std::string_view name, std::span<const ZoneTransition> transitions)
        : zone_name(name), table(transitions) {}

    std::string_view name() const { return zone_name; }
    std::int32_t offset_at(UtcSeconds instant) const;
    LocalSeconds to_local(UtcSeconds instant) const { return instant + offset_at(instant); }
    // The instant a wall-clock time occurs. In a repeated hour the first occurrence; in a skipped hour
    // the instant the clocks jumped (so an opening at 02:30 on a spring-forward day opens at 03:00).
    UtcSeconds to_utc(LocalSeconds local) const;

private:
    std::string_view zone_name;
    std::span<const ZoneTransition> table;
};

// The built-in zones; nullptr when `name` is not among them.
const TimeZone* find_time_zone(std::string_view name);
std::vector<std::string_view> built_in_zone_names();
// Bytes the transition tables occupy (for the bench's size report).
std::size_t time_zone_table_bytes();

}  // namespace core
