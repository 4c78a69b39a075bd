// Screen addresses: each screen has its own, an address reached by the browser opens its screen, and
// an address that needs a session is kept through the sign-in and opened after it.
#include <doctest/doctest.h>

#include "app/routes.hpp"
#include "fixtures.hpp"

using namespace app;

TEST_CASE("each screen has its own address, and the address opens the screen") {
    AppState state = signed_in_state();
    CHECK(routes::route_of(state) == "#/help");
    auto effects = update(state, RouteChanged{"#/tickets"});
    CHECK(state.screen == Screen::my_requests);
    CHECK(routes::route_of(state) == "#/tickets");
    CHECK(request_to(effects, "/api/accounts/lojadaana/tickets?limit=50") != nullptr);
    update(state, RouteChanged{"#/tickets/new"});
    CHECK(state.screen == Screen::new_ticket);
    CHECK(routes::route_of(state) == "#/tickets/new");
    effects = update(state, RouteChanged{"#/tickets/t_Abc-9"});
    CHECK(state.screen == Screen::ticket);
    CHECK(routes::route_of(state) == "#/tickets/t_Abc-9");
    CHECK(request_to(effects, "/api/tickets/t_Abc-9") != nullptr);
    // The same address again (back and forward to it) does not fetch it again.
    CHECK(update(state, RouteChanged{"#/tickets/t_Abc-9"}).empty());
    update(state, RouteChanged{"#/help"});
    CHECK(state.screen == Screen::help_center);
    // Addresses the portal does not know, or ticket ids that cannot be, open the Help Center.
    update(state, RouteChanged{"#/tickets/new"});
    update(state, RouteChanged{"#/nowhere"});
    CHECK(state.screen == Screen::help_center);
    update(state, RouteChanged{"#/tickets/..%2Fetc"});
    CHECK(state.screen == Screen::help_center);
    // Signed in, the sign-in address shows the Help Center instead of a form for nobody.
    update(state, RouteChanged{"#/sign-in"});
    CHECK(state.screen == Screen::help_center);
}

TEST_CASE("an email's survey link opens its ticket with the answer chosen, and sends nothing by itself") {
    AppState state = signed_in_state();
    auto effects = update(state, RouteChanged{"#/tickets/t_rated/rate/bad"});
    CHECK(state.screen == Screen::ticket);
    CHECK(state.thread.id == "t_rated");
    REQUIRE(state.thread.rating_good.has_value());
    CHECK_FALSE(*state.thread.rating_good);  // a bad rating: the merchant says why, then sends it
    CHECK(request_to(effects, "/api/tickets/t_rated") != nullptr);
    CHECK(request_to(effects, "/api/tickets/t_rated/survey") == nullptr);
    // The other link of the same email, on the open ticket: the choice changes, nothing is fetched again.
    effects = update(state, RouteChanged{"#/tickets/t_rated/rate/good"});
    CHECK(*state.thread.rating_good);
    CHECK(request_to(effects, "/api/tickets/t_rated") == nullptr);
    // Anything else after the id is no address of the portal.
    update(state, RouteChanged{"#/tickets/t_rated/rate/maybe"});
    CHECK(state.screen == Screen::help_center);
}

TEST_CASE("every API call names the portal's language and the browser's time zone, for the user's emails") {
    AppState state = signed_in_state();
    state.lang = "pt";
    state.environment.clock.zone_name = "America/Manaus";
    auto effects = update(state, RouteChanged{"#/tickets"});
    const HttpRequest* list = request_to(effects, "/api/accounts/lojadaana/tickets?limit=50");
    REQUIRE(list != nullptr);
    CHECK(list->language == "pt");
    CHECK(list->time_zone == "America/Manaus");  // and the browser's time zone
}

TEST_CASE("a deep link opened signed out waits through the sign-in, then opens its ticket") {
    AppState state = test_state();
    update(state, AppStarted{});  // no session in this browser
    update(state, RouteChanged{"#/tickets/t_deep"});
    CHECK(state.screen == Screen::sign_in);
    CHECK(routes::route_of(state) == "#/sign-in");
    REQUIRE(state.pending_route);

    // The sign-in ends with /api/me answering: the kept address is opened.
    state.session.status = SessionStatus::checking;
    state.session.access_token = "token";
    state.in_flight[41] = InFlight{RequestPurpose::me};
    auto effects = update(state, HttpResponded{41, 200, R"({"user":{"id":"u1","email":"ana@demo.store","name":"Ana"},
        "accounts":[{"id":"lojadaana","name":"Loja da Ana","region":"brazil","can_open_tickets":true}]})"});
    CHECK(state.session.status == SessionStatus::signed_in);
    CHECK(state.screen == Screen::ticket);
    CHECK(state.thread.id == "t_deep");
    CHECK(request_to(effects, "/api/tickets/t_deep") != nullptr);
    CHECK_FALSE(state.pending_route);
}

TEST_CASE("a deep link opened while the session is checked: decided by the check, and dropped at sign-out") {
    AppState state = test_state();
    state.environment.had_session = true;
    update(state, AppStarted{});
    REQUIRE(state.session.status == SessionStatus::checking);
    update(state, RouteChanged{"#/tickets"});
    CHECK(state.screen == Screen::help_center);  // nothing decided yet
    // The refresh cookie is no longer good: the sign-in form, with the address kept.
    int refresh_id = state.in_flight.begin()->first;
    update(state, HttpResponded{refresh_id, 401, R"({"error":"invalid_grant"})"});
    CHECK(state.screen == Screen::sign_in);
    REQUIRE(state.pending_route);
    CHECK(*state.pending_route == "#/tickets");

    AppState ana = signed_in_state();
    ana.pending_route = "#/tickets/new";
    update(ana, SignOutClicked{});
    CHECK_FALSE(ana.pending_route);
}
