// My requests: the account's tickets with a status filter, search and paging. Only the rows in view
// are drawn (list clipping), so ten thousand tickets scroll as smoothly as ten.
#include "app/screens/screens.hpp"
#include "app/ui/widgets.hpp"
#include "imgui.h"

namespace app {

void draw_my_requests(const AppState& state, std::vector<Event>& events) {
    const TicketList& list = state.list;
    const Account* account = chosen_account(state);
    ui::heading("My requests", 1);
    if (account) ui::muted_text("Tickets of " + account->name + ".");
    if (ui::toggle_button("All", !list.status)) events.push_back(ListFilterChosen{std::nullopt});
    for (core::TicketStatus status : {core::TicketStatus::open, core::TicketStatus::awaiting_reply,
                                      core::TicketStatus::solved, core::TicketStatus::closed}) {
        ImGui::SameLine();
        std::string label(core::label(status));
        if (ui::toggle_button(label.c_str(), list.status == status)) events.push_back(ListFilterChosen{status});
    }
    if (auto text = ui::text_field("Search by title or number", list.query, {.input_type = "search", .width_em = 24}))
        events.push_back(ListSearchChanged{*text});
    ImGui::Dummy(ImVec2(0, 0.3f * ui::em()));
    if (!list.error.empty()) ui::field_error(list.error);
    if (list.tickets.empty()) {
        if (list.loading) ui::muted_text("Loading your requests\xE2\x80\xA6");
        else if (list.error.empty())
            ui::text(list.query.empty() && !list.status ? "No tickets yet on this account."
                                                        : "No ticket matches this filter.",
                     ui::Role::status);
        return;
    }
    ui::text(std::to_string(list.tickets.size()) + (list.next_cursor ? "+" : "") + " tickets", ui::Role::status);
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
            const std::string title = "#" + std::to_string(t.number) + " " + t.title;
            if (ui::link(title, "#/tickets/" + t.id)) events.push_back(TicketOpened{t.id});
            auto status = core::parse_ticket_status(t.status);
            auto priority = core::parse_priority(t.priority);
            ui::muted_line(std::string(status ? core::label(*status) : "") + " \xC2\xB7 " +
                           std::string(priority ? core::label(*priority) : "") + " \xC2\xB7 first response by " +
                           user_time(state, t.due_at) + " \xC2\xB7 updated " + user_time(state, t.updated_at));
            ImGui::EndGroup();
            ImGui::PopID();
        }
    }
    ImGui::EndChild();
    if (list.loading) ui::muted_text("Loading more\xE2\x80\xA6");
    else if (list.next_cursor && ui::button("Load more")) events.push_back(LoadMoreClicked{});
}

}  // namespace app
