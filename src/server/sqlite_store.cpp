#include "server/sqlite_store.hpp"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>

#include "core/ticket.hpp"
#include "server/statement.hpp"

namespace server {

namespace {

class SqliteStatement final : public StatementImpl {
public:
    SqliteStatement(sqlite3* connection, sqlite3_stmt* prepared) : db(connection), stmt(prepared) {}
    ~SqliteStatement() override { sqlite3_finalize(stmt); }
    const char* sql() const { return sqlite3_sql(stmt); }
    void reset() {
        sqlite3_reset(stmt);
        sqlite3_clear_bindings(stmt);
    }

    void bind_text(int index, std::string_view value) override {
        sqlite3_bind_text(stmt, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
    }
    void bind_blob(int index, std::string_view bytes) override {
        sqlite3_bind_blob(stmt, index, bytes.data(), static_cast<int>(bytes.size()), SQLITE_TRANSIENT);
    }
    void bind_integer(int index, std::int64_t value) override { sqlite3_bind_int64(stmt, index, value); }
    void bind_null(int index) override { sqlite3_bind_null(stmt, index); }
    bool step(std::string& error) override {
        int rc = sqlite3_step(stmt);
        if (rc == SQLITE_ROW) return true;
        if (rc != SQLITE_DONE) error = sqlite3_errmsg(db);
        return false;
    }
    std::string text(int column) const override {
        const unsigned char* value = sqlite3_column_text(stmt, column);
        return value ? std::string(reinterpret_cast<const char*>(value), static_cast<size_t>(sqlite3_column_bytes(stmt, column)))
                     : std::string();
    }
    std::string blob(int column) const override {
        const void* value = sqlite3_column_blob(stmt, column);
        return value ? std::string(static_cast<const char*>(value), static_cast<size_t>(sqlite3_column_bytes(stmt, column)))
                     : std::string();
    }
    std::int64_t integer(int column) const override { return sqlite3_column_int64(stmt, column); }
    bool is_null(int column) const override { return sqlite3_column_type(stmt, column) == SQLITE_NULL; }
    std::int64_t changes() const override { return sqlite3_changes(db); }

private:
    sqlite3* db;
    sqlite3_stmt* stmt;
};

}  // namespace

SqliteConnection::~SqliteConnection() {
    for (auto& [sql, statements] : idle)
        for (StatementImpl* stmt : statements) delete stmt;
    if (db) sqlite3_close_v2(db);  // the last connection to close checkpoints the WAL
}

core::Result<bool> SqliteConnection::exec(const std::string& sql) {
    char* message = nullptr;
    if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
        std::string text = message ? message : sqlite3_errmsg(db);
        sqlite3_free(message);
        return core::Error{"storage", text};
    }
    return true;
}

std::string SqliteConnection::scalar_text(const char* sql) {
    sqlite3_stmt* stmt = nullptr;
    std::string out;
    if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) == SQLITE_OK && sqlite3_step(stmt) == SQLITE_ROW) {
        const unsigned char* text = sqlite3_column_text(stmt, 0);
        if (text) out = reinterpret_cast<const char*>(text);
    }
    sqlite3_finalize(stmt);
    return out;
}

StatementImpl* SqliteConnection::borrow(const char* sql, std::string& error) {
    auto found = idle.find(std::string_view(sql));
    if (found != idle.end() && !found->second.empty()) {
        StatementImpl* stmt = found->second.back();
        found->second.pop_back();
        return stmt;
    }
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr) != SQLITE_OK) {
        error = sqlite3_errmsg(db);
        sqlite3_finalize(stmt);
        return nullptr;
    }
    return new SqliteStatement(db, stmt);
}

void SqliteConnection::give_back(StatementImpl* given) {
    auto* stmt = static_cast<SqliteStatement*>(given);
    stmt->reset();
    const std::string_view sql = stmt->sql();
    auto found = idle.find(sql);
    if (found == idle.end()) found = idle.emplace(std::string(sql), std::vector<StatementImpl*>{}).first;
    auto& statements = found->second;
    // A few per SQL text are enough: a connection runs one statement at a time.
    if (statements.size() < 4) statements.push_back(stmt);
    else delete stmt;
}

