// Opening a PostgreSQL store: the URI checked by libpq, a first connection, and the migrations.
#include <libpq-fe.h>

#include "server/postgres_store.hpp"

namespace server {

// One node migrates at a time (an advisory lock held by the transaction), each step with its version.
core::Result<bool> PostgresDatabase::migrate() {
    const WriterLease lease(*this);
    PgConnection* c = lease.c;
    auto fail = [&](const std::string& what) -> core::Result<bool> {
        c->exec("ROLLBACK");
        c->in_transaction = false;
        return core::Error{"storage", what};
    };
    if (auto begun = c->exec("BEGIN"); !begun) return core::Error{"storage", "cannot migrate: " + begun.error().message};
    c->in_transaction = true;
    if (auto locked = c->exec("SELECT pg_advisory_xact_lock(20260601);"
                              "CREATE TABLE IF NOT EXISTS portal_schema (version INTEGER NOT NULL)");
        !locked)
        return fail("cannot prepare the database: " + locked.error().message);
    const int current = std::atoi(c->scalar_text("SELECT coalesce(max(version), 0) FROM portal_schema").c_str());
    if (current > latest_schema_version()) {
        fail("");
        return newer_schema(current);
    }
    for (const Migration& migration : migrations()) {
        if (migration.version <= current) continue;
        auto result = c->exec(std::string(migration.postgresql) + ";DELETE FROM portal_schema;INSERT INTO portal_schema"
                              " (version) VALUES (" + std::to_string(migration.version) + ")");
        if (!result)
            return fail("migration " + std::to_string(migration.version) + " (" + migration.name +
                        ") failed: " + result.error().message);
    }
    const bool committed = c->commit();
    c->in_transaction = false;
    if (!committed) return fail("the migrations did not commit: " + std::string(PQerrorMessage(c->handle())));
    return true;
}

core::Result<std::unique_ptr<Database>> PostgresDatabase::open(const std::string& url) {
    char* problem = nullptr;
    PQconninfoOption* options = PQconninfoParse(url.c_str(), &problem);
    if (!options) {
        std::string message = problem ? problem : "not a PostgreSQL URI";
        PQfreemem(problem);
        return core::Error{"storage", "the database URI is not valid: " + message};
    }
    PQconninfoFree(options);
    std::unique_ptr<PostgresDatabase> db(new PostgresDatabase(url));
    {
        PgConnection* first = db->acquire(db->writers, false);
        const bool connected = first->ready();
        const std::string why = connected ? "" : PQerrorMessage(first->handle());
        db->release(db->writers, first);
        // Never the URI in the message: it may hold a password.
        if (!connected) return core::Error{"storage", "cannot connect to PostgreSQL: " + why};
    }
    if (auto migrated = db->migrate(); !migrated) return migrated.error();
    return std::unique_ptr<Database>(std::move(db));
}

}  // namespace server
