#include "server/postgres_store.hpp"

#include <libpq-fe.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <optional>
#include <random>
#include <thread>

namespace server {

namespace {

constexpr std::size_t pool_size = 8;   // of each kind, per node
constexpr int write_attempts = 30;     // a serialization failure is retried; this many is a real fault

// The shared SQL's `?` and `?N` as PostgreSQL's `$N` (outside quoted text); `count` gets the highest N
// and `used` which of 1..N appear (a query may leave one out, as the list does `now` without a status).
std::string numbered_parameters(const char* sql, int& count, std::vector<bool>& used) {
    std::string out;
    int next = 0;
    count = 0;
    bool quoted = false;
    for (const char* p = sql; *p; ++p) {
        if (*p == '\'') quoted = !quoted;
        if (quoted || *p != '?') {
            out += *p;
            continue;
        }
        int n = 0;
        while (p[1] >= '0' && p[1] <= '9') n = n * 10 + (*++p - '0');
        if (n == 0) n = ++next;
        count = std::max(count, n);
        if (used.size() < static_cast<size_t>(n)) used.resize(static_cast<size_t>(n), false);
        used[static_cast<size_t>(n - 1)] = true;
        out += '$' + std::to_string(n);
    }
    return out;
}

class PgStatement final : public StatementImpl {
public:
    PgStatement(PgConnection& c, std::string prepared_name, int parameters, std::string source_sql)
        : connection(c), name(std::move(prepared_name)), sql(std::move(source_sql)), values(static_cast<size_t>(parameters)),
          binary(static_cast<size_t>(parameters), 0) {}
    ~PgStatement() override { PQclear(result); }
    const std::string& source() const { return sql; }
    void reset() {
        PQclear(result);
        result = nullptr;
        executed = false;
        row = -1;
        for (auto& v : values) v.reset();
        std::fill(binary.begin(), binary.end(), 0);
    }

    void bind_text(int index, std::string_view value) override { set(index, std::string(value), 0); }
    void bind_blob(int index, std::string_view bytes) override { set(index, std::string(bytes), 1); }
    void bind_integer(int index, std::int64_t value) override { set(index, std::to_string(value), 0); }
    void bind_null(int index) override {
        if (index >= 1 && static_cast<size_t>(index) <= values.size()) values[static_cast<size_t>(index - 1)].reset();
    }
    bool step(std::string& error) override {
        if (!executed) {
            executed = true;
            std::vector<const char*> pointers(values.size());
            std::vector<int> lengths(values.size());
            for (size_t i = 0; i < values.size(); ++i) {
                pointers[i] = values[i] ? values[i]->data() : nullptr;
                lengths[i] = values[i] ? static_cast<int>(values[i]->size()) : 0;
            }
            result = PQexecPrepared(connection.handle(), name.c_str(), static_cast<int>(values.size()), pointers.data(),
                                    lengths.data(), binary.data(), 0);
            ExecStatusType status = PQresultStatus(result);
            // A reader's connection that broke while idle (the database restarted) is found out here: its
            // statement runs once more on a new session, where this name is not prepared.
            if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK && connection.reconnected_reader()) {
                int count = 0;
                std::vector<bool> used;
                const std::string text = numbered_parameters(sql.c_str(), count, used);
                std::vector<Oid> types(static_cast<size_t>(count), 0);
                for (size_t i = 0; i < types.size(); ++i)
                    if (!used[i]) types[i] = 25;
                PQclear(result);
                result = PQexecParams(connection.handle(), text.c_str(), count, types.data(), pointers.data(),
                                      lengths.data(), binary.data(), 0);
                status = PQresultStatus(result);
            }
            if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
                error = result ? PQresultErrorMessage(result) : PQerrorMessage(connection.handle());
                if (error.empty()) error = "the database did not answer";
                connection.note_failure(result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr);
                return false;
            }
            rows = status == PGRES_TUPLES_OK ? PQntuples(result) : 0;
        }
        return ++row < rows;
    }
    std::string text(int column) const override {
        if (!result || row < 0 || row >= rows || PQgetisnull(result, row, column)) return {};
        return std::string(PQgetvalue(result, row, column), static_cast<size_t>(PQgetlength(result, row, column)));
    }
    std::string blob(int column) const override {
        const std::string escaped = text(column);
        size_t length = 0;
        unsigned char* bytes = PQunescapeBytea(reinterpret_cast<const unsigned char*>(escaped.c_str()), &length);
        if (!bytes) return {};
        std::string out(reinterpret_cast<const char*>(bytes), length);
        PQfreemem(bytes);
        return out;
    }
    // Booleans (`x IS NOT NULL`) read as SQLite gives them: 1 or 0.
    std::int64_t integer(int column) const override {
        const std::string value = text(column);
        if (value == "t") return 1;
        if (value == "f") return 0;
        return std::strtoll(value.c_str(), nullptr, 10);
    }
    bool is_null(int column) const override {
        return !result || row < 0 || row >= rows || PQgetisnull(result, row, column);
    }
    std::int64_t changes() const override { return result ? std::strtoll(PQcmdTuples(result), nullptr, 10) : 0; }

private:
    void set(int index, std::string value, int format) {
        if (index < 1 || static_cast<size_t>(index) > values.size()) return;
        values[static_cast<size_t>(index - 1)] = std::move(value);
        binary[static_cast<size_t>(index - 1)] = format;
    }
    PgConnection& connection;
    std::string name, sql;
    std::vector<std::optional<std::string>> values;
    std::vector<int> binary;
    PGresult* result = nullptr;
    bool executed = false;
    int row = -1, rows = 0;
};

}  // namespace

