// What the three parts share at their edges: which part answers a request or a timer, and a ticket's
// details as the thread shows them.
#include "app/tickets.hpp"
#include "app/tickets/common.hpp"

namespace app::tickets {

void show(TicketThread& thread, const core::TicketDetails& ticket) {
    thread.summary = ticket.summary;
    thread.fields = core::form_fields(ticket);
    thread.survey = ticket.survey;
    // Named by its number when the server gives it ("#1030"), by its id otherwise.
    thread.follow_up_of = ticket.follow_up_of.empty() || !ticket.follow_up_number
                              ? ticket.follow_up_of
                              : "#" + std::to_string(*ticket.follow_up_number);
    thread.reopen_until = ticket.reopen_until;
    thread.yours = ticket.yours;
    thread.comments = ticket.comments;
    thread.attachments = ticket.attachments;
}

Effect show_toast(AppState& state, core::Text text) {
    state.toast.text = std::move(text);
    return StartTimer{toast_ms, TimerKind::toast, ++state.toast.version};
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
        case TimerKind::toast:
            if (e.version == state.toast.version) state.toast.text.clear();
            return {};
    }
    return {};
}

Effects draft_save_result(AppState& state, const DraftSaveResult& e) {
    if (e.key == state.form.draft_key) state.form.draft_unsaved = !e.saved;
    if (e.key == state.thread.reply_key) state.thread.reply_unsaved = !e.saved;
    return {};
}

}  // namespace app::tickets
