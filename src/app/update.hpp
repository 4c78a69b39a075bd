#pragma once
#include "app/event.hpp"
#include "app/state.hpp"

namespace app {

// The portal's language (en, es, pt) for a BCP 47 tag such as pt-BR or es-419; English when unknown.
std::string language_of(std::string_view locale);

// The only place the state changes. Pure: no I/O, no clock; what must reach the outside is returned.
Effects update(AppState& state, const Event& event);

}  // namespace app
