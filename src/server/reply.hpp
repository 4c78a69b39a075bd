#pragma once
// What a service answers (its outcome, a JSON body, a cookie), and the few helpers that turn it into an
// HTTP response; services stay free of the HTTP library and of its status numbers (outcome.hpp).
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "server/httplib_fwd.hpp"
#include "server/outcome.hpp"

namespace server {

struct Reply {
    Outcome outcome = Outcome::ok;
    nlohmann::json body = nlohmann::json::object();
    std::optional<std::string> set_cookie;
    std::vector<std::pair<std::string, std::string>> headers = {};  // more response headers (WWW-Authenticate)
};

// {"error": code, "message": message} plus any extra fields.
Reply error_reply(Outcome outcome, const char* code, const std::string& message,
                  nlohmann::json extra = nlohmann::json::object());

// The HTTP status that says an outcome (the one place that knows them).
int http_status(Outcome outcome);
void respond(httplib::Response& res, const Reply& reply);
// Whether the request says its body is JSON (Content-Type application/json, any parameters); if not, a
// 415 is already written to `res`. A JSON route takes nothing else: a form or text/plain body is what a
// page of another site can send without a CORS preflight.
bool json_content(const httplib::Request& req, httplib::Response& res);
// The request's JSON object, or nullopt with a 415 (not JSON) or a 400 already written to `res`.
std::optional<nlohmann::json> json_body(const httplib::Request& req, httplib::Response& res);

}  // namespace server
