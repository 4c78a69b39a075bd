#pragma once
// The server's configuration: command-line flags over embedded defaults (loopback, port 8080, ./data).
#include <chrono>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "core/license_manager.hpp"
#include "core/result.hpp"
#include "core/time.hpp"

namespace server {

// How many of a kind of event a key may have in a window; counted in the database (rate_events), so
// they hold across restarts and across the nodes of a cluster.
struct RateLimit {
    int count;
    int window_seconds;
};

struct AuthLimits {
    RateLimit starts_per_address{100, 600};      // sign-ins started from one client address
    RateLimit sends_per_recipient{5, 3600};      // codes sent to one email or phone
    RateLimit sends_per_address{30, 3600};       // codes asked for from one client address
    RateLimit passwords_per_address{30, 900};    // password attempts from one client address
    RateLimit wrong_per_account{10, 900};        // wrong passwords, or wrong codes, for one account, from anywhere
};

// The License Manager resource that opens tickets on accounts that require one, unless configured otherwise.
inline const core::LicenseResource default_ticket_resource{"VTEX - Support", "Open Support Ticket"};

struct ServerConfig {
    std::string host = "127.0.0.1";
    int port = 8080;
    std::filesystem::path data_dir = "data";
    // The database: sqlite:PATH or postgresql://… (libpq's URI, TLS options among its parameters); empty:
    // sqlite:DATA/portal.sqlite3. The data folder keeps the signing keys, and SQLite's attachments.
    std::string database_url;
    std::string database() const {
        return database_url.empty() ? "sqlite:" + (data_dir / "portal.sqlite3").string() : database_url;
    }
    std::filesystem::path web_dir;                // the built web files (dist)
    std::vector<std::string> frame_ancestors;      // admin origins allowed to embed the portal
    std::size_t max_body_bytes = 1024 * 1024;      // larger request bodies get 413 (uploads: the attachment limit)
    // Connections open at once, in total and from one client address (a trusted proxy counts in the total
    // only); a generous share for one address: loopback is one, and the bench holds 64 from it.
    std::size_t max_connections = 512, max_connections_per_address = 128;
    std::chrono::milliseconds head_timeout{10000};  // the whole request head must arrive within it
    std::vector<std::string> trusted_proxies;       // addresses or CIDR blocks whose X-Forwarded-For counts
    std::function<core::UtcSeconds()> clock = system_now;  // injected in tests
    std::string public_origin;      // the portal's origin as browsers see it; default http://HOST:PORT
    bool dev = false;               // demo data and the dev outbox (loopback only)
    AuthLimits auth_limits;
    core::LicenseResource ticket_resource = default_ticket_resource;  // --ticket-product, --ticket-resource
    // How often the notification worker looks for emails to send (also at once after each change that
    // writes one); 0: it never looks by itself (tests drive it).
    std::chrono::milliseconds notify_every{2000};
    // Open pages' event streams: at most this many per user and in all (each holds a worker thread).
    std::size_t streams_per_user = 4, streams_total = 200;
    int sweep_seconds = 600;        // how often expired sign-in state, old limits and unused drafts are purged; 0: never
    bool cross_site_cookies = false;  // SameSite=None; Partitioned, for a cross-site admin iframe
    std::filesystem::path exchange_log;  // tests only: every exchange as a JSON line (server/exchange_log.hpp)
    // Sign-in with Google: an OpenID Connect provider (Google's issuer in production, the local
    // stand-in in development). Empty issuer: the Google method is off.
    std::string google_issuer, google_client_id, google_client_secret;
    // Delivering codes: an SMTP relay (smtp://HOST:PORT with STARTTLS, smtps://HOST:PORT, or HOST:PORT
    // meaning smtp://) and an SMS provider's HTTP API; both optional. Secrets come from the environment.
    std::string smtp_relay, smtp_user, smtp_password, smtp_ca_file, mail_from, sms_api_url, sms_api_key;

    static core::UtcSeconds system_now();
};

struct ParsedArgs {
    ServerConfig config;
    bool help = false;
};

// `portal-server [--host H] [--port N] [--data DIR] [--web DIR] [--frame-ancestor ORIGIN]... [--help]`
core::Result<ParsedArgs> parse_args(const std::vector<std::string>& args);
extern const char* const usage_text;

}  // namespace server
