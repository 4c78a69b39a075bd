#pragma once
// The SQLite store: WAL mode, synchronous commits, foreign keys, versioned migrations applied at open.
#include <condition_variable>
#include <exception>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <vector>

#include "core/result.hpp"

struct sqlite3;
struct sqlite3_stmt;

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

    // Group commit: runs `work` in a write transaction shared with the writers that arrived while the
    // previous batch was committing, so that a batch costs one commit (one fsync) however many writes it
    // holds. Each work runs in its own savepoint and returns true to keep its changes or false to undo
    // them (its own refusal: nothing else is undone). write_batched returns once the batch is durable:
    // true when it committed, false when it could not (then nothing of the work is stored). The work
    // runs on the database's committer thread, with lock() held: it must not take lock() itself, and
    // write_batched must not be called with lock() held. An exception from the work undoes its
    // savepoint and is rethrown to its caller. (A committer thread, and a wake-up for each writer of a
    // finished batch only: when writers led batches in turn and each batch woke them all, the leader,
    // holding the database, waited for a CPU behind the woken crowd; p99 at 64 connections went from
    // 23-35 ms to 17-26 ms on the 2-core machine.)
    bool write_batched(const std::function<bool()>& work);

    sqlite3* handle() { return db; }
    std::mutex& lock() { return mutex; }

    // Prepared statements are kept for reuse (parsing the SQL each time was a third of a ticket
    // creation's time). borrow() hands out an idle statement for this SQL, or prepares one (null with
    // the error in `error` when the SQL is wrong); give_back() resets it and keeps it for the next one.
    sqlite3_stmt* borrow(const char* sql, std::string& error);
    void give_back(sqlite3_stmt* stmt);

private:
    explicit Database(sqlite3* handle) : db(handle) {}
    core::Result<bool> migrate();
    std::string scalar_text(const char* sql);

    struct PendingWrite;
    void commit_batch(const std::vector<PendingWrite*>& batch);

    sqlite3* db;
    std::mutex mutex;
    std::mutex batch_mutex;
    std::vector<PendingWrite*> queued;
    std::condition_variable work_queued;
    bool stopping = false;
    std::thread committer;
    void commit_loop();
    std::mutex idle_mutex;
    struct SqlHash {
        using is_transparent = void;
        size_t operator()(std::string_view sql) const { return std::hash<std::string_view>{}(sql); }
    };
    std::unordered_map<std::string, std::vector<sqlite3_stmt*>, SqlHash, std::equal_to<>> idle;
};

}  // namespace server
