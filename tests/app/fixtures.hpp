#pragma once
// States the app tests and tools/frame_bench start from: Ana signed in on her Brazil account, and
// My requests with a number of tickets listed.
#include <string>
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

// The browser the tests run in: fixed bytes seed the random stream, so secrets and keys repeat.
inline const std::string test_entropy(48, '\x2a');
inline app::Environment test_environment() {
    app::Environment environment;
    environment.entropy = test_entropy;
    return environment;
}
inline app::AppState test_state() { return app::initial_state(test_environment()); }

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
        state.list.tickets.push_back(app::TicketSummary{"t_" + std::to_string(i), "Ticket " + std::to_string(i),
                                                        "awaiting_reply", "high", "incident", 100000 - i, 1795798800,
                                                        1795802400, 1795798800});
    return state;
}