PgConnection::~PgConnection() {
    drop_statements();
    if (conn) PQfinish(conn);
}

void PgConnection::drop_statements() {
    for (auto& [sql, p] : prepared)
        for (StatementImpl* stmt : p.idle) delete stmt;
    prepared.clear();
}

bool PgConnection::broken() const { return !conn || PQstatus(conn) != CONNECTION_OK; }

bool PgConnection::ready() {
    if (!broken()) return true;
    if (in_transaction) return false;
    drop_statements();
    if (conn) PQfinish(conn);
    conn = PQconnectdb(owner.url().c_str());
    if (broken()) {
        owner.set_reachable(false);
        return false;
    }
    // Read-only sessions for readers; UTC, so that no time is read in a zone of the host's.
    std::string setup = "SET TIME ZONE 'UTC'";
    if (read_only) setup += "; SET default_transaction_read_only = on";
    PGresult* r = PQexec(conn, setup.c_str());
    const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
    PQclear(r);
    if (ok) owner.set_reachable(true);
    return ok;
}

// The first failure counts: after a serialization failure every later statement of the transaction
// fails too ("current transaction is aborted"), and the retry must still be seen.
bool PgConnection::reconnected_reader() {
    if (!read_only || in_transaction || !broken()) return false;
    if (!ready()) return false;
    clear_failure();
    return true;
}

void PgConnection::note_failure(const char* sqlstate) {
    if (failed_state.empty()) failed_state = sqlstate ? sqlstate : "08000";  // none: the connection failed
    if (broken()) owner.set_reachable(false);
}

// 40001 serialization failure, 40P01 deadlock, 23505 a unique key a concurrent transaction took first.
bool PgConnection::retryable() const {
    return failed_state == "40001" || failed_state == "40P01" || failed_state == "23505";
}

core::Result<bool> PgConnection::exec(const std::string& sql) {
    if (!ready()) return core::Error{"unavailable", "the database cannot be reached: " + std::string(PQerrorMessage(conn))};
    PGresult* r = PQexec(conn, sql.c_str());
    const ExecStatusType status = PQresultStatus(r);
    core::Result<bool> out = true;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
        note_failure(PQresultErrorField(r, PG_DIAG_SQLSTATE));
        out = core::Error{"storage", r ? PQresultErrorMessage(r) : PQerrorMessage(conn)};
    }
    PQclear(r);
    return out;
}

bool PgConnection::commit() {
    PGresult* r = PQexec(conn, "COMMIT");
    const bool committed = PQresultStatus(r) == PGRES_COMMAND_OK && std::string(PQcmdStatus(r)) == "COMMIT";
    if (!committed) note_failure(PQresultErrorField(r, PG_DIAG_SQLSTATE));
    PQclear(r);
    return committed;
}

std::string PgConnection::scalar_text(const char* sql) {
    if (!ready()) return {};
    PGresult* r = PQexec(conn, sql);
    std::string out;
    if (PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) > 0 && !PQgetisnull(r, 0, 0)) out = PQgetvalue(r, 0, 0);
    else if (PQresultStatus(r) != PGRES_TUPLES_OK) note_failure(PQresultErrorField(r, PG_DIAG_SQLSTATE));
    PQclear(r);
    return out;
}

