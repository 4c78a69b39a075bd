// Every word of every screen comes from the catalogs (assets/i18n): a key the code uses that a
// language lacks fails here, by name; and every screen, drawn in each language, shows no missing key.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "fixtures.hpp"
#include "app/update.hpp"
#include "app/fixtures.hpp"
#include "core/region.hpp"
#include "headless_ui.hpp"

namespace {

// The catalog's namespaces ("sign_in", "form", ...): a dotted literal under one of them is a key.
std::set<std::string> namespaces() {
    std::set<std::string> out;
    for (const std::string& key : core::catalog_keys("en")) out.insert(key.substr(0, key.find('.')));
    return out;
}

// Each catalog key written in the portal's sources, with the file it is in.
std::vector<std::pair<std::string, std::string>> keys_in_sources() {
    const std::set<std::string> known = namespaces();
    std::vector<std::pair<std::string, std::string>> found;
    static const std::regex literal(R"re(["']([a-z_]+(?:\.[a-z0-9_]+)+)["'])re");
    for (const char* dir : {"src/app", "src/core", "web"}) {  // web/: the page's words before the portal runs
        for (const auto& entry : std::filesystem::recursive_directory_iterator(std::filesystem::path(PORTAL_SOURCE_DIR) / dir)) {
            const std::string ext = entry.path().extension().string();
            if (ext != ".cpp" && ext != ".hpp" && ext != ".js") continue;
            std::ifstream in(entry.path());
            std::stringstream text;
            text << in.rdbuf();
            const std::string source = text.str();
            for (auto it = std::sregex_iterator(source.begin(), source.end(), literal); it != std::sregex_iterator(); ++it) {
                const std::string key = (*it)[1].str();
                if (known.count(key.substr(0, key.find('.')))) found.emplace_back(key, entry.path().filename().string());
            }
        }
    }
    return found;
}

bool shows_missing_key(const HeadlessUi& ui, std::string& which) {
    static const std::regex missing(R"(\[[a-z_]+(\.[a-z0-9_]+)+\])");
    for (const ui::Item& item : ui.items())
        if (std::regex_search(item.label, missing) || std::regex_search(item.value, missing)) {
            which = item.label;
            return true;
        }
    return false;
}

}  // namespace

TEST_CASE("every key the sources use is in all three catalogs") {
    const auto keys = keys_in_sources();
    CHECK(keys.size() > 200);
    // Named copies, not the structured binding: clang 14 (the fuzz preset) cannot capture a binding in
    // the lambda CAPTURE makes.
    for (const auto& used : keys)
        for (std::string_view lang : core::languages) {
            const auto& key = used.first;
            const auto& file = used.second;
            CAPTURE(file);
            CAPTURE(lang);
            CAPTURE(key);
            CHECK(core::has_key(lang, key));
        }
}

TEST_CASE("every domain value has a label in every language") {
    for (std::string_view lang : core::languages) {
        CAPTURE(lang);
        auto check = [&](std::string key) {
            CAPTURE(key);
            CHECK(core::has_key(lang, key));
        };
        for (core::Priority v : core::all_priorities) check("priority." + std::string(core::key(v)));
        for (auto v : {core::RequestKind::question, core::RequestKind::incident, core::RequestKind::setup, core::RequestKind::financial})
            check("kind." + std::string(core::key(v)));
        for (auto v : {core::UsersAffected::admin, core::UsersAffected::buyers, core::UsersAffected::all}) {
            check("users." + std::string(core::key(v)));
            check("priority.who." + std::string(core::key(v)));
        }
        for (auto v : {core::Impact::auxiliary, core::Impact::important, core::Impact::critical}) {
            check("impact." + std::string(core::key(v)));
            check("priority.impact." + std::string(core::key(v)));
        }
        for (auto v : {core::Environment::production, core::Environment::sandbox}) check("environment." + std::string(core::key(v)));
        for (auto v : {core::Experience::beginner, core::Experience::intermediate, core::Experience::advanced})
            check("experience." + std::string(core::key(v)));
        for (auto v : {core::TicketStatus::open, core::TicketStatus::awaiting_reply, core::TicketStatus::solved, core::TicketStatus::closed})
            check("status." + std::string(core::key(v)));
        for (core::RegionId r : core::all_regions) check("region." + std::string(core::region_key(r)));
        for (size_t i = 1; i <= core::financial_subjects().size(); ++i) check("financial.subject." + std::to_string(i));
        for (const core::UrgentScenario& s : core::urgent_checklist()) {
            check(std::string(s.title));
            for (std::string_view e : s.examples) check(std::string(e));
        }
    }
}

