#pragma once
// What the form, the list and the thread share inside update(): the access token, a server's refusal
// in words, the tickets' addresses, the uploads they start and the keys they keep things under.
#include <string>
#include <vector>

#include "app/event.hpp"
#include "app/state.hpp"

namespace app::tickets {

// An open ticket is read again this often, so support's replies and changes show up without leaving it.
inline constexpr int thread_refresh_ms = 30'000;
inline constexpr int debounce_ms = 300;
// How long a toast stays: long enough to read a few words, short enough not to linger over the page.
inline constexpr int toast_ms = 4'000;

// Shows `text` as a toast; the timer it returns takes it away again.
Effect show_toast(AppState& state, core::Text text);

const std::string& token(const AppState& state);
// What this browser keeps under `key` ("" when nothing).
std::string stored(const AppState& state, const std::string& key);

// What went wrong, for a person: no connection, the server's message, or `fallback`.
core::Text message_of(const HttpResponded& e, core::Text fallback);
// `key` ("\"{file}\" was not attached: {reason}") with the server's reason, or `fallback` when it gave none.
core::Text file_problem(const char* key, const std::string& name, const HttpResponded& e, core::Text fallback);

template <class... Lists>
Effects join(Effects first, Lists... rest) {
    (first.insert(first.end(), rest.begin(), rest.end()), ...);
    return first;
}

// A ticket's address in the API.
std::string ticket_path(const std::string& id);
// Where this browser keeps what the signed-in user typed on a ticket (`what`: reply, survey,
// uploading), "" when signed out.
std::string ticket_key(const AppState& state, const char* what, const std::string& ticket_id);

// Checks each chosen file against the limits (`present`: files already attached) and uploads to `path`
// those that pass, each one request in flight for `ticket` ("" for the draft); the others get a reason
// in `errors`.
Effects start_uploads(AppState& state, const std::vector<ChosenFile>& files, size_t present, RequestPurpose purpose,
                      const std::string& ticket, const std::string& path, std::vector<core::Text>& errors);
// The file an upload's answer stored, or nullopt when it was not stored (then `errors` says why).
std::optional<core::StoredAttachment> upload_answered(const PendingFile& file, const HttpResponded& e,
                                                   std::vector<core::Text>& errors);

// Each part answers its own requests and timers.
namespace form {
Effects responded(AppState& state, const InFlight& request, const HttpResponded& e);
Effects timer(AppState& state, const TimerFired& e);
}  // namespace form
namespace list {
Effects responded(AppState& state, const InFlight& request, const HttpResponded& e);
Effects timer(AppState& state, const TimerFired& e);
// The live updates said a ticket changed: its row is read again when the list shows its account.
Effects changed(AppState& state, const LiveEvent& e);
}  // namespace list
namespace thread {
Effects responded(AppState& state, const InFlight& request, const HttpResponded& e);
Effects timer(AppState& state, const TimerFired& e);
// The live updates said a ticket changed: the open thread is read again when it is that one.
Effects changed(AppState& state, const LiveEvent& e);
}  // namespace thread

}  // namespace app::tickets
