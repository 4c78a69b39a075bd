#include "test_database.hpp"

#include <doctest/doctest.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <random>

#include <libpq-fe.h>

#include "core/result.hpp"

namespace {

// Runs SQL on a connection of its own: the schema a test server's store lives in.
core::Result<bool> postgres_exec(const std::string& url, const std::string& sql) {
    PGconn* conn = PQconnectdb(url.c_str());
    core::Result<bool> out = true;
    if (PQstatus(conn) != CONNECTION_OK) {
        out = core::Error{"storage", std::string("cannot connect to PostgreSQL: ") + PQerrorMessage(conn)};
    } else {
        PGresult* r = PQexec(conn, sql.c_str());
        if (PQresultStatus(r) != PGRES_COMMAND_OK && PQresultStatus(r) != PGRES_TUPLES_OK)
            out = core::Error{"storage", PQresultErrorMessage(r)};
        PQclear(r);
    }
    PQfinish(conn);
    return out;
}

std::string configured() {
    const char* url = std::getenv("PORTAL_TEST_DATABASE");
    return url && *url ? url : "";
}

}  // namespace

bool TestDatabase::postgres() { return configured().rfind("postgres", 0) == 0; }

TestDatabase::TestDatabase(const std::filesystem::path& data_dir) {
    if (!postgres()) {
        url = "sqlite:" + (data_dir / "portal.sqlite3").string();
        return;
    }
    base = configured();
    static std::atomic<int> count{0};
    std::random_device random;
    schema = "test_" + std::to_string(::getpid()) + "_" + std::to_string(++count) + "_" + std::to_string(random() % 100000);
    auto made = postgres_exec(base, "CREATE SCHEMA " + schema);
    REQUIRE_MESSAGE(made.ok(), (made.ok() ? "" : made.error().message));
    url = base + (base.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" + schema;
}

TestDatabase::~TestDatabase() {
    if (!schema.empty()) postgres_exec(base, "DROP SCHEMA " + schema + " CASCADE");
}
