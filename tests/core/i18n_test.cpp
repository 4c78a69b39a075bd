// The translation catalogs (assets/i18n) and the locale formats.
#include <doctest/doctest.h>

#include <regex>
#include <set>

#include "core/i18n.hpp"
#include "core/ticket.hpp"
#include "core/time.hpp"

using namespace core;

namespace {

std::set<std::string> places(const std::string& pattern) {
    std::set<std::string> names;
    static const std::regex place(R"(\{([a-z_]+)(:[a-z]+)?\})");
    for (auto it = std::sregex_iterator(pattern.begin(), pattern.end(), place); it != std::sregex_iterator(); ++it)
        names.insert((*it)[1].str());
    return names;
}

}  // namespace

TEST_CASE("the three catalogs load, hold the same keys, and each sentence has the same places") {
    CHECK(catalog_error() == "");
    const std::vector<std::string> english = catalog_keys("en");
    CHECK(english.size() > 250);
    for (std::string_view lang : {"es", "pt"}) {
        CAPTURE(lang);
        CHECK(catalog_keys(lang) == english);  // a key missing from one language fails here, naming it
        for (const std::string& key : english) {
            CAPTURE(key);
            CHECK(places(translate(lang, key)) == places(translate("en", key)));
            CHECK_FALSE(translate(lang, key).empty());
        }
    }
}

TEST_CASE("the financial subjects sent to support are the English catalog's, one for each it lists") {
    const auto& subjects = financial_subjects();
    REQUIRE_FALSE(subjects.empty());
    for (size_t i = 0; i < subjects.size(); ++i)
        CHECK(translate("en", "financial.subject." + std::to_string(i + 1)) == subjects[i]);
    for (std::string_view lang : languages)
        CHECK_FALSE(has_key(lang, "financial.subject." + std::to_string(subjects.size() + 1)));
}

TEST_CASE("each language is named in itself in every catalog, so a reader can always find their own") {
    for (std::string_view key : {"language.en", "language.es", "language.pt"})
        for (std::string_view lang : languages) CHECK(translate(lang, key) == translate("en", key));
    CHECK(translate("en", "language.pt") == "Português");
}

TEST_CASE("a catalog handed over at run time is checked; one already here stays as it is") {
    CHECK(has_catalog("es"));  // the native build carries all three
    CHECK_FALSE(has_catalog("fr"));
    CHECK(add_catalog("fr", R"({"nav.my_requests": "Mes demandes"})").find("no catalog") != std::string::npos);
    CHECK(add_catalog("es", "[1, 2]").find("not a JSON object") != std::string::npos);
    CHECK(add_catalog("es", R"({"nav.my_requests": 3})").find("\"nav.my_requests\" is not a string") != std::string::npos);
    // Read as it is parsed: every other shape is refused whole, by the key where one is known.
    CHECK(add_catalog("es", R"({"a": "b", "nav.home": {"x": "y"}})").find("\"nav.home\" is not a string") != std::string::npos);
    CHECK(add_catalog("es", R"({"nav.home": ["x"]})").find("\"nav.home\" is not a string") != std::string::npos);
    CHECK(add_catalog("es", R"({"nav.home": null})").find("\"nav.home\" is not a string") != std::string::npos);
    for (std::string_view text : {R"("words")", "3", "", R"({"nav.home": "x")", R"({"nav.home": "x"} [])", "{\"a\": \"\xff\"}"})
        CHECK_MESSAGE(add_catalog("es", text) == "assets/i18n/es.json is not a JSON object", text);
    CHECK(add_catalog("es", R"({"nav.my_requests": "Otra cosa"})") == "");
    CHECK(translate("es", "nav.my_requests") == "Mis solicitudes");
    CHECK(known_key("server.invalid_code"));
    CHECK_FALSE(known_key("no.such.key"));
}

TEST_CASE("a key missing everywhere shows itself in brackets; English stands in for a missing language") {
    CHECK(translate("pt", "no.such.key") == "[no.such.key]");
    CHECK(translate("fr", "nav.my_requests") == "My requests");  // unknown language: English
    CHECK(has_key("pt", "nav.my_requests"));
    CHECK_FALSE(has_key("pt", "no.such.key"));
}

TEST_CASE("a Text is rendered in the reader's language, with its places filled and formatted") {
    const Text text = Text::of("ticket.error.description_long", {{"max", "20000"}});
    CHECK(english(text) == "The description is too long (more than 20,000 characters). Attach long logs as files.");
    CHECK(render("es", text).find("más de 20.000 caracteres") != std::string::npos);
    CHECK(render("pt", text).find("mais de 20.000 caracteres") != std::string::npos);
    CHECK(render("pt", Text::words("As the server said.")) == "As the server said.");
    CHECK(fill("{a} and {b} and {c}", {{"a", "1"}, {"b", "2"}}) == "1 and 2 and {c}");  // an unknown place stays
    CHECK(fill("{n:number}", {{"n", "not a number"}}) == "not a number");
}

TEST_CASE("the server's error codes are said in the reader's language; unknown ones keep the server's words") {
    const Text locked = server_message(R"({"error":"invalid_code","message":"...","tries_left":2})", Text::of("error.offline"));
    CHECK(english(locked) == "The code is not right. Check it and try again (tries left: 2).");
    CHECK(render("es", locked) == "El código no es correcto. Revísalo e inténtalo de nuevo (intentos restantes: 2).");
    const Text unknown = server_message(R"({"error":"something_new","message":"A new rule says no."})", Text::of("error.offline"));
    CHECK(render("pt", unknown) == "A new rule says no.");
    CHECK(server_message("<html>", Text::of("error.offline")) == Text::of("error.offline"));
    CHECK(server_message(R"({"error":42})", Text::of("error.offline")) == Text::of("error.offline"));
}

