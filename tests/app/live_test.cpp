// The live updates in update(): the stream held while signed in and given up at sign-out; a change on
// the open ticket read at once (the 30-second reading then waits), a row of My requests read again or
// added, a toast for support's reply elsewhere; a stream that cannot be held tried again later, and one
// whose token expired back after the renewal, from its last event.
#include <doctest/doctest.h>

#include "tickets_fixtures.hpp"

using namespace app;

namespace {

// Signed in with the stream open (its first news arrived).
AppState live_state() {
    AppState state = signed_in();
    auto effects = update(state, ClockTicked{1795798800});
    const OpenLiveUpdates* open = find<OpenLiveUpdates>(effects);
    REQUIRE(open != nullptr);
    CHECK(open->bearer == "token");
    CHECK(open->last_event_id == 0);
    update(state, LiveEvent{.kind = LiveEvent::Kind::opened, .version = open->version});
    CHECK(state.live.open);
    return state;
}

LiveEvent ticket_event(const AppState& state, const char* ticket, const char* change, std::int64_t id) {
    return LiveEvent{.kind = LiveEvent::Kind::ticket, .version = state.live.version, .id = id, .ticket = ticket,
                     .change = change, .account = "lojadaana", .number = 1005};
}

}  // namespace

TEST_CASE("signed in, the portal holds the live updates; signing out gives them up") {
    AppState state = live_state();
    CHECK(update(state, ClockTicked{1795798860}).empty());  // one stream: not asked again
    auto out = update(state, SignOutClicked{});
    CHECK(find<CloseLiveUpdates>(out) != nullptr);
    CHECK_FALSE(state.live.asked);
    // News of the old stream after sign-out are dropped.
    CHECK(update(state, LiveEvent{.kind = LiveEvent::Kind::opened, .version = state.live.version - 1}).empty());
    CHECK_FALSE(state.live.open);
}

TEST_CASE("a change on the open ticket is read at once; the 30-second reading waits while the stream is held") {
    AppState state = on_thread("open");
    update(state, ClockTicked{1795798800});
    update(state, LiveEvent{.kind = LiveEvent::Kind::opened, .version = state.live.version});
    auto heard = update(state, ticket_event(state, "t_5", "replied", 41));
    const HttpRequest* read = request_to(heard, "/api/tickets/t_5");
    REQUIRE(read != nullptr);
    CHECK(find<StartTimer>(heard) == nullptr);  // no toast: the merchant is looking at it
    CHECK(state.live.last_id == 41);
    std::string replied = thread_json("awaiting_reply");
    replied.insert(replied.size() - 1, R"(,"comments":[{"id":9,"author":"Marta","role":"agent","body":"Fixed.",)"
                                       R"("created_at":"2026-11-27T18:00:00Z"}])");
    update(state, HttpResponded{read->id, 200, replied});
    REQUIRE(state.thread.comments.size() == 1);
    CHECK(state.thread.comments[0].body == "Fixed.");
    // Another ticket's change does not read this one.
    CHECK(request_to(update(state, ticket_event(state, "t_9", "status", 42)), "/api/tickets/t_5") == nullptr);
    // The timer's tick: nothing to read while the stream is held...
    auto tick = update(state, TimerFired{TimerKind::thread_refresh, state.thread.refresh_version});
    CHECK(request_to(tick, "/api/tickets/t_5") == nullptr);
    CHECK(find<StartTimer>(tick) != nullptr);
    // ...unless a change came while the thread was busy (a reply on its way).
    update(state, ThreadReplyChanged{"Thanks!"});
    auto sending = update(state, ReplyClicked{});
    REQUIRE(state.thread.busy);
    CHECK(request_to(update(state, ticket_event(state, "t_5", "status", 43)), "/api/tickets/t_5") == nullptr);
    update(state, HttpResponded{find<HttpRequest>(sending)->id, 201, thread_json("open")});
    tick = update(state, TimerFired{TimerKind::thread_refresh, state.thread.refresh_version});
    CHECK(request_to(tick, "/api/tickets/t_5") != nullptr);
}

