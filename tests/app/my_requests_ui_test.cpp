// My requests and a ticket's thread drawn headless: ten thousand tickets give only the rows in view
// (list clipping), a row opens its ticket, and the thread shows who answered and what was asked.
#include <doctest/doctest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "app/tickets.hpp"
#include "app/ui/widgets.hpp"
#include "app/update.hpp"
#include "fixtures.hpp"
#include "headless_ui.hpp"
#include "imgui.h"

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

TEST_CASE("each row is one link as wide as the list; a changed ticket gets new words") {
    HeadlessUi ui(my_requests_state(20));
    ui.frames(2);
    const ui::Item* link = ui.find("#100000 Ticket 0", ui::Role::link);
    REQUIRE(link != nullptr);
    CHECK(link->href == "#/tickets/t_0");
    // The whole row: from the column's left edge to its right edge, on a 1280 px screen.
    CHECK(link->w > 900);
    CHECK(link->x + link->w <= 1280);
    // The ticket changed meanwhile: its row says what it is now.
    ui.state.list.tickets[0].title = "Ticket zero, renamed";
    ui.frames(2);
    CHECK(ui.has("#100000 Ticket zero, renamed", ui::Role::link));
    CHECK_FALSE(ui.has("#100000 Ticket 0", ui::Role::link));
}

TEST_CASE("someone with two accounts switches My requests between them; one account shows no choice") {
    HeadlessUi single(my_requests_state(3));
    single.frames(2);
    for (const ui::Item& item : single.items()) CHECK(item.label.rfind("Store account:", 0) != 0);

    app::AppState state = my_requests_state(3);
    state.session.accounts.push_back(app::Account{"anashopus", "Ana Shop US", core::RegionId::us, true});
    HeadlessUi ui(std::move(state));
    ui.frames(2);
    CHECK(ui.has("Tickets of Loja da Ana.", ui::Role::text));
    // The switcher in the top bar names the chosen account; it opens the list of accounts.
    REQUIRE(ui.click("Store account: Loja da Ana \xC2\xB7 Brazil", ui::Role::button));
    const ui::Item* chosen = ui.find("Loja da Ana \xC2\xB7 Brazil", ui::Role::radio);
    REQUIRE(chosen != nullptr);
    CHECK(chosen->checked);
    REQUIRE(ui.activate("Ana Shop US \xC2\xB7 US", ui::Role::radio));
    ui.frames(2);
    CHECK(ui.state.session.account_id == "anashopus");
    CHECK(ui.state.menu == app::Menu::none);  // the menu did its work
    CHECK(ui.state.screen == app::Screen::my_requests);
    CHECK(ui.state.region == core::RegionId::us);
    // The other account's list is asked for (its own tickets, never the first account's).
    bool asked = false;
    for (const app::Effect& effect : ui.effects)
        if (const auto* http = std::get_if<app::HttpRequest>(&effect))
            asked = asked || http->request.path.rfind("/api/accounts/anashopus/tickets", 0) == 0;
    CHECK(asked);
    CHECK(ui.has("Tickets of Ana Shop US.", ui::Role::text));
}

TEST_CASE("a reply by a named agent carries the name and the team; one by the team alone, the team's name once") {
    app::AppState state = signed_in_state();
    state.screen = app::Screen::ticket;
    state.thread.id = "t_1";
    state.thread.summary = ticket("t_1", "Checkout down", core::TicketStatus::awaiting_reply, core::Priority::high, 42);
    state.thread.comments = {comment("Marta", core::CommentRole::agent, "Which order fails?", 1795800000),
                             comment("", core::CommentRole::agent, "Anything else?", 1795800100),
                             comment("Ana", core::CommentRole::requester, "Order 123.", 1795800200)};
    HeadlessUi ui(std::move(state));
    ui.frames(2);
    std::vector<std::string> authors;
    for (const ui::Item& item : ui.items())
        if (item.label.find(" \xC2\xB7 ") != std::string::npos)
            authors.push_back(item.label.substr(0, item.label.find(" \xC2\xB7 ")));
    CHECK(std::count(authors.begin(), authors.end(), "Marta (VTEX Support)") == 1);
    CHECK(std::count(authors.begin(), authors.end(), "VTEX Support") == 1);
    CHECK(std::count(authors.begin(), authors.end(), "Ana") == 1);
    // Support has answered: the deadline gives way to when it did (Marta's reply, the first).
    const std::string marta = "Marta (VTEX Support) \xC2\xB7 ";
    std::string answered_at, facts;
    for (const ui::Item& item : ui.items()) {
        if (item.label.rfind(marta, 0) == 0) answered_at = item.label.substr(marta.size());
        if (item.label.rfind("Priority High \xC2\xB7 opened ", 0) == 0) facts = item.label;
    }
    REQUIRE_FALSE(answered_at.empty());
    CHECK(facts.find("support first answered " + answered_at) != std::string::npos);
    CHECK(facts.find("first response by") == std::string::npos);
    REQUIRE(ui.pick_language("Portugu\xC3\xAAs"));
    ui.frames(2);
    bool team = false;
    for (const ui::Item& item : ui.items()) team = team || item.label.rfind("Suporte VTEX \xC2\xB7 ", 0) == 0;
    CHECK(team);
}

