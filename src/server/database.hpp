#pragma once
// The store seam: what the services see of the database, whichever engine holds it.
//
// Two engines behind one interface, chosen by a URL (`sqlite:PATH`, the embedded default, or
// `postgresql://…`): sqlite_store.* and postgres_store.*. Above it, each service speaks to its store in
// its own words (tickets/ticket_store.hpp: tickets, replies, surveys, files; identity/identity_store.hpp:
// sign-in transactions, users, tokens, rate limits, resources), and the SQL lives there, in the subset
// both engines read (`?` or `?N` parameters, standard joins, ON CONFLICT, RETURNING), asking engine()
// where the two differ; the services keep the rules and say their refusals as Outcomes (outcome.hpp).
// Migrations come from one list with each engine's text (migrations.cpp).
//
// One write path on both: every change goes through write(), and only there; reads use read-only
// connections (SQLite: PRAGMA query_only; PostgreSQL: read-only sessions), so that no write can slip
// into another request's transaction. Before, the sign-in code wrote on a shared SQLite connection
// while a ticket batch held its transaction open there, and a refused ticket's ROLLBACK TO undid those
// sign-in writes.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace server {

enum class Engine { sqlite, postgresql };

struct Migration {
    int version;
    const char* name;
    const char* sqlite;
    const char* postgresql;
};

// Every migration the server knows, in order, for both engines; a database newer than these is refused.
const std::vector<Migration>& migrations();
int latest_schema_version();
// The refusal of a database whose schema is newer than this server's (the same words on both engines).
core::Error newer_schema(int found);

// One prepared statement of an engine, used through Statement (statement.hpp).
class StatementImpl {
public:
    virtual ~StatementImpl() = default;
    virtual void bind_text(int index, std::string_view value) = 0;
    virtual void bind_blob(int index, std::string_view bytes) = 0;
    virtual void bind_integer(int index, std::int64_t value) = 0;
    virtual void bind_null(int index) = 0;
    // To the next row: true while there is one; a failure sets `error`.
    virtual bool step(std::string& error) = 0;
    virtual std::string text(int column) const = 0;
    virtual std::string blob(int column) const = 0;
    virtual std::int64_t integer(int column) const = 0;
    virtual bool is_null(int column) const = 0;
    virtual std::int64_t changes() const = 0;  // rows changed by the statement that last ran
};

// One connection, used by one thread at a time (the Database hands it out: a reader lease, or a writer
// inside write()).
class Connection {
public:
    virtual ~Connection() = default;
    virtual Engine engine() const = 0;
    // Runs SQL with no results (one or more statements); the error message says what failed.
    virtual core::Result<bool> exec(const std::string& sql) = 0;
    virtual std::string scalar_text(const char* sql) = 0;
    // Prepared statements are kept for reuse (parsing the SQL each time was a third of a ticket
    // creation's time). borrow() hands out an idle statement for this SQL, or prepares one (null with
    // the error in `error` when the SQL is wrong); give_back() resets it and keeps it for the next one.
    virtual StatementImpl* borrow(const char* sql, std::string& error) = 0;
    virtual void give_back(StatementImpl* stmt) = 0;
};

class Database {
public:
    virtual ~Database() = default;
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    // Opens the database a URL names: `sqlite:PATH` (the file, created if missing) or
    // `postgresql://…`/`postgres://…` (libpq's URI: host, port, user, dbname and its options, TLS
    // among them: sslmode, sslrootcert…), and brings its schema up to date.
    static core::Result<std::unique_ptr<Database>> connect(const std::string& url);
    // The SQLite file (creating it, 0600 in a folder of its own 0700).
    static core::Result<std::unique_ptr<Database>> open(const std::filesystem::path& file);

    virtual Engine engine() const = 0;
    virtual int schema_version() = 0;
    virtual std::string journal_mode() = 0;  // SQLite's; "" on PostgreSQL
    // Runs `SELECT 1`: false when the database cannot answer (a PostgreSQL node then tries to reconnect).
    virtual bool healthy() = 0;
    // False once the database was found unreachable, until a connection succeeds again: the HTTP side
    // answers 503 meanwhile instead of reading a missing row as "not found".
    virtual bool available() { return true; }
    // Runs SQL outside any request (set-up, admin); the error says what failed.
    virtual core::Result<bool> exec(const std::string& sql) = 0;

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
    Reader reader() { return Reader(*this, acquire_reader()); }

    // Runs `work` in a write transaction. `work` returns true to keep its changes or false to undo them
    // (its own refusal). write returns once the transaction is durable: true when it committed (or the
    // work refused and nothing of it is stored), false when it could not (then nothing is stored).
    // SQLite: group commit on its one writer (each work in its own savepoint; the work must not call
    // write() itself). PostgreSQL: a pooled connection, SERIALIZABLE, and the work run again after a
    // serialization failure, so it must set its outputs afresh on each run. An exception from the work
    // undoes it and is rethrown to its caller.
    //
    // `Isolation::read_committed` (PostgreSQL; SQLite's one writer is serial anyway) is for a work whose
    // every race ends in a unique key or a conditional UPDATE it checks, never in a value read and
    // written back: a ticket's creation (its number is an identity, its Idempotency-Key a unique row that
    // a concurrent twin fails on, 23505, and is run again to find). Under SERIALIZABLE, concurrent
    // creations failed each other's predicate locks more than once per ticket on average.
    enum class Isolation { serializable, read_committed };
    virtual bool write(const std::function<bool(Connection&)>& work, Isolation isolation = Isolation::serializable) = 0;

protected:
    Database() = default;
    virtual Connection* acquire_reader() = 0;
    virtual void release_reader(Connection* connection) = 0;
};

}  // namespace server
