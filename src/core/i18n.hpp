#pragma once
// The portal's words in English, Spanish and Portuguese: assets/i18n/{en,es,pt}.json, compiled into the
// native build (server, tests); the web portal carries none and is handed the reader's at start and
// the others when the reader switches (add_catalog), so its first download holds one language.
// Every sentence a person reads is a key there ("sign_in.title"), with {named} places for what varies.
// Domain code says what to tell (a Text: key and values); the app renders it in the reader's language,
// the server in English for its API messages. Also the locale's dates, times and numbers.
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/time.hpp"

namespace core {

// Something to tell a person, before it is put in words: a catalog key and the values of its places.
// A Text with no key is a sentence already in words (a server's message), shown as it is.
struct Text {
    std::string key;
    std::vector<std::pair<std::string, std::string>> args;
    std::vector<std::pair<std::string, std::string>> keyed;  // places filled with another key's words
    std::string literal;

    static Text of(std::string key, std::vector<std::pair<std::string, std::string>> args = {}) {
        return Text{std::move(key), std::move(args), {}, {}};
    }
    static Text words(std::string sentence) { return Text{{}, {}, {}, std::move(sentence)}; }
    bool empty() const { return key.empty() && literal.empty(); }
    void clear() { *this = Text{}; }
    bool operator==(const Text&) const = default;
};

inline constexpr std::string_view languages[] = {"en", "es", "pt"};

// Whether `lang` is one of the portal's languages (en, es, pt), as it is written.
bool is_language(std::string_view lang);
// The language (en, es, pt) for a BCP 47 tag such as pt-BR or es-419; English when unknown.
std::string language_of(std::string_view locale);

// The catalog's sentence for `key` in `lang` (English when that language lacks it; the key in
// brackets when English lacks it too, which a test forbids).
const std::string& translate(std::string_view lang, std::string_view key);
bool has_key(std::string_view lang, std::string_view key);
std::vector<std::string> catalog_keys(std::string_view lang);
// Why a compiled-in catalog could not be read ("" when every one was read).
std::string catalog_error();
// Whether the catalog of `lang` (en, es, pt) is here: compiled in, or added.
bool has_catalog(std::string_view lang);
// Reads the catalog of `lang` from its JSON text: "" when it is here from now on, else why not. A
// catalog already here stays as it is.
std::string add_catalog(std::string_view lang, std::string_view text);
// Whether any catalog here has `key`.
bool known_key(std::string_view key);
// The catalog of `lang` this build carries, as JSON text; empty when it carries none (the web portal's
// build: i18n_fetched.cpp; native builds: i18n_embedded.cpp).
std::string_view embedded_catalog(std::string_view lang);

// `pattern` with each {name} replaced by its value; {name:number} and {name:bytes} format a whole
// number in `lang` ("20,000", "19.1 MB").
std::string fill(std::string_view pattern, const std::vector<std::pair<std::string, std::string>>& args,
                 std::string_view lang = "en");
std::string render(std::string_view lang, const Text& text);
// The catalog's sentence for `key` in `lang` with its places filled: fill(translate(lang, key), args, lang).
std::string translate(std::string_view lang, std::string_view key,
                      const std::vector<std::pair<std::string, std::string>>& args);
inline std::string english(const Text& text) { return render("en", text); }

// What a person should read of an error answer from the server ({"error": code, "message": ...}): the
// catalog's "server.<code>" when it has one (filled with the answer's other fields, such as
// tries_left), else the server's own message, else `fallback`.
Text server_message(std::string_view body, Text fallback);

// Locale formats. Numbers group thousands (10,000 / 10.000); bytes use the decimal comma where the
// language does; dates name the weekday and month in the language.
std::string format_number(std::int64_t value, std::string_view lang = "en");
std::string format_bytes(std::int64_t bytes, std::string_view lang = "en");

// The clock a locale's readers expect (a BCP 47 tag: en-US, en-GB, pt-BR): 12-hour ("5:00 PM") for
// English, as CLDR has it, except where English is written with a 24-hour clock (Britain, Ireland,
// South Africa, continental Europe); 24-hour ("17:00") for Spanish and Portuguese. No tag: 24-hour.
bool twelve_hour_clock(std::string_view locale);
std::string format_time(LocalSeconds local, std::string_view lang = "en", std::string_view locale = "");
// "Mon, Mar 9, 5:00 PM" (en-US), "Mon, Mar 9, 17:00" (en-GB, or no locale), "lun, 9 mar, 17:00".
std::string format_day_time(LocalSeconds local, std::string_view lang = "en", std::string_view locale = "");
std::string format_duration(std::int64_t seconds, std::string_view lang = "en");
// How long ago `then` was at `now`, as a list of tickets says it: "just now", "12 min ago", "2 h ago",
// "yesterday", "3 days ago", "2 wk ago", "4 mo ago", "1 y ago" (in `lang`). A `then` in the future
// (clocks a little apart) reads "just now".
std::string format_ago(UtcSeconds then, UtcSeconds now, std::string_view lang = "en");

}  // namespace core