TEST_CASE("until support answers, a ticket shows its first-response deadline") {
    app::AppState state = signed_in_state();
    state.screen = app::Screen::ticket;
    state.thread.id = "t_1";
    state.thread.summary = ticket("t_1", "Checkout down", core::TicketStatus::open, core::Priority::high, 42);
    state.thread.summary.updated_at = 1795798800;
    state.thread.comments = {comment("Ana", core::CommentRole::requester, "More details.", 1795800200)};
    HeadlessUi ui(std::move(state));
    ui.frames(2);
    bool deadline = false;
    for (const ui::Item& item : ui.items())
        deadline = deadline || (item.label.rfind("Priority High \xC2\xB7 opened ", 0) == 0 &&
                                item.label.find("first response by") != std::string::npos);
    CHECK(deadline);
}

TEST_CASE("a ticket's thread shows what it was opened with: kind, who and what it affects, where, agency and copies") {
    app::AppState state = signed_in_state();
    const app::Effects opened = app::tickets::open_ticket(state, "t_7");
    const app::HttpRequest* get = find<app::HttpRequest>(opened);
    REQUIRE(get != nullptr);
    app::update(state, app::HttpResponded{get->id, 200,
        R"({"id":"t_7","number":1007,"account":"lojadaana","kind":"incident","title":"Checkout down",)"
        R"("status":"open","priority":"urgent","opened_at":"2026-11-27T17:00:00Z","updated_at":"2026-11-27T17:00:00Z","due_at":"2026-11-27T18:00:00Z",)"
        R"("description":"Every order fails.","users":"buyers","impact":"critical","environment":"production",)"
        R"("experience":"advanced","agency":"Acme Partners","cc":["ops@ana.shop","cto@ana.shop"],"comments":[]})"});
    REQUIRE(state.screen == app::Screen::ticket);
    HeadlessUi ui(std::move(state));
    ui.frames(2);
    CHECK(ui.has("Unexpected behaviour \xC2\xB7 Affects: Buyers \xC2\xB7 Impact: Critical resources"));
    CHECK(ui.has("Environment: Production \xC2\xB7 Experience level: Advanced"));
    CHECK(ui.has("Agency: Acme Partners"));
    CHECK(ui.has("Copied: ops@ana.shop, cto@ana.shop"));
    CHECK(ui.has("Every order fails."));
    REQUIRE(ui.pick_language("Portugu\xC3\xAAs"));
    ui.frames(2);
    CHECK(ui.has("Comportamento inesperado \xC2\xB7 Afeta: Compradores \xC2\xB7 Impacto: Recursos cr\xC3\xADticos"));

    // A question without the incident's answers shows its kind alone; no empty lines for the rest.
    app::AppState other = signed_in_state();
    const app::Effects again = app::tickets::open_ticket(other, "t_8");
    get = find<app::HttpRequest>(again);
    REQUIRE(get != nullptr);
    app::update(other, app::HttpResponded{get->id, 200,
        R"({"id":"t_8","number":1008,"account":"lojadaana","kind":"question","title":"Where is the invoice?",)"
        R"("status":"open","priority":"low","opened_at":"2026-11-27T17:00:00Z","updated_at":"2026-11-27T17:00:00Z","due_at":"2026-11-30T18:00:00Z",)"
        R"("description":"Which menu?","users":null,"impact":null,"environment":null,"experience":null,"agency":"","cc":[],"comments":[]})"});
    HeadlessUi question(std::move(other));
    question.frames(2);
    CHECK(question.has("Question"));
    for (const ui::Item& item : question.items()) {
        CHECK(item.label.rfind("Agency:", 0) != 0);
        CHECK(item.label.rfind("Copied:", 0) != 0);
        CHECK(item.label.rfind("Environment:", 0) != 0);
    }
}

