#pragma once
// The reference server's HTTP side: static web files, health, and (as the issues land) the identity
// and ticket APIs. Every response carries the security headers; every error is JSON a person can read.
#include <memory>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "core/support_region.hpp"
#include "server/access_log.hpp"
#include "server/config.hpp"
#include "server/database.hpp"
#include "server/notifications/outbox.hpp"
#include "server/static_files.hpp"

namespace server {

class AuthService;
class BoundedServer;
class EventHub;
class ExchangeLog;
class GoogleSignIn;
class KeyRing;
class Notifier;
class Sweeper;
class TicketService;

// The Content-Security-Policy sources that allow the inline scripts of the page `html` (the built
// index.html: its one script starts the wasm's compile with the page) by their SHA-256: " 'sha256-…'"
// each; none for a page without one.
std::string inline_script_sources(std::string_view html);

class HttpServer {
public:
    HttpServer(ServerConfig config, Database& database, StaticFiles files, core::SupportRegions regions);
    ~HttpServer();

    // Reads the keys (data folder's keys.json, or PORTAL_KEYS), starts the retention sweep and binds the
    // configured address; returns the port (the chosen one when the config says 0).
    core::Result<int> bind();
    // Serves until stop() is called (from any thread).
    void run();
    void stop();

    std::string content_security_policy() const;
    TicketService& ticket_service() { return *tickets; }
    // The worker that sends the notifications' emails (none without an SMTP relay or the dev outbox).
    Notifier* notification_worker() { return notifier.get(); }
    const NotificationSettings& notification_links() const { return links; }

private:
    void routes();

    ServerConfig config;
    std::string origin;  // the public origin (--origin, or http://HOST:PORT once bound)
    Database& database;
    StaticFiles files;
    core::SupportRegions regions;
    std::unique_ptr<KeyRing> keys;
    std::unique_ptr<AuthService> auth;
    std::unique_ptr<TicketService> tickets;
    std::unique_ptr<GoogleSignIn> google;
    std::unique_ptr<Sweeper> sweeper;
    NotificationSettings links;  // the emails' links: origin and key, known once bound
    std::unique_ptr<Notifier> notifier;
    std::unique_ptr<EventHub> events;  // the open pages' streams (GET /api/events)
    std::unique_ptr<AccessLog> access_log;  // before http: outlives the threads that write to it
    std::unique_ptr<ExchangeLog> exchange_log;  // --exchange-log (tests)
    std::unique_ptr<BoundedServer> http;
};

}  // namespace server
