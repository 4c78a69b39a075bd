#include "core/support_region.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/json_text.hpp"

namespace core {

CivilDate easter_sunday(int year) {
    // Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
    int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
    int h = (19 * a + b - d - g + 15) % 30, i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
    int m = (a + 11 * h + 22 * l) / 451;
    int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
    return CivilDate{year, static_cast<unsigned>(month), static_cast<unsigned>(day)};
}

std::vector<CivilDate> holiday_dates(const HolidayRule& rule, int year) {
    switch (rule.kind) {
        case HolidayRule::Kind::fixed: {
            CivilDate date{year, rule.month, rule.day};
            if (!valid_civil(date)) return {};  // Feb 29 in a common year
            if (rule.observed_nearest_weekday) {
                Days days = days_from_civil(date);
                unsigned wd = iso_weekday(days);
                if (wd == 5) return {civil_from_days(days - 1)};  // Saturday: the Friday before
                if (wd == 6) return {civil_from_days(days + 1)};  // Sunday: the Monday after
            }
            return {date};
        }
        case HolidayRule::Kind::easter:
            return {civil_from_days(days_from_civil(easter_sunday(year)) + rule.easter_offset)};
        case HolidayRule::Kind::nth_weekday: {
            if (rule.nth > 0) {
                Days first = days_from_civil({year, rule.month, 1});
                Days day = first + static_cast<Days>((rule.weekday + 7 - iso_weekday(first)) % 7) + 7 * (rule.nth - 1);
                CivilDate date = civil_from_days(day);
                if (date.month != rule.month) return {};  // no 5th such weekday this month
                return {date};
            }
            Days next_month = rule.month == 12 ? days_from_civil({year + 1, 1, 1}) : days_from_civil({year, rule.month + 1, 1});
            Days last = next_month - 1;
            return {civil_from_days(last - static_cast<Days>((iso_weekday(last) + 7 - rule.weekday) % 7))};
        }
        case HolidayRule::Kind::date:
            return rule.date.year == year ? std::vector<CivilDate>{rule.date} : std::vector<CivilDate>{};
    }
    return {};
}

namespace {
// The precomputed window: every ticket of these decades answers from a bit lookup. Outside it the
// rules are evaluated on demand (slower, same answer). Wider costs start-up time in the browser.
constexpr int calendar_first_year = 2010, calendar_last_year = 2060;
const Days calendar_first_day = days_from_civil({calendar_first_year, 1, 1});
}

void SupportRegion::enable_calendar() { calendar = std::make_shared<Calendar>(); }

void SupportRegion::build_calendar(Calendar& cal) const {
    cal.span = days_from_civil({calendar_last_year + 1, 1, 1}) - calendar_first_day;
    cal.bits.assign(static_cast<size_t>(cal.span / 64 + 1), 0);
    // One year either side too: an observed day can cross into the window (New Year on a Saturday).
    for (int year = calendar_first_year - 1; year <= calendar_last_year + 1; ++year)
        for (const HolidayRule& rule : holidays)
            for (const CivilDate& date : holiday_dates(rule, year)) {
                Days offset = days_from_civil(date) - calendar_first_day;
                if (offset >= 0 && offset < cal.span) cal.bits[static_cast<size_t>(offset) / 64] |= 1ull << (offset % 64);
            }
}

bool SupportRegion::rules_say_holiday(Days day) const {
    const CivilDate date = civil_from_days(day);
    for (int year = date.year - 1; year <= date.year + 1; ++year)
        for (const HolidayRule& rule : holidays)
            for (const CivilDate& d : holiday_dates(rule, year))
                if (d == date) return true;
    return false;
}

bool SupportRegion::is_holiday(Days day) const {
    if (calendar) {
        std::call_once(calendar->built, [&] { build_calendar(*calendar); });
        const Days offset = day - calendar_first_day;
        if (offset >= 0 && offset < calendar->span)
            return (calendar->bits[static_cast<size_t>(offset) / 64] >> (offset % 64)) & 1u;
    }
    return rules_say_holiday(day);
}

namespace {

using nlohmann::json;

Error bad(const std::string& field, const std::string& what) {
    return Error{"invalid_regions", "regions.json: " + field + " " + what};
}

std::optional<int> parse_clock(const json& value) {
    if (!value.is_string()) return std::nullopt;
    const std::string s = value.get<std::string>();
    if (s.size() != 5 || s[2] != ':' || !isdigit(s[0]) || !isdigit(s[1]) || !isdigit(s[3]) || !isdigit(s[4]))
        return std::nullopt;
    int h = (s[0] - '0') * 10 + (s[1] - '0'), m = (s[3] - '0') * 10 + (s[4] - '0');
    if (m > 59 || h > 24 || (h == 24 && m != 0)) return std::nullopt;
    return h * 60 + m;
}

std::optional<unsigned> parse_weekday(const json& value) {
    static constexpr std::string_view names[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
    if (!value.is_string()) return std::nullopt;
    for (unsigned i = 0; i < 7; ++i)
        if (value.get<std::string>() == names[i]) return i;
    return std::nullopt;
}

std::optional<Error> parse_minutes_table(const json& object, const std::string& where, bool required,
                                         std::array<std::optional<int>, 4>& out) {
    if (!object.is_object()) return bad(where, "must be an object of priority: minutes");
    for (auto& [name, minutes] : object.items()) {
        auto priority = parse_key<Priority>(name);
        if (!priority) return bad(where + "." + name, "is not a priority (urgent, high, normal, low)");
        if (!minutes.is_number_integer() || minutes.get<long long>() <= 0 || minutes.get<long long>() > 60 * 24 * 60)
            return bad(where + "." + name, "must be a whole number of minutes, 1 to 86400");
        out[static_cast<size_t>(*priority)] = static_cast<int>(minutes.get<long long>());
    }
    if (required)
        for (Priority p : all_priorities)
            if (!out[static_cast<size_t>(p)]) return bad(where + "." + std::string(key(p)), "is missing");
    return std::nullopt;
}

// Holidays and regions alike: an object whose "name" is a non-empty string, taken into `name`.
std::optional<Error> parse_named_object(const json& object, const std::string& where, std::string& name) {
    if (!object.is_object()) return bad(where, "must be an object");
    if (!object.contains("name") || !object["name"].is_string() || object["name"].get<std::string>().empty())
        return bad(where + ".name", "must be a non-empty string");
    name = object["name"].get<std::string>();
    return std::nullopt;
}

std::optional<Error> parse_holiday(const json& item, const std::string& where, HolidayRule& rule) {
    if (auto e = parse_named_object(item, where, rule.name)) return e;
    int forms = item.contains("fixed") + item.contains("easter") + item.contains("nth") + item.contains("date");
    if (forms != 1) return bad(where, "must have exactly one of fixed, easter, nth (with month and weekday) or date");
    if (item.contains("fixed")) {
        const json& v = item["fixed"];
        std::string s = v.is_string() ? v.get<std::string>() : "";
        int month = 0, day = 0;
        if (s.size() != 5 || !read_digits(s, 0, 2, month) || s[2] != '-' || !read_digits(s, 3, 2, day) ||
            !valid_civil({2000, static_cast<unsigned>(month), static_cast<unsigned>(day)}))
            return bad(where + ".fixed", "must be a month and day as MM-DD");
        rule.kind = HolidayRule::Kind::fixed;
        rule.month = static_cast<unsigned>(month);
        rule.day = static_cast<unsigned>(day);
        if (item.contains("observed")) {
            if (item["observed"] != "nearest_weekday") return bad(where + ".observed", "must be \"nearest_weekday\"");
            rule.observed_nearest_weekday = true;
        }
    } else if (item.contains("easter")) {
        if (!item["easter"].is_number_integer() || std::abs(item["easter"].get<long long>()) > 366)
            return bad(where + ".easter", "must be a whole number of days from Easter Sunday");
        rule.kind = HolidayRule::Kind::easter;
        rule.easter_offset = static_cast<int>(item["easter"].get<long long>());
    } else if (item.contains("nth")) {
        rule.kind = HolidayRule::Kind::nth_weekday;
        const json& nth = item["nth"];
        if (!nth.is_number_integer() || nth.get<long long>() == 0 || nth.get<long long>() < -1 || nth.get<long long>() > 5)
            return bad(where + ".nth", "must be 1 to 5, or -1 for the last");
        rule.nth = static_cast<int>(nth.get<long long>());
        if (!item.contains("month") || !item["month"].is_number_integer() || item["month"].get<long long>() < 1 ||
            item["month"].get<long long>() > 12)
            return bad(where + ".month", "must be 1 to 12");
        rule.month = static_cast<unsigned>(item["month"].get<long long>());
        auto weekday = item.contains("weekday") ? parse_weekday(item["weekday"]) : std::nullopt;
        if (!weekday) return bad(where + ".weekday", "must be mon, tue, wed, thu, fri, sat or sun");
        rule.weekday = *weekday;
    } else {
        std::string s = item["date"].is_string() ? item["date"].get<std::string>() : "";
        int year = 0, month = 0, day = 0;
        if (s.size() != 10 || !read_digits(s, 0, 4, year) || s[4] != '-' || !read_digits(s, 5, 2, month) ||
            s[7] != '-' || !read_digits(s, 8, 2, day) ||
            !valid_civil({year, static_cast<unsigned>(month), static_cast<unsigned>(day)}))
            return bad(where + ".date", "must be a date as YYYY-MM-DD");
        rule.kind = HolidayRule::Kind::date;
        rule.date = {year, static_cast<unsigned>(month), static_cast<unsigned>(day)};
    }
    return std::nullopt;
}

std::optional<Error> parse_region_entry(const json& r, const std::string& where, SupportRegion& region) {
    if (auto e = parse_named_object(r, where, region.name)) return e;
    if (!r.contains("time_zone") || !r["time_zone"].is_string()) return bad(where + ".time_zone", "must be a string");
    const std::string zone = r["time_zone"].get<std::string>();
    region.zone = find_time_zone(zone);
    if (!region.zone) {
        std::string known;
        for (auto name : built_in_zone_names()) known += (known.empty() ? "" : ", ") + std::string(name);
        return bad(where + ".time_zone", "\"" + zone + "\" is not a built-in zone (" + known +
                                             "); rebuild after adding it to assets/regions.json");
    }
    if (!r.contains("hours") || !r["hours"].is_array() || r["hours"].empty())
        return bad(where + ".hours", "must be a non-empty array of {days, open, close}");
    for (size_t i = 0; i < r["hours"].size(); ++i) {
        const json& h = r["hours"][i];
        std::string at = where + ".hours[" + std::to_string(i) + "]";
        if (!h.is_object()) return bad(at, "must be an object");
        auto open = h.contains("open") ? parse_clock(h["open"]) : std::nullopt;
        auto close = h.contains("close") ? parse_clock(h["close"]) : std::nullopt;
        if (!open) return bad(at + ".open", "must be a time as HH:MM");
        if (!close) return bad(at + ".close", "must be a time as HH:MM");
        if (*close <= *open) return bad(at + ".close", "must be after open");
        if (!h.contains("days") || !h["days"].is_array() || h["days"].empty())
            return bad(at + ".days", "must be a non-empty array of weekdays");
        for (size_t d = 0; d < h["days"].size(); ++d) {
            auto weekday = parse_weekday(h["days"][d]);
            if (!weekday) return bad(at + ".days[" + std::to_string(d) + "]", "must be mon, tue, wed, thu, fri, sat or sun");
            auto& day = region.week[*weekday];
            for (const OpeningHours& other : day)
                if (*open < other.close_minute && other.open_minute < *close)
                    return bad(at, "overlaps other opening hours on the same day");
            day.push_back({*open, *close});
            std::sort(day.begin(), day.end(), [](auto& a, auto& b) { return a.open_minute < b.open_minute; });
        }
    }
    if (r.contains("always_open")) {
        if (!r["always_open"].is_array()) return bad(where + ".always_open", "must be an array of priorities");
        for (size_t i = 0; i < r["always_open"].size(); ++i) {
            const json& p = r["always_open"][i];
            auto priority = p.is_string() ? parse_key<Priority>(p.get<std::string>()) : std::nullopt;
            if (!priority) return bad(where + ".always_open[" + std::to_string(i) + "]", "is not a priority");
            region.always_open[static_cast<size_t>(*priority)] = true;
        }
    }
    if (!r.contains("first_response_minutes")) return bad(where + ".first_response_minutes", "is missing");
    std::array<std::optional<int>, 4> first{};
    if (auto e = parse_minutes_table(r["first_response_minutes"], where + ".first_response_minutes", true, first)) return e;
    for (size_t i = 0; i < 4; ++i) region.first_response_minutes[i] = *first[i];
    if (r.contains("next_response_minutes"))
        if (auto e = parse_minutes_table(r["next_response_minutes"], where + ".next_response_minutes", false,
                                         region.next_response_minutes))
            return e;
    if (r.contains("holidays")) {
        if (!r["holidays"].is_array()) return bad(where + ".holidays", "must be an array");
        for (size_t i = 0; i < r["holidays"].size(); ++i) {
            HolidayRule rule;
            if (auto e = parse_holiday(r["holidays"][i], where + ".holidays[" + std::to_string(i) + "]", rule)) return e;
            region.holidays.push_back(std::move(rule));
        }
    }
    region.enable_calendar();
    return std::nullopt;
}

}  // namespace

Result<SupportRegions> parse_regions(std::string_view json_text) {
    json doc = parse_json(json_text);
    if (doc.is_discarded()) return Error{"invalid_json", "regions.json is not valid JSON"};
    if (!doc.is_object() || !doc.contains("regions") || !doc["regions"].is_object())
        return bad("regions", "must be an object with one entry per region");
    SupportRegions result;
    for (auto& [name, value] : doc["regions"].items())
        if (!parse_region(name)) return bad("regions." + name, "is not a region (brazil, latam, apac, us, emea)");
    for (RegionId id : all_regions) {
        std::string where = "regions." + std::string(region_key(id));
        if (!doc["regions"].contains(region_key(id))) return bad(where, "is missing");
        SupportRegion& region = result.regions[static_cast<size_t>(id)];
        region.id = id;
        if (auto e = parse_region_entry(doc["regions"][std::string(region_key(id))], where, region)) return *e;
    }
    return result;
}

}  // namespace core
