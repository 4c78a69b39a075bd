#include "server/notifications/notification_routes.hpp"

#include <httplib.h>

#include "core/url.hpp"
#include "server/reply.hpp"

namespace server {

namespace {

std::string page(const StopAnswer& answer, const std::string& action) {
    std::string html = "<!DOCTYPE html><html lang=\"" + answer.language + "\"><head><meta charset=\"utf-8\">"
                       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" +
                       html_escape(answer.title) + " \xC2\xB7 VTEX Support</title></head><body><main><h1>" +
                       html_escape(answer.title) + "</h1><p>" + html_escape(answer.message) + "</p>";
    if (answer.outcome == Outcome::ok && !answer.done)
        html += "<form method=\"post\" action=\"" + html_escape(action) +
                "\"><button type=\"submit\">" + html_escape(answer.button) + "</button></form>";
    return html + "</main></body></html>\n";
}

}  // namespace

void register_notification_routes(httplib::Server& http, Database& db, const NotificationSettings& links,
                                  std::function<core::UtcSeconds()> clock) {
    auto handle = [&db, &links, clock](bool confirm) {
        return [&db, &links, clock, confirm](const httplib::Request& req, httplib::Response& res) {
            auto param = [&req](const char* name) { return req.has_param(name) ? req.get_param_value(name) : std::string(); };
            const std::string ticket = param("t"), address = param("a"), signature = param("s"), language = param("l");
            const StopAnswer answer = stop_notices(db, links, ticket, address, signature, confirm, clock(), language);
            const std::string action = "/notifications/stop?t=" + core::percent_encode(ticket) +
                                       "&a=" + core::percent_encode(address) + "&s=" + core::percent_encode(signature) +
                                       "&l=" + answer.language;
            res.status = http_status(answer.outcome);
            res.set_header("Cache-Control", "no-store");
            res.set_content(page(answer, action), "text/html; charset=utf-8");
        };
    };
    http.Get("/notifications/stop", handle(false));
    http.Post("/notifications/stop", handle(true));
}

}  // namespace server