TEST_CASE("a row's words copied from their laid-out glyphs draw exactly what Dear ImGui's AddText draws") {
    HeadlessUi ui(my_requests_state(3));
    ui.frames(1);  // the context now has its font and sizes
    auto draw_list = [] {
        auto list = std::make_unique<ImDrawList>(ImGui::GetDrawListSharedData());
        list->_ResetForNewFrame();
        list->PushClipRectFullScreen();
        list->PushTextureID(ImGui::GetIO().Fonts->TexID);
        return list;
    };
    const ImU32 colour = IM_COL32(89, 94, 107, 255), hovered = IM_COL32(10, 80, 200, 255);
    const ImVec2 at(48.6f, 371.25f);
    for (const std::string& text : {std::string("#1001 Checkout fails"),
                                   std::string("Aguardando sua resposta \xC2\xB7 Urgente \xC2\xB7 a\xC3\xA7\xC3\xA3o at\xC3\xA9 30 de nov."),
                                   std::string("two\nlines"), std::string("tab\there, \xE2\x9C\x93 and \xE2\x86\x92")}) {
        CAPTURE(text);
        auto expected = draw_list();
        expected->AddText(at, colour, text.data(), text.data() + text.size());
        const int n = expected->VtxBuffer.Size, indices = expected->IdxBuffer.Size;
        REQUIRE(n > 0);
        // `list` holds, from its vertex `first` on, what AddText drew, `dy` lower and in `col`.
        auto check = [&](const ImDrawList& list, int first, float dy, ImU32 col) {
            REQUIRE(list.VtxBuffer.Size >= first + n);
            for (int i = 0; i < n; ++i) {
                const ImDrawVert& a = expected->VtxBuffer[i];
                const ImDrawVert& b = list.VtxBuffer[first + i];
                CHECK(b.pos.x == doctest::Approx(a.pos.x).epsilon(1e-6));
                CHECK(b.pos.y == doctest::Approx(a.pos.y + dy).epsilon(1e-6));
                CHECK(b.uv.x == a.uv.x);
                CHECK(b.uv.y == a.uv.y);
                CHECK(b.col == col);
            }
            const int first_index = first / 4 * 6;
            REQUIRE(list.IdxBuffer.Size >= first_index + indices);
            for (int i = 0; i < indices; ++i) CHECK(list.IdxBuffer[first_index + i] == expected->IdxBuffer[i] + first);
        };
        ui::MeasuredText words(text);
        auto copied = draw_list();
        words.draw(*copied, at, colour);
        words.draw(*copied, ImVec2(at.x, at.y + 400.0f), colour);  // from the glyphs kept, elsewhere
        REQUIRE(copied->VtxBuffer.Size == 2 * n);
        REQUIRE(copied->IdxBuffer.Size == 2 * indices);
        check(*copied, 0, 0, colour);
        check(*copied, n, 400.0f, colour);
        // The next frame: the same place (the vertices and indices written last time, copied whole),
        // then the same place in another colour (the pointer over a link).
        for (const ImU32 col : {colour, colour, hovered}) {
            auto again = draw_list();
            words.draw(*again, ImVec2(at.x, at.y + 400.0f), col);
            REQUIRE(again->VtxBuffer.Size == n);
            check(*again, 0, 400.0f, col);
        }
    }
}

TEST_CASE("a row's words cut at its column's edge draw what AddText draws with that fine clip rectangle") {
    HeadlessUi ui(my_requests_state(3));
    ui.frames(1);
    auto draw_list = [] {
        auto list = std::make_unique<ImDrawList>(ImGui::GetDrawListSharedData());
        list->_ResetForNewFrame();
        list->PushClipRectFullScreen();
        list->PushTextureID(ImGui::GetIO().Fonts->TexID);
        return list;
    };
    const ImU32 colour = IM_COL32(20, 20, 20, 255);
    const ImVec2 at(48.0f, 120.0f);
    const std::string text = "#1001 Checkout fails at the payment step on every store";
    for (const float room : {0.0f, 3.5f, 61.25f, 150.0f, 5000.0f}) {
        CAPTURE(room);
        const ImVec4 clip(-8192.0f, -8192.0f, at.x + room, 8192.0f);
        auto expected = draw_list();
        expected->AddText(ImGui::GetFont(), ImGui::GetFontSize(), at, colour, text.data(), text.data() + text.size(), 0,
                          &clip);
        ui::MeasuredText words(text);
        auto cut = draw_list();
        words.draw(*cut, at, colour, at.x + room);
        // Drawn again where it was (vertices and indices kept), then cut elsewhere.
        words.draw(*cut, at, colour, at.x + room);
        REQUIRE(cut->VtxBuffer.Size == 2 * expected->VtxBuffer.Size);
        REQUIRE(cut->IdxBuffer.Size == 2 * expected->IdxBuffer.Size);
        const int n = expected->VtxBuffer.Size;
        for (int copy = 0; copy < 2; ++copy)
            for (int i = 0; i < n; ++i) {
                const ImDrawVert& a = expected->VtxBuffer[i];
                const ImDrawVert& b = cut->VtxBuffer[copy * n + i];
                CHECK(b.pos.x == doctest::Approx(a.pos.x).epsilon(1e-6));
                CHECK(b.pos.y == doctest::Approx(a.pos.y).epsilon(1e-6));
                CHECK(b.uv.x == doctest::Approx(a.uv.x).epsilon(1e-6));
                CHECK(b.uv.y == a.uv.y);
                if (i < expected->IdxBuffer.Size) CHECK(cut->IdxBuffer[copy * expected->IdxBuffer.Size + i] ==
                                                        expected->IdxBuffer[i] + copy * n);
            }
        if (room < 200) CHECK(n < 4 * static_cast<int>(text.size()) - 4 * 8);  // something was cut
    }
}