TEST_CASE("numbers, sizes, dates and spans follow the language") {
    CHECK(format_number(0, "en") == "0");
    CHECK(format_number(999, "en") == "999");
    CHECK(format_number(1000, "en") == "1,000");
    CHECK(format_number(10000, "es") == "10.000");
    CHECK(format_number(1234567, "pt") == "1.234.567");
    // Any number a server's answer may bring: the smallest int64 too.
    CHECK(format_number(INT64_MIN, "en") == "-9,223,372,036,854,775,808");
    CHECK(format_number(INT64_MAX, "en") == "9,223,372,036,854,775,807");
    CHECK(format_number(-1234, "en") == "-1,234");
    CHECK(format_bytes(512, "en") == "512 bytes");
    CHECK(format_bytes(20'000'000, "en") == "19.1 MB");
    CHECK(format_bytes(20'000'000, "pt") == "19,1 MB");
    CHECK(format_bytes(20'000'000, "es") == "19,1 MB");
    CHECK(format_bytes(300 * 1024, "es") == "300 KB");

    const LocalSeconds monday_17h = static_cast<LocalSeconds>(days_from_civil({2026, 3, 9})) * 86400 + 17 * 3600;
    CHECK(format_day_time(monday_17h, "en") == "Mon, Mar 9, 17:00");
    CHECK(format_day_time(monday_17h, "es") == "lun, 9 mar, 17:00");
    CHECK(format_day_time(monday_17h, "pt") == "seg., 9 de mar., 17:00");
    CHECK(format_day_time(-60, "pt") == "qua., 31 de dez., 23:59");
    // The clock of the reader's locale: 12-hour in American English, 24-hour in British English.
    CHECK(format_day_time(monday_17h, "en", "en-US") == "Mon, Mar 9, 5:00 PM");
    CHECK(format_day_time(monday_17h, "en", "en") == "Mon, Mar 9, 5:00 PM");
    CHECK(format_day_time(monday_17h, "en", "en-GB") == "Mon, Mar 9, 17:00");
    CHECK(format_day_time(monday_17h, "pt", "pt-BR") == "seg., 9 de mar., 17:00");
    CHECK(format_day_time(monday_17h, "es", "es-MX") == "lun, 9 mar, 17:00");
    const LocalSeconds midnight = static_cast<LocalSeconds>(days_from_civil({2026, 3, 9})) * 86400;
    CHECK(format_time(midnight + 5 * 60, "en", "en-US") == "12:05 AM");
    CHECK(format_time(midnight + 12 * 3600, "en", "en-US") == "12:00 PM");
    CHECK(format_time(midnight + 9 * 3600 + 30 * 60, "en", "en-CA") == "9:30 AM");
    CHECK(format_time(midnight + 23 * 3600 + 59 * 60, "en", "en-IE") == "23:59");
    CHECK(twelve_hour_clock("en_au"));
    CHECK_FALSE(twelve_hour_clock("en-gb"));
    CHECK_FALSE(twelve_hour_clock("pt-BR"));
    CHECK_FALSE(twelve_hour_clock(""));
    CHECK(format_duration(59, "es") == "menos de un minuto");
    CHECK(format_duration(3 * 3600 + 12 * 60, "pt") == "3 h 12 min");
}

TEST_CASE("languages come from BCP 47 tags") {
    CHECK(language_of("pt-BR") == "pt");
    CHECK(language_of("pt_PT") == "pt");
    CHECK(language_of("es-419") == "es");
    CHECK(language_of("ES") == "es");
    CHECK(language_of("en-US") == "en");
    CHECK(language_of("fr-FR") == "en");
    CHECK(language_of("") == "en");
}

TEST_CASE("how long ago, as a list of tickets says it, in the three languages") {
    const UtcSeconds now = 1'800'000'000;
    const std::int64_t minute = 60, hour = 3600, day = 86'400;
    CHECK(format_ago(now, now, "en") == "just now");
    CHECK(format_ago(now + 30, now, "en") == "just now");  // a clock a little ahead
    CHECK(format_ago(now - 59, now, "en") == "just now");
    CHECK(format_ago(now - 12 * minute, now, "en") == "12 min ago");
    CHECK(format_ago(now - 59 * minute, now, "en") == "59 min ago");
    CHECK(format_ago(now - 2 * hour, now, "en") == "2 h ago");
    CHECK(format_ago(now - 23 * hour - 59 * minute, now, "en") == "23 h ago");
    CHECK(format_ago(now - 30 * hour, now, "en") == "yesterday");
    CHECK(format_ago(now - 3 * day, now, "en") == "3 days ago");
    CHECK(format_ago(now - 13 * day, now, "en") == "13 days ago");
    CHECK(format_ago(now - 15 * day, now, "en") == "2 wk ago");
    CHECK(format_ago(now - 100 * day, now, "en") == "3 mo ago");
    CHECK(format_ago(now - 800 * day, now, "en") == "2 y ago");
    CHECK(format_ago(now - 2 * hour, now, "es") == "hace 2 h");
    CHECK(format_ago(now - 30 * hour, now, "es") == "ayer");
    CHECK(format_ago(now - 5 * day, now, "es") == "hace 5 días");
    CHECK(format_ago(now - 2 * hour, now, "pt") == "há 2 h");
    CHECK(format_ago(now - 30 * hour, now, "pt") == "ontem");
    CHECK(format_ago(now, now, "pt") == "agora mesmo");
}
