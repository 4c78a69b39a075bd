#include "server/database.hpp"

#include <sqlite3.h>

namespace server {

const std::vector<Migration>& migrations() {
    static const std::vector<Migration> list = {
        {1, "installation",
         "CREATE TABLE installation ("
         "  id INTEGER PRIMARY KEY CHECK (id = 1),"
         "  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))"
         ");"
         "INSERT INTO installation (id) VALUES (1);"},
    };
    return list;
}

Database::~Database() {
    if (db) sqlite3_close_v2(db);  // the last connection to close checkpoints the WAL
}

core::Result<std::unique_ptr<Database>> Database::open(const std::filesystem::path& file) {
    std::error_code ec;
    if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path(), ec);
    if (ec)
        return core::Error{"storage", "cannot create the data folder " + file.parent_path().string() + ": " + ec.message()};
    sqlite3* handle = nullptr;
    int rc = sqlite3_open_v2(file.c_str(), &handle,
                             SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        std::string message = handle ? sqlite3_errmsg(handle) : sqlite3_errstr(rc);
        if (handle) sqlite3_close_v2(handle);
        return core::Error{"storage", "cannot open the database " + file.string() + ": " + message};
    }
    std::unique_ptr<Database> database(new Database(handle));
    sqlite3_busy_timeout(handle, 5000);
    for (const char* pragma : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL", "PRAGMA foreign_keys=ON"}) {
        auto result = database->exec(pragma);
        if (!result) return result.error();
    }
    if (database->journal_mode() != "wal")
        return core::Error{"storage", "the database " + file.string() + " cannot use write-ahead logging"};
    auto migrated = database->migrate();
    if (!migrated) return migrated.error();
    return database;
}

core::Result<bool> Database::exec(const std::string& sql) {
    char* message = nullptr;
    if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
        std::string text = message ? message : sqlite3_errmsg(db);
        sqlite3_free(message);
        return core::Error{"storage", text};
    }
    return true;
}

std::string Database::scalar_text(const char* sql) {
    sqlite3_stmt* stmt = nullptr;
    std::string out;
    if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) == SQLITE_OK && sqlite3_step(stmt) == SQLITE_ROW) {
        const unsigned char* text = sqlite3_column_text(stmt, 0);
        if (text) out = reinterpret_cast<const char*>(text);
    }
    sqlite3_finalize(stmt);
    return out;
}

int Database::schema_version() { return std::atoi(scalar_text("PRAGMA user_version").c_str()); }
std::string Database::journal_mode() { return scalar_text("PRAGMA journal_mode"); }
bool Database::healthy() { return scalar_text("SELECT 1") == "1"; }

core::Result<bool> Database::migrate() {
    const int current = schema_version();
    const int latest = migrations().empty() ? 0 : migrations().back().version;
    if (current > latest)
        return core::Error{"storage", "the database has schema version " + std::to_string(current) +
                                          ", newer than this server knows (" + std::to_string(latest) +
                                          "): run a newer portal-server"};
    for (const Migration& migration : migrations()) {
        if (migration.version <= current) continue;
        // Each migration and its version bump commit together, or not at all.
        std::string sql = std::string("BEGIN IMMEDIATE;") + migration.sql +
                          ";PRAGMA user_version=" + std::to_string(migration.version) + ";COMMIT;";
        auto result = exec(sql);
        if (!result) {
            exec("ROLLBACK");
            return core::Error{"storage", "migration " + std::to_string(migration.version) + " (" + migration.name +
                                              ") failed: " + result.error().message};
        }
    }
    return true;
}

}  // namespace server
