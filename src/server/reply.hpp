#pragma once
// What a service answers (status, JSON body, cookie), and the few helpers that turn it into an HTTP
// response; services stay free of the HTTP library.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "server/httplib_fwd.hpp"

namespace server {

struct Reply {
    int status = 200;
    nlohmann::json body = nlohmann::json::object();
    std::optional<std::string> set_cookie;
    std::vector<std::pair<std::string, std::string>> headers = {};  // more response headers (WWW-Authenticate)
};

// {"error": code, "message": message} plus any extra fields.
Reply error_reply(int status, const char* code, const std::string& message,
                  nlohmann::json extra = nlohmann::json::object());

void respond(httplib::Response& res, const Reply& reply);
// Whether the request says its body is JSON (Content-Type application/json, any parameters); if not, a
// 415 is already written to `res`. A JSON route takes nothing else: a form or text/plain body is what a
// page of another site can send without a CORS preflight.
bool json_content(const httplib::Request& req, httplib::Response& res);
// The request's JSON object, or nullopt with a 415 (not JSON) or a 400 already written to `res`.
std::optional<nlohmann::json> json_body(const httplib::Request& req, httplib::Response& res);

}  // namespace server
