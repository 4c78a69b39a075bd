// My requests: the account's tickets with a status filter, search and paging. Only the rows in view
// are drawn (list clipping), so a long list scrolls as smoothly as a short one.
#include <unordered_map>

#include "app/i18n.hpp"
#include "app/screens/screens.hpp"
#include "app/ui/widgets.hpp"
#include "imgui.h"

namespace app {

namespace {

// A row's words, formatted once per ticket and language rather than at every frame (times and labels
// in the reader's language cost more than drawing the row).
struct RowText {
    std::string lang;
    TicketSummary source;  // the ticket as it was when its words were formatted
    ui::MeasuredText heading, facts;
    std::string href;
};

RowText& row_text(const AppState& state, const TicketSummary& t) {
    static std::unordered_map<std::string, RowText> rows;
    // A row kept holds its glyphs and their copies as last drawn, so keeping every row a reader scrolls
    // past would let a long list grow the page's memory without bound. Past 500 rows the cache starts
    // again: those in view are formatted again, a few at a time.
    if (rows.size() > 500) rows.clear();
    RowText& row = rows[t.id];
    if (!row.heading.text().empty() && row.lang == state.lang && row.source == t) return row;
    row.lang = state.lang;
    row.source = t;
    row.heading = ui::MeasuredText(ticket_name(t));
    row.href = "#/tickets/" + t.id;
    row.facts = ui::MeasuredText(tr("list.row", {{"status", label_of("status.", t.status)},
                                {"priority", label_of("priority.", t.priority)},
                                {"due", user_time(state, t.due_at)},
                                {"updated", user_time(state, t.updated_at)}}));
    return row;
}

}  // namespace

void draw_my_requests(const AppState& state, std::vector<Event>& events) {
    const TicketList& list = state.list;
    const Account* account = chosen_account(state);
    ui::heading(tr("list.title"), 1);
    // Someone with several accounts switches between their tickets here, without going back home.
    if (state.session.accounts.size() > 1) draw_account_buttons(state, events);
    if (account) ui::muted_text(tr("list.of_account", {{"account", account->name}}));
    if (ui::toggle_button(tr("list.all").c_str(), !list.status)) events.push_back(ListFilterChosen{std::nullopt});
    for (core::TicketStatus status : {core::TicketStatus::open, core::TicketStatus::awaiting_reply,
                                      core::TicketStatus::solved, core::TicketStatus::closed}) {
        ImGui::SameLine();
        const std::string& label = label_of("status.", status);
        if (ui::toggle_button(label.c_str(), list.status == status)) events.push_back(ListFilterChosen{status});
    }
    if (auto text = ui::text_field(tr("list.search").c_str(), list.query, {.input_type = "search", .width_em = 24}))
        events.push_back(ListSearchChanged{*text});
    ImGui::Dummy(ImVec2(0, 0.3f * ui::em()));
    if (!list.error.empty()) ui::field_error(tr(list.error));
    if (list.tickets.empty()) {
        if (list.loading) ui::muted_text(tr("list.loading"));
        else if (list.error.empty())
            ui::text(tr(list.query.empty() && !list.status ? "list.empty" : "list.no_match"), ui::Role::status);
        return;
    }
    ui::text(tr(list.next_cursor ? "list.count_more" : list.tickets.size() == 1 ? "list.count_one" : "list.count",
                {{"count", core::format_number(static_cast<std::int64_t>(list.tickets.size()), state.lang)}}),
             ui::Role::status);
    const float em = ui::em();
    const float footer = 3.0f * em;
    float height = ImGui::GetContentRegionAvail().y - footer;
    if (height < 10 * em) height = 10 * em;
    ImGui::BeginChild("##tickets", ImVec2(0, height), true);
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(list.tickets.size()));  // measures the first row
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const TicketSummary& t = list.tickets[static_cast<size_t>(i)];
            ImGui::PushID(t.id.c_str());
            ImGui::BeginGroup();
            RowText& row = row_text(state, t);
            if (ui::link(row.heading, row.href)) events.push_back(TicketOpened{t.id});
            ui::muted_line(row.facts);
            ImGui::EndGroup();
            ImGui::PopID();
        }
    }
    ImGui::EndChild();
    if (list.loading) ui::muted_text(tr("list.loading_more"));
    else if (list.next_cursor && ui::button(tr("list.load_more").c_str())) events.push_back(LoadMoreClicked{});
}

}  // namespace app