StatementImpl* PgConnection::borrow(const char* sql, std::string& error) {
    if (!ready()) {
        error = "the database cannot be reached: " + std::string(conn ? PQerrorMessage(conn) : "no connection");
        return nullptr;
    }
    auto found = prepared.find(sql);
    if (found == prepared.end()) {
        Prepared p;
        p.name = "s" + std::to_string(++next_name);
        std::vector<bool> used;
        const std::string text = numbered_parameters(sql, p.parameters, used);
        // PostgreSQL infers each parameter's type from where it appears; one that appears nowhere is
        // given text, which its (ignored) value always is.
        std::vector<Oid> types(static_cast<size_t>(p.parameters), 0);
        for (size_t i = 0; i < types.size(); ++i)
            if (!used[i]) types[i] = 25;  // text
        PGresult* r = PQprepare(conn, p.name.c_str(), text.c_str(), p.parameters, types.data());
        const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
        if (!ok) {
            error = r ? PQresultErrorMessage(r) : PQerrorMessage(conn);
            note_failure(PQresultErrorField(r, PG_DIAG_SQLSTATE));
        }
        PQclear(r);
        if (!ok) return nullptr;
        found = prepared.emplace(sql, std::move(p)).first;
    }
    Prepared& p = found->second;
    if (!p.idle.empty()) {
        StatementImpl* stmt = p.idle.back();
        p.idle.pop_back();
        return stmt;
    }
    return new PgStatement(*this, p.name, p.parameters, found->first);
}

void PgConnection::give_back(StatementImpl* given) {
    auto* stmt = static_cast<PgStatement*>(given);
    stmt->reset();
    auto found = prepared.find(stmt->source());
    // Gone with a reconnection (the session's statements went with it), or enough of them kept.
    if (found == prepared.end() || found->second.idle.size() >= 4) delete stmt;
    else found->second.idle.push_back(stmt);
}

PostgresDatabase::~PostgresDatabase() = default;

PgConnection* PostgresDatabase::acquire(Pool& pool, bool read_only) {
    std::unique_lock<std::mutex> guard(pool.mutex);
    pool.free_one.wait(guard, [&] { return !pool.idle.empty() || pool.all.size() < pool_size; });
    if (!pool.idle.empty()) {
        PgConnection* c = pool.idle.back();
        pool.idle.pop_back();
        return c;
    }
    pool.all.push_back(std::make_unique<PgConnection>(*this, read_only));
    return pool.all.back().get();  // connected by its first use (ready())
}

void PostgresDatabase::release(Pool& pool, PgConnection* c) {
    {
        std::lock_guard<std::mutex> guard(pool.mutex);
        pool.idle.push_back(c);
    }
    pool.free_one.notify_one();
}

Connection* PostgresDatabase::acquire_reader() {
    PgConnection* c = acquire(readers, true);
    c->ready();
    return c;
}

void PostgresDatabase::release_reader(Connection* connection) { release(readers, static_cast<PgConnection*>(connection)); }

bool PostgresDatabase::write(const std::function<bool(Connection&)>& work, Isolation isolation) {
    thread_local std::minstd_rand jitter(std::random_device{}());
    for (int attempt = 1;; ++attempt) {
        const WriterLease lease(*this);
        PgConnection* c = lease.c;
        c->clear_failure();
        if (!c->exec(isolation == Isolation::read_committed ? "BEGIN ISOLATION LEVEL READ COMMITTED"
                                                            : "BEGIN ISOLATION LEVEL SERIALIZABLE")) {
            // A connection that broke while idle (the database restarted) is found out here: once more
            // on a fresh one.
            if (c->broken() && attempt == 1) continue;
            return false;
        }
        c->in_transaction = true;
        bool keep = false;
        try {
            keep = work(*c);
        } catch (...) {
            c->exec("ROLLBACK");
            c->in_transaction = false;
            throw;
        }
        bool done = false;
        if (!c->retryable()) {
            if (keep) done = c->commit();
            else done = c->exec("ROLLBACK").ok();  // refused by the work: nothing stored, as asked
        } else {
            c->exec("ROLLBACK");
        }
        c->in_transaction = false;
        if (done) return true;
        if (!c->retryable() || attempt == write_attempts) return false;
        // Two nodes that collided once would collide again at once: wait a little, differently each.
        std::this_thread::sleep_for(std::chrono::microseconds(jitter() % (500u * static_cast<unsigned>(attempt)) + 100));
    }
}

core::Result<bool> PostgresDatabase::exec(const std::string& sql) {
    PgConnection* c = acquire(writers, false);
    auto result = c->exec(sql);
    release(writers, c);
    return result;
}

int PostgresDatabase::schema_version() {
    return std::atoi(reader()->scalar_text("SELECT coalesce(max(version), 0) FROM portal_schema").c_str());
}

bool PostgresDatabase::healthy() { return reader()->scalar_text("SELECT 1") == "1"; }

}  // namespace server
