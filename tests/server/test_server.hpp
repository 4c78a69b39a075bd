#pragma once
// An in-process portal-server on a free loopback port, over a fresh data folder and web folder, and a
// fresh database (test_database.hpp: SQLite, or PostgreSQL when the suites run there).
#include <filesystem>
#include <memory>
#include <string>
#include <thread>

#include "server/database.hpp"
#include "server/http_server.hpp"
#include "test_database.hpp"

std::filesystem::path make_temp_dir(const std::string& prefix);
void write_file(const std::filesystem::path& path, const std::string& bytes);

class TestServer {
public:
    explicit TestServer(server::ServerConfig config = {});
    ~TestServer();
    // Stops the HTTP side and starts a new one over the same data (what a process restart keeps).
    void restart();
    const server::ServerConfig& settings() const { return config; }
    int port = 0;
    std::filesystem::path dir;
    std::unique_ptr<TestDatabase> store;  // where `database` lives (SQLite in dir, or a PostgreSQL schema)
    std::unique_ptr<server::Database> database;
    std::unique_ptr<server::HttpServer> http;

private:
    void start();
    server::ServerConfig config;
    std::thread serving;
};
