#include <doctest/doctest.h>

#include "core/assets.hpp"
#include "core/help_center.hpp"

using core::RegionId;

namespace {

core::HelpCenter shipped() {
    auto help = core::parse_help_center(core::assets::help_center_json());
    REQUIRE_MESSAGE(help.ok(), (help.ok() ? "" : help.error().message));
    return help.value();
}

std::vector<std::string> titles(const std::vector<core::ArticleView>& views) {
    std::vector<std::string> out;
    for (const auto& view : views) out.emplace_back(view.title);
    return out;
}

}  // namespace

TEST_CASE("the shipped Help Center has the global article and one for Brazil, US and EMEA") {
    core::HelpCenter help = shipped();
    REQUIRE(help.articles.size() == 4);
    CHECK_FALSE(help.articles[0].region.has_value());
    CHECK(help.articles[1].region == RegionId::brazil);
    CHECK(help.articles[2].region == RegionId::us);
    CHECK(help.articles[3].region == RegionId::emea);
}

TEST_CASE("each region sees the global article first, then its own, in the user's language") {
    core::HelpCenter help = shipped();
    struct Case {
        RegionId region;
        const char* lang;
        std::vector<std::string> titles;
        std::vector<bool> english_only;
    };
    const Case cases[] = {
        {RegionId::brazil, "pt", {"Como funciona o suporte da VTEX?", "Suporte VTEX - Brasil"}, {false, false}},
        {RegionId::brazil, "es", {"¿Cómo funciona el soporte de VTEX?", "Soporte VTEX - Brasil"}, {false, false}},
        {RegionId::brazil, "en", {"How does VTEX support work?", "VTEX Support - Brazil"}, {false, false}},
        {RegionId::us, "es", {"¿Cómo funciona el soporte de VTEX?", "VTEX Support - United States"}, {false, true}},
        {RegionId::us, "en", {"How does VTEX support work?", "VTEX Support - United States"}, {false, true}},
        {RegionId::emea, "pt", {"Como funciona o suporte da VTEX?", "VTEX Support - EMEA"}, {false, true}},
        {RegionId::latam, "es", {"¿Cómo funciona el soporte de VTEX?"}, {false}},
        {RegionId::apac, "en", {"How does VTEX support work?"}, {false}},
    };
    for (const Case& c : cases) {
        CAPTURE(core::region_key(c.region));
        CAPTURE(c.lang);
        auto views = core::articles_for(help, c.region, c.lang);
        CHECK(titles(views) == c.titles);
        REQUIRE(views.size() == c.english_only.size());
        for (size_t i = 0; i < views.size(); ++i) {
            CHECK(views[i].english_only == c.english_only[i]);
            CHECK(views[i].url.substr(0, 8) == "https://");
        }
    }
}

TEST_CASE("a malformed Help Center file is refused with a message naming the field") {
    struct Case {
        const char* json;
        const char* code;
        const char* names;
    };
    const Case cases[] = {
        {"{", "invalid_json", "not valid JSON"},
        {"[]", "invalid_help_center", "(root)"},
        {"{\"articles\": {}}", "invalid_help_center", "articles must be an array"},
        {"{\"articles\": [{\"scope\":\"global\"}]}", "invalid_help_center", "articles[0].id"},
        {"{\"articles\": [{\"id\":\"a\",\"scope\":\"mars\",\"title\":{\"en\":\"x\"},\"summary\":{\"en\":\"x\"},"
         "\"url\":{\"en\":\"https://x\"}}]}",
         "invalid_help_center", "articles[0].scope"},
        {"{\"articles\": [{\"id\":\"a\",\"scope\":\"global\",\"title\":{\"pt\":\"x\"},\"summary\":{\"en\":\"x\"},"
         "\"url\":{\"en\":\"https://x\"}}]}",
         "invalid_help_center", "articles[0].title.en"},
        {"{\"articles\": [{\"id\":\"a\",\"scope\":\"global\",\"title\":{\"en\":3},\"summary\":{\"en\":\"x\"},"
         "\"url\":{\"en\":\"https://x\"}}]}",
         "invalid_help_center", "articles[0].title.en must be a string"},
        {"{\"articles\": [{\"id\":\"a\",\"scope\":\"global\",\"title\":{\"en\":\"x\",\"fr\":\"y\"},"
         "\"summary\":{\"en\":\"x\"},\"url\":{\"en\":\"https://x\"}}]}",
         "invalid_help_center", "articles[0].title.fr"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.json);
        auto result = core::parse_help_center(c.json);
        REQUIRE_FALSE(result.ok());
        CHECK(result.error().code == c.code);
        CHECK(result.error().message.find(c.names) != std::string::npos);
    }
}
