// One ticket: its status, priority and deadline, the description, the public comments, the reply box,
// Reopen while a solved ticket may be reopened, and the satisfaction survey while it is pending.
#include "app/screens/screens.hpp"
#include "app/ui/widgets.hpp"
#include "imgui.h"

namespace app {

void draw_ticket(const AppState& state, std::vector<Event>& events) {
    const TicketThread& t = state.thread;
    if (ui::button("Back to My requests")) events.push_back(MyRequestsOpened{});
    if (t.loading) {
        ui::muted_text("Loading the ticket\xE2\x80\xA6");
        return;
    }
    if (t.summary.id.empty()) {
        if (!t.error.empty()) ui::field_error(t.error);
        return;
    }
    const TicketSummary& s = t.summary;
    const float em = ui::em();
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + 44 * em);
    ui::heading("#" + std::to_string(s.number) + " " + s.title, 1);
    auto status = core::parse_ticket_status(s.status);
    auto priority = core::parse_priority(s.priority);
    ui::text("Status: " + std::string(status ? core::label(*status) : s.status), ui::Role::status);
    ui::muted_text("Priority " + std::string(priority ? core::label(*priority) : s.priority) + " \xC2\xB7 opened " +
                   user_time(state, s.opened_at) + " \xC2\xB7 first response by " + user_time(state, s.due_at));
    if (!t.follow_up_of.empty()) ui::muted_text("Follow-up of an earlier ticket (" + t.follow_up_of + ").");
    ImGui::Dummy(ImVec2(0, 0.4f * em));
    ui::text(t.description);
    for (const core::AttachmentRef& a : t.attachments) ui::muted_text("Attached: " + a.name + " (" + core::format_bytes(a.size) + ")");
    ImGui::Dummy(ImVec2(0, 0.4f * em));
    ui::heading("Conversation", 2);
    if (t.comments.empty()) ui::muted_text("No replies yet. Support answers by the first-response deadline above.");
    for (size_t i = 0; i < t.comments.size(); ++i) {
        const Comment& c = t.comments[i];
        ImGui::PushID(static_cast<int>(i));
        ui::strong_text(c.author + (c.role == "agent" ? " (VTEX Support)" : "") + " \xC2\xB7 " + user_time(state, c.created_at),
                        ui::Role::text, ui::palette().heading);
        ui::text(c.body);
        ImGui::Dummy(ImVec2(0, 0.3f * em));
        ImGui::PopID();
    }

    const bool closed = status == core::TicketStatus::closed;
    const bool solved = status == core::TicketStatus::solved;
    if (closed) {
        ui::text("This ticket is closed. To continue, open a new ticket; mention #" + std::to_string(s.number) + ".",
                 ui::Role::status);
    } else {
        if (auto text = ui::text_field("Your reply", t.reply, {.width_em = 36, .height_em = 5}))
            events.push_back(ThreadReplyChanged{*text});
        if (t.busy) ImGui::BeginDisabled();
        if (ui::button("Reply")) events.push_back(ReplyClicked{});
        if (solved) {
            ImGui::SameLine();
            if (ui::button("Reopen")) events.push_back(ReopenClicked{});
            if (t.reopen_until)
                ui::muted_text("A solved ticket can be reopened until " + user_time(state, *t.reopen_until) + ".");
        }
        if (t.busy) ImGui::EndDisabled();
    }
    if (t.survey_status == "pending") {
        ImGui::Dummy(ImVec2(0, 0.4f * em));
        ui::heading("How did we do?", 2);
        if (ui::toggle_button("Good", t.rating_good == true)) events.push_back(RatingChosen{true});
        ImGui::SameLine();
        if (ui::toggle_button("Bad", t.rating_good == false)) events.push_back(RatingChosen{false});
        if (t.rating_good) {
            const char* label = *t.rating_good ? "Anything to add? (optional)" : "What went wrong?";
            if (auto text = ui::text_field(label, t.reason, {.width_em = 36, .height_em = 3}))
                events.push_back(RatingReasonChanged{*text});
            if (ui::button("Send rating")) events.push_back(SendRatingClicked{});
        }
    } else if (t.survey_status == "reviewed") {
        ui::text("You rated this ticket " + std::string(t.survey_rating == "good" ? "Good" : "Bad") + ". Thank you.",
                 ui::Role::status);
    } else if (t.survey_status == "expired") {
        ui::muted_text("The satisfaction survey for this ticket has closed.");
    }
    if (!t.error.empty()) ui::field_error(t.error);
    if (!t.notice.empty()) ui::text(t.notice, ui::Role::status);
    ImGui::PopTextWrapPos();
}

}  // namespace app
