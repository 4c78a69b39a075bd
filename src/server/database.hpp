#pragma once
// The SQLite store: WAL mode, synchronous commits, foreign keys, versioned migrations applied at open.
//
// One write path: every change goes through the writer connection, and only through write() (group
// commit, each work in its own savepoint) or exec(), both serialized by the writer's lock. Reads use a
// small pool of read-only connections (PRAGMA query_only): a statement that tries to change anything
// through one fails, so no write can slip into another request's transaction. Before, the sign-in
// code wrote on the shared connection while a ticket batch held its transaction open there, and a
// refused ticket's ROLLBACK TO undid those sign-in writes.
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

// One SQLite connection and its prepared statements, used by one thread at a time (the Database hands
// it out: a reader lease, or the writer inside write()).
class Connection {
public:
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    sqlite3* handle() { return db; }
    // Runs SQL with no results; the error message says what failed.
    core::Result<bool> exec(const std::string& sql);
    std::string scalar_text(const char* sql);

    // Prepared statements are kept for reuse (parsing the SQL each time was a third of a ticket
    // creation's time). borrow() hands out an idle statement for this SQL, or prepares one (null with
    // the error in `error` when the SQL is wrong); give_back() resets it and keeps it for the next one.
    sqlite3_stmt* borrow(const char* sql, std::string& error);
    void give_back(sqlite3_stmt* stmt);

private:
    friend class Database;
    explicit Connection(sqlite3* handle) : db(handle) {}
    sqlite3* db;
    struct SqlHash {
        using is_transparent = void;
        size_t operator()(std::string_view sql) const { return std::hash<std::string_view>{}(sql); }
    };
    std::unordered_map<std::string, std::vector<sqlite3_stmt*>, SqlHash, std::equal_to<>> idle;
};

class Database {
public:
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    // Opens (creating if needed, the file 0600 in a folder of its own 0700) the database file and brings
    // its schema up to date.
    static core::Result<std::unique_ptr<Database>> open(const std::filesystem::path& file);

    int schema_version();
    std::string journal_mode();
    // Runs `SELECT 1`: false when the database cannot answer.
    bool healthy();
    // Runs SQL on the writer, between batches (set-up, migrations, admin); the error says what failed.
    core::Result<bool> exec(const std::string& sql);

    // A read-only connection for as long as the lease lives; waits while every reader is in use.
    class Reader {
    public:
        ~Reader();
        Reader(Reader&& other) noexcept : owner(other.owner), connection(other.connection) { other.connection = nullptr; }
        Reader(const Reader&) = delete;
        Connection& operator*() { return *connection; }
        Connection* operator->() { return connection; }

    private:
        friend class Database;
        Reader(Database& db, Connection* c) : owner(db), connection(c) {}
        Database& owner;
        Connection* connection;
    };
    Reader reader();

    // Group commit: runs `work` on the writer in a write transaction shared with the writers that
    // arrived while the previous batch was committing, so that a batch costs one commit (one fsync)
    // however many writes it holds. Each work runs in its own savepoint and returns true to keep its
    // changes or false to undo them (its own refusal: nothing else is undone). write returns once the
    // batch is durable: true when it committed, false when it could not (then nothing of the work is
    // stored). The work runs on the committer thread: it must not call write() or exec() itself. An
    // exception from the work undoes its savepoint and is rethrown to its caller.
    bool write(const std::function<bool(Connection&)>& work);

private:
    explicit Database(std::unique_ptr<Connection> writer_connection) : writer(std::move(writer_connection)) {}
    core::Result<bool> migrate();

    struct PendingWrite;
    void commit_batch(const std::vector<PendingWrite*>& batch);
    void commit_loop();

    std::unique_ptr<Connection> writer;
    std::mutex writer_mutex;  // the writer connection: one batch or exec() at a time

    std::mutex batch_mutex;
    std::vector<PendingWrite*> queued;
    std::condition_variable work_queued;
    bool stopping = false;
    std::thread committer;

    std::mutex readers_mutex;
    std::condition_variable reader_free;
    std::vector<std::unique_ptr<Connection>> readers;
    std::vector<Connection*> free_readers;
};

}  // namespace server
