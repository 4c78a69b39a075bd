#include "server/http_server.hpp"

#include <httplib.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstdio>
#include <string_view>
#include <nlohmann/json.hpp>

#include "core/sla_api.hpp"
#include "server/bounded_server.hpp"
#include "server/reply.hpp"
#include "server/exchange_log.hpp"
#include "server/identity/auth_routes.hpp"
#include "server/identity/auth_service.hpp"
#include "server/identity/crypto.hpp"
#include "server/identity/google.hpp"
#include "server/identity/keys.hpp"
#include "server/events/event_hub.hpp"
#include "server/events/event_routes.hpp"
#include "server/notifications/notification_routes.hpp"
#include "server/notifications/notifier.hpp"
#include "server/retention.hpp"
#include "server/site_routes.hpp"
#include "server/tickets/ticket_routes.hpp"
#include "server/tickets/ticket_service.hpp"

namespace server {

namespace {

using nlohmann::json;

Reply database_unreachable() {
    return error_reply(
        Outcome::unavailable, "database_unavailable",
        "The database cannot be reached right now, so nothing was read or changed. Try again in a moment.");
}

// The routes that read or write the database (the web files need none).
bool needs_database(const std::string& path) {
    return path.rfind("/api/", 0) == 0 || path.rfind("/oauth/", 0) == 0 || path.rfind("/dev/", 0) == 0 ||
           path.rfind("/notifications/", 0) == 0;
}

// What a person should read for the statuses the HTTP layer itself produces.
std::pair<const char*, const char*> describe_status(int status) {
    switch (status) {
        case 400: return {"bad_request", "The request is malformed. Reload the page and try again."};
        case 404: return {"not_found", "There is nothing at this address."};
        case 405: return {"method_not_allowed", "This address does not accept that method."};
        case 408: return {"request_timeout", "The request took too long to arrive. Try again."};
        case 413: return {"payload_too_large", "The request is too large for the server. Send less at once."};
        case 414: return {"uri_too_long", "The address is too long."};
        case 431: return {"headers_too_large", "The request headers are too large."};
        case 503: return {"unavailable", "The service is unavailable right now. Try again in a moment."};
        default: return {"error", "The server could not complete the request. Try again in a moment."};
    }
}

// An upload's body: the largest file a ticket takes, and its multipart framing.
std::size_t upload_limit(const TicketService& tickets) {
    return static_cast<std::size_t>(tickets.attachment_limits().max_file_bytes) + 64 * 1024;
}

// The trusted proxies, as checked by parse_args.
AddressSet address_set(const std::vector<std::string>& addresses) {
    AddressSet set;
    for (const std::string& address : addresses) set.add(address);
    return set;
}

MessagingSettings messaging_settings(const ServerConfig& config) {
    MessagingSettings m;
    if (!config.smtp_relay.empty()) {  // parse_args has refused a bad one; as given, it fails each send loudly
        auto url = smtp_url_from(config.smtp_relay);
        m.smtp_url = url ? url.value() : config.smtp_relay;
    }
    m.smtp_user = config.smtp_user;
    m.smtp_password = config.smtp_password;
    m.smtp_ca_file = config.smtp_ca_file;
    if (!config.mail_from.empty()) m.mail_from = config.mail_from;
    m.sms_api_url = config.sms_api_url;
    m.sms_api_key = config.sms_api_key;
    return m;
}

}  // namespace

HttpServer::HttpServer(ServerConfig cfg, Database& db, StaticFiles web_files, core::SupportRegions support_regions)
    : config(std::move(cfg)),
      database(db),
      files(std::move(web_files)),
      regions(std::move(support_regions)),
      keys(std::make_unique<KeyRing>()),
      auth(std::make_unique<AuthService>(db, *keys,
                                         AuthSettings{config.clock, "", config.cross_site_cookies, config.dev,
                                                      messaging_settings(config), config.auth_limits,
                                                      config.ticket_resource})),
      access_log(std::make_unique<AccessLog>(stdout)) {
    tickets = std::make_unique<TicketService>(db, regions, config.clock, config.data_dir / "attachments",
                                              config.ticket_resource);
    // Uploads to the real upload routes may be as large as the attachment limit; every other body is
    // held to --max-body, whatever its path ends with.
    const std::size_t upload_max = upload_limit(*tickets);
    http = std::make_unique<BoundedServer>(
        ConnectionLimits{config.max_connections, config.max_connections_per_address, config.head_timeout},
        address_set(config.trusted_proxies), [upload_max, small = config.max_body_bytes](const httplib::Request& req) {
            return is_upload_route(req.method, req.path) ? std::max(upload_max, small) : small;
        });
    events = std::make_unique<EventHub>(
        db, [this](Connection& c, const std::string& user, const std::string& ticket) {
            return tickets->visible_to(c, user, ticket);
        },
        StreamLimits{config.streams_per_user, config.streams_total});
    tickets->on_events([hub = events.get()] { hub->poke(); });
    google = std::make_unique<GoogleSignIn>(
        db, *auth,
        GoogleSettings{config.google_issuer, config.google_client_id, config.google_client_secret, "", config.clock});
    routes();
}

HttpServer::~HttpServer() = default;

std::string inline_script_sources(std::string_view html) {
    std::string sources;
    constexpr std::string_view open = "<script>", close = "</script>";
    for (size_t at = html.find(open); at != std::string::npos; at = html.find(open, at)) {
        const size_t start = at + open.size(), end = html.find(close, start);
        if (end == std::string::npos) break;
        sources += " 'sha256-" + crypto::base64_encode(crypto::sha256(html.substr(start, end - start))) + "'";
        at = end + close.size();
    }
    return sources;
}

std::string HttpServer::content_security_policy() const {
    std::string ancestors = "'self'";
    for (const std::string& ancestor : config.frame_ancestors) ancestors += " " + ancestor;
    // The page's one inline script (shell.html: it starts the wasm's compile with the page) by its hash,
    // taken from the very bytes the server sends.
    const StaticFile* page = files.find("/index.html");
    return "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'" + (page ? inline_script_sources(page->identity) : "") +
           "; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; "
           "base-uri 'none'; form-action 'self'; frame-ancestors " + ancestors;
}

void HttpServer::routes() {
    httplib::Server& s = *http;
    const std::string csp = content_security_policy();
    // Browsers that reached the portal over https once never try plain http again (a year).
    const bool hsts = config.public_origin.rfind("https://", 0) == 0;
    auto secure = [csp, hsts](httplib::Response& res) {
        if (res.has_header("Content-Security-Policy")) return;  // errors pass through both handlers
        res.set_header("Content-Security-Policy", csp);
        res.set_header("X-Content-Type-Options", "nosniff");
        res.set_header("Referrer-Policy", "no-referrer");
        if (hsts) res.set_header("Strict-Transport-Security", "max-age=31536000");
    };
    // The body limits themselves are kept by BoundedServer as the body is read; this is the library's own
    // check of a decoded chunked body, at the largest of them.
    s.set_payload_max_length(std::max(config.max_body_bytes, upload_limit(*tickets)));
    s.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
        Exchange* exchange = BoundedServer::exchange();
        if (exchange && exchange->refusal) {  // decided from the head: answered before any of the body is read
            res.status = exchange->refusal;
            return httplib::Server::HandlerResponse::Handled;
        }
        if (exchange) exchange->routed = true;
        // A database found unreachable is tried again here; meanwhile what needs it is a 503, never a 404.
        if (needs_database(req.path) && !database.available() && !database.healthy()) {
            respond(res, database_unreachable());
            return httplib::Server::HandlerResponse::Handled;
        }
        // An upload is read only for someone signed in: anyone could make the server read 10 MB.
        if (is_upload_route(req.method, req.path)) {
            auto who = auth->authenticate(req.get_header_value("Authorization"));
            if (auto* refused = std::get_if<Reply>(&who)) {
                respond(res, *refused);
                if (exchange) exchange->close = exchange->body_pending;  // the body stays unread
                return httplib::Server::HandlerResponse::Handled;
            }
        }
        return httplib::Server::HandlerResponse::Unhandled;
    });
    s.set_read_timeout(10);
    s.set_write_timeout(10);
    s.set_keep_alive_max_count(1000);
    // Without it a response written in two parts (head, then body) waited for the client's delayed ACK
    // before its body left, on every request.
    s.set_tcp_nodelay(true);

    s.set_post_routing_handler([this, secure](const httplib::Request& req, httplib::Response& res) {
        secure(res);
        // A read that found the database gone saw nothing, which is no answer (a write that did not commit is a 503).
        if (req.method == "GET" && res.status < 500 && needs_database(req.path) && !database.available()) {
            // Headers the library or the handler set for the answer being replaced go with it: the body
            // was already compressed and measured (a 401's challenge, its encoding, its length).
            res.content_provider_ = nullptr, res.content_length_ = 0;
            for (const char* header : {"Content-Disposition", "Content-Length", "Content-Encoding", "WWW-Authenticate",
                                       "ETag", "Last-Modified", "Vary", "Cache-Control"})
                res.headers.erase(header);
            respond(res, database_unreachable());
            res.set_header("Content-Length", std::to_string(res.body.size()));
        }
        // A refused request's connection is closed: the rest of what its client sent is never read as a request.
        if (Exchange* exchange = BoundedServer::exchange(); exchange && exchange->close) {
            res.headers.erase("Keep-Alive");
            res.set_header("Connection", "close");
        }
    });
    const std::string too_large_file = "The file is larger than the " +
        core::format_bytes(tickets->attachment_limits().max_file_bytes) +
        " a ticket takes. Compress it or attach a smaller part; your draft is kept.";
    s.set_error_handler(httplib::Server::HandlerWithResponse([secure, too_large_file](const httplib::Request& req, httplib::Response& res) {
        secure(res);
        if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;  // a route's own answer
        // The library's own refusals (a malformed or endless head, a body over its budget) end the connection.
        if (Exchange* exchange = BoundedServer::exchange()) {
            if (exchange->head_timed_out) res.status = 408;
            else if (exchange->head_too_large) res.status = 431;
            else if (exchange->body_too_large) res.status = 413;
            if (res.status == 400 || res.status == 408 || res.status == 413 || res.status == 414 || res.status == 431)
                exchange->close = true;
        }
        auto [code, message] = describe_status(res.status);
        if (res.status == 413 && is_upload_route(req.method, req.path)) {
            respond(res, error_reply(Outcome::too_large, "payload_too_large", too_large_file));
            return httplib::Server::HandlerResponse::Handled;
        }
        const int status = res.status;  // the library's own (405, 408, 414, 431…), said in the API's words
        respond(res, error_reply(Outcome::failed, code, message));
        res.status = status;
        return httplib::Server::HandlerResponse::Handled;
    }));
    s.set_exception_handler([](const httplib::Request& req, httplib::Response& res, std::exception_ptr error) {
        std::string what = "unknown";
        try {
            if (error) std::rethrow_exception(error);
        } catch (const std::exception& e) {
            what = e.what();
        } catch (...) {
        }
        std::fprintf(stderr, "portal-server: %s %s failed: %s\n", req.method.c_str(), req.path.c_str(), what.c_str());
        respond(res, error_reply(Outcome::failed, "internal",
                                 "The server could not complete the request. Try again in a moment."));
    });
    s.set_logger([this](const httplib::Request& req, const httplib::Response& res) {
        // The client (behind a trusted proxy, the one it vouches for) and the path only: query strings may
        // carry codes, and codes are never logged. The log escapes control characters (a %0a in a path).
        const Exchange* exchange = BoundedServer::exchange();
        const std::string& client = req.remote_addr.empty() && exchange ? exchange->peer : req.remote_addr;
        access_log->line(client + " " + req.method + " " + req.path + " " + std::to_string(res.status));
        if (exchange_log) {
            // A refusal of the request itself (the library's, or one decided from the head): documented
            // once for any path (x-transport-refusals), not per operation.
            const bool transport = exchange && (!exchange->routed || exchange->refusal || exchange->head_timed_out ||
                                                exchange->head_too_large || exchange->body_too_large);
            exchange_log->record(req, res, transport);
        }
    });

    // The origins allowed to embed the portal (its CSP frame-ancestors) are also the only ones whose
    // messages the portal takes (web/boot.js).
    s.Get("/api/embedding", [this](const httplib::Request&, httplib::Response& res) {
        respond(res, Reply{Outcome::ok, json{{"origins", config.frame_ancestors}}});
    });

    s.Get("/healthz", [this](const httplib::Request&, httplib::Response& res) {
        if (database.healthy())
            respond(res, Reply{Outcome::ok, json{{"status", "ok"}, {"schema_version", database.schema_version()}}});
        else
            respond(res, error_reply(Outcome::unavailable, "unavailable",
                                     "The database does not answer. The operators have to look at the server."));
    });

    // The SLA preview: the same core code the client runs, so both show the same deadline.
    s.Post("/api/sla/preview", [this](const httplib::Request& req, httplib::Response& res) {
        if (!json_content(req, res)) return;
        auto request = core::parse_sla_preview_request(req.body);
        if (!request) {
            respond(res, error_reply(Outcome::invalid, request.error().code.c_str(), request.error().message));
            return;
        }
        const core::UtcSeconds opened_at = request.value().opened_at.value_or(config.clock());
        auto preview = core::preview_sla(regions.get(request.value().region), request.value().priority, opened_at);
        res.status = 200;
        res.set_content(core::sla_preview_json(preview), "application/json");
        res.set_header("Cache-Control", "no-store");
    });

    register_contract_routes(s, origin, hsts);
    register_auth_routes(s, *auth, config.public_origin);
    register_ticket_routes(s, *auth, *tickets);
    register_notification_routes(s, database, links, config.clock);
    register_event_routes(s, *auth, *events, config.clock);

    // Sign-in with Google, in a popup: to the provider, and back to the portal's callback page.
    auto navigate = [](httplib::Response& res, const Navigation& to) {
        res.set_header("Cache-Control", "no-store");
        if (!to.location.empty()) {
            res.set_redirect(to.location);
            return;
        }
        res.status = http_status(to.outcome);
        res.set_content("<!doctype html><meta charset=utf-8><title>VTEX Support</title><p>" + to.message + "</p>",
                        "text/html; charset=utf-8");
    };
    s.Get("/oauth/authorize", [this, navigate](const httplib::Request& req, httplib::Response& res) {
        if (req.get_param_value("provider") != "google") {
            navigate(res, Navigation{Outcome::invalid, "", "Unknown sign-in provider."});
            return;
        }
        navigate(res, google->authorize(req.get_param_value("transaction_id")));
    });
    s.Get("/oauth/callback/google", [this, navigate](const httplib::Request& req, httplib::Response& res) {
        navigate(res, google->callback([&req](const char* name) { return req.get_param_value(name); }));
    });

    auto api_not_found = [](const httplib::Request& req, httplib::Response& res) {
        respond(res, error_reply(Outcome::not_found, "not_found", "There is no API at " + req.path + "."));
    };
    s.Get("/api/.*", api_not_found);
    s.Post("/api/.*", api_not_found);
    s.Put("/api/.*", api_not_found);
    s.Patch("/api/.*", api_not_found);
    s.Delete("/api/.*", api_not_found);

    register_static_files(s, files);  // last: every other GET is matched first
}

