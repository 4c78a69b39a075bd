#pragma once
// HTTP for the portal through the browser's fetch (js_http_send): same-origin, so the HttpOnly refresh
// cookie travels with the calls that need it; answers come back as app Events on the next frame.
#include <vector>

#include "app/event.hpp"

namespace web {

void send(const app::HttpRequest& request);
// An answer that arrived another way (an upload done by the page, a draft read, a timer).
void deliver(app::Event event);
// The answers that arrived since the last call.
std::vector<app::Event> take_responses();

}  // namespace web
