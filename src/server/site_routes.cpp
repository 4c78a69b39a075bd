#include "server/site_routes.hpp"

#include <httplib.h>

#include <nlohmann/json.hpp>

#include "server/contract.hpp"
#include "server/reply.hpp"
#include "server/static_files.hpp"

namespace server {

using json = nlohmann::json;

void register_contract_routes(httplib::Server& s, const std::string& origin, bool hsts) {
    // The contract: the OpenAPI document, the reference page built from it (tools/api-reference.mjs), and
    // the OAuth authorization server's metadata (RFC 8414).
    s.Get("/api/openapi.yaml", [](const httplib::Request&, httplib::Response& res) {
        res.set_content(std::string(contract::openapi_yaml()), "application/yaml; charset=utf-8");
        res.set_header("Cache-Control", "no-cache");
    });
    s.Get("/api/reference", [hsts](const httplib::Request&, httplib::Response& res) {
        res.set_content(std::string(contract::api_reference_html()), "text/html; charset=utf-8");
        res.set_header("Cache-Control", "no-cache");
        // A page of text and styles: no script may run on it, nothing is fetched.
        res.set_header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; "
                                                  "base-uri 'none'; form-action 'none'; frame-ancestors 'self'");
        res.set_header("X-Content-Type-Options", "nosniff");
        res.set_header("Referrer-Policy", "no-referrer");
        if (hsts) res.set_header("Strict-Transport-Security", "max-age=31536000");
    });
    s.Get("/.well-known/oauth-authorization-server", [&origin](const httplib::Request&, httplib::Response& res) {
        respond(res, Reply{Outcome::ok, json{{"issuer", origin},
                                             {"authorization_endpoint", origin + "/oauth/authorize"},
                                             {"token_endpoint", origin + "/oauth/token"},
                                             {"response_types_supported", {"code"}},
                                             {"grant_types_supported", {"authorization_code", "refresh_token"}},
                                             {"code_challenge_methods_supported", {"S256"}},
                                             {"token_endpoint_auth_methods_supported", {"none"}},
                                             {"service_documentation", origin + "/api/reference"},
                                             {"sign_in_transactions_endpoint", origin + "/api/auth/transactions"}}});
        res.headers.erase("Cache-Control");  // respond()'s no-store: this one may be kept an hour
        res.set_header("Cache-Control", "max-age=3600");
    });
}

void register_static_files(httplib::Server& s, const StaticFiles& files) {
    s.Get(".*", [&files](const httplib::Request& req, httplib::Response& res) {
        const StaticFile* file = files.find(req.path);
        if (!file) {
            respond(res, error_reply(Outcome::not_found, "not_found", "There is nothing at " + req.path + "."));
            return;
        }
        Encoding encoding = choose_encoding(req.get_header_value("Accept-Encoding"), *file);
        const std::string* body = &file->identity;
        std::string etag = "\"" + file->etag;
        if (encoding == Encoding::brotli) {
            body = &file->brotli;
            res.set_header("Content-Encoding", "br");
            etag += "-br";
        } else if (encoding == Encoding::gzip) {
            body = &file->gzip;
            res.set_header("Content-Encoding", "gzip");
            etag += "-gz";
        }
        etag += "\"";
        res.set_header("ETag", etag);
        res.set_header("Vary", "Accept-Encoding");
        // Content-named files are kept a year; the pages naming them are revalidated with the ETag (cheap
        // 304s, never stale), so a new build reaches every browser at its next visit.
        res.set_header("Cache-Control", std::string(cache_control(req.path)));
        res.set_header("X-Decoded-Content-Length", std::to_string(file->identity.size()));
        if (req.get_header_value("If-None-Match") == etag) {
            res.status = 304;
            return;
        }
        // A content provider sends the bytes as they are: httplib never compresses them again.
        res.set_content_provider(body->size(), file->mime, [body](size_t offset, size_t length, httplib::DataSink& sink) {
            sink.write(body->data() + offset, length);
            return true;
        });
    });
}

}  // namespace server
