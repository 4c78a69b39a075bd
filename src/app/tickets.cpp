#include "app/tickets.hpp"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>

#include "app/session.hpp"
#include "core/base64url.hpp"
#include "core/url.hpp"

namespace app::tickets {

namespace {

using nlohmann::json;

constexpr int debounce_ms = 300;
// An open ticket is read again this often, so support's replies and changes show up without leaving it.
constexpr int thread_refresh_ms = 30'000;
constexpr int max_submit_retries = 5;

const std::string& token(const AppState& state) { return state.session.access_token; }

core::Text message_of(const HttpResponded& e, core::Text fallback) {
    if (e.status == 0) return core::Text::of("error.offline");
    return core::server_message(e.body, std::move(fallback));
}

// A field's problem as the server described it: in the reader's language when the catalog has its key,
// else the server's English.
core::Text field_problem(const json& f) {
    const std::string key = f.contains("key") && f["key"].is_string() ? f["key"].get<std::string>() : "";
    if (key.empty() || !core::has_key("en", key)) return core::Text::words(f.value("message", ""));
    core::Text text = core::Text::of(key);
    if (f.contains("values") && f["values"].is_object())
        for (const auto& [name, value] : f["values"].items())
            if (value.is_string()) text.args.emplace_back(name, value.get<std::string>());
    return text;
}

std::optional<core::UtcSeconds> time_field(const json& object, const char* name) {
    if (!object.contains(name) || !object[name].is_string()) return std::nullopt;
    return core::parse_rfc3339(object[name].get<std::string>());
}

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

Effects save(const AppState& state) {
    if (state.form.draft_key.empty()) return {};
    return {SaveDraft{state.form.draft_key, draft_json(state.form)}};
}

template <class... Lists>
Effects join(Effects first, Lists... rest) {
    (first.insert(first.end(), rest.begin(), rest.end()), ...);
    return first;
}

void revalidate(TicketForm& form) {
    if (form.tried) form.errors = core::validate_ticket(form.fields);
}

// Help Center articles whose title or summary shares a word of 3+ letters with the ticket's title (case
// and accents aside).
std::vector<std::string> suggest(const AppState& state) {
    std::vector<std::string> words;
    std::string current;
    for (char c : core::search_fold(state.form.fields.title) + " ") {
        if (std::isalnum(static_cast<unsigned char>(c)) || (static_cast<unsigned char>(c) & 0x80)) current += c;
        else {
            if (current.size() >= 3) words.push_back(current);
            current.clear();
        }
    }
    std::vector<std::string> out;
    if (words.empty() || !state.region) return out;
    for (const core::ArticleView& view : core::articles_for(state.help, *state.region, state.lang)) {
        const std::string text = core::search_fold(view.title) + " " + core::search_fold(view.summary);
        if (std::any_of(words.begin(), words.end(), [&](const std::string& w) { return text.find(w) != std::string::npos; }))
            out.push_back(view.article->id);
    }
    return out;
}

// Checks each chosen file against the limits (`present`: files already attached) and uploads to `path`
// those that pass; the others get a reason in `errors`.
Effects start_uploads(AppState& state, const std::vector<ChosenFile>& files, size_t present, RequestPurpose purpose,
                      const std::string& path, std::vector<PendingFile>& uploading, std::vector<core::Text>& errors) {
    Effects effects;
    for (const ChosenFile& file : files) {
        if (auto problem = core::check_attachment(state.limits, file.name, file.size, present + uploading.size())) {
            errors.push_back(*problem);
            continue;
        }
        const int id = state.next_request_id++;
        state.requests[id] = purpose;
        uploading.push_back(PendingFile{file.handle, file.name, file.size, id});
        effects.push_back(UploadFile{id, file.handle, path, token(state)});
    }
    return effects;
}

// `key` ("\"{file}\" was not attached: {reason}") with the server's reason, or `fallback` when it gave none.
core::Text file_problem(const char* key, const std::string& name, const HttpResponded& e, core::Text fallback) {
    const core::Text reason = message_of(e, std::move(fallback));
    core::Text problem = core::Text::of(key, {{"file", name}});
    if (reason.key.empty()) problem.args.emplace_back("reason", reason.literal);
    else {
        problem.keyed.emplace_back("reason", reason.key);
        problem.args.insert(problem.args.end(), reason.args.begin(), reason.args.end());
    }
    return problem;
}

// The file an upload's answer `e` stored, taken off `uploading`; nullopt when nobody waits for it any
// more, or when it was not stored (then `errors` says why).
std::optional<core::AttachmentRef> upload_answered(std::vector<PendingFile>& uploading, std::vector<core::Text>& errors,
                                                   const HttpResponded& e, const json& body) {
    auto it = std::find_if(uploading.begin(), uploading.end(), [&](const PendingFile& p) { return p.request_id == e.request_id; });
    if (it == uploading.end()) return std::nullopt;
    const PendingFile file = *it;
    uploading.erase(it);
    if (e.status == 201 && body.is_object() && body.contains("id") && body["id"].is_string())
        return core::AttachmentRef{body["id"], body.value("name", file.name), body.value("size", file.size), body.value("sha256", "")};
    errors.push_back(file_problem("file.error.not_attached", file.name, e, core::Text::of("file.error.not_stored")));
    return std::nullopt;
}

Effects fetch_list(AppState& state, bool more) {
    const Account* account = chosen_account(state);
    if (!account) return {};
    TicketList& list = state.list;
    std::string path = "/api/accounts/" + core::percent_encode(account->id) + "/tickets?limit=50";
    if (list.status) path += "&status=" + std::string(core::key(*list.status));
    if (!list.query.empty()) path += "&q=" + core::percent_encode(list.query);
    if (more && list.next_cursor) path += "&cursor=" + core::percent_encode(*list.next_cursor);
    if (!more) {
        list.tickets.clear();
        list.next_cursor.reset();
    }
    list.loading = true;
    list.error.clear();
    list.request_id = state.next_request_id;
    return session::request(state, RequestPurpose::list, core::ApiRequest{"GET", path, "", ""}, token(state));
}

Effects send_submit(AppState& state) {
    const Account* account = chosen_account(state);
    if (!account) return {};
    state.form.submitting = true;
    return join(save(state), session::request(state, RequestPurpose::submit,
                                              core::ApiRequest{"POST", "/api/accounts/" + core::percent_encode(account->id) + "/tickets",
                                                               core::ticket_request_json(state.form.fields)},
                                              token(state), state.form.idempotency_key));
}

// A ticket's address in the API.
std::string ticket_path(const std::string& id) { return "/api/tickets/" + core::percent_encode(id); }

Effects thread_call(AppState& state, RequestPurpose purpose, const std::string& rest, const json& body) {
    state.thread.busy = true;
    state.thread.error.clear();
    state.thread.notice.clear();
    return session::request(state, purpose,
                            core::ApiRequest{"POST", ticket_path(state.thread.id) + rest, body.dump()},
                            token(state));
}

// Where this browser keeps what the signed-in user typed on a ticket (`what`: reply, survey), "" when
// signed out.
std::string ticket_key(const AppState& state, const char* what, const std::string& ticket_id) {
    if (state.session.status != SessionStatus::signed_in || ticket_id.empty()) return "";
    return std::string("portal.") + what + "." + state.session.email + "." + ticket_id;
}

// The names of the files on their way to ticket `id`, kept in the browser ("" when none is).
Effects keep_thread_uploads(const AppState& state, const std::string& id) {
    const std::string key = ticket_key(state, "uploading", id);
    if (key.empty()) return {};
    auto uploads = state.thread_uploads.find(id);
    if (uploads == state.thread_uploads.end() || uploads->second.empty()) return {SaveDraft{key, ""}};
    json names = json::array();
    for (const PendingFile& p : uploads->second) names.push_back(p.name);
    return {SaveDraft{key, names.dump()}};
}

// The files kept as on their way to ticket `id` that this page is not sending: a page closed or
// reloaded before they arrived.
std::vector<core::Text> interrupted_uploads(const AppState& state, const std::string& id) {
    const json names = json::parse(state.environment.read_draft(ticket_key(state, "uploading", id)), nullptr, false);
    if (!names.is_array()) return {};
    std::vector<PendingFile> sending;
    if (auto uploads = state.thread_uploads.find(id); uploads != state.thread_uploads.end()) sending = uploads->second;
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

}  // namespace

std::string draft_key(const AppState& state) {
    if (state.session.status != SessionStatus::signed_in || state.session.account_id.empty()) return "";
    return "portal.draft." + state.session.email + "." + state.session.account_id;
}

std::string draft_json(const TicketForm& form) {
    json fields = json::parse(core::ticket_request_json(form.fields));
    fields["attachments"] = json::array();
    for (const core::AttachmentRef& a : form.fields.attachments)
        fields["attachments"].push_back({{"id", a.id}, {"name", a.name}, {"size", a.size}, {"sha256", a.sha256}});
    // Files still on their way cannot come back after a reload (the page loses them): their names do, to
    // say so.
    json uploading = json::array();
    for (const PendingFile& p : form.uploading) uploading.push_back(p.name);
    return json{{"version", 1}, {"fields", fields}, {"cc_text", form.cc_text}, {"idempotency_key", form.idempotency_key},
                {"follow_up_label", form.follow_up_label}, {"uploading", uploading}}.dump();
}

TicketForm parse_draft(const std::string& text) {
    TicketForm form;
    json doc = json::parse(text, nullptr, false);
    if (!doc.is_object() || doc.value("version", 0) != 1 || !doc.contains("fields") || !doc["fields"].is_object()) return form;
    json fields = doc["fields"];
    json attachments = fields.contains("attachments") ? fields["attachments"] : json::array();
    fields["attachments"] = json::array();
    auto parsed = core::parse_ticket_request(fields.dump());
    if (!parsed) return form;
    form.fields = std::move(parsed).value();
    if (attachments.is_array())
        for (const json& a : attachments)
            if (a.is_object() && a.contains("id") && a["id"].is_string())
                form.fields.attachments.push_back(core::AttachmentRef{a["id"], a.value("name", ""),
                                                                      a.value("size", std::int64_t{0}), a.value("sha256", "")});
    form.cc_text = doc.value("cc_text", "");
    form.idempotency_key = doc.value("idempotency_key", "");
    if (!form.fields.follow_up_of.empty()) form.follow_up_label = doc.value("follow_up_label", "");
    if (doc.contains("uploading") && doc["uploading"].is_array())
        for (const json& name : doc["uploading"])
            if (name.is_string()) form.file_errors.push_back(core::Text::of("file.error.interrupted", {{"file", name.get<std::string>()}}));
    return form;
}

Effects session_ready(AppState& state) {
    const std::string key = draft_key(state);
    if (key.empty()) return {};
    if (state.form.draft_key == key) return {};
    // The limits are the server's, the same for every account: asked once per sign-in (signing out
    // clears the form, and with it the draft key).
    const bool first_since_sign_in = state.form.draft_key.empty();
    state.form = parse_draft(state.environment.read_draft(key));
    state.form.draft_key = key;
    state.confirmation.reset();
    if (state.list.account != state.session.account_id) state.list = TicketList{};
    if (!first_since_sign_in) return {};
    return session::request(state, RequestPurpose::limits, core::ApiRequest{"GET", "/api/limits", "", ""});
}

Effects open_new(AppState& state) {
    if (state.session.status != SessionStatus::signed_in) return session::open_sign_in(state, core::SignInMethod::email_code);
    state.screen = Screen::new_ticket;
    return {};
}

Effects open_list(AppState& state) {
    if (state.session.status != SessionStatus::signed_in) return session::open_sign_in(state, core::SignInMethod::email_code);
    state.screen = Screen::my_requests;
    if (state.list.account == state.session.account_id && (state.list.loading || !state.list.tickets.empty())) return {};
    state.list.account = state.session.account_id;
    return fetch_list(state, false);
}

Effects open_ticket(AppState& state, const std::string& id) {
    if (state.session.status != SessionStatus::signed_in) return session::open_sign_in(state, core::SignInMethod::email_code);
    state.screen = Screen::ticket;
    state.thread = TicketThread{};
    state.thread.id = id;
    state.thread.loading = true;
    state.thread.reply_key = ticket_key(state, "reply", id);
    state.thread.reply = state.environment.read_draft(state.thread.reply_key);  // typed before a reload
    state.thread.survey_key = ticket_key(state, "survey", id);
    const json survey = json::parse(state.environment.read_draft(state.thread.survey_key), nullptr, false);
    if (survey.is_object() && survey.contains("good") && survey["good"].is_boolean()) {
        state.thread.rating_good = survey["good"].get<bool>();
        state.thread.reason = survey.value("reason", "");
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
    effects = join(effects, session::request(state, RequestPurpose::thread, core::ApiRequest{"GET", ticket_path(id), "", ""},
                                             token(state)));
    effects.push_back(StartTimer{thread_refresh_ms, TimerKind::thread_refresh, state.thread.refresh_version});
    return effects;
}

Effects field_changed(AppState& state, const FormFieldChanged& e) {
    TicketForm& form = state.form;
    Effects effects;
    switch (e.field) {
        case FormField::title:
            form.fields.title = e.text;
            effects.push_back(StartTimer{debounce_ms, TimerKind::title_suggestions, ++form.title_version});
            break;
        case FormField::description: form.fields.description = e.text; break;
        case FormField::agency: form.fields.agency = e.text; break;
        case FormField::cc:
            form.cc_text = e.text;
            form.fields.cc = core::split_emails(e.text);
            break;
    }
    revalidate(form);
    return join(effects, save(state));
}

Effects choice(AppState& state, const FormChoice& e) {
    core::TicketFields& f = state.form.fields;
    if (e.kind) {
        // The financial form's title is a subject from a list: a technical title does not carry over.
        const bool was_financial = f.kind == core::RequestKind::financial;
        f.kind = *e.kind;
        if (was_financial != (f.kind == core::RequestKind::financial)) f.title.clear();
    }
    if (e.users) f.users = e.users;
    if (e.impact) f.impact = e.impact;
    if (e.environment) f.environment = e.environment;
    if (e.experience) f.experience = e.experience;
    revalidate(state.form);
    return save(state);
}

Effects files_chosen(AppState& state, const FilesChosen& e) {
    const Account* account = chosen_account(state);
    if (!account) return {};
    TicketForm& form = state.form;
    form.file_errors.clear();
    Effects uploads = start_uploads(state, e.files, form.fields.attachments.size(), RequestPurpose::upload,
                                    "/api/accounts/" + core::percent_encode(account->id) + "/attachments", form.uploading,
                                    form.file_errors);
    if (uploads.empty()) return {};
    return join(uploads, save(state));  // the draft knows they are on their way
}

Effects thread_files_chosen(AppState& state, const FilesChosen& e) {
    TicketThread& thread = state.thread;
    if (thread.summary.id.empty() || thread.summary.status == "closed") return {};
    thread.file_errors.clear();
    thread.notice.clear();
    Effects uploads = start_uploads(state, e.files, thread.attachments.size(), RequestPurpose::thread_upload,
                                    ticket_path(thread.id) + "/attachments", state.thread_uploads[thread.id], thread.file_errors);
    if (uploads.empty()) return {};
    return join(uploads, keep_thread_uploads(state, thread.id));
}

Effects attachment_opened(AppState& state, const std::string& id) {
    TicketThread& thread = state.thread;
    auto file = std::find_if(thread.attachments.begin(), thread.attachments.end(),
                             [&](const core::AttachmentRef& a) { return a.id == id; });
    if (file == thread.attachments.end()) return {};
    for (const auto& [request, pending] : thread.downloading)
        if (pending.id == id) return {};  // already on its way
    thread.error.clear();
    const int request = state.next_request_id++;
    state.requests[request] = RequestPurpose::download;
    thread.downloading[request] = *file;
    return {DownloadFile{request, "/api/attachments/" + core::percent_encode(id), token(state), file->name}};
}

Effects attachment_removed(AppState& state, const std::string& id) {
    auto& list = state.form.fields.attachments;
    list.erase(std::remove_if(list.begin(), list.end(), [&](const core::AttachmentRef& a) { return a.id == id; }), list.end());
    return save(state);
}

Effects submit(AppState& state) {
    TicketForm& form = state.form;
    if (form.submitting) return {};
    form.tried = true;
    form.errors = core::validate_ticket(form.fields);
    form.submit_error.clear();
    const Account* account = chosen_account(state);
    if (!account) return {};
    if (!account->can_open_tickets) {
        form.submit_error = core::Text::of("form.error.missing_resource", {{"account", account->name}});
        return {};
    }
    if (!form.errors.empty()) {
        form.submit_error = core::Text::of("form.error.check_fields");
        return {};
    }
    if (!form.uploading.empty()) {
        form.submit_error = core::Text::of("form.error.uploading");
        return {};
    }
    if (form.idempotency_key.empty()) form.idempotency_key = core::base64url(state.environment.random_bytes(18));
    form.retries = 0;
    return send_submit(state);
}

Effects new_again(AppState& state) {
    state.confirmation.reset();
    state.screen = Screen::new_ticket;
    return {};
}

Effects draft_save_result(AppState& state, const DraftSaveResult& e) {
    if (e.key == state.form.draft_key) state.form.draft_unsaved = !e.saved;
    if (e.key == state.thread.reply_key) state.thread.reply_unsaved = !e.saved;
    return {};
}

Effects timer(AppState& state, const TimerFired& e) {
    switch (e.kind) {
        case TimerKind::title_suggestions:
            if (e.version == state.form.title_version) state.form.suggestions = suggest(state);
            return {};
        case TimerKind::list_search:
            if (e.version != state.list.query_version || state.screen != Screen::my_requests) return {};
            return fetch_list(state, false);
        case TimerKind::thread_refresh: {
            TicketThread& thread = state.thread;
            if (e.version != thread.refresh_version || state.screen != Screen::ticket) return {};  // left it
            Effects effects{StartTimer{thread_refresh_ms, TimerKind::thread_refresh, thread.refresh_version}};
            if (thread.loading || thread.busy || thread.summary.id.empty()) return effects;  // the next time
            Effects get = session::request(state, RequestPurpose::thread_refresh,
                                           core::ApiRequest{"GET", ticket_path(thread.id), "", ""},
                                           token(state));
            return join(effects, get);
        }
        case TimerKind::submit_retry:
            // Retry with the same key: if the first attempt did reach the server, this returns that ticket.
            if (e.version != state.form.retries || state.form.submitting || state.form.idempotency_key.empty()) return {};
            return send_submit(state);
    }
    return {};
}

Effects filter(AppState& state, std::optional<core::TicketStatus> status) {
    state.list.status = status;
    return fetch_list(state, false);
}

Effects search(AppState& state, const std::string& text) {
    state.list.query = text;
    return {StartTimer{debounce_ms, TimerKind::list_search, ++state.list.query_version}};
}

Effects load_more(AppState& state) {
    if (state.list.loading || !state.list.next_cursor) return {};
    return fetch_list(state, true);
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

Effects follow_up(AppState& state) {
    const TicketSummary& closed = state.thread.summary;
    if (closed.id.empty() || closed.status != "closed") return {};
    state.confirmation.reset();
    state.form.fields.follow_up_of = closed.id;
    state.form.follow_up_label = ticket_name(closed);
    state.screen = Screen::new_ticket;
    return save(state);
}

Effects follow_up_removed(AppState& state) {
    state.form.fields.follow_up_of.clear();
    state.form.follow_up_label.clear();
    return save(state);
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

Effects responded(AppState& state, RequestPurpose purpose, const HttpResponded& e) {
    json body = json::parse(e.body, nullptr, false);
    switch (purpose) {
        case RequestPurpose::limits: {
            if (e.status == 200)
                if (auto limits = core::parse_attachment_limits(e.body)) state.limits = std::move(limits).value();
            return {};
        }
        case RequestPurpose::upload: {
            TicketForm& form = state.form;
            const size_t waiting = form.uploading.size();
            auto stored = upload_answered(form.uploading, form.file_errors, e, body);
            if (stored) {
                form.fields.attachments.push_back(*stored);
                revalidate(form);
            }
            if (form.uploading.size() == waiting) return {};  // not one of this draft's
            return save(state);
        }
        case RequestPurpose::thread_upload: {
            auto sent_to = std::find_if(state.thread_uploads.begin(), state.thread_uploads.end(), [&](const auto& entry) {
                return std::any_of(entry.second.begin(), entry.second.end(),
                                   [&](const PendingFile& p) { return p.request_id == e.request_id; });
            });
            if (sent_to == state.thread_uploads.end()) return {};
            const std::string ticket = sent_to->first;
            TicketThread& thread = state.thread;
            // On the ticket's screen, what became of the file is said there; elsewhere, the ticket shows
            // the file, or why it was refused, when it is opened again.
            const bool shown = state.screen == Screen::ticket && thread.id == ticket;
            auto stored = upload_answered(sent_to->second, shown ? thread.file_errors : state.thread_upload_problems[ticket], e, body);
            if (sent_to->second.empty()) state.thread_uploads.erase(sent_to);
            if (stored && shown) {
                thread.attachments.push_back(*stored);
                thread.notice = core::Text::of("thread.file_attached", {{"file", stored->name}});
            }
            return keep_thread_uploads(state, ticket);
        }
        case RequestPurpose::download: {
            TicketThread& thread = state.thread;
            auto it = thread.downloading.find(e.request_id);
            if (it == thread.downloading.end()) return {};
            const core::AttachmentRef file = it->second;
            thread.downloading.erase(it);
            if (e.status != 200)
                thread.error = file_problem("thread.error.download", file.name, e, core::Text::of("thread.error.download_failed"));
            return {};
        }
        case RequestPurpose::submit: {
            TicketForm& form = state.form;
            form.submitting = false;
            if ((e.status == 200 || e.status == 201) && parse_summary(body)) {
                TicketSummary created = *parse_summary(body);
                state.confirmation = Confirmation{created.id, created.number, created.priority, created.due_at};
                Effects effects{SaveDraft{form.draft_key, ""}};
                const std::string key = form.draft_key;
                form = TicketForm{};
                form.draft_key = key;
                state.list.account.clear();  // the list shows the new ticket next time
                return effects;
            }
            if (e.status == 0 || e.status >= 500) {
                if (form.retries < max_submit_retries) {
                    const int seconds = 2 << form.retries;
                    form.submit_error = core::Text::of("form.error.retrying", {{"seconds", std::to_string(seconds)}});
                    return {StartTimer{seconds * 1000, TimerKind::submit_retry, ++form.retries}};
                }
                form.submit_error = core::Text::of("form.error.unreachable");
                return {};
            }
            if (e.status == 400 && body.is_object() && body.contains("fields") && body["fields"].is_array()) {
                form.errors.clear();
                for (const json& f : body["fields"])
                    if (f.is_object()) form.errors.push_back(core::FieldError{f.value("field", ""), field_problem(f)});
                form.submit_error = core::Text::of("form.error.check_fields");
                return {};
            }
            if (e.status == 401) {
                form.submit_error = core::Text::of("form.error.expired");
                return {};
            }
            if (e.status == 422) form.idempotency_key.clear();  // that key belongs to a ticket already created
            form.submit_error = message_of(e, core::Text::of("form.error.refused", {{"status", std::to_string(e.status)}}));
            return save(state);
        }
        case RequestPurpose::list: {
            TicketList& list = state.list;
            if (e.request_id != list.request_id) return {};
            list.loading = false;
            if (e.status != 200 || !body.is_object() || !body.contains("tickets") || !body["tickets"].is_array()) {
                list.error = message_of(e, core::Text::of("list.error.load"));
                return {};
            }
            for (const json& t : body["tickets"])
                if (auto summary = parse_summary(t)) list.tickets.push_back(std::move(*summary));
            if (body.contains("next_cursor") && body["next_cursor"].is_string()) list.next_cursor = body["next_cursor"].get<std::string>();
            else list.next_cursor.reset();
            return {};
        }
        case RequestPurpose::thread_refresh: {
            // Quietly: a refresh that fails is tried again at the next one. An action answered meanwhile
            // has the newer ticket.
            TicketThread& thread = state.thread;
            if (e.status != 200 || !parse_summary(body) || body["id"] != thread.id || thread.busy) return {};
            auto support_replies = [&thread] {
                return std::count_if(thread.comments.begin(), thread.comments.end(), [](const Comment& c) { return c.role == "agent"; });
            };
            const auto before = support_replies();
            read_thread(thread, body);
            if (support_replies() > before) thread.notice = core::Text::of("thread.new_reply");
            return {};
        }
        case RequestPurpose::thread:
        case RequestPurpose::thread_reply:
        case RequestPurpose::thread_survey:
        case RequestPurpose::thread_action: {
            TicketThread& thread = state.thread;
            thread.loading = false;
            thread.busy = false;
            if ((e.status == 200 || e.status == 201) && parse_summary(body) && body["id"] == thread.id) {
                read_thread(thread, body);
                if (purpose == RequestPurpose::thread) return {};
                thread.notice = core::Text::of("thread.sent");
                state.list.account.clear();
                if (purpose == RequestPurpose::thread_survey && !thread.survey_key.empty())
                    return {SaveDraft{thread.survey_key, ""}};  // sent: nothing more to keep
                // Only the reply that was sent is done with: a reopen or a rating keeps a reply being typed,
                // and so does text typed while the reply was on its way.
                if (purpose != RequestPurpose::thread_reply || thread.reply != thread.sent_reply) return {};
                thread.reply.clear();
                if (thread.reply_key.empty()) return {};
                return {SaveDraft{thread.reply_key, ""}};
            }
            thread.error = message_of(e, core::Text::of("thread.error.load"));
            return {};
        }
        default: return {};
    }
}

}  // namespace app::tickets
