#include "web/http.hpp"

#include <emscripten/fetch.h>

#include <cstring>
#include <memory>
#include <string>

#include "web/wake.hpp"

namespace web {

namespace {

std::vector<app::Event> arrived;

// Owns what the fetch reads until it completes.
struct InFlight {
    int id;
    std::string body, content_type, authorization, idempotency_key, language, time_zone;
    std::vector<const char*> headers;
};

void done(emscripten_fetch_t* fetch) {
    std::unique_ptr<InFlight> call(static_cast<InFlight*>(fetch->userData));
    std::string body = fetch->data ? std::string(fetch->data, static_cast<size_t>(fetch->numBytes)) : std::string();
    emscripten_fetch_close(fetch);
    deliver(app::HttpResponded{call->id, fetch->status, std::move(body)});
}

}  // namespace

void send(const app::HttpRequest& request) {
    auto call = std::make_unique<InFlight>();
    call->id = request.id;
    call->body = request.request.body;
    call->content_type = request.request.content_type;
    if (!call->content_type.empty()) {
        call->headers.push_back("Content-Type");
        call->headers.push_back(call->content_type.c_str());
    }
    if (!request.bearer.empty()) {
        call->authorization = "Bearer " + request.bearer;
        call->headers.push_back("Authorization");
        call->headers.push_back(call->authorization.c_str());
    }
    if (!request.idempotency_key.empty()) {
        call->idempotency_key = request.idempotency_key;
        call->headers.push_back("Idempotency-Key");
        call->headers.push_back(call->idempotency_key.c_str());
    }
    if (!request.language.empty()) {  // the language the user reads the portal in: their emails' too
        call->language = request.language;
        call->headers.push_back("Accept-Language");
        call->headers.push_back(call->language.c_str());
    }
    if (!request.time_zone.empty()) {  // the browser's clock: deadlines in the user's emails are told on it
        call->time_zone = request.time_zone;
        call->headers.push_back("X-Time-Zone");
        call->headers.push_back(call->time_zone.c_str());
    }
    call->headers.push_back(nullptr);
    emscripten_fetch_attr_t attr;
    emscripten_fetch_attr_init(&attr);
    std::strncpy(attr.requestMethod, request.request.method.c_str(), sizeof attr.requestMethod - 1);
    attr.attributes = EMSCRIPTEN_FETCH_LOAD_TO_MEMORY;
    attr.timeoutMSecs = 20000;  // a dropped connection becomes an answer with status 0
    attr.requestHeaders = call->headers.data();
    if (!call->body.empty()) {
        attr.requestData = call->body.data();
        attr.requestDataSize = call->body.size();
    }
    attr.onsuccess = done;
    attr.onerror = done;
    attr.userData = call.get();
    const std::string path = request.request.path;
    call.release();  // done() takes it back
    emscripten_fetch(&attr, path.c_str());
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
