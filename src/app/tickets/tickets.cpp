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
        case RequestPurpose::list:
        case RequestPurpose::list_row: return list::responded(state, request, e);
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
        case TimerKind::live_retry: return {};  // the live updates' (live.cpp)
    }
    return {};
}

Effects live_event(AppState& state, const LiveEvent& e) {
    if (e.kind == LiveEvent::Kind::reset) {  // more was missed than the server keeps: read what is shown again
        if (state.screen == Screen::ticket) return thread::changed(state, LiveEvent{.ticket = state.thread.id});
        if (state.screen == Screen::my_requests) {
            state.list.account.clear();
            return open_list(state);
        }
        return {};
    }
    if (e.kind != LiveEvent::Kind::ticket) return {};
    Effects effects = join(thread::changed(state, e), list::changed(state, e));
    // Support answered a ticket that is not in front of the merchant: said by a toast.
    if (e.change == "replied" && !(state.screen == Screen::ticket && state.thread.id == e.ticket) && e.number)
        effects.push_back(show_toast(state, core::Text::of("toast.support_replied", {{"number", std::to_string(e.number)}})));
    return effects;
}

Effects draft_save_result(AppState& state, const DraftSaveResult& e) {
    if (e.key == state.form.draft_key) state.form.draft_unsaved = !e.saved;
    if (e.key == state.thread.reply_key) state.thread.reply_unsaved = !e.saved;
    return {};
}

}  // namespace app::tickets
