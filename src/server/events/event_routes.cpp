#include "server/events/event_routes.hpp"

#include <httplib.h>

#include <chrono>
#include <memory>

#include "server/bounded_server.hpp"
#include "server/events/event_hub.hpp"
#include "server/identity/auth_service.hpp"
#include "server/reply.hpp"

namespace server {

namespace {

using Clock = std::chrono::steady_clock;

// The number of the last event a page had (Last-Event-ID, or ?last_event_id=), 0 when none or unreadable.
std::int64_t last_event_id(const httplib::Request& req) {
    const std::string text = req.has_header("Last-Event-ID") ? req.get_header_value("Last-Event-ID")
                             : req.has_param("last_event_id") ? req.get_param_value("last_event_id")
                                                             : "";
    if (text.empty() || text.size() > 18 || text.find_first_not_of("0123456789") != std::string::npos) return 0;
    return std::stoll(text);
}

std::string end_event(const char* reason) {
    return std::string("event: end\ndata: {\"reason\":\"") + reason + "\"}\n\n";
}

}  // namespace

void register_event_routes(httplib::Server& http, AuthService& auth, EventHub& hub,
                           std::function<core::UtcSeconds()> clock) {
    http.Get("/api/events", [&auth, &hub, clock](const httplib::Request& req, httplib::Response& res) {
        auto who = auth.authenticate_claims(req.get_header_value("Authorization"));
        if (auto* refused = std::get_if<Reply>(&who)) return respond(res, *refused);
        const AccessClaims claims = std::get<AccessClaims>(who);
        EventHub::Opened opened = hub.open(claims.subject, last_event_id(req));
        if (!opened.stream) return respond(res, error_reply(opened.outcome, opened.error.c_str(), opened.message));
        std::shared_ptr<EventHub::Stream> stream = std::move(opened.stream);
        res.set_header("Cache-Control", "no-store");
        res.set_header("X-Accel-Buffering", "no");  // a buffering proxy in front passes each event at once
        struct Progress {
            bool greeted = false;
            Clock::time_point last_write = Clock::now(), last_check = Clock::now();
        };
        auto progress = std::make_shared<Progress>();
        res.set_chunked_content_provider(
            "text/event-stream",
            [&auth, stream, progress, claims, clock](size_t, httplib::DataSink& sink) {
                auto write = [&](const std::string& text) {
                    progress->last_write = Clock::now();
                    return sink.write(text.data(), text.size());
                };
                if (!progress->greeted) {  // the page knows it is connected; it waits 3 s before coming back
                    progress->greeted = true;
                    return write("retry: 3000\n: connected\n\n");
                }
                auto text = stream->next(std::chrono::milliseconds(500));
                if (!text) {
                    sink.done();
                    return true;
                }
                // The page went away (closed, reloaded): its place is freed within half a second.
                if (BoundedServer::client_gone() || !sink.is_writable()) return false;
                if (!text->empty() && !write(*text)) return false;
                const auto now = Clock::now();
                if (clock() >= claims.expires_at) {
                    write(end_event("token_expired"));
                    sink.done();
                    return true;
                }
                if (now - progress->last_check >= std::chrono::seconds(2)) {
                    progress->last_check = now;
                    if (!auth.session_alive(claims.session)) {
                        write(end_event("session_ended"));
                        sink.done();
                        return true;
                    }
                }
                if (now - progress->last_write >= std::chrono::seconds(15)) return write(": keep-alive\n\n");
                return true;
            });
    });
}

}  // namespace server