core::Result<int> HttpServer::bind() {
    if (auto opened = keys->open(config.data_dir / "keys.json", config.clock()); !opened) return opened.error();
    if (!config.exchange_log.empty() && !exchange_log) {
        // It holds tokens and codes: only a server on loopback (a test's) may write one.
        if (config.host != "127.0.0.1" && config.host != "localhost" && config.host != "::1")
            return core::Error{"usage", "--exchange-log is for tests: it needs --host 127.0.0.1 (or ::1)"};
        auto opened = ExchangeLog::open(config.exchange_log);
        if (!opened) return opened.error();
        exchange_log = std::move(opened).value();
        std::fprintf(stderr, "portal-server: writing every exchange, tokens included, to %s (tests only)\n",
                     config.exchange_log.c_str());
    }
    if (config.sweep_seconds > 0)
        sweeper = std::make_unique<Sweeper>(database, config.data_dir / "attachments", config.clock,
                                            std::chrono::seconds(config.sweep_seconds));
    int port = config.port;
    if (port == 0) {
        port = http->bind_to_any_port(config.host);
        if (port <= 0) return core::Error{"bind", "cannot listen on " + config.host + " (no free port)"};
    } else if (!http->bind_to_port(config.host, port)) {
        return core::Error{"bind", "cannot listen on " + config.host + ":" + std::to_string(port) +
                                       " (is another server running there? choose another with --port)"};
    }
    origin = config.public_origin.empty() ? "http://" + config.host + ":" + std::to_string(port) : config.public_origin;
    auth->set_redirect_uri(origin + "/callback.html");
    google->set_callback_uri(origin + "/oauth/callback/google");
    links = NotificationSettings{origin, keys->keys()->code_key};
    // Emails about tickets go where the codes go: the SMTP relay, or in development the dev outbox.
    if (!config.smtp_relay.empty() || config.dev) {
        NotifierSettings settings;
        settings.messaging = messaging_settings(config);
        settings.dev_outbox = config.dev;
        settings.links = links;
        settings.clock = config.clock;
        notifier = std::make_unique<Notifier>(database, regions, settings);
        if (config.notify_every.count() > 0) notifier->start(config.notify_every);
        tickets->on_notices([worker = notifier.get()] { worker->poke(); });
    }
    return port;
}

void HttpServer::run() { http->listen_after_bind(); }

void HttpServer::stop() {
    events->stop();  // the streams end, so that their connections' threads do
    http->stop();
    sweeper.reset();
    tickets->on_notices(nullptr);
    notifier.reset();
    access_log->flush();
}

}  // namespace server
