// What the screens' last touches promise: My requests of every account merged by last activity, the
// exact time behind "2 h ago" for the keyboard and the mirror, toasts for passing confirmations, a new
// ticket whose kind is chosen by the reader, and a phone row's title in two lines.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "app/tickets.hpp"
#include "app/tickets/common.hpp"
#include "app/ui/mirror_json.hpp"
#include "app/ui/text_layout.hpp"
#include "app/update.hpp"
#include "fixtures.hpp"
#include "headless_ui.hpp"
#include "imgui.h"
#include "tickets_fixtures.hpp"

namespace {

std::vector<app::HttpRequest> requests_in(const app::Effects& effects) {
    std::vector<app::HttpRequest> out;
    for (const app::Effect& e : effects)
        if (const auto* http = std::get_if<app::HttpRequest>(&e)) out.push_back(*http);
    return out;
}

// A page of `account`'s tickets: each {id, number, updated_at (ISO)}.
struct Row {
    const char* id;
    int number;
    const char* updated;
};
std::string page(const char* account, std::vector<Row> rows, const char* next) {
    std::string out = R"({"tickets":[)";
    for (size_t i = 0; i < rows.size(); ++i) {
        if (i) out += ",";
        out += std::string(R"({"id":")") + rows[i].id + R"(","number":)" + std::to_string(rows[i].number) +
               R"(,"account":")" + account + R"(","kind":"question","title":"T )" + rows[i].id +
               R"(","status":"open","priority":"normal","opened_at":"2026-11-01T10:00:00Z",)"
               R"("due_at":"2026-11-30T14:00:00Z","updated_at":")" + rows[i].updated + R"("})";
    }
    out += std::string(R"(],"next_cursor":)") + (next ? std::string("\"") + next + "\"" : std::string("null")) + "}";
    return out;
}

app::AppState two_accounts() {
    app::AppState state = signed_in();
    state.session.accounts.push_back(app::Account{"anashopus", "Ana Shop US", core::RegionId::us, true});
    return state;
}

std::string ids(const app::TicketList& list) {
    std::string out;
    for (const app::TicketSummary& t : list.tickets) out += (out.empty() ? "" : " ") + t.id;
    return out;
}

}  // namespace

TEST_CASE("All accounts: a page of each account, merged in one account's order, rows shown only once surely in place") {
    app::AppState state = two_accounts();
    app::update(state, app::MyRequestsOpened{});
    const auto sent = requests_in(app::update(state, app::ListScopeChosen{true}));
    REQUIRE(sent.size() == 2);
    CHECK(sent[0].request.path == "/api/accounts/lojadaana/tickets?limit=50");
    CHECK(sent[1].request.path == "/api/accounts/anashopus/tickets?limit=50");
    app::update(state, app::HttpResponded{sent[1].id, 200,
                                          page("anashopus", {{"u5", 5, "2026-11-28T10:00:00Z"}, {"u1", 1, "2026-11-05T10:00:00Z"}},
                                               nullptr)});
    CHECK(state.list.loading());  // the other account's page is still on its way
    CHECK(state.list.shown() == 2);
    app::update(state, app::HttpResponded{sent[0].id, 200,
                                          page("lojadaana", {{"b9", 9, "2026-11-25T10:00:00Z"}, {"b8", 8, "2026-11-10T10:00:00Z"}},
                                               "8")});
    CHECK_FALSE(state.list.loading());
    // The highest number first, as one account's list (u5 changed last, yet stays below b8). The Brazil
    // account has more, all of it below #8: u5 and u1 may have its tickets above them, so they wait.
    CHECK(ids(state.list) == "b9 b8 u5 u1");
    CHECK(state.list.shown() == 2);
    CHECK(app::has_more(state.list));
    const auto more = requests_in(app::update(state, app::LoadMoreClicked{}));
    REQUIRE(more.size() == 1);  // the US account gave all it has
    CHECK(more[0].request.path == "/api/accounts/lojadaana/tickets?limit=50&cursor=8");
    CHECK(state.list.shown() == 2);  // while the page comes, the rows shown stay
    app::update(state, app::HttpResponded{more[0].id, 200,
                                          page("lojadaana", {{"b7", 7, "2026-11-07T10:00:00Z"}, {"b3", 3, "2026-11-03T10:00:00Z"}},
                                               "3")});
    CHECK(ids(state.list) == "b9 b8 b7 u5 b3 u1");
    CHECK(state.list.shown() == 5);  // u1 may still have Brazil's #2 above it
    const auto last = requests_in(app::update(state, app::LoadMoreClicked{}));
    REQUIRE(last.size() == 1);
    app::update(state, app::HttpResponded{last[0].id, 200, page("lojadaana", {{"b2", 2, "2026-11-02T10:00:00Z"}}, nullptr)});
    CHECK(ids(state.list) == "b9 b8 b7 u5 b3 b2 u1");
    CHECK(state.list.shown() == 7);
    CHECK_FALSE(app::has_more(state.list));
    // Back to one account: only its tickets, from its first page.
    const auto back = requests_in(app::update(state, app::ListScopeChosen{false}));
    REQUIRE(back.size() == 1);
    CHECK(back[0].request.path == "/api/accounts/lojadaana/tickets?limit=50");
    CHECK(state.list.tickets.empty());
}

