#pragma once
// Each screen's address, in the page's hash, so that back and forward, bookmarks and shared links
// work: #/help, #/sign-in, #/tickets, #/tickets/new, #/tickets/<id>. The runner shows route_of() in
// the address bar after each change and hands addresses the browser reached (a link, back, forward,
// the address at start) to update() as RouteChanged.
#include <string>
#include <string_view>

#include "app/event.hpp"
#include "app/state.hpp"

namespace app::routes {

std::string route_of(const AppState& state);
// The page title ("Sign in · VTEX Support"), in the portal's language; announced when the screen changes.
std::string title_of(const AppState& state);

// Opens the screen an address names. A screen that needs a session, reached while signed out or while
// the session is still being checked, keeps the address and is opened once signed in (a deep link
// survives the sign-in). An address the portal does not know opens the Help Center.
Effects follow(AppState& state, std::string_view hash);

// Once signed in: the address kept from before, if any.
Effects take_pending(AppState& state);

}  // namespace app::routes
