#include <doctest/doctest.h>

#include <sqlite3.h>

#include "server/database.hpp"
#include "test_server.hpp"

TEST_CASE("opening creates the file in WAL mode with every migration applied, and reopening is idempotent") {
    auto dir = make_temp_dir("db");
    auto file = dir / "nested/portal.sqlite3";
    {
        auto db = server::Database::open(file);
        REQUIRE(db.ok());
        CHECK(db.value()->journal_mode() == "wal");
        CHECK(db.value()->schema_version() == server::migrations().back().version);
        CHECK(db.value()->healthy());
        CHECK(db.value()->exec("SELECT created_at FROM installation").ok());
    }
    auto again = server::Database::open(file);
    REQUIRE(again.ok());
    CHECK(again.value()->schema_version() == server::migrations().back().version);
    std::filesystem::remove_all(dir);
}

TEST_CASE("migration versions strictly increase") {
    int last = 0;
    for (const server::Migration& m : server::migrations()) {
        CHECK(m.version > last);
        last = m.version;
    }
}

TEST_CASE("a database from a newer server is refused, not damaged") {
    auto dir = make_temp_dir("db-newer");
    auto file = dir / "portal.sqlite3";
    {
        auto db = server::Database::open(file);
        REQUIRE(db.ok());
        REQUIRE(db.value()->exec("PRAGMA user_version=999").ok());
    }
    auto newer = server::Database::open(file);
    REQUIRE_FALSE(newer.ok());
    CHECK(newer.error().message.find("newer than this server knows") != std::string::npos);
    std::filesystem::remove_all(dir);
}

TEST_CASE("a data folder that cannot be created gives a message naming it") {
    auto dir = make_temp_dir("db-blocked");
    write_file(dir / "file", "not a folder");
    auto db = server::Database::open(dir / "file/sub/portal.sqlite3");
    REQUIRE_FALSE(db.ok());
    CHECK(db.error().message.find((dir / "file").string()) != std::string::npos);
    std::filesystem::remove_all(dir);
}

TEST_CASE("a file that is not a database is refused with a message") {
    auto dir = make_temp_dir("db-garbage");
    write_file(dir / "portal.sqlite3", std::string(4096, 'x'));
    auto db = server::Database::open(dir / "portal.sqlite3");
    REQUIRE_FALSE(db.ok());
    CHECK(db.error().message.find("not a database") != std::string::npos);
    std::filesystem::remove_all(dir);
}
