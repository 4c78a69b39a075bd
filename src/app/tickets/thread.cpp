// A ticket's thread: its details read again while it is open, replies, files both ways, reopen and the
// satisfaction survey. What is typed there is kept in the browser until it is sent.
#include <algorithm>
#include <nlohmann/json.hpp>

#include "app/session.hpp"
#include "app/tickets.hpp"
#include "app/tickets/common.hpp"
#include "core/json_text.hpp"
#include "core/url.hpp"

namespace app::tickets {

namespace {

using nlohmann::json;

// A change asked of the open ticket: the thread is busy until its answer.
Effects thread_request(AppState& state, RequestPurpose purpose, core::ApiRequest call) {
    state.thread.busy = true;
    state.thread.error.clear();
    state.thread.notice.clear();
    return session::request(state, InFlight{purpose, state.thread.id}, std::move(call), token(state));
}

Effects thread_call(AppState& state, RequestPurpose purpose, const std::string& rest, const json& body) {
    return thread_request(state, purpose, core::ApiRequest{"POST", ticket_path(state.thread.id) + rest, body.dump()});
}

// The names of the files on their way to ticket `id`, kept in the browser ("" when none is).
Effects keep_thread_uploads(const AppState& state, const std::string& id) {
    const std::string key = ticket_key(state, "uploading", id);
    if (key.empty()) return {};
    const std::vector<PendingFile> uploads = uploads_to(state, id);
    if (uploads.empty()) return {SaveDraft{key, ""}};
    json names = json::array();
    for (const PendingFile& p : uploads) names.push_back(p.name);
    return {SaveDraft{key, names.dump()}};
}

// The files kept as on their way to ticket `id` that this page is not sending: a page closed or
// reloaded before they arrived.
std::vector<core::Text> interrupted_uploads(const AppState& state, const std::string& id) {
    const json names = core::parse_json(stored(state, ticket_key(state, "uploading", id)));
    if (!names.is_array()) return {};
    std::vector<PendingFile> sending = uploads_to(state, id);
    std::vector<core::Text> interrupted;
    for (const json& name : names) {
        if (!name.is_string()) continue;
        auto same = std::find_if(sending.begin(), sending.end(), [&](const PendingFile& p) { return p.name == name; });
        if (same != sending.end()) sending.erase(same);
        else interrupted.push_back(core::Text::of("file.error.interrupted", {{"file", name.get<std::string>()}}));
    }
    return interrupted;
}

// The survey's rating and reason as chosen so far, kept in the browser like a reply.
Effects keep_survey(const TicketThread& thread) {
    if (thread.survey_key.empty() || !thread.rating_good) return {};
    return {SaveDraft{thread.survey_key, json{{"good", *thread.rating_good}, {"reason", thread.reason}}.dump()}};
}

Effects uploaded(AppState& state, const InFlight& request, const HttpResponded& e) {
    if (!request.file) return {};
    TicketThread& thread = state.thread;
    // On the ticket's screen, what became of the file is said there; elsewhere, the ticket shows the
    // file, or why it was refused, when it is opened again.
    const bool shown = state.screen == Screen::ticket && thread.id == request.ticket;
    auto stored_file = upload_answered(*request.file, e, shown ? thread.file_errors
                                                               : state.thread_upload_problems[request.ticket]);
    if (stored_file && shown) {
        thread.attachments.push_back(*stored_file);
        thread.notice = core::Text::of("thread.file_attached", {{"file", stored_file->name}});
    }
    return keep_thread_uploads(state, request.ticket);
}

// The ticket an answer describes, when it is the one on screen.
std::optional<core::TicketDetails> this_ticket(const TicketThread& thread, const HttpResponded& e) {
    if (e.status != 200 && e.status != 201) return std::nullopt;
    auto ticket = core::parse_ticket_details(e.body);
    if (!ticket || ticket.value().summary.id != thread.id) return std::nullopt;
    return std::move(ticket).value();
}

Effects refreshed(AppState& state, const HttpResponded& e) {
    // Quietly: a refresh that fails is tried again at the next one. An action answered meanwhile has the
    // newer ticket.
    TicketThread& thread = state.thread;
    auto ticket = this_ticket(thread, e);
    if (e.status != 200 || !ticket || thread.busy) return {};
    auto support_replies = [&thread] {
        return std::count_if(thread.comments.begin(), thread.comments.end(),
                             [](const core::TicketComment& c) { return c.role == core::CommentRole::agent; });
    };
    const auto before = support_replies();
    show(thread, *ticket);
    if (support_replies() > before) thread.notice = core::Text::of("thread.new_reply");
    return {};
}

Effects answered(AppState& state, RequestPurpose purpose, const HttpResponded& e) {
    TicketThread& thread = state.thread;
    thread.loading = false;
    thread.busy = false;
    auto ticket = this_ticket(thread, e);
    if (!ticket) {
        thread.error = message_of(e, core::Text::of("thread.error.load"));
        return {};
    }
    show(thread, *ticket);
    if (purpose == RequestPurpose::thread) return {};
    state.list.account.clear();
    if (purpose == RequestPurpose::thread_survey) {
        thread.notice = core::Text::of("thread.sent");
        if (!thread.survey_key.empty()) return {SaveDraft{thread.survey_key, ""}};  // sent: nothing more to keep
        return {};
    }
    // A reply or a reopen confirmed: said by a toast that passes (the thread itself shows the change).
    Effects effects{show_toast(state, core::Text::of(purpose == RequestPurpose::thread_reply ? "toast.reply_sent"
                                                                                            : "toast.reopened"))};
    // Only the reply that was sent is done with: a reopen or a rating keeps a reply being typed, and so
    // does text typed while the reply was on its way.
    if (purpose != RequestPurpose::thread_reply || thread.reply != thread.sent_reply) return effects;
    thread.reply.clear();
    if (!thread.reply_key.empty()) effects.push_back(SaveDraft{thread.reply_key, ""});
    return effects;
}

}  // namespace

Effects open_ticket(AppState& state, const std::string& id) {
    if (state.session.status != SessionStatus::signed_in) return session::open_sign_in(state, core::SignInMethod::email_code);
    state.screen = Screen::ticket;
    state.thread = TicketThread{};
    state.thread.id = id;
    state.thread.loading = true;
    state.thread.reply_key = ticket_key(state, "reply", id);
    state.thread.reply = stored(state, state.thread.reply_key);  // typed before a reload
    state.thread.survey_key = ticket_key(state, "survey", id);
    const json survey = core::parse_json(stored(state, state.thread.survey_key));
    if (survey.is_object() && survey.contains("good") && survey["good"].is_boolean()) {
        state.thread.rating_good = survey["good"].get<bool>();
        if (survey.contains("reason") && survey["reason"].is_string()) state.thread.reason = survey["reason"];
    }
    state.thread.file_errors = interrupted_uploads(state, id);
    // Named once: what is kept from now on is what this page sends.
    Effects effects = state.thread.file_errors.empty() ? Effects{} : keep_thread_uploads(state, id);
    if (auto refused = state.thread_upload_problems.find(id); refused != state.thread_upload_problems.end()) {
        // refused while another screen was shown
        state.thread.file_errors.insert(state.thread.file_errors.end(), refused->second.begin(), refused->second.end());
        state.thread_upload_problems.erase(refused);
    }
    state.thread.refresh_version = ++state.thread_openings;  // the previous opening's timer stops
    effects = join(effects, session::request(state, InFlight{RequestPurpose::thread, id},
                                             core::ApiRequest{"GET", ticket_path(id), "", ""}, token(state)));
    effects.push_back(StartTimer{thread_refresh_ms, TimerKind::thread_refresh, state.thread.refresh_version});
    return effects;
}

Effects thread_files_chosen(AppState& state, const ThreadFilesChosen& e) {
    TicketThread& thread = state.thread;
    // Files chosen on a ticket that is still shown and open (the page reports the choice a moment later).
    if (thread.summary.id.empty() || thread.id != e.ticket || thread.summary.status == core::TicketStatus::closed)
        return {};
    thread.file_errors.clear();
    thread.notice.clear();
    Effects uploads = start_uploads(state, e.files, thread.attachments.size(), RequestPurpose::thread_upload, thread.id,
                                    ticket_path(thread.id) + "/attachments", thread.file_errors);
    if (uploads.empty()) return {};
    return join(uploads, keep_thread_uploads(state, thread.id));
}

Effects attachment_opened(AppState& state, const std::string& id) {
    TicketThread& thread = state.thread;
    auto file = std::find_if(thread.attachments.begin(), thread.attachments.end(),
                             [&](const core::AttachmentRef& a) { return a.id == id; });
    if (file == thread.attachments.end() || downloading(state, id)) return {};  // or already on its way
    thread.error.clear();
    const int request = state.next_request_id++;
    state.in_flight[request] = InFlight{.purpose = RequestPurpose::download, .ticket = thread.id, .download = *file};
    return {DownloadFile{request, "/api/attachments/" + core::percent_encode(id), token(state), file->name}};
}

Effects reply_changed(AppState& state, const std::string& text) {
    state.thread.reply = text;
    if (state.thread.reply_key.empty()) return {};
    return {SaveDraft{state.thread.reply_key, text}};
}

Effects reply(AppState& state) {
    if (state.thread.busy) return {};
    if (state.thread.reply.find_first_not_of(" \t\r\n") == std::string::npos) {
        state.thread.error = core::Text::of("thread.error.empty_reply");
        return {};
    }
    state.thread.sent_reply = state.thread.reply;
    return thread_call(state, RequestPurpose::thread_reply, "/comments", json{{"body", state.thread.reply}});
}

Effects reopen(AppState& state) {
    if (state.thread.busy) return {};
    return thread_call(state, RequestPurpose::thread_action, "/reopen", json::object());
}

Effects remove_cc(AppState& state, const std::string& email) {
    if (state.thread.busy || !state.thread.yours) return {};
    return thread_request(state, RequestPurpose::thread_action,
                          core::ApiRequest{"DELETE", ticket_path(state.thread.id) + "/cc?email=" + core::percent_encode(email),
                                           "", ""});
}

Effects rating(AppState& state, bool good) {
    state.thread.rating_good = good;
    return keep_survey(state.thread);
}

Effects reason_changed(AppState& state, const std::string& text) {
    state.thread.reason = text;
    return keep_survey(state.thread);
}

Effects send_rating(AppState& state) {
    TicketThread& t = state.thread;
    if (t.busy || !t.rating_good) return {};
    if (!*t.rating_good && t.reason.find_first_not_of(" \t\r\n") == std::string::npos) {
        t.error = core::Text::of("survey.error.reason_required");
        return {};
    }
    json body{{"rating", *t.rating_good ? "good" : "bad"}};
    if (!t.reason.empty()) body["reason"] = t.reason;
    return thread_call(state, RequestPurpose::thread_survey, "/survey", body);
}

namespace thread {

Effects responded(AppState& state, const InFlight& request, const HttpResponded& e) {
    switch (request.purpose) {
        case RequestPurpose::thread_upload: return uploaded(state, request, e);
        case RequestPurpose::download: {
            if (e.status != 200 && request.download && state.thread.id == request.ticket)
                state.thread.error = file_problem("thread.error.download", request.download->name, e,
                                                  core::Text::of("thread.error.download_failed"));
            return {};
        }
        case RequestPurpose::thread_refresh:
            if (request.ticket != state.thread.id) return {};
            return refreshed(state, e);
        case RequestPurpose::thread:
        case RequestPurpose::thread_reply:
        case RequestPurpose::thread_survey:
        case RequestPurpose::thread_action:
            if (request.ticket != state.thread.id) return {};  // another ticket is shown now
            return answered(state, request.purpose, e);
        default: return {};
    }
}

Effects changed(AppState& state, const LiveEvent& e) {
    TicketThread& thread = state.thread;
    if (state.screen != Screen::ticket || thread.id != e.ticket) return {};
    if (thread.loading || thread.busy || thread.summary.id.empty()) {
        thread.changed_meanwhile = true;  // read at the next tick of the timer
        return {};
    }
    thread.changed_meanwhile = false;
    return session::request(state, InFlight{RequestPurpose::thread_refresh, thread.id},
                            core::ApiRequest{"GET", ticket_path(thread.id), "", ""}, token(state));
}

Effects timer(AppState& state, const TimerFired& e) {
    TicketThread& thread = state.thread;
    if (e.version != thread.refresh_version || state.screen != Screen::ticket) return {};  // left it
    Effects effects{StartTimer{thread_refresh_ms, TimerKind::thread_refresh, thread.refresh_version}};
    if (thread.loading || thread.busy || thread.summary.id.empty()) return effects;  // the next time
    // The live updates bring every change at once: the timer only reads what came while the page was busy.
    if (state.live.open && !thread.changed_meanwhile) return effects;
    thread.changed_meanwhile = false;
    return join(effects, session::request(state, InFlight{RequestPurpose::thread_refresh, thread.id},
                                          core::ApiRequest{"GET", ticket_path(thread.id), "", ""}, token(state)));
}

}  // namespace thread
}  // namespace app::tickets
