#pragma once
// The live updates inside update(): while someone is signed in the portal holds the server's event
// stream (GET /api/events), so that support's replies and status changes show on an open ticket and in
// My requests at once; it is given up at sign-out. A stream that cannot be held (no connection, a
// server that refuses more) is tried again later, waiting longer each time, and meanwhile an open
// ticket is read every 30 seconds; one that ended because its token expired comes back once the token
// is renewed, after the last event it heard.
#include "app/event.hpp"
#include "app/state.hpp"

namespace app::live {

// Signed in without a stream: one is asked for. Signed out with one: it is given up.
Effects follow_session(AppState& state);
Effects arrived(AppState& state, const LiveEvent& e);
Effects timer(AppState& state, const TimerFired& e);
// A new access token came: a stream that ended for the old one's expiry comes back.
Effects token_renewed(AppState& state);
// No token came (no connection): a stream waiting for one is tried again later.
Effects renewal_failed(AppState& state);

}  // namespace app::live
