#pragma once
// Instants are UTC seconds since the Unix epoch; civil dates are days since the epoch. Calendar math
// comes from Howard Hinnant's date.h. Time is always a parameter: nothing here reads a clock.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace core {

using UtcSeconds = std::int64_t;
using LocalSeconds = std::int64_t;  // seconds since the epoch on a zone's wall clock
using Days = std::int32_t;          // days since 1970-01-01

struct CivilDate {
    int year;
    unsigned month;  // 1..12
    unsigned day;    // 1..31
    friend bool operator==(const CivilDate&, const CivilDate&) = default;
};

Days days_from_civil(CivilDate date);
CivilDate civil_from_days(Days days);
bool valid_civil(CivilDate date);
// 0 = Monday ... 6 = Sunday (ISO order).
unsigned iso_weekday(Days days);

inline Days floor_days(std::int64_t seconds) {
    return static_cast<Days>(seconds >= 0 ? seconds / 86400 : -((-seconds + 86399) / 86400));
}

// The number `count` decimal digits of `text` spell from `at`, into `out`; false (and `out` as it was)
// when any of them is not a digit (a sign, a space) or the text ends first.
bool read_digits(std::string_view text, size_t at, size_t count, int& out);

// RFC 3339 ("2026-03-06T22:15:00Z", "2026-03-06T19:15:00.5-03:00"); fractions are dropped.
std::optional<UtcSeconds> parse_rfc3339(std::string_view text);
// Always UTC with a Z: "2026-03-06T22:15:00Z".
std::string format_rfc3339(UtcSeconds instant);

// The 24-hour clock of a wall-clock time: "17:00". Dates and spans in a language: core/i18n.hpp.
std::string format_clock(LocalSeconds local);

}  // namespace core
