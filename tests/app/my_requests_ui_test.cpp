// My requests drawn headless: ten thousand tickets give only the rows in view (list clipping), and a
// row opens its ticket.
#include <doctest/doctest.h>

#include "app/update.hpp"
#include "headless_ui.hpp"

namespace {

app::AppState with_tickets(int count) {
    app::AppState state = app::initial_state();
    state.session.status = app::SessionStatus::signed_in;
    state.session.email = "ana@demo.store";
    state.session.accounts = {app::Account{"lojadaana", "Loja da Ana", core::RegionId::brazil, true}};
    state.session.account_id = "lojadaana";
    state.screen = app::Screen::my_requests;
    state.list.account = "lojadaana";
    for (int i = 0; i < count; ++i)
        state.list.tickets.push_back(app::TicketSummary{"t_" + std::to_string(i), "Ticket " + std::to_string(i), "open",
                                                        "normal", "question", 100000 - i, 0, 0, 0});
    state.list.next_cursor = "90001";
    return state;
}

}  // namespace

TEST_CASE("ten thousand tickets: only the rows in view are drawn; a row opens its ticket") {
    HeadlessUi ui(with_tickets(10000));
    ui.frames(3);
    CHECK(ui.has("10000+ tickets", ui::Role::status));
    CHECK(ui.has("#100000 Ticket 0", ui::Role::link));
    int rows = 0;
    for (const ui::Item& item : ui.items()) rows += item.role == ui::Role::link;
    CHECK(rows > 3);
    CHECK(rows < 60);
    CHECK_FALSE(ui.has("#90001 Ticket 9999", ui::Role::link));
    REQUIRE(ui.activate("#100000 Ticket 0", ui::Role::link));
    ui.frames(2);
    CHECK(ui.state.screen == app::Screen::ticket);
    CHECK(ui.state.thread.id == "t_0");
}
