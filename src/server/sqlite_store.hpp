#pragma once
// The SQLite engine: WAL mode, synchronous commits, foreign keys, versioned migrations applied at open.
//
// One writer connection, and only write() (group commit, each work in its own savepoint) or exec() use
// it, both serialized by the writer's lock: SQLite takes one writer at a time anyway, and a batch costs
// one commit (one fsync) however many writes it holds. Reads use a small pool of read-only connections
// (PRAGMA query_only).
#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

#include "server/database.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace server {

class SqliteConnection final : public Connection {
public:
    explicit SqliteConnection(sqlite3* handle) : db(handle) {}
    ~SqliteConnection() override;
    SqliteConnection(const SqliteConnection&) = delete;
    SqliteConnection& operator=(const SqliteConnection&) = delete;

    Engine engine() const override { return Engine::sqlite; }
    sqlite3* handle() { return db; }
    core::Result<bool> exec(const std::string& sql) override;
    std::string scalar_text(const char* sql) override;
    StatementImpl* borrow(const char* sql, std::string& error) override;
    void give_back(StatementImpl* stmt) override;

private:
    sqlite3* db;
    struct SqlHash {
        using is_transparent = void;
        size_t operator()(std::string_view sql) const { return std::hash<std::string_view>{}(sql); }
    };
    std::unordered_map<std::string, std::vector<StatementImpl*>, SqlHash, std::equal_to<>> idle;
};

class SqliteDatabase final : public Database {
public:
    ~SqliteDatabase() override;
    static core::Result<std::unique_ptr<Database>> open(const std::filesystem::path& file);

    Engine engine() const override { return Engine::sqlite; }
    int schema_version() override;
    std::string journal_mode() override;
    bool healthy() override;
    core::Result<bool> exec(const std::string& sql) override;
    bool write(const std::function<bool(Connection&)>& work, Isolation isolation = Isolation::serializable) override;

private:
    explicit SqliteDatabase(std::unique_ptr<SqliteConnection> writer_connection) : writer(std::move(writer_connection)) {}
    Connection* acquire_reader() override;
    void release_reader(Connection* connection) override;
    core::Result<bool> migrate();

    struct PendingWrite;
    void commit_batch(const std::vector<PendingWrite*>& batch);
    void commit_loop();

    std::unique_ptr<SqliteConnection> writer;
    std::mutex writer_mutex;  // the writer connection: one batch or exec() at a time

    std::mutex batch_mutex;
    std::vector<PendingWrite*> queued;
    std::condition_variable work_queued;
    bool stopping = false;
    std::thread committer;

    std::mutex readers_mutex;
    std::condition_variable reader_free;
    std::vector<std::unique_ptr<SqliteConnection>> readers;
    std::vector<Connection*> free_readers;
};

}  // namespace server
