#include "test_server.hpp"

#include <doctest/doctest.h>

#include <fstream>

#include "core/assets.hpp"
#include "server/identity/demo_data.hpp"
#include <atomic>
#include <cstdlib>
#include <random>

#include <unistd.h>

std::filesystem::path make_temp_dir(const std::string& prefix) {
    std::random_device random;
    auto dir = std::filesystem::temp_directory_path() / (prefix + "-" + std::to_string(random()));
    std::filesystem::create_directories(dir);
    return dir;
}

void write_file(const std::filesystem::path& path, const std::string& bytes) {
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << bytes;
}

TestServer::TestServer(server::ServerConfig given) : config(std::move(given)) {
    dir = make_temp_dir("portal-server-test");
    write_file(dir / "web/index.html", "<!doctype html><title>portal</title>");
    write_file(dir / "web/portal.wasm", std::string("\0asm\1\0\0\0", 8));
    write_file(dir / "web/portal.wasm.br", "BROTLI-BYTES");
    write_file(dir / "web/portal.wasm.gz", "GZIP-BYTES");
    write_file(dir / "web/boot.js", "console.log('boot');");
    config.host = "127.0.0.1";
    config.port = 0;
    config.web_dir = dir / "web";
    config.data_dir = dir / "data";
    // scripts/test.sh collects every exchange and checks it against docs/openapi.yaml (tests/contract).
    if (const char* contract = std::getenv("PORTAL_CONTRACT_LOG"); contract && *contract && config.exchange_log.empty()) {
        static std::atomic<int> servers{0};
        config.exchange_log = std::filesystem::path(contract) /
                              ("server-tests-" + std::to_string(::getpid()) + "-" + std::to_string(++servers) + ".jsonl");
    }
    store = std::make_unique<TestDatabase>(config.data_dir);
    config.database_url = store->url;
    auto db = server::Database::connect(config.database_url);
    REQUIRE_MESSAGE(db.ok(), (db.ok() ? "" : db.error().message));
    database = std::move(db).value();
    if (config.dev) REQUIRE(server::seed_demo_data(*database, config.ticket_resource).ok());
    start();
}

void TestServer::start() {
    auto files = server::StaticFiles::load(config.web_dir);
    REQUIRE(files.ok());
    auto regions = core::parse_regions(core::assets::regions_json());
    REQUIRE(regions.ok());
    http = std::make_unique<server::HttpServer>(config, *database, std::move(files).value(), std::move(regions).value());
    auto bound = http->bind();
    REQUIRE(bound.ok());
    port = bound.value();
    config.port = port;  // a restart listens where this one did
    serving = std::thread([this] { http->run(); });
}

void TestServer::restart() {
    http->stop();
    serving.join();
    http.reset();
    start();
}

TestServer::~TestServer() {
    http->stop();
    serving.join();
    http.reset();
    database.reset();
    store.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
}