TEST_CASE("My requests: a changed row is read again in place, a new ticket comes in on top, support's reply says so") {
    AppState state = my_requests_state(3);
    update(state, ClockTicked{1795798800});
    update(state, LiveEvent{.kind = LiveEvent::Kind::opened, .version = state.live.version});
    auto heard = update(state, ticket_event(state, "t_1", "replied", 7));
    const HttpRequest* row = request_to(heard, "/api/tickets/t_1");
    REQUIRE(row != nullptr);
    const StartTimer* toast = find<StartTimer>(heard);
    REQUIRE(toast != nullptr);
    CHECK(toast->kind == TimerKind::toast);
    CHECK(core::english(state.toast.text) == "Support replied on ticket #1005");
    const std::string answered = R"({"id":"t_1","number":99999,"account":"lojadaana","kind":"incident",)"
                                 R"("title":"Ticket 1","status":"awaiting_reply","priority":"high",)"
                                 R"("opened_at":"2026-11-27T17:00:00Z","due_at":"2026-11-30T14:00:00Z",)"
                                 R"("updated_at":"2026-11-27T18:00:00Z"})";
    update(state, HttpResponded{row->id, 200, answered});
    REQUIRE(state.list.tickets.size() == 3);
    CHECK(state.list.tickets[1].id == "t_1");
    CHECK(state.list.tickets[1].status == core::TicketStatus::awaiting_reply);

    // A colleague's new ticket on this account.
    auto created = update(state, ticket_event(state, "t_new", "created", 8));
    const HttpRequest* fresh = request_to(created, "/api/tickets/t_new");
    REQUIRE(fresh != nullptr);
    std::string new_one = answered;
    new_one.replace(new_one.find("t_1"), 3, "t_new");
    new_one.replace(new_one.find("99999"), 5, "100001");
    update(state, HttpResponded{fresh->id, 200, new_one});
    REQUIRE(state.list.tickets.size() == 4);
    CHECK(state.list.tickets.front().id == "t_new");
    // Another account's ticket: this list does not show it.
    LiveEvent elsewhere = ticket_event(state, "t_other", "created", 9);
    elsewhere.account = "anashop-us";
    CHECK(request_to(update(state, elsewhere), "/api/tickets/t_other") == nullptr);
}

TEST_CASE("a stream that cannot be held is tried again later; one whose token expired comes back after the renewal") {
    AppState state = live_state();
    auto dropped = update(state, LiveEvent{.kind = LiveEvent::Kind::failed, .version = state.live.version, .status = 0});
    const StartTimer* retry = find<StartTimer>(dropped);
    REQUIRE(retry != nullptr);
    CHECK(retry->kind == TimerKind::live_retry);
    CHECK(retry->ms == 3000);
    CHECK_FALSE(state.live.open);
    auto again = update(state, TimerFired{TimerKind::live_retry, retry->version});
    REQUIRE(find<OpenLiveUpdates>(again) != nullptr);
    // Refused again: each wait is longer; a server that holds as many as it can is asked a minute later.
    auto second = update(state, LiveEvent{.kind = LiveEvent::Kind::failed, .version = state.live.version, .status = 0});
    CHECK(find<StartTimer>(second)->ms == 6000);
    update(state, TimerFired{TimerKind::live_retry, state.live.version});
    auto full = update(state, LiveEvent{.kind = LiveEvent::Kind::failed, .version = state.live.version, .status = 503});
    CHECK(find<StartTimer>(full)->ms == 60000);

    // Heard up to event 12, then the token expired: renewed, and the stream comes back after 12.
    update(state, TimerFired{TimerKind::live_retry, state.live.version});
    update(state, LiveEvent{.kind = LiveEvent::Kind::opened, .version = state.live.version});
    update(state, ticket_event(state, "t_9", "status", 12));
    auto expired = update(state, LiveEvent{.kind = LiveEvent::Kind::ended, .version = state.live.version,
                                           .reason = "token_expired"});
    const HttpRequest* renewal = request_to(expired, "/oauth/token");
    REQUIRE(renewal != nullptr);
    auto renewed = update(state, HttpResponded{renewal->id, 200, R"({"access_token":"token-2","token_type":"Bearer"})"});
    const OpenLiveUpdates* back = find<OpenLiveUpdates>(renewed);
    REQUIRE(back != nullptr);
    CHECK(back->bearer == "token-2");
    CHECK(back->last_event_id == 12);

    // The token was already renewed by another call when the stream ends for its old one: back at once,
    // no second renewal.
    update(state, LiveEvent{.kind = LiveEvent::Kind::opened, .version = state.live.version});
    state.session.access_token = "token-3";
    auto again_expired = update(state, LiveEvent{.kind = LiveEvent::Kind::ended, .version = state.live.version,
                                                 .reason = "token_expired"});
    CHECK(request_to(again_expired, "/oauth/token") == nullptr);
    REQUIRE(find<OpenLiveUpdates>(again_expired) != nullptr);
    CHECK(find<OpenLiveUpdates>(again_expired)->bearer == "token-3");
}
