#pragma once
// The SQLite store: WAL mode, synchronous commits, foreign keys, versioned migrations applied at open.
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/result.hpp"

struct sqlite3;

namespace server {

struct Migration {
    int version;
    const char* name;
    const char* sql;
};

// Every migration the server knows, in order; a database newer than these is refused.
const std::vector<Migration>& migrations();

class Database {
public:
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    // Opens (creating if needed) the database file and brings its schema up to date.
    static core::Result<std::unique_ptr<Database>> open(const std::filesystem::path& file);

    int schema_version();
    std::string journal_mode();
    // Runs `SELECT 1`: false when the database cannot answer.
    bool healthy();
    // Runs SQL with no results; the error message says what failed.
    core::Result<bool> exec(const std::string& sql);

    sqlite3* handle() { return db; }
    std::mutex& lock() { return mutex; }

private:
    explicit Database(sqlite3* handle) : db(handle) {}
    core::Result<bool> migrate();
    std::string scalar_text(const char* sql);

    sqlite3* db;
    std::mutex mutex;
};

}  // namespace server
