#include "app/live.hpp"

#include <algorithm>

#include "app/session.hpp"
#include "app/tickets.hpp"

namespace app::live {

namespace {

constexpr int retry_first_ms = 3'000, retry_max_ms = 60'000;

Effects open(AppState& state) {
    LiveUpdates& live = state.live;
    live.open = false;
    live.asked = true;
    live.waiting_token = false;
    live.token = state.session.access_token;
    return {OpenLiveUpdates{++live.version, state.session.access_token, live.last_id}};
}

}  // namespace

Effects follow_session(AppState& state) {
    const bool signed_in = state.session.status == SessionStatus::signed_in && !state.session.access_token.empty();
    if (signed_in && !state.live.asked) return open(state);
    if (!signed_in && state.live.asked) {
        state.live = LiveUpdates{.version = state.live.version + 1};  // what the old stream says is dropped
        return {CloseLiveUpdates{}};
    }
    return {};
}

Effects arrived(AppState& state, const LiveEvent& e) {
    LiveUpdates& live = state.live;
    if (e.version != live.version || !live.asked) return {};  // a stream given up since
    switch (e.kind) {
        case LiveEvent::Kind::opened:
            live.open = true;
            live.failures = 0;
            return {};
        case LiveEvent::Kind::ticket:
            live.last_id = std::max(live.last_id, e.id);
            return tickets::live_event(state, e);
        case LiveEvent::Kind::reset:
            live.last_id = 0;
            return tickets::live_event(state, e);
        case LiveEvent::Kind::ended:
        case LiveEvent::Kind::failed: break;
    }
    live.open = false;
    // The token expired, or the session ended (signed out elsewhere): a renewal says which, and a
    // session that ended ends here too (session.cpp).
    if (e.status == 401 || e.reason == "token_expired" || e.reason == "session_ended") {
        // Another call renewed the token meanwhile: the stream comes back with it at once.
        if (e.reason == "token_expired" && state.session.access_token != live.token) return open(state);
        live.waiting_token = true;
        return session::renew(state);
    }
    ++live.failures;
    int wait = std::min(retry_max_ms, retry_first_ms << std::min(live.failures - 1, 5));
    if (e.status == 429 || e.status == 503) wait = retry_max_ms;  // the server holds as many as it can
    return {StartTimer{wait, TimerKind::live_retry, live.version}};
}

Effects renewal_failed(AppState& state) {
    if (!state.live.asked || !state.live.waiting_token) return {};
    return {StartTimer{retry_max_ms, TimerKind::live_retry, state.live.version}};
}

Effects timer(AppState& state, const TimerFired& e) {
    if (e.version != state.live.version || !state.live.asked || state.live.open) return {};
    if (state.session.status != SessionStatus::signed_in) return {};
    return open(state);
}

Effects token_renewed(AppState& state) {
    if (!state.live.asked || !state.live.waiting_token) return {};
    return open(state);
}

}  // namespace app::live
