#pragma once
// The server's configuration: command-line flags over embedded defaults (loopback, port 8080, ./data).
#include <chrono>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "core/time.hpp"

namespace server {

struct ServerConfig {
    std::string host = "127.0.0.1";
    int port = 8080;
    std::filesystem::path data_dir = "data";
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
    bool cross_site_cookies = false;  // SameSite=None; Partitioned, for a cross-site admin iframe
    // Sign-in with Google: an OpenID Connect provider (Google's issuer in production, the local
    // stand-in in development). Empty issuer: the Google method is off.
    std::string google_issuer, google_client_id, google_client_secret;
    // Delivering codes: an SMTP relay (HOST:PORT) and an SMS provider's HTTP API; both optional.
    std::string smtp_relay, mail_from, sms_api_url, sms_api_key;

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
