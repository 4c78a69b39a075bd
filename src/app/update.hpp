#pragma once
#include "app/event.hpp"
#include "app/state.hpp"

namespace app {

// The only place the state changes. Pure: no I/O, no clock; what must reach the outside is returned.
Effects update(AppState& state, const Event& event);

}  // namespace app
