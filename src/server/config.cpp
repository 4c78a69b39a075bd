#include "server/config.hpp"

#include <charconv>
#include <chrono>
#include <cstdlib>

#include "server/address_set.hpp"
#include "server/identity/mail_message.hpp"
#include "server/identity/messaging.hpp"

namespace server {

core::UtcSeconds ServerConfig::system_now() {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

const char* const usage_text =
    "Usage: portal-server [options]\n"
    "  --host HOST             address to listen on (default 127.0.0.1)\n"
    "  --port N                port to listen on (default 8080; 0 picks a free one)\n"
    "  --data DIR              folder for the signing keys, and for the SQLite database and its files\n"
    "                          (default ./data, created if missing)\n"
    "  --database URL          sqlite:PATH (default sqlite:DIR/portal.sqlite3) or postgresql://USER@HOST:PORT/DB\n"
    "                          (libpq's URI: its parameters such as sslmode=verify-full pass through)\n"
    "  --web DIR               folder of the built web files to serve\n"
    "  --frame-ancestor ORIGIN an admin origin allowed to embed the portal (repeatable)\n"
    "  --max-body BYTES        largest request body accepted, uploads aside (default 1048576)\n"
    "  --max-connections N     connections open at once (default 512)\n"
    "  --max-connections-per-address N  of those, from one client address (default 128; proxies exempt)\n"
    "  --head-timeout SECONDS  time a request's whole head may take to arrive (default 10)\n"
    "  --trusted-proxy ADDR    a reverse proxy (address or CIDR block) whose X-Forwarded-For names the\n"
    "                          client (repeatable)\n"
    "  --origin ORIGIN         the portal's public origin (default http://HOST:PORT); https adds HSTS\n"
    "  --dev                   development mode: demo accounts and GET /dev/outbox (loopback only)\n"
    "  --ticket-product NAME   License Manager product of the resource that opens tickets on Brazil accounts\n"
    "                          (default \"VTEX - Support\")\n"
    "  --ticket-resource NAME  that resource (default \"Open Support Ticket\")\n"
    "  --cross-site-cookies    refresh cookie with SameSite=None; Partitioned (admin iframe on another site)\n"
    "  --google-issuer URL     OpenID Connect issuer for \"Continue with Google\" (https://accounts.google.com)\n"
    "  --google-client-id ID   this server's client id at that issuer\n"
    "  --google-client-secret S  its client secret (or the environment variable PORTAL_GOOGLE_CLIENT_SECRET)\n"
    "  --smtp URL              SMTP relay for emailed codes (default: none, codes go to the dev outbox):\n"
    "                          smtp://HOST:PORT (STARTTLS required), smtps://HOST:PORT (TLS), HOST:PORT = smtp://\n"
    "  --smtp-user NAME        login at the relay; its password in the environment variable PORTAL_SMTP_PASSWORD\n"
    "  --smtp-ca-file FILE     CA certificate(s) of a private relay (default: the system's)\n"
    "  --mail-from ADDRESS     sender of those emails\n"
    "  --sms-api URL           SMS provider's HTTP API: POST {to, body}, key in PORTAL_SMS_API_KEY\n"
    "  --exchange-log FILE     tests only: append every request's method and path and the whole response\n"
    "                          (tokens included) to FILE as JSON lines, for checking against the API contract\n"
    "  --help                  this text\n"
    "Support's side of tickets (demos, tests): portal-server admin --help\n";

namespace {

core::Error usage_error(const std::string& message) {
    return core::Error{"usage", message + "\n" + usage_text};
}

bool valid_origin(const std::string& origin) {
    return (origin.rfind("https://", 0) == 0 || origin.rfind("http://", 0) == 0) &&
           origin.find_first_of(" ;,'\"") == std::string::npos && origin.back() != '/';
}

}  // namespace

core::Result<ParsedArgs> parse_args(const std::vector<std::string>& args) {
    ParsedArgs parsed;
    ServerConfig& config = parsed.config;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        auto value = [&](const char* name) -> const std::string* {
            if (i + 1 >= args.size()) return nullptr;
            (void)name;
            return &args[++i];
        };
        if (arg == "--help" || arg == "-h") {
            parsed.help = true;
        } else if (arg == "--host") {
            auto v = value("--host");
            if (!v || v->empty()) return usage_error("--host needs an address");
            config.host = *v;
        } else if (arg == "--port" || arg == "--max-body" || arg == "--max-connections" ||
                   arg == "--max-connections-per-address" || arg == "--head-timeout") {
            auto v = value(arg.c_str());
            long long n = -1;
            if (!v || std::from_chars(v->data(), v->data() + v->size(), n).ec != std::errc() || n < 0)
                return usage_error(arg + " needs a whole number");
            if (arg == "--port") {
                if (n > 65535) return usage_error("--port must be 0 to 65535");
                config.port = static_cast<int>(n);
            } else if (arg == "--max-body") {
                config.max_body_bytes = static_cast<std::size_t>(n);
            } else if (n < 1 || n > 100000) {
                return usage_error(arg + " must be 1 to 100000");
            } else if (arg == "--head-timeout") {
                config.head_timeout = std::chrono::seconds(n);
            } else {
                (arg == "--max-connections" ? config.max_connections : config.max_connections_per_address) =
                    static_cast<std::size_t>(n);
            }
        } else if (arg == "--trusted-proxy") {
            auto v = value("--trusted-proxy");
            if (!v || !AddressSet().add(*v))
                return usage_error("--trusted-proxy needs an address or a CIDR block such as 10.0.0.0/8");
            config.trusted_proxies.push_back(*v);
        } else if (arg == "--data") {
            auto v = value("--data");
            if (!v || v->empty()) return usage_error("--data needs a folder");
            config.data_dir = *v;
        } else if (arg == "--database") {
            auto v = value("--database");
            if (!v || !(v->rfind("sqlite:", 0) == 0 || v->rfind("postgresql://", 0) == 0 || v->rfind("postgres://", 0) == 0))
                return usage_error("--database needs sqlite:PATH or postgresql://…");
            config.database_url = *v;
        } else if (arg == "--web") {
            auto v = value("--web");
            if (!v || v->empty()) return usage_error("--web needs a folder");
            config.web_dir = *v;
        } else if (arg == "--dev") {
            config.dev = true;
        } else if (arg == "--exchange-log") {
            auto v = value("--exchange-log");
            if (!v || v->empty()) return usage_error("--exchange-log needs a file");
            config.exchange_log = *v;
        } else if (arg == "--ticket-product" || arg == "--ticket-resource") {
            auto v = value(arg.c_str());
            if (!v || v->empty()) return usage_error(arg + " needs a name");
            (arg == "--ticket-product" ? config.ticket_resource.product : config.ticket_resource.resource) = *v;
        } else if (arg == "--cross-site-cookies") {
            config.cross_site_cookies = true;
        } else if (arg == "--origin") {
            auto v = value("--origin");
            if (!v || !valid_origin(*v)) return usage_error("--origin needs an origin such as https://support.example.com");
            config.public_origin = *v;
        } else if (arg == "--google-issuer" || arg == "--google-client-id" || arg == "--google-client-secret") {
            auto v = value(arg.c_str());
            if (!v || v->empty()) return usage_error(arg + " needs a value");
            (arg == "--google-issuer" ? config.google_issuer
             : arg == "--google-client-id" ? config.google_client_id : config.google_client_secret) = *v;
        } else if (arg == "--smtp" || arg == "--smtp-user" || arg == "--smtp-ca-file" || arg == "--mail-from" ||
                   arg == "--sms-api") {
            auto v = value(arg.c_str());
            if (!v || v->empty()) return usage_error(arg + " needs a value");
            if (arg == "--smtp") {
                if (auto url = smtp_url_from(*v); !url) return usage_error(url.error().message);
            } else if (arg == "--mail-from" && !valid_mail_address(*v)) {
                return usage_error("--mail-from needs a bare address such as no-reply@support.example.com");
            }
            (arg == "--smtp"           ? config.smtp_relay
             : arg == "--smtp-user"    ? config.smtp_user
             : arg == "--smtp-ca-file" ? config.smtp_ca_file
             : arg == "--mail-from"    ? config.mail_from
                                       : config.sms_api_url) = *v;
        } else if (arg == "--frame-ancestor") {
            auto v = value("--frame-ancestor");
            if (!v || !valid_origin(*v))
                return usage_error("--frame-ancestor needs an origin such as https://admin.example.com");
            config.frame_ancestors.push_back(*v);
        } else {
            return usage_error("unknown option " + arg);
        }
    }
    if (config.google_client_secret.empty())
        if (const char* secret = std::getenv("PORTAL_GOOGLE_CLIENT_SECRET")) config.google_client_secret = secret;
    if (const char* key = std::getenv("PORTAL_SMS_API_KEY")) config.sms_api_key = key;
    if (const char* password = std::getenv("PORTAL_SMTP_PASSWORD")) config.smtp_password = password;
    if (!config.smtp_user.empty() && config.smtp_password.empty())
        return usage_error("--smtp-user needs its password in the environment variable PORTAL_SMTP_PASSWORD");
    if (!config.google_issuer.empty() && (config.google_client_id.empty() || config.google_client_secret.empty()))
        return usage_error("--google-issuer needs --google-client-id and a client secret");
    if (config.dev && config.host != "127.0.0.1" && config.host != "localhost" && config.host != "::1")
        return usage_error("--dev serves demo accounts and readable codes: it listens on loopback only");
    return parsed;
}

}  // namespace server
