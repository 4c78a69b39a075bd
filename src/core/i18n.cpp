#include "core/i18n.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <nlohmann/json.hpp>

#include "core/json_text.hpp"
#include "core/ticket.hpp"

namespace core {

namespace {

struct Catalog {
    std::map<std::string, std::string, std::less<>> words;
};

struct Catalogs {
    Catalog en, es, pt;
    bool has_en = false, has_es = false, has_pt = false;
    std::string error;

    Catalog& of(std::string_view lang) { return lang == "es" ? es : lang == "pt" ? pt : en; }
    bool& loaded(std::string_view lang) { return lang == "es" ? has_es : lang == "pt" ? has_pt : has_en; }
};

// A catalog's JSON read as it is parsed (SAX), straight into its words: one object of strings. Reading it
// into a document first and copying the words out took twice as long, at the portal's start.
class CatalogReader final : public nlohmann::json_sax<nlohmann::json> {
public:
    explicit CatalogReader(Catalog& into) : into_(into) {}
    std::string why;  // what made it stop (after the file's name), for a catalog not an object of strings

    bool start_object(std::size_t) override { return ++depth_ == 1 || not_string(); }
    bool end_object() override { return --depth_ == 0 || not_string(); }
    bool key(string_t& key) override {
        key_ = std::move(key);
        return true;
    }
    bool string(string_t& value) override {
        if (depth_ != 1) return not_object();
        into_.words.insert_or_assign(std::move(key_), std::move(value));
        return true;
    }
    bool null() override { return not_string(); }
    bool boolean(bool) override { return not_string(); }
    bool number_integer(number_integer_t) override { return not_string(); }
    bool number_unsigned(number_unsigned_t) override { return not_string(); }
    bool number_float(number_float_t, const string_t&) override { return not_string(); }
    bool binary(binary_t&) override { return not_string(); }
    bool start_array(std::size_t) override { return not_string(); }
    bool end_array() override { return not_string(); }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override {
        return not_object();
    }

private:
    bool not_object() {
        if (why.empty()) why = " is not a JSON object";
        return false;
    }
    // A value other than a string: inside the object it names its key; as the whole text, not an object.
    bool not_string() {
        if (depth_ < 1) return not_object();
        if (why.empty()) why = ": \"" + key_ + "\" is not a string";
        return false;
    }
    Catalog& into_;
    int depth_ = 0;
    std::string key_;
};

// Reads `text` into `catalog`; "" or why it could not.
std::string load(Catalog& catalog, std::string_view name, std::string_view text) {
    Catalog read;
    CatalogReader reader(read);
    if (!nlohmann::json::sax_parse(text, &reader) || !reader.why.empty())
        return "assets/i18n/" + std::string(name) + ".json" + (reader.why.empty() ? " is not a JSON object" : reader.why);
    catalog = std::move(read);
    return {};
}

// The catalogs this build carries (embedded_catalog), read at first use; the others are added
// (add_catalog) as they arrive.
Catalogs& catalogs() {
    static Catalogs all = [] {
        Catalogs c;
        for (std::string_view lang : languages) {
            const std::string_view text = embedded_catalog(lang);
            if (text.empty()) continue;
            std::string why = load(c.of(lang), lang, text);
            if (why.empty()) c.loaded(lang) = true;
            else if (c.error.empty()) c.error = std::move(why);
        }
        return c;
    }();
    return all;
}

const Catalog& catalog(std::string_view lang) { return catalogs().of(lang); }

// The i-th of a space-separated list in the catalog ("Mon Tue Wed ...").
std::string nth_word(std::string_view lang, std::string_view key, size_t i) {
    std::string_view list = translate(lang, key);
    for (; i > 0; --i) {
        const size_t space = list.find(' ');
        if (space == std::string_view::npos) return "?";
        list.remove_prefix(space + 1);
    }
    return std::string(list.substr(0, list.find(' ')));
}

std::string one_decimal(double value, std::string_view lang) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f", value);
    std::string out = text;
    const size_t dot = out.find('.');
    if (dot != std::string::npos) out.replace(dot, 1, translate(lang, "number.decimal"));
    return out;
}

}  // namespace

// One of the portal's languages (en, es, pt).
bool is_language(std::string_view lang) {
    return std::find(std::begin(languages), std::end(languages), lang) != std::end(languages);
}

std::string language_of(std::string_view locale) {
    const std::string primary = ascii_lower(locale.substr(0, locale.find_first_of("-_")));
    return primary == "pt" || primary == "es" ? primary : "en";
}

