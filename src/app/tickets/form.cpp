// The new-ticket form: what is typed and chosen, kept as a draft per user and account; the files
// uploaded for it; the submission, which never loses or duplicates a ticket.
#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>

#include "app/session.hpp"
#include "app/tickets.hpp"
#include "app/tickets/common.hpp"
#include "core/base64url.hpp"
#include "core/json_text.hpp"
#include "core/url.hpp"

namespace app::tickets {

namespace {

using nlohmann::json;

constexpr int max_submit_retries = 5;

Effects save(const AppState& state) {
    if (state.form.draft_key.empty()) return {};
    return {SaveDraft{state.form.draft_key, draft_json(state.form, uploads_to(state, ""))}};
}

// The form's problems: the kind first when none is chosen, then the ticket's own (core).
std::vector<core::FieldError> problems(const TicketForm& form) {
    std::vector<core::FieldError> errors;
    if (!form.kind_chosen) errors.push_back(core::FieldError{"kind", core::Text::of("form.error.kind_missing")});
    for (core::FieldError& e : core::validate_ticket(form.fields)) errors.push_back(std::move(e));
    return errors;
}

void revalidate(TicketForm& form) {
    if (form.tried) form.errors = problems(form);
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

Effects send_submit(AppState& state) {
    const Account* account = chosen_account(state);
    if (!account) return {};
    state.form.submitting = true;
    const std::string path = "/api/accounts/" + core::percent_encode(account->id) + "/tickets";
    return join(save(state), session::request(state, RequestPurpose::submit,
                                              core::ApiRequest{"POST", path, core::ticket_request_json(state.form.fields)},
                                              token(state), state.form.idempotency_key));
}

Effects submitted(AppState& state, const HttpResponded& e) {
    TicketForm& form = state.form;
    form.submitting = false;
    if (e.status == 200 || e.status == 201) {
        if (auto answer = core::parse_ticket_summary(e.body)) {
            const TicketSummary& created = answer.value();
            state.confirmation = Confirmation{created.id, created.number, created.priority, created.due_at};
            Effects effects{SaveDraft{form.draft_key, ""}};
            const std::string key = form.draft_key;
            form = TicketForm{};
            form.draft_key = key;
            state.list.account.clear();  // the list shows the new ticket next time
            return effects;
        }
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
    // Each field's problem beside it, in the reader's language when the catalog knows it.
    if (auto refusal = core::parse_ticket_refusal(e.body); e.status == 400 && refusal && !refusal.value().fields.empty()) {
        form.errors.clear();
        for (const core::RefusedField& f : refusal.value().fields)
            form.errors.push_back(core::FieldError{f.field, core::problem_text(f)});
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

}  // namespace

std::string draft_key(const AppState& state) {
    if (state.session.status != SessionStatus::signed_in || state.session.account_id.empty()) return "";
    return "portal.draft." + state.session.email + "." + state.session.account_id;
}

std::string draft_json(const TicketForm& form, const std::vector<PendingFile>& uploading) {
    json fields = core::parse_json(core::ticket_request_json(form.fields));
    fields["attachments"] = json::array();
    for (const core::AttachmentRef& a : form.fields.attachments)
        fields["attachments"].push_back({{"id", a.id}, {"name", a.name}, {"size", a.size}, {"sha256", a.sha256}});
    // Files still on their way cannot come back after a reload (the page loses them): their names do, to
    // say so.
    json names = json::array();
    for (const PendingFile& p : uploading) names.push_back(p.name);
    return json{{"version", 1}, {"fields", fields}, {"kind_chosen", form.kind_chosen}, {"cc_text", form.cc_text}, {"idempotency_key", form.idempotency_key},
                {"follow_up_label", form.follow_up_label}, {"uploading", names}}.dump();
}

TicketForm parse_draft(const std::string& text) {
    TicketForm form;
    json doc = core::parse_json(text);
    if (!doc.is_object() || doc.value("version", 0) != 1 || !doc.contains("fields") || !doc["fields"].is_object()) return form;
    json fields = doc["fields"];
    json attachments = fields.contains("attachments") ? fields["attachments"] : json::array();
    fields["attachments"] = json::array();
    auto parsed = core::parse_ticket_request(fields.dump());
    if (!parsed) return form;
    form.fields = std::move(parsed).value();
    // Drafts kept before the kind could be left unchosen always had one.
    const auto chosen = doc.find("kind_chosen");
    form.kind_chosen = chosen == doc.end() || !chosen->is_boolean() || chosen->get<bool>();
    if (attachments.is_array())
        for (const json& a : attachments)
            if (a.is_object() && a.contains("id") && a["id"].is_string())
                form.fields.attachments.push_back(core::AttachmentRef{
                    a["id"], core::text_member(a, "name"),
                    a.contains("size") && a["size"].is_number_integer() ? a["size"].get<std::int64_t>() : 0,
                    core::text_member(a, "sha256")});
    form.cc_text = core::text_member(doc, "cc_text");
    form.idempotency_key = core::text_member(doc, "idempotency_key");
    if (!form.fields.follow_up_of.empty()) form.follow_up_label = core::text_member(doc, "follow_up_label");
    if (doc.contains("uploading") && doc["uploading"].is_array())
        for (const json& name : doc["uploading"])
            if (name.is_string())
                form.file_errors.push_back(core::Text::of("file.error.interrupted", {{"file", name.get<std::string>()}}));
    return form;
}

Effects session_ready(AppState& state) {
    const std::string key = draft_key(state);
    if (key.empty()) return {};
    if (state.form.draft_key == key) return {};
    // The limits are the server's, the same for every account: asked once per sign-in (signing out
    // clears the form, and with it the draft key).
    const bool first_since_sign_in = state.form.draft_key.empty();
    // Files on their way to the other account's draft are not this one's: their answers are dropped.
    std::erase_if(state.in_flight, [](const auto& entry) { return entry.second.purpose == RequestPurpose::upload; });
    state.form = parse_draft(stored(state, key));
    state.form.draft_key = key;
    state.confirmation.reset();
    if (state.list.account != state.session.account_id) {
        const bool all_accounts = state.list.all_accounts;  // the reader's choice outlives the switch
        state.list = TicketList{};
        state.list.all_accounts = all_accounts;
    }
    if (!first_since_sign_in) return {};
    return session::request(state, RequestPurpose::limits, core::ApiRequest{"GET", "/api/limits", "", ""});
}

Effects open_new(AppState& state) {
    if (state.session.status != SessionStatus::signed_in) return session::open_sign_in(state, core::SignInMethod::email_code);
    state.screen = Screen::new_ticket;
    return {};
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
        const bool was_financial = state.form.kind_chosen && f.kind == core::RequestKind::financial;
        f.kind = *e.kind;
        state.form.kind_chosen = true;
        if (was_financial != (f.kind == core::RequestKind::financial)) f.title.clear();
    }
    if (e.users) f.users = e.users;
    if (e.impact) f.impact = e.impact;
    if (e.environment) f.environment = e.environment;
    if (e.experience) f.experience = e.experience;
    revalidate(state.form);
    return save(state);
}

Effects form_files_chosen(AppState& state, const FormFilesChosen& e) {
    const Account* account = chosen_account(state);
    if (!account) return {};
    TicketForm& form = state.form;
    form.file_errors.clear();
    Effects uploads = start_uploads(state, e.files, form.fields.attachments.size(), RequestPurpose::upload, "",
                                    "/api/accounts/" + core::percent_encode(account->id) + "/attachments",
                                    form.file_errors);
    if (uploads.empty()) return {};
    return join(uploads, save(state));  // the draft knows they are on their way
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
    form.errors = problems(form);
    form.submit_error.clear();
    const Account* account = chosen_account(state);
    if (!account) return {};
    if (!account->can_open_tickets) {
        const core::LicenseResource& needed = state.session.ticket_resource;
        form.submit_error = core::Text::of("form.error.missing_resource", {{"account", account->name},
                                           {"resource", needed.resource}, {"product", needed.product}});
        return {};
    }
    if (!form.errors.empty()) {
        form.submit_error = core::Text::of("form.error.check_fields");
        return {};
    }
    if (!uploads_to(state, "").empty()) {
        form.submit_error = core::Text::of("form.error.uploading");
        return {};
    }
    if (form.idempotency_key.empty()) form.idempotency_key = core::base64url(state.random.next(18));
    form.retries = 0;
    return send_submit(state);
}

Effects new_again(AppState& state) {
    state.confirmation.reset();
    state.screen = Screen::new_ticket;
    return {};
}

Effects follow_up_removed(AppState& state) {
    state.form.fields.follow_up_of.clear();
    state.form.follow_up_label.clear();
    return save(state);
}

Effects follow_up(AppState& state) {
    const TicketSummary& closed = state.thread.summary;
    if (closed.id.empty() || closed.status != core::TicketStatus::closed) return {};
    state.confirmation.reset();
    state.form.fields.follow_up_of = closed.id;
    state.form.follow_up_label = ticket_name(closed);
    state.screen = Screen::new_ticket;
    return save(state);
}

namespace form {

Effects responded(AppState& state, const InFlight& request, const HttpResponded& e) {
    switch (request.purpose) {
        case RequestPurpose::limits:
            if (e.status == 200)
                if (auto limits = core::parse_attachment_limits(e.body)) state.limits = std::move(limits).value();
            return {};
        case RequestPurpose::upload: {
            if (!request.file || state.form.draft_key.empty()) return {};  // signed out meanwhile
            if (auto stored = upload_answered(*request.file, e, state.form.file_errors)) {
                state.form.fields.attachments.push_back(*stored);
                revalidate(state.form);
            }
            return save(state);
        }
        case RequestPurpose::submit: return submitted(state, e);
        default: return {};
    }
}

Effects timer(AppState& state, const TimerFired& e) {
    switch (e.kind) {
        case TimerKind::title_suggestions:
            if (e.version == state.form.title_version) state.form.suggestions = suggest(state);
            return {};
        case TimerKind::submit_retry:
            // Retry with the same key: if the first attempt did reach the server, this returns that ticket.
            if (e.version != state.form.retries || state.form.submitting || state.form.idempotency_key.empty()) return {};
            return send_submit(state);
        default: return {};
    }
}

}  // namespace form
}  // namespace app::tickets
