#include "web/http.hpp"

#include <emscripten.h>

#include <string>
#include <string_view>

#include "web/js_shims.hpp"
#include "web/wake.hpp"

namespace web {

namespace {

std::vector<app::Event> arrived;

// A header line for js_http_send; none for an empty value, or one that would break the lines.
void add_header(std::string& headers, std::string_view name, std::string_view value) {
    if (value.empty() || value.find_first_of("\r\n") != std::string_view::npos) return;
    headers.append(name).append(": ").append(value).push_back('\n');
}

}  // namespace

void send(const app::HttpRequest& request) {
    std::string headers;
    add_header(headers, "Content-Type", request.request.content_type);
    if (!request.bearer.empty()) add_header(headers, "Authorization", "Bearer " + request.bearer);
    add_header(headers, "Idempotency-Key", request.idempotency_key);
    add_header(headers, "Accept-Language", request.language);  // the language the user reads the portal in: their emails' too
    add_header(headers, "X-Time-Zone", request.time_zone);  // the browser's clock: deadlines in the user's emails are told on it
    // A dropped connection becomes an answer with status 0 after 20 s at most.
    const std::string& body = request.request.body;
    js_http_send(request.id, request.request.method.c_str(), request.request.path.c_str(), headers.c_str(), body.data(),
                 static_cast<int>(body.size()), 20000);
}

void deliver(app::Event event) {
    arrived.push_back(std::move(event));
    request_frames(Wake::response);
}

std::vector<app::Event> take_responses() {
    std::vector<app::Event> out;
    out.swap(arrived);
    return out;
}

}  // namespace web

// The answer to js_http_send's call `id`: its status (0 for none) and body.
extern "C" EMSCRIPTEN_KEEPALIVE void portal_http_done(int id, int status, const char* body) {
    web::deliver(app::HttpResponded{id, status, body ? std::string(body) : std::string()});
}
