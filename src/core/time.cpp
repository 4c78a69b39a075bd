#include "core/time.hpp"

#include <cstdio>

#include <date/date.h>

namespace core {

Days days_from_civil(CivilDate d) {
    date::year_month_day ymd{date::year{d.year}, date::month{d.month}, date::day{d.day}};
    return static_cast<Days>(date::sys_days{ymd}.time_since_epoch().count());
}

CivilDate civil_from_days(Days days) {
    date::year_month_day ymd{date::sys_days{date::days{days}}};
    return CivilDate{static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day())};
}

bool valid_civil(CivilDate d) {
    return date::year_month_day{date::year{d.year}, date::month{d.month}, date::day{d.day}}.ok();
}

unsigned iso_weekday(Days days) {
    return date::weekday{date::sys_days{date::days{days}}}.iso_encoding() - 1;
}

bool read_digits(std::string_view s, size_t at, size_t count, int& out) {
    if (at + count > s.size()) return false;
    int value = 0;
    for (size_t i = at; i < at + count; ++i) {
        if (s[i] < '0' || s[i] > '9') return false;
        value = value * 10 + (s[i] - '0');
    }
    out = value;
    return true;
}

std::optional<UtcSeconds> parse_rfc3339(std::string_view s) {
    int year, month, day, hour, minute, second;
    if (!read_digits(s, 0, 4, year) || s.size() < 20 || s[4] != '-' || !read_digits(s, 5, 2, month) || s[7] != '-' ||
        !read_digits(s, 8, 2, day) || (s[10] != 'T' && s[10] != 't') || !read_digits(s, 11, 2, hour) || s[13] != ':' ||
        !read_digits(s, 14, 2, minute) || s[16] != ':' || !read_digits(s, 17, 2, second))
        return std::nullopt;
    CivilDate date{year, static_cast<unsigned>(month), static_cast<unsigned>(day)};
    if (!valid_civil(date) || hour > 23 || minute > 59 || second > 60) return std::nullopt;
    if (second == 60) second = 59;  // a leap second counts as the last second of its minute
    size_t at = 19;
    if (at < s.size() && s[at] == '.') {
        ++at;
        size_t start = at;
        while (at < s.size() && s[at] >= '0' && s[at] <= '9') ++at;
        if (at == start) return std::nullopt;
    }
    int offset = 0;
    if (at < s.size() && (s[at] == 'Z' || s[at] == 'z')) {
        ++at;
    } else if (at < s.size() && (s[at] == '+' || s[at] == '-')) {
        int oh, om;
        if (!read_digits(s, at + 1, 2, oh) || at + 3 >= s.size() || s[at + 3] != ':' ||
            !read_digits(s, at + 4, 2, om) || oh > 23 || om > 59)
            return std::nullopt;
        offset = (oh * 3600 + om * 60) * (s[at] == '-' ? -1 : 1);
        at += 6;
    } else {
        return std::nullopt;
    }
    if (at != s.size()) return std::nullopt;
    const UtcSeconds instant = static_cast<UtcSeconds>(days_from_civil(date)) * 86400 + hour * 3600 + minute * 60 + second - offset;
    // An offset can carry the instant out of the years 0000-9999 ("9999-12-31T23:59:59-23:59"), where
    // format_rfc3339 would answer with a year of five digits or a minus sign: not a time anyone reads back.
    constexpr UtcSeconds first = -62167219200, last = 253402300799;  // 0000-01-01T00:00:00Z, 9999-12-31T23:59:59Z
    if (instant < first || instant > last) return std::nullopt;
    return instant;
}

std::string format_rfc3339(UtcSeconds instant) {
    Days days = floor_days(instant);
    std::int64_t rest = instant - static_cast<std::int64_t>(days) * 86400;
    CivilDate d = civil_from_days(days);
    char text[32];
    std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02d:%02d:%02dZ", d.year, d.month, d.day,
                  static_cast<int>(rest / 3600), static_cast<int>(rest / 60 % 60), static_cast<int>(rest % 60));
    return text;
}

std::string format_clock(LocalSeconds local) {
    std::int64_t rest = local - static_cast<std::int64_t>(floor_days(local)) * 86400;
    char text[8];
    std::snprintf(text, sizeof text, "%02d:%02d", static_cast<int>(rest / 3600), static_cast<int>(rest / 60 % 60));
    return text;
}

}  // namespace core
