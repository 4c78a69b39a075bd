// The mirror's JSON (what web/mirror/ reads each frame): every field of every role, strings escaped,
// bytes that are not UTF-8 replaced, and text waiting behind a click shown in its field.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "app/ui/mirror_json.hpp"
#include "fixtures.hpp"
#include "headless_ui.hpp"

using nlohmann::json;

namespace {

std::string quoted(std::string_view text) {
    std::string out;
    ui::append_json_string(out, text);
    return out;
}

}  // namespace

TEST_CASE("strings are escaped and stay UTF-8 whatever their bytes") {
    CHECK(quoted("plain") == "\"plain\"");
    CHECK(quoted("say \"hi\" \\ there") == R"("say \"hi\" \\ there")");
    CHECK(quoted("line\nbreak\ttab\x01") == R"("line\u000abreak\u0009tab\u0001")");
    CHECK(quoted("S\xC3\xA3o Paulo \xE2\x82\xAC \xF0\x9F\x98\x80") == "\"S\xC3\xA3o Paulo \xE2\x82\xAC \xF0\x9F\x98\x80\"");
    // A lone continuation byte, a cut sequence, an overlong slash, a surrogate: each byte becomes U+FFFD.
    CHECK(quoted("a\x80" "b") == "\"a\xEF\xBF\xBD" "b\"");
    CHECK(quoted("\xC3") == "\"\xEF\xBF\xBD\"");
    CHECK(quoted("\xC0\xAF") == "\"\xEF\xBF\xBD\xEF\xBF\xBD\"");
    CHECK(quoted("\xED\xA0\x80") == "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"");
    CHECK(json::parse(quoted("\xFF mixed \"\x02\" \xC3\xA9")).get<std::string>() == "\xEF\xBF\xBD mixed \"\x02\" \xC3\xA9");
}

TEST_CASE("a screen's items read back with their roles, names, places and states") {
    HeadlessUi ui(my_requests_state(120));
    ui.frames(2);
    const json doc = json::parse(ui::mirror_json(ui.item_collector(), 0, nullptr));
    REQUIRE(doc["items"].size() == ui.items().size());
    for (size_t i = 0; i < ui.items().size(); ++i) {
        const ui::Item& item = ui.items()[i];
        const json& j = doc["items"][i];
        CHECK(j["id"].get<unsigned int>() == item.id);
        CHECK(j["role"] == ui::role_name(item.role));
        CHECK(j["label"] == item.label);
        CHECK(j["x"].get<double>() == doctest::Approx(item.x).epsilon(0.01));
        CHECK(j["h"].get<double>() == doctest::Approx(item.h).epsilon(0.01));
        if (item.role == ui::Role::link) CHECK(j["href"] == item.href);
        if (item.role == ui::Role::textbox) {
            CHECK(j["value"] == item.value);
            CHECK(j["type"] == (item.input_type.empty() ? "text" : item.input_type));
        } else {
            CHECK_FALSE(j.contains("value"));
        }
        if (item.toggle) CHECK(j["pressed"] == item.checked);
        if (item.level) CHECK(j["level"] == item.level);
    }
    CHECK(doc["active"] == 0);
    CHECK(doc["scroll"]["height"].get<double>() > 0);

    // Text the page typed into the search field that still waits behind a click is what the field shows.
    const ui::Item* search = ui.find("Search by title or number", ui::Role::textbox);
    REQUIRE(search != nullptr);
    const std::string waiting = "checkout \"fails\"";
    const json typed = json::parse(ui::mirror_json(ui.item_collector(), search->id, [&](ImGuiID id) {
        return id == search->id ? &waiting : nullptr;
    }));
    bool found = false;
    for (const json& j : typed["items"])
        if (j["id"].get<unsigned int>() == search->id) found = j["value"] == waiting;
    CHECK(found);
    CHECK(typed["active"].get<unsigned int>() == search->id);
}
