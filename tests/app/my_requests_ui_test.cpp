// My requests drawn headless: ten thousand tickets give only the rows in view (list clipping), and a
// row opens its ticket.
#include <doctest/doctest.h>

#include "fixtures.hpp"
#include "headless_ui.hpp"

TEST_CASE("ten thousand tickets: only the rows in view are drawn; a row opens its ticket") {
    app::AppState state = my_requests_state(10000);
    state.list.next_cursor = "90001";
    HeadlessUi ui(std::move(state));
    ui.frames(3);
    CHECK(ui.has("10,000+ tickets", ui::Role::status));
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
