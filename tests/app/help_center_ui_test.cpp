#include <doctest/doctest.h>

#include "headless_ui.hpp"

using ui::Role;

TEST_CASE("the first screen offers the five regions as buttons, none pressed") {
    HeadlessUi ui;
    for (const char* name : {"Brazil", "LATAM", "APAC", "US", "EMEA"}) {
        CAPTURE(name);
        const ui::Item* item = ui.find(name, Role::button);
        REQUIRE(item != nullptr);
        CHECK(item->toggle);
        CHECK_FALSE(item->checked);
        CHECK(item->w > 0);
        CHECK(item->h > 0);
    }
    CHECK(ui.has("VTEX Support", Role::text));  // the product, in the top bar
    CHECK(ui.has("Help Center", Role::heading));
    CHECK(ui.has("How does VTEX support work?", Role::link));
    CHECK_FALSE(ui.has("VTEX Support - Brazil", Role::link));
}

TEST_CASE("clicking Brazil shows Brazil's article; clicking US swaps it for the English-only US one") {
    HeadlessUi ui;
    REQUIRE(ui.click("Brazil", Role::button));
    CHECK(ui.state.region == core::RegionId::brazil);
    CHECK(ui.find("Brazil", Role::button)->checked);
    const ui::Item* brazil = ui.find("VTEX Support - Brazil", Role::link);
    REQUIRE(brazil != nullptr);
    CHECK(brazil->href.find("https://") == 0);
    CHECK_FALSE(ui.has("(English only)"));

    REQUIRE(ui.click("US", Role::button));
    CHECK(ui.state.region == core::RegionId::us);
    CHECK_FALSE(ui.find("Brazil", Role::button)->checked);
    CHECK(ui.has("VTEX Support - United States", Role::link));
    CHECK_FALSE(ui.has("VTEX Support - Brazil", Role::link));
    CHECK(ui.has("(English only)", Role::text));
}

TEST_CASE("LATAM and APAC have no regional article: only the global one shows") {
    for (const char* region : {"LATAM", "APAC"}) {
        CAPTURE(region);
        HeadlessUi ui;
        REQUIRE(ui.click(region, Role::button));
        int links = 0;
        for (const ui::Item& item : ui.items()) links += item.role == Role::link;
        CHECK(links == 1);
        CHECK(ui.has("How does VTEX support work?", Role::link));
    }
}

TEST_CASE("clicking an article's link asks to open its address") {
    HeadlessUi ui;
    REQUIRE(ui.click("EMEA", Role::button));
    const ui::Item* link = ui.find("VTEX Support - EMEA", Role::link);
    REQUIRE(link != nullptr);
    std::string href = link->href;
    REQUIRE(ui.click("VTEX Support - EMEA", Role::link));
    REQUIRE(ui.effects.size() == 1);
    auto* open = std::get_if<app::OpenUrl>(&ui.effects[0]);
    REQUIRE(open != nullptr);
    CHECK(open->url == href);
}

TEST_CASE("a keyboard activation from the page selects a region like a click") {
    HeadlessUi ui;
    REQUIRE(ui.activate("APAC", Role::button));
    CHECK(ui.state.region == core::RegionId::apac);
    CHECK(ui.find("APAC", Role::button)->checked);
}

TEST_CASE("typing into Search articles filters the list and says when nothing matches") {
    HeadlessUi ui;
    REQUIRE(ui.click("Brazil", Role::button));
    const ui::Item* field = ui.find("Search articles", Role::textbox);
    REQUIRE(field != nullptr);
    CHECK(field->input_type == "search");

    REQUIRE(ui.type("Search articles", "brazil"));
    CHECK(ui.state.article_filter == "brazil");
    CHECK(ui.find("Search articles", Role::textbox)->value == "brazil");
    CHECK(ui.has("VTEX Support - Brazil", Role::link));
    CHECK_FALSE(ui.has("How does VTEX support work?", Role::link));

    REQUIRE(ui.type("Search articles", "zzz"));
    CHECK_FALSE(ui.has("VTEX Support - Brazil", Role::link));
    CHECK(ui.has("No article matches \"zzz\".", Role::status));  // the empty state's sentence is announced

    // Accents and case aside, as people type: "como" and "CÓMO" both find "¿Cómo funciona…".
    ui.state.lang = "es";
    ui.frames(2);
    for (std::string typed : {"como funciona", "CÓMO", "cómo"}) {
        CAPTURE(typed);
        REQUIRE(ui.type("Buscar artículos", typed));
        CHECK(ui.has("¿Cómo funciona el soporte de VTEX?", Role::link));
        CHECK_FALSE(ui.has("Soporte VTEX - Brasil", Role::link));
    }
}

TEST_CASE("text typed while the field is being edited replaces its content, caret at the end") {
    HeadlessUi ui;
    REQUIRE(ui.click("Search articles", Role::textbox));  // the field is now active in Dear ImGui
    REQUIRE(ui.type("Search articles", "How"));
    CHECK(ui.state.article_filter == "How");
    REQUIRE(ui.type("Search articles", "How does"));
    CHECK(ui.state.article_filter == "How does");
    CHECK(ui.has("How does VTEX support work?", Role::link));
}
