#include <doctest/doctest.h>

#include "app/update.hpp"

TEST_CASE("choosing a region changes only the region and asks for nothing") {
    app::AppState state = app::initial_state();
    CHECK(state.help_error.empty());
    CHECK_FALSE(state.region.has_value());
    auto effects = app::update(state, app::RegionChosen{core::RegionId::apac});
    CHECK(effects.empty());
    CHECK(state.region == core::RegionId::apac);
}

TEST_CASE("opening an article asks the runner to open its address in a new tab") {
    app::AppState state = app::initial_state();
    auto effects = app::update(state, app::ArticleOpened{"https://help.example/a"});
    REQUIRE(effects.size() == 1);
    auto* open = std::get_if<app::OpenUrl>(&effects[0]);
    REQUIRE(open != nullptr);
    CHECK(open->url == "https://help.example/a");
}

TEST_CASE("the article filter keeps exactly what was typed") {
    app::AppState state = app::initial_state();
    app::update(state, app::ArticleFilterChanged{"Soporte  é "});
    CHECK(state.article_filter == "Soporte  é ");
}
