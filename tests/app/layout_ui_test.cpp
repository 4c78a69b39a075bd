// The shell and the screens at a phone's width and a monitor's: nothing reaches past the display (no
// sideways scrolling), the layout follows the width, and a member without the resource gets no form.
#include <doctest/doctest.h>

#include <string>

#include "app/tickets.hpp"
#include "app/ui/mirror_json.hpp"
#include "app/update.hpp"
#include "fixtures.hpp"
#include "headless_ui.hpp"
#include "imgui.h"

namespace {

// Every item's rectangle lies within the display's width (a little slack for rounding).
std::string first_outside(const HeadlessUi& ui, float width) {
    for (const ui::Item& item : ui.items())
        if (item.x < -0.5f || item.x + item.w > width + 0.5f) return item.label + " (" + std::to_string(item.x) + "+" + std::to_string(item.w) + ")";
    return {};
}

app::AppState form_state() {
    app::AppState state = signed_in_state();
    app::tickets::open_new(state);
    app::update(state, app::FormChoice{.kind = core::RequestKind::incident});
    return state;
}

void at_width(HeadlessUi& ui, float width, float height = 844) {
    ImGui::GetIO().DisplaySize = ImVec2(width, height);
    ui.frames(3);
}

}  // namespace

TEST_CASE("at 320, 390, 820, 1280 and 1920 px, in three languages, nothing on any screen reaches past the display") {
    for (const char* lang : {"en", "es", "pt"}) {
        for (float width : {320.0f, 390.0f, 820.0f, 1280.0f, 1920.0f}) {
            for (app::Screen screen : {app::Screen::help_center, app::Screen::new_ticket, app::Screen::my_requests}) {
                app::AppState state = screen == app::Screen::new_ticket ? form_state()
                                      : screen == app::Screen::my_requests ? my_requests_state(5)
                                                                           : signed_in_state();
                state.screen = screen;
                state.lang = lang;
                state.session.accounts.push_back(app::Account{"anashopus", "Ana Shop US", core::RegionId::us, true});
                HeadlessUi ui(std::move(state));
                at_width(ui, width);
                CAPTURE(lang);
                CAPTURE(width);
                CAPTURE(static_cast<int>(screen));
                CHECK(first_outside(ui, width) == "");
            }
            HeadlessUi signed_out(test_state());
            signed_out.state.lang = lang;
            at_width(signed_out, width);
            CAPTURE(width);
            CHECK(first_outside(signed_out, width) == "");
        }
    }
}

TEST_CASE("a phone gets the sections on a row of their own; a monitor, in the top bar") {
    HeadlessUi ui(signed_in_state());
    at_width(ui, 390);
    const ui::Item* help = ui.find("Help Center", ui::Role::tab);
    const ui::Item* requests = ui.find("My requests", ui::Role::tab);
    REQUIRE(help != nullptr);
    REQUIRE(requests != nullptr);
    CHECK(requests->x + requests->w <= 390);
    const float phone_row = help->y;
    at_width(ui, 1280, 800);
    help = ui.find("Help Center", ui::Role::tab);
    REQUIRE(help != nullptr);
    CHECK(help->y < phone_row);  // in the bar itself
    REQUIRE(ui.click("My requests", ui::Role::tab));
    CHECK(ui.state.screen == app::Screen::my_requests);
}

TEST_CASE("the priority panel stands beside the form on a wide screen and at the bottom on a phone") {
    HeadlessUi ui(form_state());
    at_width(ui, 1280, 800);
    const ui::Item* title = ui.find("Title", ui::Role::textbox);
    const ui::Item* priority = ui.find("Priority and first response", ui::Role::heading);
    REQUIRE(title != nullptr);
    REQUIRE(priority != nullptr);
    CHECK(priority->x > title->x + title->w);  // beside
    CHECK_FALSE(ui.has("Priority and deadline", ui::Role::button));
    CHECK(ui.item_collector().scroll().covered_bottom == 0);

    at_width(ui, 390, 844);
    CHECK_FALSE(ui.has("Priority and first response", ui::Role::heading));  // folded into the bar
    const ui::Item* bar = ui.find("Priority and deadline", ui::Role::button);
    REQUIRE(bar != nullptr);
    const float scroll = ui.item_collector().scroll().y;
    CHECK(bar->y + bar->h <= scroll + 844 + 0.5f);  // at the bottom of the view
    CHECK(bar->y + bar->h > scroll + 844 - 100);
    // The page is told how much of its bottom the bar covers, down to the view's edge: the browser's
    // scrolling into view (a focus, find in page) stops above it.
    const float covered = ui.item_collector().scroll().covered_bottom;
    CHECK(covered > bar->h);       // the button and the line above it
    CHECK(covered < 844.0f / 4);  // folded, a bar, not a sheet
    CHECK(ui::mirror_json(ui.item_collector(), 0, {}).find("\"covered\":") != std::string::npos);
    REQUIRE(ui.click("Priority and deadline", ui::Role::button));
    ui.frames(2);
    CHECK(ui.state.summary_open);
    CHECK(ui.has("Priority and first response", ui::Role::heading));
}

TEST_CASE("a member without the Open Support Ticket resource sees the alert naming it, and no field to fill") {
    app::AppState state = form_state();
    state.session.accounts[0].can_open_tickets = false;
    HeadlessUi ui(std::move(state));
    ui.frames(2);
    bool names_it = false, fields = false, submit = false;
    for (const ui::Item& item : ui.items()) {
        names_it = names_it || item.label.find("Open Support Ticket") != std::string::npos;
        fields = fields || item.role == ui::Role::textbox || item.role == ui::Role::radio;
        submit = submit || item.label == "Submit ticket";
    }
    CHECK(names_it);
    CHECK_FALSE(fields);
    CHECK_FALSE(submit);
}

TEST_CASE("the host page's language puts the portal's own language choice aside") {
    HeadlessUi ui(test_state());
    ui.frames(2);
    CHECK(ui.has("Portugu\xC3\xAAs", ui::Role::button));
    ui.state.menu = app::Menu::none;
    app::update(ui.state, app::LocaleChosen{"pt-BR", true});
    ui.frames(2);
    CHECK(ui.state.lang == "pt");
    CHECK_FALSE(ui.has("Portugu\xC3\xAAs", ui::Role::button));
    CHECK_FALSE(ui.has("Espa\xC3\xB1ol", ui::Role::button));
    // The language the page found at start is not the host's: the choice stays.
    HeadlessUi own(test_state());
    app::update(own.state, app::LocaleChosen{"es", false});
    own.frames(2);
    CHECK(own.has("Portugu\xC3\xAAs", ui::Role::button));
}
