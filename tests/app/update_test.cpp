#include <doctest/doctest.h>

#include "fixtures.hpp"
#include "app/tickets.hpp"
#include "app/update.hpp"
#include "core/time_zone.hpp"

TEST_CASE("choosing a region changes only the region and asks for nothing") {
    app::AppState state = test_state();
    CHECK(state.help_error.empty());
    CHECK_FALSE(state.region.has_value());
    auto effects = app::update(state, app::RegionChosen{core::RegionId::apac});
    CHECK(effects.empty());
    CHECK(state.region == core::RegionId::apac);
}

TEST_CASE("opening an article asks the runner to open its address in a new tab") {
    app::AppState state = test_state();
    auto effects = app::update(state, app::ArticleOpened{"https://help.example/a"});
    REQUIRE(effects.size() == 1);
    auto* open = std::get_if<app::OpenUrl>(&effects[0]);
    REQUIRE(open != nullptr);
    CHECK(open->url == "https://help.example/a");
}

TEST_CASE("the article filter keeps exactly what was typed") {
    app::AppState state = test_state();
    app::update(state, app::ArticleFilterChanged{"Soporte  é "});
    CHECK(state.article_filter == "Soporte  é ");
}

TEST_CASE("the account chosen at the last visit is chosen again after the sign-in, if the user still has it") {
    const char* me = R"({"user":{"id":"u1","email":"ana@demo.store","name":"Ana"},
        "accounts":[{"id":"anashop-us","name":"Ana Shop US","region":"us","can_open_tickets":true},
                    {"id":"lojadaana","name":"Loja da Ana","region":"brazil","can_open_tickets":true}]})";
    auto signed_in_with = [&](const std::string& last_account) {
        app::AppState state = test_state();
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

TEST_CASE("update() is a function of the state and the event: same start, same events, same effects") {
    auto run = [] {
        app::AppState state = signed_in_state();
        app::Effects all;
        for (const app::Event& e : std::vector<app::Event>{
                 app::FormFieldChanged{app::FormField::title, "Checkout fails"}, app::SubmitClicked{},
                 app::SignOutClicked{}, app::SignInOpened{}, app::SignInFieldChanged{app::SignInField::email, "a@b.co"},
                 app::SendCodeClicked{}}) {
            app::Effects effects = app::update(state, e);
            all.insert(all.end(), effects.begin(), effects.end());
        }
        std::string seen;
        for (const app::Effect& effect : all)
            if (auto* http = std::get_if<app::HttpRequest>(&effect))
                seen += http->request.path + " " + http->request.body + " " + http->idempotency_key + "\n";
        return seen;
    };
    const std::string first = run();
    CHECK(first == run());
    CHECK(first.find("code_challenge") != std::string::npos);  // the sign-in's secrets came from the stream
}

TEST_CASE("what the portal keeps in the browser is known to update(): its own saves and other tabs' changes") {
    app::AppState state = signed_in_state();
    app::tickets::session_ready(state);
    const std::string key = state.form.draft_key;
    REQUIRE_FALSE(key.empty());
    app::update(state, app::FormFieldChanged{app::FormField::title, "Checkout fails"});
    REQUIRE(state.environment.stored.count(key) == 1);
    CHECK(state.environment.stored[key].find("Checkout fails") != std::string::npos);
    // Another tab sends the reply typed there, then the ticket is opened here: the reply is that one.
    app::update(state, app::StoredChanged{"portal.reply.ana@demo.store.t_9", "Typed in the other tab"});
    app::update(state, app::TicketOpened{"t_9"});
    CHECK(state.thread.reply == "Typed in the other tab");
    app::update(state, app::StoredChanged{"portal.reply.ana@demo.store.t_9", ""});
    CHECK(state.environment.stored.count("portal.reply.ana@demo.store.t_9") == 0);
}

TEST_CASE("the user's clock is read from the browser's offsets once, to the second of each change") {
    const core::TimeZone* paris = core::find_time_zone("Europe/Paris");
    REQUIRE(paris != nullptr);
    const core::UtcSeconds from = *core::parse_rfc3339("2026-01-01T00:00:00Z");
    const app::UserClock clock = app::read_user_clock("Europe/Paris", [paris](core::UtcSeconds t) {
        return paris->offset_at(t);
    }, from, from + 366 * 86'400);
    CHECK(clock.zone_name == "Europe/Paris");
    REQUIRE(clock.offsets.size() == 3);  // winter, summer from the last Sunday of March, winter again
    CHECK(clock.offsets[1].from == *core::parse_rfc3339("2026-03-29T01:00:00Z"));
    CHECK(clock.offsets[2].from == *core::parse_rfc3339("2026-10-25T01:00:00Z"));
    for (core::UtcSeconds t = from - 86'400; t < from + 400 * 86'400; t += 3'607)
        CHECK_MESSAGE(clock.offset_at(t) == paris->offset_at(t), t);
    CHECK(app::UserClock{}.offset_at(from) == 0);  // no offsets: UTC
}

TEST_CASE("the zone is named once the page has read it; until then a time is told by its offset") {
    app::UserClock clock = app::read_user_clock("", [](core::UtcSeconds) { return -3 * 3600; }, 0, 86'400);
    CHECK(clock.label(1000) == "UTC-03:00");
    clock.offsets = {{0, 5 * 3600 + 30 * 60}};
    CHECK(clock.label(1000) == "UTC+05:30");
    clock.offsets.clear();
    CHECK(clock.label(1000) == "UTC+00:00");

    app::AppState state = app::initial_state({});
    state.environment.clock.zone_name.clear();
    app::update(state, app::TimeZoneNamed{"America/Sao_Paulo"});
    CHECK(state.environment.clock.zone_name == "America/Sao_Paulo");
    CHECK(state.environment.clock.label(0) == "America/Sao_Paulo");
}

TEST_CASE("the page's file chooser names where its files go: the form, or the ticket whose thread showed it") {
    const std::vector<app::ChosenFile> files{{1, "trace.log", 10}};
    auto form = app::files_chosen(app::files_target(), files);
    REQUIRE(form);
    CHECK(std::holds_alternative<app::FormFilesChosen>(*form));
    auto thread = app::files_chosen(app::files_target("t_5"), files);
    REQUIRE(thread);
    REQUIRE(std::holds_alternative<app::ThreadFilesChosen>(*thread));
    CHECK(std::get<app::ThreadFilesChosen>(*thread).ticket == "t_5");
    CHECK(std::get<app::ThreadFilesChosen>(*thread).files.size() == 1);
    CHECK_FALSE(app::files_chosen("", files));  // a chooser that is not the portal's
    CHECK_FALSE(app::files_chosen("ticket:", files));
}

TEST_CASE("an /api/me answer with members of other types signs in with what reads, and never throws") {
    app::AppState state = test_state();
    state.session.status = app::SessionStatus::checking;
    state.session.access_token = "token";
    state.in_flight[7] = app::InFlight{app::RequestPurpose::me};
    app::update(state, app::HttpResponded{7, 200, R"({"user":{"id":"u1","email":"ana@demo.store","name":5},
        "ticket_resource":{"product":1,"resource":null},
        "accounts":[{"id":"lojadaana","name":["x"],"region":"brazil","can_open_tickets":"yes"},
                    {"id":7,"name":"No id","region":"us"},{"id":"x","region":3}]})"});
    CHECK(state.session.status == app::SessionStatus::signed_in);
    CHECK(state.session.email == "ana@demo.store");
    CHECK(state.session.name.empty());
    CHECK(state.session.ticket_resource.resource == "Open Support Ticket");  // unnamed: the portal's own words
    REQUIRE(state.session.accounts.size() == 1);
    CHECK(state.session.accounts[0].name == "lojadaana");
    CHECK_FALSE(state.session.accounts[0].can_open_tickets);
}
