// The web portal starts with the reader's catalog only: a switch to another language (picked on screen
// or set by the host page) fetches that catalog first, keeps the current language until it arrived,
// and says so when it could not be fetched.
#include <doctest/doctest.h>

#include <string>

#include "app/fixtures.hpp"
#include "app/update.hpp"
#include "core/i18n.hpp"
#include "headless_ui.hpp"

namespace {

// A state as the web portal has it at start: the catalog of `lang` only.
app::AppState starting_with(const std::string& lang) {
    app::AppState state = test_state();
    state.catalogs = {lang};
    state.lang = lang;
    return state;
}

std::string catalog_text(std::string_view lang) { return std::string(core::embedded_catalog(lang)); }

const app::FetchCatalog* fetch_in(const app::Effects& effects) {
    for (const app::Effect& effect : effects)
        if (auto* fetch = std::get_if<app::FetchCatalog>(&effect)) return fetch;
    return nullptr;
}

}  // namespace

TEST_CASE("every catalog is here in the native build, and the state lists them") {
    const app::AppState state = test_state();
    CHECK(state.catalogs == std::set<std::string>{"en", "es", "pt"});
    app::AppState copy = state;
    CHECK(app::update(copy, app::LanguagePicked{"pt"}).size() == 1);  // SaveLanguage only, no fetch
}

TEST_CASE("a language picked on screen whose catalog is not here is fetched, then switched to and kept") {
    app::AppState state = starting_with("en");
    auto effects = app::update(state, app::LanguagePicked{"pt"});
    REQUIRE(effects.size() == 1);
    CHECK(std::get<app::FetchCatalog>(effects[0]).lang == "pt");
    CHECK(state.lang == "en");  // the words stay English meanwhile
    CHECK(app::update(state, app::LanguagePicked{"pt"}).empty());  // asked already: not fetched twice
    // Another catalog arriving meanwhile is kept, but the switch waits for its own.
    CHECK(app::update(state, app::CatalogArrived{"es", true, catalog_text("es")}).empty());
    CHECK(state.catalogs.count("es") == 1);
    CHECK(state.lang == "en");

    effects = app::update(state, app::CatalogArrived{"pt", true, catalog_text("pt")});
    CHECK(state.lang == "pt");
    CHECK(state.locale == "pt");
    CHECK(state.catalogs.count("pt") == 1);
    REQUIRE(effects.size() == 1);
    CHECK(std::get<app::SaveLanguage>(effects[0]).lang == "pt");
    CHECK_FALSE(state.switching);
    // Back to a language whose catalog is here: at once.
    effects = app::update(state, app::LanguagePicked{"en"});
    CHECK(state.lang == "en");
    CHECK_FALSE(fetch_in(effects));
}

TEST_CASE("the host page's locale waits for its catalog too, keeping the tag it came as") {
    app::AppState state = starting_with("en");
    auto effects = app::update(state, app::LocaleChosen{"es-419"});
    REQUIRE(fetch_in(effects));
    CHECK(fetch_in(effects)->lang == "es");
    CHECK(state.lang == "en");
    effects = app::update(state, app::CatalogArrived{"es", true, catalog_text("es")});
    CHECK(effects.empty());  // the host's choice is not kept for the next visit
    CHECK(state.lang == "es");
    CHECK(state.locale == "es-419");
}

TEST_CASE("a catalog that could not be fetched leaves the language as it was and says why, in it") {
    app::AppState state = starting_with("en");
    app::update(state, app::LanguagePicked{"es"});
    auto effects = app::update(state, app::CatalogArrived{"es", false, ""});
    CHECK(effects.empty());
    CHECK(state.lang == "en");
    CHECK_FALSE(state.switching);
    CHECK(core::render(state.lang, state.language_problem) ==
          "Espa\xC3\xB1ol could not be loaded, so the portal stays in this language. Check your connection and choose it again.");
    // Choosing it again tries again, and the problem is gone with the new attempt.
    effects = app::update(state, app::LanguagePicked{"es"});
    REQUIRE(fetch_in(effects));
    CHECK(state.language_problem.empty());
    // A broken text counts as not fetched.
    effects = app::update(state, app::CatalogArrived{"es", true, "<html>502</html>"});
    CHECK(state.lang == "en");
    CHECK_FALSE(state.language_problem.empty());
}

TEST_CASE("the problem is on screen, as a status, over whatever screen is shown") {
    HeadlessUi ui(starting_with("en"));
    ui.frames(2);
    REQUIRE(ui.click("Portugu\xC3\xAAs", ui::Role::button));
    REQUIRE(fetch_in(ui.effects));
    ui.frames(2);
    CHECK(ui.has("Help Center", ui::Role::heading));  // still English
    app::update(ui.state, app::CatalogArrived{"pt", false, ""});
    ui.frames(2);
    CHECK(ui.has("Portugu\xC3\xAAs could not be loaded, so the portal stays in this language. Check your connection and "
                 "choose it again.", ui::Role::status));
    CHECK(ui.has("Help Center", ui::Role::heading));
}
