#include <doctest/doctest.h>

#include <sqlite3.h>

#include <atomic>
#include <stdexcept>
#include <thread>
#include <vector>

#include "server/database.hpp"
#include "server/statement.hpp"
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

TEST_CASE("group commit: concurrent writers share commits; a refused write or a throwing one undoes only itself") {
    auto dir = make_temp_dir("db-batch");
    auto file = dir / "portal.sqlite3";
    {
        auto opened = server::Database::open(file);
        REQUIRE(opened.ok());
        server::Database& db = *opened.value();
        REQUIRE(db.exec("CREATE TABLE notes (writer INTEGER NOT NULL, n INTEGER NOT NULL)").ok());
        constexpr int writers = 16, each = 50;
        std::atomic<int> committed{0}, refused{0}, thrown{0};
        std::vector<std::thread> threads;
        for (int w = 0; w < writers; ++w)
            threads.emplace_back([&, w] {
                for (int i = 0; i < each; ++i) {
                    // Every writer inserts, then keeps it (i % 5 != 3), refuses it (== 3) or throws (i == 7).
                    auto work = [&](server::Connection& c) -> bool {
                        server::Statement insert(c, "INSERT INTO notes (writer, n) VALUES (?, ?)");
                        if (!insert.bind(1, std::int64_t{w}).bind(2, std::int64_t{i}).run()) return false;
                        if (i == 7) throw std::runtime_error("the work failed");
                        return i % 5 != 3;
                    };
                    try {
                        if (db.write(work)) (i % 5 != 3 ? committed : refused)++;
                    } catch (const std::runtime_error&) {
                        thrown++;
                    }
                }
            });
        for (auto& t : threads) t.join();
        CHECK(thrown == writers);
        CHECK(refused == writers * (each / 5));
        CHECK(committed == writers * each - writers - writers * (each / 5));
        auto reader = db.reader();
        server::Statement count(*reader, "SELECT count(*), count(DISTINCT writer * 1000 + n) FROM notes");
        REQUIRE(count.step());
        CHECK(count.integer(0) == committed);
        CHECK(count.integer(1) == committed);
        server::Statement refused_rows(*reader, "SELECT count(*) FROM notes WHERE n % 5 = 3 OR n = 7");
        REQUIRE(refused_rows.step());
        CHECK(refused_rows.integer(0) == 0);
    }
    // What was acknowledged is in the file after it was closed and opened again.
    auto again = server::Database::open(file);
    REQUIRE(again.ok());
    auto reader = again.value()->reader();
    server::Statement count(*reader, "SELECT count(*) FROM notes");
    REQUIRE(count.step());
    CHECK(count.integer(0) == 16 * 50 - 16 - 16 * 10);
    std::filesystem::remove_all(dir);
}

TEST_CASE("one write path: a reader connection refuses any change, and the files are the server's alone") {
    auto dir = make_temp_dir("db-readers");
    auto file = dir / "data/portal.sqlite3";
    auto opened = server::Database::open(file);
    REQUIRE(opened.ok());
    server::Database& db = *opened.value();
    {
        auto reader = db.reader();
        server::Statement write(*reader, "INSERT INTO rate_events (key, at) VALUES ('x', 1)");
        CHECK_FALSE(write.run());
        CHECK(write.error().find("readonly") != std::string::npos);
    }
    CHECK(db.write([](server::Connection& c) {
        return server::Statement(c, "INSERT INTO rate_events (key, at) VALUES ('x', 1)").run();
    }));
    auto reader = db.reader();
    server::Statement count(*reader, "SELECT count(*) FROM rate_events");
    REQUIRE(count.step());
    CHECK(count.integer(0) == 1);
    CHECK((std::filesystem::status(file).permissions() & std::filesystem::perms::all) ==
          (std::filesystem::perms::owner_read | std::filesystem::perms::owner_write));
    CHECK((std::filesystem::status(file.parent_path()).permissions() & std::filesystem::perms::all) ==
          std::filesystem::perms::owner_all);
    std::filesystem::remove_all(dir);
}
