// One ticket: its status, priority and deadline, the description, the public comments, the reply box,
// Reopen while a solved ticket may be reopened, and the satisfaction survey while it is pending.
#include <algorithm>

#include "app/i18n.hpp"
#include "app/screens/screens.hpp"
#include "app/ui/rich_text.hpp"
#include "app/ui/text_area.hpp"
#include "app/ui/controls.hpp"
#include "app/ui/layout.hpp"
#include "app/ui/widgets.hpp"
#include "imgui.h"

namespace app {

namespace {

// What the ticket was opened with, as the form asked it: the kind, who and what it affects, where,
// the requester's experience, the agency and who is copied. Unanswered questions are left out.
void draw_answers(const core::TicketFields& f, bool yours, bool busy, std::vector<Event>& events) {
    std::string line = label_of("kind.", f.kind);
    if (f.users) line += " \xC2\xB7 " + tr("thread.users", {{"users", label_of("users.", *f.users)}});
    if (f.impact) line += " \xC2\xB7 " + tr("thread.impact", {{"impact", label_of("impact.", *f.impact)}});
    ui::muted_text(line);
    std::string where;
    if (f.environment) where = tr("thread.environment", {{"environment", label_of("environment.", *f.environment)}});
    if (f.experience) {
        if (!where.empty()) where += " \xC2\xB7 ";
        where += tr("thread.experience", {{"experience", label_of("experience.", *f.experience)}});
    }
    if (!where.empty()) ui::muted_text(where);
    if (!f.agency.empty()) ui::muted_text(tr("thread.agency", {{"agency", f.agency}}));
    if (f.cc.empty()) return;
    if (!yours) {
        std::string emails;
        for (const std::string& e : f.cc) emails += (emails.empty() ? "" : ", ") + e;
        ui::muted_text(tr("thread.cc", {{"emails", emails}}));
        return;
    }
    // The requester may take people off the copies: each a chip with its own remove button.
    ui::muted_text(tr("thread.cc_label"));
    if (busy) ImGui::BeginDisabled();
    for (size_t i = 0; i < f.cc.size(); ++i) {
        const std::string& e = f.cc[i];
        ImGui::PushID(e.c_str());
        if (ui::removable_chip(e, tr("thread.cc_remove", {{"email", e}}).c_str(), i == 0)) events.push_back(CcRemoveClicked{e});
        ImGui::PopID();
    }
    if (busy) ImGui::EndDisabled();
}

}  // namespace

void draw_ticket(const AppState& state, std::vector<Event>& events) {
    const TicketThread& t = state.thread;
    if (ui::button(tr("thread.back").c_str(), ui::ButtonKind::tertiary, {.icon = ui::Icon::chevron_left})) events.push_back(MyRequestsOpened{});
    if (t.loading) {
        ui::spinner(tr("thread.loading"));
        for (int i = 0; i < 3; ++i) ui::skeleton_line(-1);
        return;
    }
    if (t.summary.id.empty()) {
        if (!t.error.empty()) ui::alert(ui::Tone::critical, {}, tr(t.error));
        return;
    }
    const TicketSummary& s = t.summary;
    const core::TicketStatus status = s.status;
    ui::page_header(ticket_name(s));
    static constexpr ui::Tone status_tones[] = {ui::Tone::info, ui::Tone::warning, ui::Tone::success, ui::Tone::neutral};
    static constexpr ui::Tone priority_tones[] = {ui::Tone::critical, ui::Tone::warning, ui::Tone::info, ui::Tone::neutral};
    ui::tag(tr("thread.status", {{"status", label_of("status.", status)}}), status_tones[static_cast<size_t>(status)]);
    ImGui::SameLine(0, ui::space(2));
    const std::string priority_label = label_of("priority.", s.priority);
    ui::tag(priority_label, priority_tones[static_cast<size_t>(s.priority)]);
    // The first-response deadline matters until support has answered; then, when it did.
    const auto answer = std::find_if(t.comments.begin(), t.comments.end(),
                                     [](const core::TicketComment& c) { return c.role == core::CommentRole::agent; });
    if (answer == t.comments.end())
        ui::muted_text(tr("thread.facts", {{"priority", priority_label}, {"opened", user_time(state, s.opened_at)},
                                           {"due", user_time(state, s.due_at)}}));
    else
        ui::muted_text(tr("thread.facts_answered", {{"priority", priority_label}, {"opened", user_time(state, s.opened_at)},
                                                    {"answered", user_time(state, answer->created_at)}}));
    if (!t.follow_up_of.empty()) ui::muted_text(tr("thread.follow_up_of", {{"ticket", t.follow_up_of}}));
    draw_answers(t.fields, t.yours, t.busy, events);
    ImGui::Dummy(ImVec2(0, ui::space(4)));
    // The description opens the conversation as the merchant's first message, with the ticket's files.
    const std::string& me = state.session.name.empty() ? state.session.email : state.session.name;
    draw_message(state, Message{.id = "description", .author = me, .role = core::CommentRole::requester,
                                .body = t.fields.description, .at = s.opened_at, .files = t.attachments},
                 events);
    ui::heading(tr("thread.conversation"), 2);
    if (t.comments.empty()) ui::muted_text(tr("thread.no_replies"));
    for (const core::TicketComment& c : t.comments) {
        // A reply signed by an agent carries their name; one from the team as a whole, the team's.
        const std::string author = c.role != core::CommentRole::agent ? c.author
                                   : c.author.empty() ? tr("thread.support")
                                                      : tr("thread.agent", {{"name", c.author}});
        draw_message(state, Message{.id = std::to_string(c.id), .author = author, .role = c.role, .body = c.body,
                                    .at = c.created_at},
                     events);
    }
    ImGui::Dummy(ImVec2(0, ui::space(4)));

    const bool closed = status == core::TicketStatus::closed;
    const bool solved = status == core::TicketStatus::solved;
    if (closed) {
        ui::text(tr("thread.closed", {{"number", std::to_string(s.number)}}), ui::Role::status);
        if (ui::button(tr("thread.follow_up_button").c_str())) events.push_back(FollowUpClicked{});
    } else {
        ui::begin_card("##reply");
        if (auto text = ui::field(tr("thread.your_reply").c_str(), t.reply, {.lines = 4}))
            events.push_back(ThreadReplyChanged{*text});
        const bool send_by_keys = ui::field_submitted();  // Ctrl/Cmd+Enter
        if (t.busy) ImGui::BeginDisabled();
        if (ui::button(tr("thread.reply").c_str(), ui::ButtonKind::primary) || (send_by_keys && !t.busy))
            events.push_back(ReplyClicked{});
        if (solved) {
            ImGui::SameLine();
            if (ui::button(tr("thread.reopen").c_str())) events.push_back(ReopenClicked{});
        }
        if (t.busy) ImGui::EndDisabled();
        // Files go to the ticket straight away (support sees them with the conversation), not with the reply.
        ImGui::SameLine();
        ui::file_button(tr("form.attach").c_str(), files_target(t.id));
        if (solved && t.reopen_until) ui::muted_text(tr("thread.reopen_until", {{"time", user_time(state, *t.reopen_until)}}));
        for (const PendingFile& p : uploads_to(state, t.id)) ui::muted_text(tr("form.uploading", {{"file", p.name}}));
        for (const core::Text& e : t.file_errors) ui::field_error(tr(e));
        if (t.reply_unsaved) ui::field_error(tr("thread.reply_unsaved"));
        ui::end_card();
    }
    if (t.survey.status == core::SurveyStatus::pending) {
        ImGui::Dummy(ImVec2(0, ui::space(4)));
        ui::heading(tr("survey.title"), 2);
        if (ui::toggle_button(tr("survey.good").c_str(), t.rating_good == true)) events.push_back(RatingChosen{true});
        ImGui::SameLine();
        if (ui::toggle_button(tr("survey.bad").c_str(), t.rating_good == false)) events.push_back(RatingChosen{false});
        if (t.rating_good) {
            const std::string& label = tr(*t.rating_good ? "survey.anything_to_add" : "survey.what_went_wrong");
            if (auto text = ui::field(label.c_str(), t.reason, {.lines = 3}))
                events.push_back(RatingReasonChanged{*text});
            if (ui::button(tr("survey.send").c_str())) events.push_back(SendRatingClicked{});
        }
    } else if (t.survey.status == core::SurveyStatus::reviewed) {
        const bool good = t.survey.rating == core::SurveyRating::good;
        ui::text(tr("survey.rated", {{"rating", tr(good ? "survey.good" : "survey.bad")}}), ui::Role::status);
    } else if (t.survey.status == core::SurveyStatus::expired) {
        ui::muted_text(tr("survey.expired"));
    }
    if (!t.error.empty()) ui::field_error(tr(t.error));
    if (!t.notice.empty()) ui::text(tr(t.notice), ui::Role::status);
}

}  // namespace app
