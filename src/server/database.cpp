#include "server/database.hpp"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <thread>

#include "core/ticket.hpp"
#include "server/statement.hpp"

namespace server {

const std::vector<Migration>& migrations() {
    static const std::vector<Migration> list = {
        {1, "installation",
         "CREATE TABLE installation ("
         "  id INTEGER PRIMARY KEY CHECK (id = 1),"
         "  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))"
         ");"
         "INSERT INTO installation (id) VALUES (1);"},
        {2, "identity",
         // Users, store accounts, License Manager roles and resources; sign-in transactions, one-time
         // codes (hashed), authorization codes and refresh-token families (hashed); the dev outbox.
         "CREATE TABLE server_keys (name TEXT PRIMARY KEY, value BLOB NOT NULL);"
         "CREATE TABLE users (id TEXT PRIMARY KEY, email TEXT NOT NULL UNIQUE COLLATE NOCASE, name TEXT NOT NULL,"
         "  password_hash TEXT, totp_secret TEXT, totp_last_step INTEGER NOT NULL DEFAULT 0, phone TEXT);"
         "CREATE TABLE accounts (id TEXT PRIMARY KEY, name TEXT NOT NULL, region TEXT NOT NULL);"
         "CREATE TABLE roles (id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE);"
         "CREATE TABLE role_resources (role_id TEXT NOT NULL REFERENCES roles(id), product TEXT NOT NULL,"
         "  resource TEXT NOT NULL, PRIMARY KEY (role_id, product, resource));"
         "CREATE TABLE memberships (user_id TEXT NOT NULL REFERENCES users(id), account_id TEXT NOT NULL REFERENCES accounts(id),"
         "  role_id TEXT NOT NULL REFERENCES roles(id), PRIMARY KEY (user_id, account_id, role_id));"
         "CREATE TABLE auth_transactions (id TEXT PRIMARY KEY, client_id TEXT NOT NULL, redirect_uri TEXT NOT NULL,"
         "  code_challenge TEXT NOT NULL, state TEXT NOT NULL, created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL,"
         "  user_id TEXT REFERENCES users(id), stage TEXT NOT NULL DEFAULT 'start', failed_attempts INTEGER NOT NULL DEFAULT 0,"
         "  email_code_hash TEXT, email_code_user TEXT, email_code_expires INTEGER, sms_code_hash TEXT,"
         "  sms_code_expires INTEGER, completed INTEGER NOT NULL DEFAULT 0);"
         "CREATE TABLE authorization_codes (code_hash TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id),"
         "  client_id TEXT NOT NULL, redirect_uri TEXT NOT NULL, code_challenge TEXT NOT NULL, expires_at INTEGER NOT NULL,"
         "  used INTEGER NOT NULL DEFAULT 0, family_id TEXT);"
         "CREATE TABLE refresh_tokens (token_hash TEXT PRIMARY KEY, family_id TEXT NOT NULL, user_id TEXT NOT NULL,"
         "  expires_at INTEGER NOT NULL, used INTEGER NOT NULL DEFAULT 0, revoked INTEGER NOT NULL DEFAULT 0);"
         "CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);"
         "CREATE TABLE outbox (id INTEGER PRIMARY KEY, recipient TEXT NOT NULL COLLATE NOCASE, channel TEXT NOT NULL,"
         "  subject TEXT NOT NULL, body TEXT NOT NULL, created_at INTEGER NOT NULL);"
         "CREATE TABLE message_sends (key TEXT NOT NULL, sent_at INTEGER NOT NULL);"
         "CREATE INDEX message_sends_key ON message_sends (key, sent_at);"},
        {3, "google sign-in",
         // The relying party's own state, nonce and PKCE verifier towards the identity provider.
         "ALTER TABLE auth_transactions ADD COLUMN google_state TEXT;"
         "ALTER TABLE auth_transactions ADD COLUMN google_nonce TEXT;"
         "ALTER TABLE auth_transactions ADD COLUMN google_verifier TEXT;"
         "CREATE UNIQUE INDEX auth_transactions_google_state ON auth_transactions (google_state);"},
        {4, "tickets",
         // Tickets with their form fields, priority and first-response deadline; public comments;
         // attachments (metadata here, bytes on disk by SHA-256); idempotency keys of creations;
         // satisfaction surveys. Times are Unix seconds (UTC).
         "CREATE TABLE tickets (number INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE,"
         "  account_id TEXT NOT NULL REFERENCES accounts(id), requester_id TEXT NOT NULL REFERENCES users(id),"
         "  kind TEXT NOT NULL, title TEXT NOT NULL, description TEXT NOT NULL, users TEXT, impact TEXT,"
         "  environment TEXT, experience TEXT, agency TEXT NOT NULL DEFAULT '', cc TEXT NOT NULL DEFAULT '[]',"
         "  status TEXT NOT NULL DEFAULT 'open', priority TEXT NOT NULL, opened_at INTEGER NOT NULL,"
         "  due_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, solved_at INTEGER, reopen_until INTEGER,"
         "  follow_up_of TEXT REFERENCES tickets(id));"
         "CREATE INDEX tickets_account ON tickets (account_id, number);"
         "CREATE INDEX tickets_account_status ON tickets (account_id, status, number);"
         "UPDATE sqlite_sequence SET seq = 1000 WHERE name = 'tickets';"
         "INSERT INTO sqlite_sequence (name, seq) SELECT 'tickets', 1000 WHERE NOT EXISTS"
         "  (SELECT 1 FROM sqlite_sequence WHERE name = 'tickets');"
         "CREATE TABLE ticket_comments (id INTEGER PRIMARY KEY, ticket_id TEXT NOT NULL REFERENCES tickets(id),"
         "  author_id TEXT, author_name TEXT NOT NULL, author_role TEXT NOT NULL, body TEXT NOT NULL,"
         "  public INTEGER NOT NULL DEFAULT 1, created_at INTEGER NOT NULL);"
         "CREATE INDEX ticket_comments_ticket ON ticket_comments (ticket_id, id);"
         "CREATE TABLE attachments (id TEXT PRIMARY KEY, account_id TEXT NOT NULL REFERENCES accounts(id),"
         "  uploader_id TEXT NOT NULL REFERENCES users(id), ticket_id TEXT REFERENCES tickets(id), name TEXT NOT NULL,"
         "  mime TEXT NOT NULL, size INTEGER NOT NULL, sha256 TEXT NOT NULL, created_at INTEGER NOT NULL);"
         "CREATE INDEX attachments_ticket ON attachments (ticket_id);"
         "CREATE TABLE ticket_idempotency (user_id TEXT NOT NULL, account_id TEXT NOT NULL, key TEXT NOT NULL,"
         "  request_hash TEXT NOT NULL, ticket_id TEXT NOT NULL REFERENCES tickets(id), created_at INTEGER NOT NULL,"
         "  PRIMARY KEY (user_id, account_id, key));"
         "CREATE TABLE surveys (ticket_id TEXT PRIMARY KEY REFERENCES tickets(id), rating TEXT NOT NULL,"
         "  reason TEXT NOT NULL DEFAULT '', rated_at INTEGER NOT NULL);"},
        {5, "keys off the database, limits and retention",
         // The signing key moves to the key file (identity/keys.hpp): the row that held it goes. Rate
         // limits count events of any kind (sends, starts, wrong codes) by key; what the sweep purges by
         // age is indexed by its time.
         "DROP TABLE server_keys;"
         "CREATE TABLE rate_events (key TEXT NOT NULL, at INTEGER NOT NULL);"
         "CREATE INDEX rate_events_key ON rate_events (key, at);"
         "CREATE INDEX rate_events_at ON rate_events (at);"
         "INSERT INTO rate_events (key, at) SELECT key, sent_at FROM message_sends;"
         "DROP TABLE message_sends;"
         "CREATE INDEX auth_transactions_expires ON auth_transactions (expires_at);"
         "CREATE INDEX authorization_codes_expires ON authorization_codes (expires_at);"
         "CREATE INDEX refresh_tokens_expires ON refresh_tokens (expires_at);"
         "CREATE INDEX outbox_created ON outbox (created_at);"
         "CREATE INDEX ticket_idempotency_created ON ticket_idempotency (created_at);"
         "CREATE INDEX attachments_drafts ON attachments (uploader_id, created_at) WHERE ticket_id IS NULL;"
         "CREATE INDEX attachments_sha256 ON attachments (sha256);"},
    };
    return list;
}

Connection::~Connection() {
    for (auto& [sql, statements] : idle)
        for (sqlite3_stmt* stmt : statements) sqlite3_finalize(stmt);
    if (db) sqlite3_close_v2(db);  // the last connection to close checkpoints the WAL
}

core::Result<bool> Connection::exec(const std::string& sql) {
    char* message = nullptr;
    if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
        std::string text = message ? message : sqlite3_errmsg(db);
        sqlite3_free(message);
        return core::Error{"storage", text};
    }
    return true;
}

