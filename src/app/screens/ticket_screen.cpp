// One ticket: its status, priority and deadline, the description, the public comments, the reply box,
// Reopen while a solved ticket may be reopened, and the satisfaction survey while it is pending.
#include <algorithm>

#include "app/i18n.hpp"
#include "app/screens/screens.hpp"
#include "app/ui/rich_text.hpp"
#include "app/ui/text_area.hpp"
#include "app/ui/widgets.hpp"
#include "imgui.h"

namespace app {

namespace {

// What the ticket was opened with, as the form asked it: the kind, who and what it affects, where,
// the requester's experience, the agency and who is copied. Unanswered questions are left out.
void draw_answers(const core::TicketFields& f) {
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
    if (!f.cc.empty()) {
        std::string emails;
        for (const std::string& e : f.cc) emails += (emails.empty() ? "" : ", ") + e;
        ui::muted_text(tr("thread.cc", {{"emails", emails}}));
    }
}

// The ticket's files, each a link that saves it (the request carries the sign-in, so a plain address
// would not do); one on its way says so.
void draw_files(const AppState& state, std::vector<Event>& events) {
    const TicketThread& t = state.thread;
    for (const core::AttachmentRef& a : t.attachments) {
        const std::string label = tr("thread.attached", {{"file", a.name}, {"size", core::format_bytes(a.size, state.lang)}});
        if (ui::link(label, "/api/attachments/" + a.id)) events.push_back(AttachmentOpened{a.id});
        if (downloading(state, a.id)) ui::muted_text(tr("thread.downloading", {{"file", a.name}}));
    }
}

}  // namespace

void draw_ticket(const AppState& state, std::vector<Event>& events) {
    const TicketThread& t = state.thread;
    if (ui::button(tr("thread.back").c_str())) events.push_back(MyRequestsOpened{});
    if (t.loading) {
        ui::muted_text(tr("thread.loading"));
        return;
    }
    if (t.summary.id.empty()) {
        if (!t.error.empty()) ui::field_error(tr(t.error));
        return;
    }
    const TicketSummary& s = t.summary;
    const float em = ui::em();
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + 44 * em);
    ui::heading(ticket_name(s), 1);
    const core::TicketStatus status = s.status;
    ui::text(tr("thread.status", {{"status", label_of("status.", status)}}), ui::Role::status);
    // The first-response deadline matters until support has answered; then, when it did.
    const std::string priority_label = label_of("priority.", s.priority);
    const auto answer = std::find_if(t.comments.begin(), t.comments.end(),
                                     [](const core::TicketComment& c) { return c.role == core::CommentRole::agent; });
    if (answer == t.comments.end())
        ui::muted_text(tr("thread.facts", {{"priority", priority_label}, {"opened", user_time(state, s.opened_at)},
                                           {"due", user_time(state, s.due_at)}}));
    else
        ui::muted_text(tr("thread.facts_answered", {{"priority", priority_label}, {"opened", user_time(state, s.opened_at)},
                                                    {"answered", user_time(state, answer->created_at)}}));
    if (!t.follow_up_of.empty()) ui::muted_text(tr("thread.follow_up_of", {{"ticket", t.follow_up_of}}));
    draw_answers(t.fields);
    ImGui::Dummy(ImVec2(0, 0.4f * em));
    ui::rich_text(t.fields.description);
    draw_files(state, events);
    ImGui::Dummy(ImVec2(0, 0.4f * em));
    ui::heading(tr("thread.conversation"), 2);
    if (t.comments.empty()) ui::muted_text(tr("thread.no_replies"));
    for (size_t i = 0; i < t.comments.size(); ++i) {
        const core::TicketComment& c = t.comments[i];
        ImGui::PushID(static_cast<int>(i));
        // A reply signed by an agent carries their name; one from the team as a whole, the team's.
        const std::string author = c.role != core::CommentRole::agent ? c.author
                                   : c.author.empty() ? tr("thread.support")
                                                      : tr("thread.agent", {{"name", c.author}});
        ui::strong_text(author + " \xC2\xB7 " +
                            user_time(state, c.created_at),
                        ui::Role::text, ui::theme().colour.text);
        ui::rich_text(c.body);
        ImGui::Dummy(ImVec2(0, 0.3f * em));
        ImGui::PopID();
    }

    const bool closed = status == core::TicketStatus::closed;
    const bool solved = status == core::TicketStatus::solved;
    if (closed) {
        ui::text(tr("thread.closed", {{"number", std::to_string(s.number)}}), ui::Role::status);
        if (ui::button(tr("thread.follow_up_button").c_str())) events.push_back(FollowUpClicked{});
    } else {
        if (auto text = ui::text_field(tr("thread.your_reply").c_str(), t.reply, {.width_em = 36, .height_em = 5}))
            events.push_back(ThreadReplyChanged{*text});
        const bool send_by_keys = ui::field_submitted();  // Ctrl/Cmd+Enter
        if (t.busy) ImGui::BeginDisabled();
        if (ui::button(tr("thread.reply").c_str()) || (send_by_keys && !t.busy)) events.push_back(ReplyClicked{});
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
    }
    if (t.survey.status == core::SurveyStatus::pending) {
        ImGui::Dummy(ImVec2(0, 0.4f * em));
        ui::heading(tr("survey.title"), 2);
        if (ui::toggle_button(tr("survey.good").c_str(), t.rating_good == true)) events.push_back(RatingChosen{true});
        ImGui::SameLine();
        if (ui::toggle_button(tr("survey.bad").c_str(), t.rating_good == false)) events.push_back(RatingChosen{false});
        if (t.rating_good) {
            const std::string& label = tr(*t.rating_good ? "survey.anything_to_add" : "survey.what_went_wrong");
            if (auto text = ui::text_field(label.c_str(), t.reason, {.width_em = 36, .height_em = 3}))
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
    ImGui::PopTextWrapPos();
}

}  // namespace app
