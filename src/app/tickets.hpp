#pragma once
// Tickets inside update(): the form and its draft (tickets/form.cpp), My requests (tickets/list.cpp)
// and a ticket's thread (tickets/thread.cpp). Requests go out as Effects; each part answers its own.
#include <optional>

#include "app/event.hpp"
#include "app/state.hpp"

namespace app::tickets {

// Where the draft of the signed-in user's chosen account is saved ("" when signed out).
std::string draft_key(const AppState& state);
// The draft as saved in the browser, and back (an unreadable draft gives an empty form).
std::string draft_json(const TicketForm& form, const std::vector<PendingFile>& uploading = {});
TicketForm parse_draft(const std::string& text);

// After sign-in or a change of account: restore that account's draft; ask for the upload limits.
Effects session_ready(AppState& state);
Effects open_new(AppState& state);
Effects open_list(AppState& state);
Effects open_ticket(AppState& state, const std::string& id);
Effects field_changed(AppState& state, const FormFieldChanged& e);
Effects choice(AppState& state, const FormChoice& e);
Effects form_files_chosen(AppState& state, const FormFilesChosen& e);
// Files chosen on a ticket's thread: attached to that ticket.
Effects thread_files_chosen(AppState& state, const ThreadFilesChosen& e);
// One of the thread's files: the browser saves it under its name.
Effects attachment_opened(AppState& state, const std::string& id);
Effects attachment_removed(AppState& state, const std::string& id);
Effects submit(AppState& state);
Effects new_again(AppState& state);
Effects timer(AppState& state, const TimerFired& e);
Effects draft_save_result(AppState& state, const DraftSaveResult& e);
Effects filter(AppState& state, std::optional<core::TicketStatus> status);
Effects search(AppState& state, const std::string& text);
Effects load_more(AppState& state);
// My requests of the chosen account, or of all of them (only for a user with more than one).
Effects choose_scope(AppState& state, bool all_accounts);
Effects reply_changed(AppState& state, const std::string& text);
Effects reply(AppState& state);
Effects reopen(AppState& state);
// What the live updates said (a ticket changed, or read everything again) for the screen shown.
Effects live_event(AppState& state, const LiveEvent& e);
Effects remove_cc(AppState& state, const std::string& email);
// A closed ticket cannot be reopened: the form opens as its follow-up (the draft keeps the link).
Effects follow_up(AppState& state);
Effects follow_up_removed(AppState& state);
Effects rating(AppState& state, bool good);
Effects reason_changed(AppState& state, const std::string& text);
Effects send_rating(AppState& state);
// An answer to one of the requests above (`request`: what it was for, no longer in flight).
Effects responded(AppState& state, const InFlight& request, const HttpResponded& e);

// The thread shows `ticket` as the server described it.
void show(TicketThread& thread, const core::TicketDetails& ticket);

}  // namespace app::tickets