TEST_CASE("every screen, drawn in each language, shows no missing key and changes with the language") {
    for (std::string_view lang : core::languages) {
        CAPTURE(lang);
        std::string which;
        auto check_screen = [&](app::AppState state, const char* name) {
            CAPTURE(name);
            state.lang = std::string(lang);
            HeadlessUi ui(std::move(state));
            ui.frames(2);
            CHECK(ui.items().size() > 3);
            CHECK_FALSE(shows_missing_key(ui, which));
            CAPTURE(which);
        };
        app::AppState home = test_state();
        home.answers = core::Answers{core::RequestKind::incident, core::UsersAffected::buyers, core::Impact::critical};
        home.region = core::RegionId::us;
        check_screen(home, "help center, urgent incident");
        app::AppState sign_in = test_state();
        sign_in.screen = app::Screen::sign_in;
        sign_in.sign_in.step = core::SignInStep::factor;
        sign_in.sign_in.method = core::SignInMethod::password;
        sign_in.sign_in.factors = {core::Factor::totp, core::Factor::sms};
        sign_in.sign_in.error = core::Text::of("server.invalid_code", {{"tries_left", "2"}});
        check_screen(sign_in, "second factor");
        app::AppState form = signed_in_state();
        form.screen = app::Screen::new_ticket;
        form.form.fields.kind = core::RequestKind::incident;
        form.form.tried = true;
        form.form.errors = core::validate_ticket(form.form.fields);
        form.form.submit_error = core::Text::of("form.error.check_fields");
        form.form.draft_unsaved = true;
        check_screen(form, "ticket form with errors");
        form.form.fields.kind = core::RequestKind::financial;
        check_screen(form, "financial form");
        form.session.accounts[0].can_open_tickets = false;
        check_screen(form, "missing resource");
        check_screen(my_requests_state(30), "my requests");
        app::AppState thread = signed_in_state();
        thread.screen = app::Screen::ticket;
        thread.thread.id = "t_1";
        thread.thread.summary = ticket("t_1", "Checkout down", core::TicketStatus::solved, core::Priority::urgent, 42);
        thread.thread.comments = {comment("Marta", core::CommentRole::agent, "Fixed.", 1795800000),
                                  comment("", core::CommentRole::agent, "Anything else?", 1795800100)};
        thread.thread.survey.status = core::SurveyStatus::pending;
        thread.thread.rating_good = false;
        thread.thread.reopen_until = 1795900000;
        check_screen(thread, "solved ticket with survey");
    }
}

TEST_CASE("picking a language on screen redraws every word in it and keeps it for the next visit") {
    HeadlessUi ui;
    ui.frames(2);
    REQUIRE(ui.has("Help Center", ui::Role::heading));
    REQUIRE(ui.click("Portugu\xC3\xAAs", ui::Role::button));
    CHECK(ui.state.lang == "pt");
    bool saved = false;
    for (const app::Effect& e : ui.effects)
        if (auto* s = std::get_if<app::SaveLanguage>(&e)) saved = s->lang == "pt";
    CHECK(saved);
    ui.frames(2);
    CHECK(ui.has("Central de Ajuda", ui::Role::heading));
    CHECK(ui.has("Entrar", ui::Role::button));
    CHECK(ui.find("Portugu\xC3\xAAs", ui::Role::button)->checked);
    REQUIRE(ui.click("Espa\xC3\xB1ol", ui::Role::button));
    ui.frames(2);
    CHECK(ui.has("Centro de ayuda", ui::Role::heading));
    CHECK(ui.has("Iniciar sesi\xC3\xB3n", ui::Role::button));
}

TEST_CASE("the browser's or host's locale picks the language; the page keeps the tag for its lang attribute") {
    app::AppState state = test_state();
    app::update(state, app::LocaleChosen{"pt-BR"});
    CHECK(state.lang == "pt");
    CHECK(state.locale == "pt-BR");
    app::update(state, app::LocaleChosen{"es-419"});
    CHECK(state.lang == "es");
    CHECK(state.locale == "es-419");
    app::update(state, app::LocaleChosen{"fr-CA"});  // not one of ours: English, and the page says so
    CHECK(state.lang == "en");
    CHECK(state.locale == "en");
    auto effects = app::update(state, app::LanguagePicked{"es"});
    CHECK(state.lang == "es");
    CHECK(state.locale == "es");
    REQUIRE(effects.size() == 1);
    CHECK(std::get<app::SaveLanguage>(effects[0]).lang == "es");
    // English picked on screen in a British browser keeps its region (and so the 24-hour clock).
    state.environment.browser_locale = "en-GB";
    app::update(state, app::LanguagePicked{"en"});
    CHECK(state.locale == "en-GB");
    app::update(state, app::LanguagePicked{"pt"});
    CHECK(state.locale == "pt");
}
