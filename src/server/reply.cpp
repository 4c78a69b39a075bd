#include "server/reply.hpp"

#include <httplib.h>

#include <cctype>

namespace server {

Reply error_reply(Outcome outcome, const char* code, const std::string& message, nlohmann::json extra) {
    Reply reply{outcome, std::move(extra), std::nullopt};
    reply.body["error"] = code;
    reply.body["message"] = message;
    return reply;
}

int http_status(Outcome outcome) {
    switch (outcome) {
        case Outcome::ok: return 200;
        case Outcome::created: return 201;
        case Outcome::accepted: return 202;
        case Outcome::invalid: return 400;
        case Outcome::unauthenticated: return 401;
        case Outcome::forbidden: return 403;
        case Outcome::not_found: return 404;
        case Outcome::conflict: return 409;
        case Outcome::gone: return 410;
        case Outcome::too_large: return 413;
        case Outcome::unsupported: return 415;
        case Outcome::key_reused: return 422;
        case Outcome::too_many: return 429;
        case Outcome::upstream_failed: return 502;
        case Outcome::unavailable: return 503;
        case Outcome::storage_full: return 507;
        case Outcome::failed: break;
    }
    return 500;
}

void respond(httplib::Response& res, const Reply& reply) {
    res.status = http_status(reply.outcome);
    // Text the request brought (a path, a name) may not be UTF-8: replaced, never a failed answer.
    res.set_content(reply.body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), "application/json");
    res.set_header("Cache-Control", "no-store");
    if (reply.set_cookie) res.set_header("Set-Cookie", *reply.set_cookie);
    for (const auto& [name, value] : reply.headers) res.set_header(name, value);
}

bool json_content(const httplib::Request& req, httplib::Response& res) {
    const std::string type = req.get_header_value("Content-Type");
    const std::string media = type.substr(0, type.find(';'));
    std::string folded;
    for (char c : media)
        if (c != ' ' && c != '\t') folded += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (folded == "application/json") return true;
    respond(res, error_reply(Outcome::unsupported, "unsupported_media_type",
                             "This request must be sent as JSON (Content-Type: application/json); it came as " +
                                 (media.empty() ? std::string("no type") : media) + "."));
    return false;
}

std::optional<nlohmann::json> json_body(const httplib::Request& req, httplib::Response& res) {
    if (!json_content(req, res)) return std::nullopt;
    nlohmann::json body = nlohmann::json::parse(req.body, nullptr, false);
    if (body.is_discarded() || !body.is_object()) {
        respond(res, error_reply(Outcome::invalid, "invalid_json", "The request body must be a JSON object."));
        return std::nullopt;
    }
    return body;
}

}  // namespace server