SqliteDatabase::~SqliteDatabase() {
    {
        std::lock_guard<std::mutex> guard(batch_mutex);
        stopping = true;
    }
    work_queued.notify_one();
    if (committer.joinable()) committer.join();
    readers.clear();
    writer.reset();  // last: it checkpoints the WAL
}

Connection* SqliteDatabase::acquire_reader() {
    std::unique_lock<std::mutex> guard(readers_mutex);
    reader_free.wait(guard, [&] { return !free_readers.empty(); });
    Connection* c = free_readers.back();
    free_readers.pop_back();
    return c;
}

void SqliteDatabase::release_reader(Connection* connection) {
    {
        std::lock_guard<std::mutex> guard(readers_mutex);
        free_readers.push_back(connection);
    }
    reader_free.notify_one();
}

struct SqliteDatabase::PendingWrite {
    const std::function<bool(Connection&)>* work;
    std::condition_variable wake;  // this writer's own: its batch is durable (or failed)
    bool done = false;
    bool committed = false;
    std::exception_ptr failure;
};

bool SqliteDatabase::write(const std::function<bool(Connection&)>& work, Isolation) {
    PendingWrite mine{&work};
    std::unique_lock<std::mutex> guard(batch_mutex);
    queued.push_back(&mine);
    work_queued.notify_one();
    mine.wake.wait(guard, [&] { return mine.done; });
    if (mine.failure) std::rethrow_exception(mine.failure);
    return mine.committed;
}

// A committer thread, and a wake-up for each writer of a finished batch only: when writers led
// batches in turn and each batch woke them all, the leader, holding the database, waited for a CPU
// behind the woken crowd.
void SqliteDatabase::commit_loop() {
    std::unique_lock<std::mutex> guard(batch_mutex);
    for (;;) {
        work_queued.wait(guard, [&] { return stopping || !queued.empty(); });
        if (queued.empty()) return;  // stopping, with nothing left to commit
        std::vector<PendingWrite*> batch;
        batch.swap(queued);
        guard.unlock();
        commit_batch(batch);
        guard.lock();
        for (PendingWrite* write : batch) {
            write->done = true;
            write->wake.notify_one();
        }
    }
}

void SqliteDatabase::commit_batch(const std::vector<PendingWrite*>& batch) {
    std::lock_guard<std::mutex> guard(writer_mutex);
    SqliteConnection& c = *writer;
    if (!c.exec("BEGIN IMMEDIATE")) return;  // none committed
    for (PendingWrite* write : batch) {
        if (!Statement(c, "SAVEPOINT batched_write").run()) break;
        bool keep = false;
        try {
            keep = (*write->work)(c);
        } catch (...) {
            write->failure = std::current_exception();
        }
        // An I/O error or a full disk can end the whole transaction: what ran before is gone too.
        if (sqlite3_get_autocommit(c.handle())) {
            for (PendingWrite* other : batch) other->committed = false;
            return;
        }
        if (!keep) Statement(c, "ROLLBACK TO batched_write").run();
        Statement(c, "RELEASE batched_write").run();
        write->committed = true;  // for now: true once the COMMIT below succeeds
    }
    if (!c.exec("COMMIT")) {
        c.exec("ROLLBACK");
        for (PendingWrite* write : batch) write->committed = false;
    }
}

