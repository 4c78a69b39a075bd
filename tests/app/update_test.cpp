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

TEST_CASE("the account chosen at the last visit is chosen again after the sign-in, if the user still has it") {
    const char* me = R"({"user":{"id":"u1","email":"ana@demo.store","name":"Ana"},
        "accounts":[{"id":"anashop-us","name":"Ana Shop US","region":"us","can_open_tickets":true},
                    {"id":"lojadaana","name":"Loja da Ana","region":"brazil","can_open_tickets":true}]})";
    auto signed_in_with = [&](const std::string& last_account) {
        app::AppState state = app::initial_state();
        state.environment.last_account = last_account;
        state.session.status = app::SessionStatus::checking;
        state.session.access_token = "token";
        state.in_flight[7] = app::InFlight{app::RequestPurpose::me};
        app::update(state, app::HttpResponded{7, 200, me});
        return state;
    };
    app::AppState kept = signed_in_with("lojadaana");
    CHECK(kept.session.account_id == "lojadaana");
    CHECK(kept.region == core::RegionId::brazil);
    CHECK(signed_in_with("").session.account_id == "anashop-us");           // none kept: the first
    CHECK(signed_in_with("someone-else").session.account_id == "anashop-us");  // no longer theirs: the first

    auto effects = app::update(kept, app::AccountChosen{"anashop-us"});
    bool remembered = false;
    for (const app::Effect& e : effects)
        if (auto* r = std::get_if<app::RememberAccount>(&e)) remembered = r->id == "anashop-us";
    CHECK(remembered);
}