const std::string& translate(std::string_view lang, std::string_view key) {
    const Catalog& wanted = catalog(lang);
    if (auto it = wanted.words.find(key); it != wanted.words.end()) return it->second;
    const Catalog& english = catalogs().en;
    if (auto it = english.words.find(key); it != english.words.end()) return it->second;
    // Kept so that the reference stays valid; a test makes sure no drawn key is missing.
    static thread_local std::map<std::string, std::string, std::less<>> missing;
    auto [it, inserted] = missing.try_emplace(std::string(key), "[" + std::string(key) + "]");
    return it->second;
}

bool has_key(std::string_view lang, std::string_view key) { return catalog(lang).words.count(key) > 0; }

std::vector<std::string> catalog_keys(std::string_view lang) {
    std::vector<std::string> keys;
    for (const auto& [key, words] : catalog(lang).words) keys.push_back(key);
    return keys;
}

std::string catalog_error() { return catalogs().error; }

bool has_catalog(std::string_view lang) {
    return is_language(lang) && catalogs().loaded(lang);
}

std::string add_catalog(std::string_view lang, std::string_view text) {
    if (!is_language(lang))
        return "there is no catalog for the language \"" + std::string(lang) + "\"";
    Catalog read;
    if (std::string why = load(read, lang, text); !why.empty()) return why;
    Catalogs& c = catalogs();
    // A catalog once read stays as it is: the words drawn from it are referenced, never copied.
    if (!c.loaded(lang)) {
        c.of(lang) = std::move(read);
        c.loaded(lang) = true;
    }
    return {};
}

bool known_key(std::string_view key) {
    for (std::string_view lang : languages)
        if (has_catalog(lang) && has_key(lang, key)) return true;
    return false;
}

std::string fill(std::string_view pattern, const std::vector<std::pair<std::string, std::string>>& args,
                 std::string_view lang) {
    std::string out;
    out.reserve(pattern.size() + 16);
    size_t i = 0;
    while (i < pattern.size()) {
        const size_t open = pattern.find('{', i);
        if (open == std::string_view::npos) break;
        const size_t close = pattern.find('}', open);
        if (close == std::string_view::npos) break;
        out.append(pattern.substr(i, open - i));
        std::string_view name = pattern.substr(open + 1, close - open - 1);
        std::string_view format;
        if (const size_t colon = name.find(':'); colon != std::string_view::npos) {
            format = name.substr(colon + 1);
            name = name.substr(0, colon);
        }
        const std::string* value = nullptr;
        for (const auto& [n, v] : args)
            if (n == name) value = &v;
        if (!value) out.append(pattern.substr(open, close - open + 1));
        else if (format.empty()) out += *value;
        else {
            char* end = nullptr;
            const long long number = std::strtoll(value->c_str(), &end, 10);
            const bool numeric = !value->empty() && end && *end == '\0';
            if (!numeric) out += *value;
            else if (format == "number") out += format_number(number, lang);
            else if (format == "bytes") out += format_bytes(number, lang);
            else out += *value;
        }
        i = close + 1;
    }
    out.append(pattern.substr(i));
    return out;
}

std::string translate(std::string_view lang, std::string_view key,
                      const std::vector<std::pair<std::string, std::string>>& args) {
    return fill(translate(lang, key), args, lang);
}

std::string render(std::string_view lang, const Text& text) {
    if (text.key.empty()) return text.literal;
    if (text.keyed.empty()) return translate(lang, text.key, text.args);
    auto args = text.args;
    for (const auto& [name, key] : text.keyed) args.emplace_back(name, translate(lang, key, text.args));
    return translate(lang, text.key, args);
}

Text server_message(std::string_view body, Text fallback) {
    const nlohmann::json doc = parse_json(body);
    if (!doc.is_object()) return fallback;
    const auto code = doc.find("error");
    if (code != doc.end() && code->is_string() && known_key("server." + code->get<std::string>())) {
        Text text = Text::of("server." + code->get<std::string>());
        for (const auto& [name, value] : doc.items()) {
            if (name == "error" || name == "message") continue;
            if (value.is_string()) text.args.emplace_back(name, value.get<std::string>());
            else if (value.is_number_integer()) text.args.emplace_back(name, std::to_string(value.get<std::int64_t>()));
        }
        return text;
    }
    const auto message = doc.find("message");
    if (message != doc.end() && message->is_string() && !message->get<std::string>().empty())
        return Text::words(message->get<std::string>());
    return fallback;
}