namespace {

constexpr int reader_count = 8;

// search_fold(text) in SQL: core::search_fold, for the migration that fills tickets.title_folded.
void search_fold_sql(sqlite3_context* context, int, sqlite3_value** args) {
    const unsigned char* text = sqlite3_value_text(args[0]);
    if (!text) return sqlite3_result_null(context);
    const std::string folded = core::search_fold(reinterpret_cast<const char*>(text));
    sqlite3_result_text(context, folded.data(), static_cast<int>(folded.size()), SQLITE_TRANSIENT);
}

core::Result<std::unique_ptr<SqliteConnection>> open_connection(const std::filesystem::path& file, int flags) {
    sqlite3* handle = nullptr;
    int rc = sqlite3_open_v2(file.c_str(), &handle, flags | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        std::string message = handle ? sqlite3_errmsg(handle) : sqlite3_errstr(rc);
        if (handle) sqlite3_close_v2(handle);
        return core::Error{"storage", "cannot open the database " + file.string() + ": " + message};
    }
    auto connection = std::make_unique<SqliteConnection>(handle);
    sqlite3_busy_timeout(handle, 5000);
    rc = sqlite3_create_function_v2(handle, "search_fold", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                                    nullptr, search_fold_sql, nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) return core::Error{"storage", std::string("cannot set up the database: ") + sqlite3_errstr(rc)};
    return connection;
}

// The data folder is the server's alone (0700) and so is the database (0600, and SQLite gives its WAL
// and shared-memory files the database's mode): it holds sign-in state and ticket contents.
core::Result<bool> make_private(const std::filesystem::path& file) {
    std::error_code ec;
    if (file.has_parent_path()) {
        const std::filesystem::path folder = file.parent_path();
        std::filesystem::create_directories(folder, ec);
        if (ec) return core::Error{"storage", "cannot create the data folder " + folder.string() + ": " + ec.message()};
        // A folder of this user's own becomes 0700; a shared one (sticky, such as /tmp, or another
        // user's) is left alone with a word to the operator.
        struct stat info {};
        if (::stat(folder.c_str(), &info) == 0 && (info.st_mode & 077)) {
            if (info.st_uid == ::geteuid() && !(info.st_mode & S_ISVTX)) ::chmod(folder.c_str(), 0700);
            else std::fprintf(stderr, "portal-server: the data folder %s may be read by others: give the server a folder of its own\n",
                              folder.c_str());
        }
    }
    const int fd = ::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd >= 0) {
        ::fchmod(fd, 0600);
        ::close(fd);
    }
    return true;
}

}  // namespace

core::Result<std::unique_ptr<Database>> SqliteDatabase::open(const std::filesystem::path& file) {
    if (auto made = make_private(file); !made) return made.error();
    auto writer = open_connection(file, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    if (!writer) return writer.error();
    std::unique_ptr<SqliteDatabase> database(new SqliteDatabase(std::move(writer).value()));
    for (const char* pragma : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL", "PRAGMA foreign_keys=ON"}) {
        auto result = database->writer->exec(pragma);
        if (!result) return core::Error{"storage", "cannot open the database " + file.string() + ": " + result.error().message};
    }
    if (database->writer->scalar_text("PRAGMA journal_mode") != "wal")
        return core::Error{"storage", "the database " + file.string() + " cannot use write-ahead logging"};
    auto migrated = database->migrate();
    if (!migrated) return migrated.error();
    for (int i = 0; i < reader_count; ++i) {
        auto reader = open_connection(file, SQLITE_OPEN_READWRITE);
        if (!reader) return reader.error();
        if (auto only = reader.value()->exec("PRAGMA query_only=1"); !only) return only.error();
        database->free_readers.push_back(reader.value().get());
        database->readers.push_back(std::move(reader).value());
    }
    database->committer = std::thread([db = database.get()] { db->commit_loop(); });
    return std::unique_ptr<Database>(std::move(database));
}

core::Result<bool> SqliteDatabase::exec(const std::string& sql) {
    std::lock_guard<std::mutex> guard(writer_mutex);
    return writer->exec(sql);
}

int SqliteDatabase::schema_version() { return std::atoi(reader()->scalar_text("PRAGMA user_version").c_str()); }
std::string SqliteDatabase::journal_mode() { return reader()->scalar_text("PRAGMA journal_mode"); }
bool SqliteDatabase::healthy() { return reader()->scalar_text("SELECT 1") == "1"; }

core::Result<bool> SqliteDatabase::migrate() {
    SqliteConnection& c = *writer;
    const int current = std::atoi(c.scalar_text("PRAGMA user_version").c_str());
    if (current > latest_schema_version()) return newer_schema(current);
    for (const Migration& migration : migrations()) {
        if (migration.version <= current) continue;
        // Each migration and its version bump commit together, or not at all.
        std::string sql = std::string("BEGIN IMMEDIATE;") + migration.sqlite +
                          ";PRAGMA user_version=" + std::to_string(migration.version) + ";COMMIT;";
        auto result = c.exec(sql);
        if (!result) {
            c.exec("ROLLBACK");
            return core::Error{"storage", "migration " + std::to_string(migration.version) + " (" + migration.name +
                                              ") failed: " + result.error().message};
        }
    }
    return true;
}

}  // namespace server
