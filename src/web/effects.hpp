#pragma once
// Where the portal's Effects meet the browser: each one becomes a fetch, a page call or a storage write.
#include "app/event.hpp"

namespace web {

// Runs app::update on the runner's state and executes the Effects it asks for.
void apply(const app::Event& event);
void execute(const app::Effect& effect);

}  // namespace web