TEST_CASE("All accounts is no choice for someone with one account") {
    app::AppState state = signed_in();
    app::update(state, app::MyRequestsOpened{});
    CHECK(app::update(state, app::ListScopeChosen{true}).empty());
    CHECK_FALSE(state.list.all_accounts);
    HeadlessUi ui(my_requests_state(3));
    ui.frames(2);
    CHECK_FALSE(ui.has("All accounts", ui::Role::radio));
}

TEST_CASE("My requests drawn for all accounts: the choice beside the account, each row naming its account") {
    app::AppState state = my_requests_state(2);
    state.session.accounts.push_back(app::Account{"anashopus", "Ana Shop US", core::RegionId::us, true});
    HeadlessUi ui(std::move(state));
    ui.frames(2);
    const ui::Item* one = ui.find("Loja da Ana", ui::Role::radio);
    REQUIRE(one != nullptr);
    CHECK(one->checked);
    REQUIRE(ui.activate("All accounts", ui::Role::radio));
    ui.frames(2);
    CHECK(ui.state.list.all_accounts);
    CHECK(requests_in(ui.effects).size() >= 2);
    // The pages as they come: a row of each account, each named.
    for (const auto& sent : requests_in(ui.effects)) {
        if (sent.request.path.find("/lojadaana/tickets?") != std::string::npos)
            app::update(ui.state, app::HttpResponded{sent.id, 200, page("lojadaana", {{"t_1", 1001, "2026-11-20T10:00:00Z"}}, nullptr)});
        else if (sent.request.path.find("/anashopus/tickets?") != std::string::npos)
            app::update(ui.state, app::HttpResponded{sent.id, 200, page("anashopus", {{"t_2", 1002, "2026-11-21T10:00:00Z"}}, nullptr)});
    }
    ui.frames(2);
    CHECK(ui.has("Tickets of all your accounts.", ui::Role::text));
    CHECK(ui.has("#1001 T t_1, Loja da Ana", ui::Role::link));
    CHECK(ui.has("#1002 T t_2, Ana Shop US", ui::Role::link));
    CHECK(ui.has("2 tickets", ui::Role::status));
}

TEST_CASE("a row's last activity: its exact time is the link's description, for the keyboard and the mirror") {
    HeadlessUi ui(my_requests_state(2));
    ui.frames(2);
    const ui::Item* row = ui.find("#100000 Ticket 0", ui::Role::link);
    REQUIRE(row != nullptr);
    CHECK(row->description.rfind("Last activity ", 0) == 0);
    CHECK(row->description.size() > std::string("Last activity ").size());
    const std::string json = ui::mirror_json(ui.item_collector(), 0, {});
    CHECK(json.find("\"description\":\"" + row->description + "\"") != std::string::npos);
}

TEST_CASE("a confirmed reply and a reopen pass as toasts; the toast's timer takes it away, an older timer does not") {
    app::AppState state = on_thread("open");
    app::update(state, app::ThreadReplyChanged{"Thanks, it works now."});
    const auto sent = requests_in(app::update(state, app::ReplyClicked{}));
    REQUIRE(sent.size() == 1);
    CHECK(state.toast.text.empty());  // nothing confirmed yet
    const app::Effects answered = app::update(state, app::HttpResponded{sent[0].id, 200, thread_json("open")});
    CHECK(state.toast.text.key == "toast.reply_sent");
    const app::StartTimer* timer = find<app::StartTimer>(answered);
    REQUIRE(timer != nullptr);
    CHECK(timer->kind == app::TimerKind::toast);
    const int first = timer->version;

    app::AppState solved = on_thread("solved");
    const auto reopen = requests_in(app::update(solved, app::ReopenClicked{}));
    REQUIRE(reopen.size() == 1);
    const app::Effects reopened = app::update(solved, app::HttpResponded{reopen[0].id, 200, thread_json("open")});
    CHECK(solved.toast.text.key == "toast.reopened");
    REQUIRE(find<app::StartTimer>(reopened) != nullptr);

    // Drawn over the page as a status while the state keeps it.
    HeadlessUi ui(state);
    ui.frames(2);
    CHECK(ui.has("Reply sent", ui::Role::status));
    // A second toast came meanwhile: the first one's timer leaves it.
    app::tickets::show_toast(ui.state, core::Text::of("toast.reopened"));
    app::update(ui.state, app::TimerFired{app::TimerKind::toast, first});
    CHECK(ui.state.toast.text.key == "toast.reopened");
    app::update(ui.state, app::TimerFired{app::TimerKind::toast, ui.state.toast.version});
    CHECK(ui.state.toast.text.empty());
    ui.frames(2);
    CHECK_FALSE(ui.has("Ticket reopened", ui::Role::status));
}

