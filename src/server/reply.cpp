#include "server/reply.hpp"

#include <httplib.h>

namespace server {

Reply error_reply(int status, const char* code, const std::string& message, nlohmann::json extra) {
    Reply reply{status, std::move(extra), std::nullopt};
    reply.body["error"] = code;
    reply.body["message"] = message;
    return reply;
}

void respond(httplib::Response& res, const Reply& reply) {
    res.status = reply.status;
    // Text the request brought (a path, a name) may not be UTF-8: replaced, never a failed answer.
    res.set_content(reply.body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), "application/json");
    res.set_header("Cache-Control", "no-store");
    if (reply.set_cookie) res.set_header("Set-Cookie", *reply.set_cookie);
    for (const auto& [name, value] : reply.headers) res.set_header(name, value);
}

std::optional<nlohmann::json> json_body(const httplib::Request& req, httplib::Response& res) {
    nlohmann::json body = nlohmann::json::parse(req.body, nullptr, false);
    if (body.is_discarded() || !body.is_object()) {
        respond(res, error_reply(400, "invalid_json", "The request body must be a JSON object."));
        return std::nullopt;
    }
    return body;
}

}  // namespace server