std::string format_number(std::int64_t value, std::string_view lang) {
    const bool negative = value < 0;
    // The magnitude in unsigned arithmetic: the smallest int64 has no positive counterpart.
    const auto magnitude = negative ? 0 - static_cast<std::uint64_t>(value) : static_cast<std::uint64_t>(value);
    std::string digits = std::to_string(magnitude);
    const std::string& group = translate(lang, "number.group");
    std::string out;
    for (size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += group;
        out += digits[i];
    }
    return negative ? "-" + out : out;
}

std::string format_bytes(std::int64_t bytes, std::string_view lang) {
    if (bytes < 1024) return translate(lang, "bytes.b", {{"n", format_number(bytes, lang)}});
    if (bytes < 1024 * 1024)
        return translate(lang, "bytes.kb", {{"n", format_number((bytes + 512) / 1024, lang)}});
    return translate(lang, "bytes.mb", {{"n", one_decimal(static_cast<double>(bytes) / (1024.0 * 1024.0), lang)}});
}

bool twelve_hour_clock(std::string_view locale) {
    const size_t dash = locale.find_first_of("-_");
    if (ascii_lower(std::string(locale.substr(0, dash))) != "en") return false;
    if (dash == std::string_view::npos) return true;  // CLDR's English is the United States'
    std::string region(locale.substr(dash + 1));
    region = region.substr(0, region.find_first_of("-_"));
    for (char& c : region) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    static const std::array<std::string_view, 15> twenty_four = {"GB", "IE", "ZA", "150", "MT", "DE", "NL", "SE",
                                                                 "FI", "DK", "AT", "CH", "BE", "SI", "IL"};
    return std::find(twenty_four.begin(), twenty_four.end(), region) == twenty_four.end();
}

std::string format_time(LocalSeconds local, std::string_view lang, std::string_view locale) {
    if (!twelve_hour_clock(locale)) return format_clock(local);
    const std::int64_t minute_of_day = (local - static_cast<std::int64_t>(floor_days(local)) * 86400) / 60;
    const int hour = static_cast<int>(minute_of_day / 60), minute = static_cast<int>(minute_of_day % 60);
    char text[8];
    std::snprintf(text, sizeof text, "%d:%02d", hour % 12 == 0 ? 12 : hour % 12, minute);
    return translate(lang, hour < 12 ? "date.am" : "date.pm", {{"time", text}});
}

std::string format_day_time(LocalSeconds local, std::string_view lang, std::string_view locale) {
    const Days days = floor_days(local);
    const CivilDate date = civil_from_days(days);
    return translate(lang, "date.day_time", {{"weekday", nth_word(lang, "date.weekdays", static_cast<size_t>(iso_weekday(days)))},
                                                   {"month", nth_word(lang, "date.months", date.month - 1)},
                                                   {"day", std::to_string(date.day)},
                                                   {"time", format_time(local, lang, locale)}});
}

std::string format_duration(std::int64_t seconds, std::string_view lang) {
    if (seconds < 60) return translate(lang, "duration.under_a_minute");
    const std::int64_t minutes = seconds / 60, hours = minutes / 60, days = hours / 24;
    if (days > 0) return translate(lang, "duration.days_hours", {{"d", std::to_string(days)}, {"h", std::to_string(hours % 24)}});
    if (hours > 0)
        return translate(lang, "duration.hours_minutes", {{"h", std::to_string(hours)}, {"m", std::to_string(minutes % 60)}});
    return translate(lang, "duration.minutes", {{"m", std::to_string(minutes)}});
}

std::string format_ago(UtcSeconds then, UtcSeconds now, std::string_view lang) {
    const std::int64_t seconds = now - then;
    const std::int64_t minutes = seconds / 60, hours = minutes / 60, days = hours / 24;
    auto say = [&](std::string_view key, std::int64_t n) { return translate(lang, key, {{"n", std::to_string(n)}}); };
    if (minutes < 1) return translate(lang, "ago.just_now");
    if (hours < 1) return say("ago.minutes", minutes);
    if (days < 1) return say("ago.hours", hours);
    if (days < 2) return translate(lang, "ago.yesterday");
    if (days < 14) return say("ago.days", days);
    if (days < 60) return say("ago.weeks", days / 7);
    if (days < 365) return say("ago.months", days / 30);
    return say("ago.years", days / 365);
}

}  // namespace core
