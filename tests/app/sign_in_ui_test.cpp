// The sign-in screens headless: click and type by label, answer the requests the app asks for, and
// see what the merchant sees.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "fixtures.hpp"
#include "app/update.hpp"
#include "core/base64url.hpp"
#include "headless_ui.hpp"

using ui::Role;

namespace {

const app::HttpRequest& last_request(const HeadlessUi& ui) {
    for (auto it = ui.effects.rbegin(); it != ui.effects.rend(); ++it)
        if (auto* request = std::get_if<app::HttpRequest>(&*it)) return *request;
    FAIL("no request was asked for");
    throw 0;
}

void answer(HeadlessUi& ui, int status, const std::string& body) {
    const int id = last_request(ui).id;
    for (auto& effect : app::update(ui.state, app::HttpResponded{id, status, body})) ui.effects.push_back(effect);
    ui.frames(2);
}

// The state the portal sent when it started the sign-in (drawn from the state's random stream).
std::string state_sent(const HeadlessUi& ui) {
    for (auto effect = ui.effects.rbegin(); effect != ui.effects.rend(); ++effect)
        if (auto* http = std::get_if<app::HttpRequest>(&*effect); http && http->request.path == "/api/auth/transactions")
            return nlohmann::json::parse(http->request.body).value("state", "");
    return "";
}

}  // namespace

TEST_CASE("email code sign-in, a wrong code with tries left, then the denial for a Brazil account") {
    HeadlessUi ui(test_state());
    REQUIRE(ui.click("Sign in", Role::button));
    CHECK(ui.state.screen == app::Screen::sign_in);
    const ui::Item* email = ui.find("Email", Role::textbox);
    REQUIRE(email != nullptr);
    CHECK(email->input_type == "email");
    CHECK(email->autocomplete == "username");

    REQUIRE(ui.click("Send code", Role::button));
    CHECK(ui.has("Type the email address registered on your store, like name@store.com.", Role::status));
    REQUIRE(ui.type("Email", "bruno@demo.store"));
    REQUIRE(ui.click("Send code", Role::button));
    CHECK(last_request(ui).request.path == "/api/auth/transactions");
    CHECK(ui.has("Please wait\xE2\x80\xA6"));
    answer(ui, 201, R"({"transaction_id":"T","methods":["email_code","google","password"]})");
    CHECK(last_request(ui).request.path == "/api/auth/transactions/T/email-code");
    answer(ui, 202, R"({"message":"If this email is registered on a store, a 6-digit code is on its way."})");
    const ui::Item* code = ui.find("Code", Role::textbox);
    REQUIRE(code != nullptr);
    CHECK(code->autocomplete == "one-time-code");
    CHECK(ui.has("Send a new code", Role::button));

    REQUIRE(ui.type("Code", "000000"));
    REQUIRE(ui.click("Verify", Role::button));
    answer(ui, 400, R"({"error":"invalid_code","message":"The code is not right. Check it and try again (tries left: 4).","tries_left":4})");
    CHECK(ui.has("The code is not right. Check it and try again (tries left: 4).", Role::status));
    CHECK(ui.find("Code", Role::textbox)->value == "000000");  // what was typed stays

    REQUIRE(ui.type("Code", "123456"));
    REQUIRE(ui.click("Verify", Role::button));
    CHECK(state_sent(ui).size() == 22);  // 16 bytes from the random stream, base64url
    answer(ui, 200, R"({"code":"AC","state":")" + state_sent(ui) + R"("})");
    CHECK(last_request(ui).request.path == "/oauth/token");
    answer(ui, 200, R"({"access_token":"JWT","token_type":"Bearer","expires_in":900})");
    CHECK(last_request(ui).request.path == "/api/me");
    CHECK(last_request(ui).bearer == "JWT");
    answer(ui, 200, R"({"user":{"id":"u-bruno","email":"bruno@demo.store","name":"Bruno"},
        "accounts":[{"id":"lojadaana","name":"Loja da Ana","region":"brazil","resources":[],"can_open_tickets":false}]})");
    CHECK(ui.has("You cannot open tickets for Loja da Ana yet", Role::text));
    REQUIRE(ui.open_user_menu());
    CHECK(ui.has("bruno@demo.store"));  // who is signed in, in the user menu
    CHECK(ui.has("Sign out", Role::button));
    bool remembered = false;
    for (auto& effect : ui.effects)
        if (auto* r = std::get_if<app::RememberSession>(&effect)) remembered = r->signed_in;
    CHECK(remembered);

    REQUIRE(ui.click("Sign out", Role::button));
    CHECK(last_request(ui).request.path == "/oauth/revoke");
    CHECK(ui.state.session.access_token.empty());
    CHECK(ui.has("Sign in", Role::button));
}

