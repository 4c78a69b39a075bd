#include <doctest/doctest.h>

#include "fixtures.hpp"
#include "app/update.hpp"
#include "core/time_zone.hpp"
#include "headless_ui.hpp"

using ui::Role;

namespace {

// A Friday evening in Sao Paulo (2026-03-06 19:15 local), seen by a user in New York.
HeadlessUi preview_ui() {
    app::AppState state = test_state();
    REQUIRE(state.regions_error.empty());
    state.now = *core::parse_rfc3339("2026-03-06T22:15:00Z");
    const core::TimeZone* ny = core::find_time_zone("America/New_York");
    state.environment.clock = app::read_user_clock("America/New_York", [ny](core::UtcSeconds t) { return ny->offset_at(t); },
                                                   state.now - 86'400, state.now + 400 * 86'400);
    return HeadlessUi(std::move(state));
}

bool has_status_starting(const HeadlessUi& ui, std::string_view prefix) {
    for (const ui::Item& item : ui.items())
        if (item.role == Role::status && item.label.rfind(prefix, 0) == 0) return true;
    return false;
}

// Answers "unexpected behaviour" for `users` on `impact` resources, after choosing `region`.
void answer_incident(HeadlessUi& ui, const char* region, const char* users, const char* impact) {
    REQUIRE(ui.click(region, Role::button));
    REQUIRE(ui.click("Unexpected behaviour", Role::radio));
    REQUIRE(ui.click(users, Role::radio));
    REQUIRE(ui.click(impact, Role::radio));
}

std::string status_starting(const HeadlessUi& ui, std::string_view prefix) {
    for (const ui::Item& item : ui.items())
        if (item.role == Role::status && item.label.rfind(prefix, 0) == 0) return item.label;
    return "";
}

}  // namespace

TEST_CASE("a question is Low; the deadline needs a region") {
    HeadlessUi ui = preview_ui();
    const ui::Item* question = ui.find("Question", Role::radio);
    REQUIRE(question != nullptr);
    CHECK(question->checked);
    CHECK(question->group == "kind");
    CHECK(ui.has("Priority: Low", Role::status));
    CHECK(ui.has("Choose your store's region to see when support will answer.", Role::status));
    CHECK_FALSE(ui.has("Buyers", Role::radio));  // asked only for unexpected behaviour
}

TEST_CASE("answering incident, buyers, important gives High, and the deadline in both zones") {
    HeadlessUi ui = preview_ui();
    REQUIRE(ui.click("Brazil", Role::button));
    REQUIRE(ui.click("Unexpected behaviour", Role::radio));
    CHECK(ui.has("Choose who is affected to see the priority.", Role::status));
    REQUIRE(ui.click("Buyers", Role::radio));
    CHECK(ui.has("Choose what the problem affects to see its priority.", Role::status));
    REQUIRE(ui.click("Important resources", Role::radio));
    CHECK(ui.has("Priority: High", Role::status));
    // Brazil High: 8 business hours from Monday 09:00 in Sao Paulo = Monday 17:00 there, 16:00 in New York
    // (the 12-hour clock of American English, the portal's English when the browser names no region).
    CHECK(status_starting(ui, "First response by") == "First response by Mon, Mar 9, 4:00 PM your time (America/New_York)");
    CHECK(ui.has("Mon, Mar 9, 5:00 PM team time (America/Sao_Paulo)", Role::text));
    CHECK(ui.has("Team closed now; opens Mon, Mar 9, 8:00 AM your time", Role::text));
    CHECK(ui.has("Time left: 2 d 21 h", Role::text));
    // A British reader reads the 24-hour clock.
    app::update(ui.state, app::LocaleChosen{"en-GB"});
    ui.frames(2);
    CHECK(status_starting(ui, "First response by") == "First response by Mon, Mar 9, 16:00 your time (America/New_York)");
    CHECK(ui.has("Mon, Mar 9, 17:00 team time (America/Sao_Paulo)", Role::text));
}

TEST_CASE("changing the impact changes priority and deadline in the same displayed frame") {
    HeadlessUi ui = preview_ui();
    answer_incident(ui, "US", "Buyers", "Important resources");
    CHECK(ui.has("Priority: High", Role::status));
    // US High: one business hour; at 17:15 on Friday the New York team is open until 19:00.
    CHECK(status_starting(ui, "First response by") == "First response by Fri, Mar 6, 6:15 PM your time (America/New_York)");
    CHECK(ui.has("Team open now, until 7:00 PM team time", Role::text));

    const ui::Item* critical = ui.find("Critical resources", Role::radio);
    REQUIRE(critical != nullptr);
    ui.click_once(*critical);
    CHECK(has_status_starting(ui, "Priority: Urgent"));
    // US Urgent is served around the clock: 20 minutes after 17:15 Friday New York time.
    CHECK(status_starting(ui, "First response by") == "First response by Fri, Mar 6, 5:35 PM your time (America/New_York)");
    CHECK(ui.has("Urgent tickets are served around the clock in US.", Role::text));
    CHECK(ui.has("Urgent means", Role::heading));
}

TEST_CASE("a keyboard choice (the page's activation) changes the answer too") {
    HeadlessUi ui = preview_ui();
    REQUIRE(ui.activate("Financial request", Role::radio));
    CHECK(ui.state.answers.kind == core::RequestKind::financial);
    CHECK(ui.find("Financial request", Role::radio)->checked);
    CHECK(ui.has("Priority: Low", Role::status));
}