std::string Connection::scalar_text(const char* sql) {
    sqlite3_stmt* stmt = nullptr;
    std::string out;
    if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) == SQLITE_OK && sqlite3_step(stmt) == SQLITE_ROW) {
        const unsigned char* text = sqlite3_column_text(stmt, 0);
        if (text) out = reinterpret_cast<const char*>(text);
    }
    sqlite3_finalize(stmt);
    return out;
}

sqlite3_stmt* Connection::borrow(const char* sql, std::string& error) {
    auto found = idle.find(std::string_view(sql));
    if (found != idle.end() && !found->second.empty()) {
        sqlite3_stmt* stmt = found->second.back();
        found->second.pop_back();
        return stmt;
    }
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr) != SQLITE_OK) {
        error = sqlite3_errmsg(db);
        sqlite3_finalize(stmt);
        return nullptr;
    }
    return stmt;
}

void Connection::give_back(sqlite3_stmt* stmt) {
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    const std::string_view sql = sqlite3_sql(stmt);
    auto found = idle.find(sql);
    if (found == idle.end()) found = idle.emplace(std::string(sql), std::vector<sqlite3_stmt*>{}).first;
    auto& statements = found->second;
    // A few per SQL text are enough: a connection runs one statement at a time.
    if (statements.size() < 4) statements.push_back(stmt);
    else sqlite3_finalize(stmt);
}

