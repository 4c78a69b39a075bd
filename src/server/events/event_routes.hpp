#pragma once
// GET /api/events: the signed-in user's event stream (text/event-stream), authorized like every API
// call (a bearer token: the portal reads it with fetch, which can send one), resumable with
// Last-Event-ID. It ends when the token expires (the page comes back with a new one and its last id),
// when the session ends (sign-out, a reused refresh token: checked every 2 s), and when the server
// stops; a comment every 15 s keeps proxies from closing a quiet one.
#include <functional>

#include "core/time.hpp"
#include "server/httplib_fwd.hpp"

namespace server {

class AuthService;
class EventHub;

void register_event_routes(httplib::Server& http, AuthService& auth, EventHub& hub,
                           std::function<core::UtcSeconds()> clock);

}  // namespace server