TEST_CASE("a lost connection while signing in says so and keeps what was typed") {
    HeadlessUi ui(test_state());
    REQUIRE(ui.click("Sign in", Role::button));
    REQUIRE(ui.click("With a password", Role::button));
    const ui::Item* password = ui.find("Password", Role::textbox);
    REQUIRE(password != nullptr);
    CHECK(password->input_type == "password");
    CHECK(password->autocomplete == "current-password");
    REQUIRE(ui.type("Email", "ana@demo.store"));
    REQUIRE(ui.type("Password", "demo-password-1"));
    REQUIRE(ui.click("Sign in", Role::button));
    answer(ui, 0, "");
    CHECK(ui.has("No connection to VTEX Support. Check your internet connection and try again; what you typed is kept.",
                 Role::status));
    CHECK(ui.find("Email", Role::textbox)->value == "ana@demo.store");
    CHECK(ui.state.sign_in.password == "demo-password-1");
}

TEST_CASE("a browser that had a session signs in silently at start; one that had none asks nothing") {
    {
        HeadlessUi ui(test_state());
        for (auto& effect : app::update(ui.state, app::AppStarted{})) ui.effects.push_back(effect);
        CHECK(ui.effects.empty());
        CHECK(ui.state.session.status == app::SessionStatus::signed_out);
    }
    app::AppState state = test_state();
    state.environment.had_session = true;
    HeadlessUi ui(std::move(state));
    for (auto& effect : app::update(ui.state, app::AppStarted{})) ui.effects.push_back(effect);
    REQUIRE(last_request(ui).request.path == "/oauth/token");
    CHECK(last_request(ui).request.body == "grant_type=refresh_token");
    ui.frame();
    CHECK(ui.has("Checking your sign-in\xE2\x80\xA6"));
    answer(ui, 400, R"({"error":"invalid_grant","message":"Your session has expired. Sign in again."})");
    CHECK(ui.state.session.status == app::SessionStatus::signed_out);
    CHECK(ui.has("Sign in", Role::button));
}

TEST_CASE("the resource a member lacks is named as the server is configured, in the reader's language") {
    app::AppState state = test_state();
    state.lang = "pt";
    state.session.status = app::SessionStatus::checking;
    state.session.access_token = "token";
    state.in_flight[7] = app::InFlight{app::RequestPurpose::me};
    app::update(state, app::HttpResponded{7, 200, R"({"user":{"id":"u2","email":"bruno@demo.store","name":"Bruno"},
        "ticket_resource":{"product":"Help Desk","resource":"Create Case"},
        "accounts":[{"id":"lojadaana","name":"Loja da Ana","region":"brazil","resources":[],"can_open_tickets":false}]})"});
    REQUIRE(state.session.status == app::SessionStatus::signed_in);
    state.screen = app::Screen::new_ticket;
    HeadlessUi ui(std::move(state));
    ui.frames(2);
    bool named = false;
    for (const ui::Item& item : ui.items())
        named = named || (item.label.find("“Create Case”") != std::string::npos &&
                          item.label.find("“Help Desk”") != std::string::npos);
    CHECK(named);
    for (auto& effect : app::update(ui.state, app::SubmitClicked{})) ui.effects.push_back(effect);
    CHECK(core::render("pt", ui.state.form.submit_error).find("“Create Case”") != std::string::npos);
}
