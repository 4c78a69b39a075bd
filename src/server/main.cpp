// portal-server: the reference backend. Serves the web app and the APIs over SQLite or PostgreSQL; stops cleanly on
// SIGTERM or SIGINT (in-flight requests finish, the database closes and checkpoints).
#include <csignal>
#include <cstdio>
#include <pthread.h>
#include <thread>

#include "core/assets.hpp"
#include "core/support_region.hpp"
#include "server/admin.hpp"
#include "server/move_data.hpp"
#include "server/config.hpp"
#include "server/database.hpp"
#include "server/failed_step.hpp"
#include "server/http_server.hpp"
#include "server/identity/demo_data.hpp"
#include "server/static_files.hpp"

int main(int argc, char** argv) {
    if (argc > 1 && std::string(argv[1]) == "admin") return server::run_admin(std::vector<std::string>(argv + 2, argv + argc));
    if (argc > 1 && std::string(argv[1]) == "migrate") return server::run_migrate(std::vector<std::string>(argv + 2, argv + argc));
    auto parsed = server::parse_args(std::vector<std::string>(argv + 1, argv + argc));
    if (!parsed) {
        std::fprintf(stderr, "portal-server: %s", parsed.error().message.c_str());
        return 2;
    }
    if (parsed.value().help) {
        std::fputs(server::usage_text, stdout);
        return 0;
    }
    server::ServerConfig config = parsed.value().config;

    // Signals are taken by one thread with sigwait, never by a handler in the middle of a request.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGTERM);
    sigaddset(&stop_signals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

    auto database = server::Database::connect(config.database());
    if (server::failed(database, "portal-server")) return 1;
    if (config.dev) {
        if (server::failed(server::seed_demo_data(*database.value(), config.ticket_resource), "portal-server"))
            return 1;
        std::fputs(server::demo_accounts_text, stdout);
    }
    auto files = server::StaticFiles::load(config.web_dir);
    if (server::failed(files, "portal-server")) return 1;
    auto regions = core::parse_regions(core::assets::regions_json());
    if (server::failed(regions, "portal-server")) return 1;
    server::HttpServer http(config, *database.value(), std::move(files).value(), std::move(regions).value());
    auto port = http.bind();
    if (server::failed(port, "portal-server")) return 1;
    // The database named without a PostgreSQL URI's user and password.
    std::printf("portal-server listening on http://%s:%d/ (data in %s, %s)\n", config.host.c_str(), port.value(),
                config.data_dir.c_str(), database.value()->engine() == server::Engine::sqlite ? "SQLite" : "PostgreSQL");
    std::fflush(stdout);

    std::thread serving([&] { http.run(); });
    int signal_number = 0;
    sigwait(&stop_signals, &signal_number);
    std::printf("portal-server: %s received, stopping\n", signal_number == SIGTERM ? "SIGTERM" : "SIGINT");
    http.stop();
    serving.join();
    database.value().reset();
    std::printf("portal-server: stopped cleanly\n");
    return 0;
}
