#pragma once
// The PostgreSQL engine (libpq): for many stateless nodes on one database.
//
// Each node keeps a pool of connections, opened as needed: writers, where write() runs each work in its
// own SERIALIZABLE transaction, and readers, read-only sessions (default_transaction_read_only), as
// SQLite's query_only readers. Serializable because the rules read before they write: an
// Idempotency-Key is looked up and then stored, wrong codes are counted and then one is added; with
// nodes racing, the weaker levels let both sides act on the same stale read. PostgreSQL refuses one of
// two such transactions (SQLSTATE 40001, or a unique key another transaction just took), and write()
// runs that work again from the start. PostgreSQL groups concurrent commits itself, so there is no
// batching here.
//
// Statements are prepared once per connection (named after their place in the connection's cache),
// with the `?`/`?N` parameters of the shared SQL turned into `$N`. A connection found broken (the
// server restarted, the network dropped) makes available() false and is reset on its next use;
// the first that connects again makes it true.
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "server/database.hpp"

typedef struct pg_conn PGconn;

namespace server {

class PostgresDatabase;

class PgConnection final : public Connection {
public:
    PgConnection(PostgresDatabase& database, bool read_only_session) : owner(database), read_only(read_only_session) {}
    ~PgConnection() override;
    PgConnection(const PgConnection&) = delete;
    PgConnection& operator=(const PgConnection&) = delete;

    Engine engine() const override { return Engine::postgresql; }
    core::Result<bool> exec(const std::string& sql) override;
    std::string scalar_text(const char* sql) override;
    StatementImpl* borrow(const char* sql, std::string& error) override;
    void give_back(StatementImpl* stmt) override;

    // Connects, or reconnects a broken connection (its prepared statements go with the old session);
    // never inside a transaction, whose statements must not go on in a new session's autocommit.
    bool ready();
    bool in_transaction = false;
    bool broken() const;
    // For a reader whose statement just failed on a broken connection: true once it is connected again.
    bool reconnected_reader();
    PGconn* handle() { return conn; }
    // The SQLSTATE of the last failure since clear_failure(): "40001" and the like ask for a retry.
    void note_failure(const char* sqlstate);
    void clear_failure() { failed_state.clear(); }
    bool retryable() const;
    // COMMIT, true only when it committed (PostgreSQL answers a COMMIT of a failed transaction with
    // a ROLLBACK and no error).
    bool commit();

private:
    void drop_statements();
    PostgresDatabase& owner;
    bool read_only;
    PGconn* conn = nullptr;
    std::string failed_state;
    int next_name = 0;
    struct Prepared {
        std::string name;
        int parameters = 0;
        std::vector<StatementImpl*> idle;
    };
    std::unordered_map<std::string, Prepared> prepared;
};

class PostgresDatabase final : public Database {
public:
    ~PostgresDatabase() override;
    static core::Result<std::unique_ptr<Database>> open(const std::string& url);

    Engine engine() const override { return Engine::postgresql; }
    int schema_version() override;
    std::string journal_mode() override { return ""; }
    bool healthy() override;
    bool available() override { return reachable.load(); }
    core::Result<bool> exec(const std::string& sql) override;
    bool write(const std::function<bool(Connection&)>& work, Isolation isolation = Isolation::serializable) override;

    const std::string& url() const { return conninfo; }
    void set_reachable(bool yes) { reachable.store(yes); }

private:
    friend class PgConnection;
    explicit PostgresDatabase(std::string url) : conninfo(std::move(url)) {}
    Connection* acquire_reader() override;
    void release_reader(Connection* connection) override;
    core::Result<bool> migrate();

    struct Pool {
        std::mutex mutex;
        std::condition_variable free_one;
        std::vector<std::unique_ptr<PgConnection>> all;
        std::vector<PgConnection*> idle;
    };
    PgConnection* acquire(Pool& pool, bool read_only);
    void release(Pool& pool, PgConnection* c);
    // A writer connection for one scope: taken from the pool, given back when the scope ends.
    struct WriterLease {
        explicit WriterLease(PostgresDatabase& database) : db(database), c(db.acquire(db.writers, false)) {}
        ~WriterLease() { db.release(db.writers, c); }
        WriterLease(const WriterLease&) = delete;
        WriterLease& operator=(const WriterLease&) = delete;
        PostgresDatabase& db;
        PgConnection* c;
    };

    std::string conninfo;
    std::atomic<bool> reachable{true};
    Pool writers, readers;
};

}  // namespace server