// Each draw call is a scissor and a drawElements in the browser: rows drawn into the window's own
// commands cost vertices, not calls, so a screen of rows is drawn in as many calls as a single row.
TEST_CASE("My requests: the rows in view add no draw call") {
    auto commands = [](int tickets) {
        HeadlessUi ui(my_requests_state(tickets));
        ui.frames(3);
        const ImDrawData* data = ImGui::GetDrawData();
        REQUIRE(data != nullptr);
        int count = 0;
        for (int i = 0; i < data->CmdListsCount; ++i) count += data->CmdLists[i]->CmdBuffer.Size;
        return count;
    };
    CHECK(commands(50) == commands(1));
}

TEST_CASE("items recycled from frame to frame keep nothing of what they described before") {
    // A collector that drew My requests (links with titles and targets), then other screens, describes
    // each screen exactly as one that never drew anything else. (One HeadlessUi at a time: they share
    // the fonts.)
    std::vector<app::AppState> states;
    for (app::Screen screen : {app::Screen::new_ticket, app::Screen::help_center, app::Screen::my_requests}) {
        app::AppState state = my_requests_state(screen == app::Screen::my_requests ? 3 : 40);
        state.screen = screen;
        states.push_back(state);
    }
    std::vector<std::vector<ui::Item>> expected;
    for (const app::AppState& state : states) {
        HeadlessUi fresh(state);
        fresh.frames(3);
        expected.push_back(fresh.items());
    }
    HeadlessUi recycled(my_requests_state(40));
    recycled.frames(3);
    for (size_t s = 0; s < states.size(); ++s) {
        CAPTURE(s);
        recycled.state = states[s];
        recycled.frames(3);
        REQUIRE(expected[s].size() > 5);
        REQUIRE(recycled.items().size() == expected[s].size());
        for (size_t i = 0; i < expected[s].size(); ++i) {
            CAPTURE(expected[s][i].label);
            CHECK(recycled.items()[i] == expected[s][i]);
        }
    }
}

TEST_CASE("My requests: a page answering an older filter is dropped") {
    app::AppState state = signed_in_state();
    app::tickets::session_ready(state);
    auto first = app::update(state, app::MyRequestsOpened{});
    const app::HttpRequest* all = find<app::HttpRequest>(first);
    REQUIRE(all != nullptr);
    auto second = app::update(state, app::ListFilterChosen{core::TicketStatus::solved});
    const app::HttpRequest* solved = find<app::HttpRequest>(second);
    REQUIRE(solved != nullptr);
    CHECK(solved->request.path == "/api/accounts/lojadaana/tickets?limit=50&status=solved");
    const char* page = R"({"tickets":[{"id":"t_1","number":1001,"account":"lojadaana","kind":"question","title":"a",)"
                       R"("status":"solved","priority":"normal","opened_at":"2026-11-27T17:00:00Z",)"
                       R"("due_at":"2026-11-30T14:00:00Z","updated_at":"2026-11-27T17:00:00Z"}],"next_cursor":"1001"})";
    const char* stale = R"({"tickets":[{"id":"t_9","number":1009,"account":"lojadaana","kind":"question","title":"b",)"
                        R"("status":"open","priority":"normal","opened_at":"2026-11-27T17:00:00Z",)"
                        R"("due_at":"2026-11-30T14:00:00Z","updated_at":"2026-11-27T17:00:00Z"}],"next_cursor":null})";
    app::update(state, app::HttpResponded{all->id, 200, stale});
    CHECK(state.list.tickets.empty());
    CHECK(state.list.loading());
    app::update(state, app::HttpResponded{solved->id, 200, page});
    REQUIRE(state.list.tickets.size() == 1);
    CHECK(state.list.next_cursor == "1001");
    auto more = app::update(state, app::LoadMoreClicked{});
    REQUIRE(find<app::HttpRequest>(more) != nullptr);
    CHECK(find<app::HttpRequest>(more)->request.path ==
          "/api/accounts/lojadaana/tickets?limit=50&status=solved&cursor=1001");
}
