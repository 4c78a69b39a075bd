// What the three parts share at their edges: which part answers a request or a timer, and the API's
// ticket messages as the screens show them.
#include <nlohmann/json.hpp>

#include "app/tickets.hpp"
#include "app/tickets/common.hpp"

namespace app::tickets {

using nlohmann::json;

namespace {

std::optional<core::UtcSeconds> time_field(const json& object, const char* name) {
    if (!object.contains(name) || !object[name].is_string()) return std::nullopt;
    return core::parse_rfc3339(object[name].get<std::string>());
}


}  // namespace

std::optional<TicketSummary> parse_summary(const json& t) {
    if (!t.is_object() || !t.contains("id") || !t["id"].is_string() || !t.contains("number") ||
        !t["number"].is_number_integer())
        return std::nullopt;
    TicketSummary s;
    s.id = t["id"];
    s.number = t["number"];
    s.title = t.value("title", "");
    s.status = t.value("status", "open");
    s.priority = t.value("priority", "");
    s.kind = t.value("kind", "");
    s.opened_at = time_field(t, "opened_at").value_or(0);
    s.due_at = time_field(t, "due_at").value_or(0);
    s.updated_at = time_field(t, "updated_at").value_or(s.opened_at);
    return s;
}

void read_thread(TicketThread& thread, const json& t) {
    auto summary = parse_summary(t);
    if (!summary) return;
    thread.summary = *summary;
    core::TicketFields& f = thread.fields;
    f = core::TicketFields{};
    auto text = [&t](const char* name) { return t.contains(name) && t[name].is_string() ? t[name].get<std::string>() : std::string(); };
    f.kind = core::parse_request_kind(text("kind")).value_or(core::RequestKind::question);
    f.description = text("description");
    f.users = core::parse_users_affected(text("users"));
    f.impact = core::parse_impact(text("impact"));
    f.environment = core::parse_environment(text("environment"));
    f.experience = core::parse_experience(text("experience"));
    f.agency = text("agency");
    if (t.contains("cc") && t["cc"].is_array())
        for (const json& address : t["cc"])
            if (address.is_string()) f.cc.push_back(address.get<std::string>());
    thread.follow_up_of = text("follow_up_of");
    // Named by its number when the server gives it ("#1030"), by its id otherwise.
    if (!thread.follow_up_of.empty() && t.contains("follow_up_number") && t["follow_up_number"].is_number_integer())
        thread.follow_up_of = "#" + std::to_string(t["follow_up_number"].get<std::int64_t>());
    thread.reopen_until = time_field(t, "reopen_until");
    thread.comments.clear();
    if (t.contains("comments") && t["comments"].is_array())
        for (const json& c : t["comments"])
            if (c.is_object())
                thread.comments.push_back(Comment{c.value("author", ""), c.value("role", ""), c.value("body", ""),
                                                  time_field(c, "created_at").value_or(0)});
    thread.attachments.clear();
    if (t.contains("attachments") && t["attachments"].is_array())
        for (const json& a : t["attachments"])
            if (a.is_object())
                thread.attachments.push_back(core::AttachmentRef{a.value("id", ""), a.value("name", ""),
                                                                 a.value("size", std::int64_t{0}), a.value("sha256", "")});
    thread.survey_status = "none";
    thread.survey_rating.clear();
    if (t.contains("survey") && t["survey"].is_object()) {
        thread.survey_status = t["survey"].value("status", "none");
        if (t["survey"].contains("rating") && t["survey"]["rating"].is_string()) thread.survey_rating = t["survey"]["rating"];
    }
}

Effects responded(AppState& state, const InFlight& request, const HttpResponded& e) {
    switch (request.purpose) {
        case RequestPurpose::limits:
        case RequestPurpose::upload:
        case RequestPurpose::submit: return form::responded(state, request, e);
        case RequestPurpose::list: return list::responded(state, request, e);
        case RequestPurpose::thread:
        case RequestPurpose::thread_refresh:
        case RequestPurpose::thread_reply:
        case RequestPurpose::thread_action:
        case RequestPurpose::thread_survey:
        case RequestPurpose::thread_upload:
        case RequestPurpose::download: return thread::responded(state, request, e);
        case RequestPurpose::sign_in:
        case RequestPurpose::refresh:
        case RequestPurpose::me:
        case RequestPurpose::sign_out:
        case RequestPurpose::renew: return {};  // the session's (session.cpp)
    }
    return {};
}

Effects timer(AppState& state, const TimerFired& e) {
    switch (e.kind) {
        case TimerKind::title_suggestions:
        case TimerKind::submit_retry: return form::timer(state, e);
        case TimerKind::list_search: return list::timer(state, e);
        case TimerKind::thread_refresh: return thread::timer(state, e);
    }
    return {};
}

Effects draft_save_result(AppState& state, const DraftSaveResult& e) {
    if (e.key == state.form.draft_key) state.form.draft_unsaved = !e.saved;
    if (e.key == state.thread.reply_key) state.thread.reply_unsaved = !e.saved;
    return {};
}

}  // namespace app::tickets
