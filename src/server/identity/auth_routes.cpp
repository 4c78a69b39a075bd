#include "server/identity/auth_routes.hpp"

#include <httplib.h>

#include "server/identity/auth_service.hpp"

namespace server {

namespace {

std::string cookie(const httplib::Request& req, const std::string& name) {
    const std::string header = req.get_header_value("Cookie");
    size_t at = 0;
    while (at < header.size()) {
        size_t end = header.find(';', at);
        std::string part = header.substr(at, end == std::string::npos ? std::string::npos : end - at);
        size_t start = part.find_first_not_of(' ');
        if (start != std::string::npos && part.compare(start, name.size() + 1, name + "=") == 0)
            return part.substr(start + name.size() + 1);
        if (end == std::string::npos) break;
        at = end + 1;
    }
    return "";
}

// The cookie endpoints act on the browser's refresh cookie, so a request that a page of another origin
// made (its Origin header says so) is refused, whatever SameSite the cookie has (--cross-site-cookies
// needs None). No Origin: not a browser's cross-origin request.
bool from_own_origin(const httplib::Request& req, const std::string& public_origin) {
    const std::string origin = req.get_header_value("Origin");
    if (origin.empty() || (!public_origin.empty() && origin == public_origin)) return true;
    const std::string host = req.get_header_value("Host");
    return !host.empty() && (origin == "http://" + host || origin == "https://" + host);
}

Reply foreign_origin() {
    return error_reply(Outcome::forbidden, "forbidden_origin",
                       "This request came from another site, so it was refused. Sign in on the portal itself.");
}

// RFC 6749 §5.1 and §5.2: a token response is never cached, and an error says `error_description` (the
// same words as `message`, which every other answer of this API carries).
Reply token_response(Reply reply) {
    if (refused(reply.outcome) && reply.body.contains("message"))
        reply.body["error_description"] = reply.body["message"];
    reply.headers.emplace_back("Pragma", "no-cache");
    return reply;
}

}  // namespace

void register_auth_routes(httplib::Server& http, AuthService& auth, const std::string& public_origin) {
    using Req = const httplib::Request&;
    using Res = httplib::Response&;
    const char* txn = "/api/auth/transactions/([A-Za-z0-9_-]{1,64})";
    http.Post("/api/auth/transactions", [&auth](Req req, Res res) {
        if (auto body = json_body(req, res)) respond(res, auth.start_transaction(*body, req.remote_addr));
    });
    http.Post(std::string(txn) + "/email-code", [&auth](Req req, Res res) {
        if (auto body = json_body(req, res)) respond(res, auth.send_email_code(req.matches[1], *body, req.remote_addr));
    });
    http.Post(std::string(txn) + "/email-code/verify", [&auth](Req req, Res res) {
        if (auto body = json_body(req, res)) respond(res, auth.verify_email_code(req.matches[1], *body));
    });
    http.Post(std::string(txn) + "/password", [&auth](Req req, Res res) {
        if (auto body = json_body(req, res)) respond(res, auth.password(req.matches[1], *body, req.remote_addr));
    });
    http.Post(std::string(txn) + "/sms", [&auth](Req req, Res res) {
        respond(res, auth.send_sms_code(req.matches[1], req.remote_addr));
    });
    http.Post(std::string(txn) + "/mfa", [&auth](Req req, Res res) {
        if (auto body = json_body(req, res)) respond(res, auth.verify_second_factor(req.matches[1], *body));
    });
    http.Post("/oauth/token", [&auth, public_origin](Req req, Res res) {
        respond(res, token_response([&]() -> Reply {
            if (!from_own_origin(req, public_origin)) return foreign_origin();
            if (req.get_header_value("Content-Type").rfind("application/x-www-form-urlencoded", 0) != 0)
                return error_reply(Outcome::invalid, "invalid_request",
                                   "The token endpoint takes a form (application/x-www-form-urlencoded).");
            // RFC 6749 §3.2: the parameters come in the form body, each once; the refresh token travels only
            // in its HttpOnly cookie. (The library reads the query string into the same parameters.)
            if (req.target.find('?') != std::string::npos)
                return error_reply(Outcome::invalid, "invalid_request",
                                   "The token endpoint takes its parameters in the form body, not in the address.");
            for (const auto& [name, value] : req.params)
                if (req.get_param_value_count(name) > 1)
                    return error_reply(Outcome::invalid, "invalid_request", name + ": given more than once.");
            if (req.has_param("refresh_token"))
                return error_reply(
                    Outcome::invalid, "invalid_request",
                    "refresh_token: the refresh token is taken only from its cookie, never from the form.");
            auto form = [&req](const char* name) { return req.has_param(name) ? req.get_param_value(name) : std::string(); };
            return auth.token(form, cookie(req, AuthService::refresh_cookie));
        }()));
    });
    http.Post("/oauth/revoke", [&auth, public_origin](Req req, Res res) {
        if (!from_own_origin(req, public_origin)) return respond(res, foreign_origin());
        respond(res, auth.revoke(cookie(req, AuthService::refresh_cookie)));
    });
    http.Get("/api/me", [&auth](Req req, Res res) { respond(res, auth.me(req.get_header_value("Authorization"))); });
    http.Get("/dev/outbox", [&auth](Req req, Res res) {
        respond(res, auth.outbox(req.has_param("to") ? req.get_param_value("to") : ""));
    });
}

}  // namespace server