TEST_CASE("new ticket: no kind chosen at first, no technical questions until one is; the kind is required") {
    app::AppState state = signed_in();
    state.screen = app::Screen::new_ticket;
    CHECK_FALSE(state.form.kind_chosen);
    HeadlessUi ui(std::move(state));
    ui.frames(2);
    for (const ui::Item& item : ui.items())
        if (item.role == ui::Role::radio && item.group == "kind") CHECK_FALSE(item.checked);
    CHECK_FALSE(ui.has("Environment", ui::Role::text));
    // No priority shown as a fact for a kind nobody chose.
    const char* after_kind = "Choose what you need to see the ticket's priority and when support will answer.";
    CHECK(ui.has(after_kind, ui::Role::status));
    app::update(ui.state, app::FormFieldChanged{app::FormField::title, "Checkout fails"});
    app::update(ui.state, app::FormFieldChanged{app::FormField::description, "Every order fails at payment."});
    const app::Effects refused = app::update(ui.state, app::SubmitClicked{});
    CHECK(requests_in(refused).empty());
    ui.frames(2);
    CHECK(ui.has("Choose what you need.", ui::Role::status));
    REQUIRE(ui.activate("Setup request", ui::Role::radio));
    ui.frames(2);
    CHECK(ui.state.form.kind_chosen);
    CHECK(ui.has("Environment", ui::Role::text));
    CHECK_FALSE(ui.has("Choose what you need.", ui::Role::status));
    CHECK_FALSE(ui.has(after_kind, ui::Role::status));
}

TEST_CASE("a saved draft restores its kind, and a draft without one restores none") {
    app::AppState state = signed_in();
    const app::Effects saved = app::update(state, app::FormChoice{.kind = core::RequestKind::setup});
    const app::SaveDraft* draft = find<app::SaveDraft>(saved);
    REQUIRE(draft != nullptr);
    const app::TicketForm restored = app::tickets::parse_draft(draft->text);
    CHECK(restored.kind_chosen);
    CHECK(restored.fields.kind == core::RequestKind::setup);

    app::AppState fresh = signed_in();
    const app::Effects typed = app::update(fresh, app::FormFieldChanged{app::FormField::title, "Only a title"});
    const app::SaveDraft* unchosen = find<app::SaveDraft>(typed);
    REQUIRE(unchosen != nullptr);
    CHECK_FALSE(app::tickets::parse_draft(unchosen->text).kind_chosen);
    CHECK(app::tickets::parse_draft(unchosen->text).fields.title == "Only a title");
}

TEST_CASE("a long title in two lines, the second ending in an ellipsis; a short one as it is") {
    const auto unit = [](char32_t) { return 1.0f; };
    using Lines = std::vector<std::string>;
    CHECK(ui::clamp_lines("Checkout fails", 20, 2, unit) == Lines{"Checkout fails"});
    CHECK(ui::clamp_lines("Checkout fails on every order", 16, 2, unit) == Lines{"Checkout fails", "on every order"});
    CHECK(ui::clamp_lines("Checkout fails on every order paid by card", 16, 2, unit) ==
          Lines{"Checkout fails", "on every order\xE2\x80\xA6"});
    CHECK(ui::clamp_lines("Checkout\nfails", 20, 2, unit) == Lines{"Checkout fails"});
}

TEST_CASE("a phone's row with a long title is drawn within the display") {
    app::AppState state = my_requests_state(1);
    state.list.tickets[0].title = "The checkout fails on every order paid by card since the last deploy of the store";
    HeadlessUi ui(std::move(state));
    ImGui::GetIO().DisplaySize = ImVec2(390, 844);
    ui.frames(3);
    const ui::Item* row = ui.find("#100000 " + ui.state.list.tickets[0].title, ui::Role::link);
    REQUIRE(row != nullptr);
    CHECK(row->x + row->w <= 390);
    ImGui::GetIO().DisplaySize = ImVec2(1280, 800);
}