Database::~Database() {
    {
        std::lock_guard<std::mutex> guard(batch_mutex);
        stopping = true;
    }
    work_queued.notify_one();
    if (committer.joinable()) committer.join();
    readers.clear();
    writer.reset();  // last: it checkpoints the WAL
}

Database::Reader::~Reader() {
    if (!connection) return;
    {
        std::lock_guard<std::mutex> guard(owner.readers_mutex);
        owner.free_readers.push_back(connection);
    }
    owner.reader_free.notify_one();
}

Database::Reader Database::reader() {
    std::unique_lock<std::mutex> guard(readers_mutex);
    reader_free.wait(guard, [&] { return !free_readers.empty(); });
    Connection* c = free_readers.back();
    free_readers.pop_back();
    return Reader(*this, c);
}

struct Database::PendingWrite {
    const std::function<bool(Connection&)>* work;
    std::condition_variable wake;  // this writer's own: its batch is durable (or failed)
    bool done = false;
    bool committed = false;
    std::exception_ptr failure;
};

bool Database::write(const std::function<bool(Connection&)>& work) {
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
void Database::commit_loop() {
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

void Database::commit_batch(const std::vector<PendingWrite*>& batch) {
    std::lock_guard<std::mutex> guard(writer_mutex);
    Connection& c = *writer;
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

// search_fold(text) in SQL: core::search_fold, so that the ticket search folds case and accents as the
// portal does.
void search_fold_sql(sqlite3_context* context, int, sqlite3_value** args) {
    const unsigned char* text = sqlite3_value_text(args[0]);
    if (!text) return sqlite3_result_null(context);
    const std::string folded = core::search_fold(reinterpret_cast<const char*>(text));
    sqlite3_result_text(context, folded.data(), static_cast<int>(folded.size()), SQLITE_TRANSIENT);
}

core::Result<std::unique_ptr<Connection>> connect(const std::filesystem::path& file, int flags,
                                                  std::unique_ptr<Connection> (*make)(sqlite3*)) {
    sqlite3* handle = nullptr;
    int rc = sqlite3_open_v2(file.c_str(), &handle, flags | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        std::string message = handle ? sqlite3_errmsg(handle) : sqlite3_errstr(rc);
        if (handle) sqlite3_close_v2(handle);
        return core::Error{"storage", "cannot open the database " + file.string() + ": " + message};
    }
    auto connection = make(handle);
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

core::Result<std::unique_ptr<Database>> Database::open(const std::filesystem::path& file) {
    if (auto made = make_private(file); !made) return made.error();
    auto make = [](sqlite3* h) { return std::unique_ptr<Connection>(new Connection(h)); };
    auto writer = connect(file, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, make);
    if (!writer) return writer.error();
    std::unique_ptr<Database> database(new Database(std::move(writer).value()));
    for (const char* pragma : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL", "PRAGMA foreign_keys=ON"}) {
        auto result = database->writer->exec(pragma);
        if (!result) return core::Error{"storage", "cannot open the database " + file.string() + ": " + result.error().message};
    }
    if (database->writer->scalar_text("PRAGMA journal_mode") != "wal")
        return core::Error{"storage", "the database " + file.string() + " cannot use write-ahead logging"};
    auto migrated = database->migrate();
    if (!migrated) return migrated.error();
    for (int i = 0; i < reader_count; ++i) {
        auto reader = connect(file, SQLITE_OPEN_READWRITE, make);
        if (!reader) return reader.error();
        if (auto only = reader.value()->exec("PRAGMA query_only=1"); !only) return only.error();
        database->free_readers.push_back(reader.value().get());
        database->readers.push_back(std::move(reader).value());
    }
    database->committer = std::thread([db = database.get()] { db->commit_loop(); });
    return database;
}

core::Result<bool> Database::exec(const std::string& sql) {
    std::lock_guard<std::mutex> guard(writer_mutex);
    return writer->exec(sql);
}

int Database::schema_version() { return std::atoi(reader()->scalar_text("PRAGMA user_version").c_str()); }
std::string Database::journal_mode() { return reader()->scalar_text("PRAGMA journal_mode"); }
bool Database::healthy() { return reader()->scalar_text("SELECT 1") == "1"; }

core::Result<bool> Database::migrate() {
    Connection& c = *writer;
    const int current = std::atoi(c.scalar_text("PRAGMA user_version").c_str());
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
