#pragma once
// States the app tests and tools/frame_bench start from: Ana signed in on her Brazil account, and
// My requests with a number of tickets listed.
#include <string>
#include <string_view>
#include <variant>

#include "app/state.hpp"
#include "app/update.hpp"

// The first effect of type T that update() asked for, or nullptr.
template <class T>
const T* find(const app::Effects& effects) {
    for (const app::Effect& e : effects)
        if (auto* found = std::get_if<T>(&e)) return found;
    return nullptr;
}

// The request among `effects` to `path`; nullptr when there is none.
inline const app::HttpRequest* request_to(const app::Effects& effects, std::string_view path) {
    for (const app::Effect& e : effects)
        if (auto* r = std::get_if<app::HttpRequest>(&e); r && r->request.path == path) return r;
    return nullptr;
}

// The browser the tests run in: fixed bytes seed the random stream, so secrets and keys repeat.
inline const std::string test_entropy(48, '\x2a');
inline app::Environment test_environment() {
    app::Environment environment;
    environment.entropy = test_entropy;
    return environment;
}
inline app::AppState test_state() { return app::initial_state(test_environment()); }

// A ticket of Loja da Ana as a list or a thread shows it.
inline app::TicketSummary ticket(std::string id, std::string title, core::TicketStatus status, core::Priority priority,
                                 std::int64_t number) {
    return app::TicketSummary{.id = std::move(id), .number = number, .account = "lojadaana",
                              .kind = core::RequestKind::incident, .title = std::move(title), .status = status,
                              .priority = priority, .opened_at = 1795798800, .due_at = 1795802400,
                              .updated_at = 1795802400};
}
// A public comment on a thread.
inline core::TicketComment comment(std::string author, core::CommentRole role, std::string body, core::UtcSeconds at) {
    return core::TicketComment{.id = at, .author = std::move(author), .role = role, .body = std::move(body),
                               .created_at = at};
}

inline app::AppState signed_in_state() {
    app::AppState state = test_state();
    state.session.status = app::SessionStatus::signed_in;
    state.session.access_token = "token";
    state.session.email = "ana@demo.store";
    state.session.accounts = {app::Account{"lojadaana", "Loja da Ana", core::RegionId::brazil, true}};
    state.session.account_id = "lojadaana";
    state.region = core::RegionId::brazil;
    return state;
}

// Tickets numbered down from 100000, titled "Ticket 0", "Ticket 1", ...
inline app::AppState my_requests_state(int count) {
    app::AppState state = signed_in_state();
    state.screen = app::Screen::my_requests;
    state.list.account = "lojadaana";
    for (int i = 0; i < count; ++i)
        state.list.tickets.push_back(app::TicketSummary{.id = "t_" + std::to_string(i), .number = 100000 - i,
                                                        .account = "lojadaana", .kind = core::RequestKind::incident,
                                                        .title = "Ticket " + std::to_string(i),
                                                        .status = core::TicketStatus::awaiting_reply,
                                                        .priority = core::Priority::high, .opened_at = 1795798800,
                                                        .due_at = 1795802400, .updated_at = 1795798800});
    return state;
}
