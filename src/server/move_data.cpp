#include "server/move_data.hpp"

#include <cstdio>
#include <fstream>
#include <iterator>
#include <optional>
#include <set>

#include "server/failed_step.hpp"
#include "server/statement.hpp"

namespace server {

const char* const migrate_usage_text =
    "usage: portal-server migrate --from sqlite:PATH --to postgresql://... [--files DIR]\n"
    "  copies every row of the SQLite database at PATH, and every attachment's bytes (from DIR, by default\n"
    "  the attachments folder beside PATH), into an empty PostgreSQL database, in one transaction; both\n"
    "  are brought to this server's schema first. Stop the servers on PATH first: what they write during\n"
    "  the copy would not be moved.\n";

namespace {

// The tables in an order their references allow (a row's account, user and ticket come before it).
// Those a database makes for itself (its schema version, its installation row) are not copied.
const std::vector<std::string> table_order = {
    "accounts",     "users",           "roles",          "role_resources", "memberships", "auth_transactions",
    "authorization_codes", "refresh_tokens", "outbox", "rate_events", "tickets", "ticket_comments",
    "attachments",  "ticket_idempotency", "surveys", "notifications", "notification_stops", "ticket_events"};
const std::set<std::string> own_tables = {"portal_schema", "installation", "sqlite_sequence"};

enum class Kind { text, integer, blob };

struct Column {
    std::string name;
    Kind kind;
};

std::string quoted(const std::string& name) { return "\"" + name + "\""; }

// A column's kind from its declared SQLite type (INTEGER, BLOB, TEXT, as the migrations write them).
Kind kind_of(const std::string& type) {
    if (type.find("INT") != std::string::npos) return Kind::integer;
    if (type.find("BLOB") != std::string::npos) return Kind::blob;
    return Kind::text;
}

core::Result<std::vector<Column>> columns_of(Connection& c, const std::string& table) {
    Statement s(c, "SELECT name, upper(type) FROM pragma_table_info(?) ORDER BY cid");
    s.bind(1, table);
    std::vector<Column> columns;
    while (s.step()) columns.push_back({s.text(0), kind_of(s.text(1))});
    if (!s.error().empty()) return core::Error{"migrate_failed", "reading the columns of " + table + ": " + s.error()};
    return columns;
}

std::optional<std::string> read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Copies `table`'s rows from `from` into `to`; the number copied, or what failed.
core::Result<std::int64_t> copy_table(Connection& from, Connection& to, const std::string& table) {
    auto columns = columns_of(from, table);
    if (!columns.ok()) return columns.error();
    std::string names, marks;
    for (const Column& column : columns.value()) {
        names += (names.empty() ? "" : ", ") + quoted(column.name);
        marks += marks.empty() ? "?" : ", ?";
    }
    // Tickets in their numbers' order: a follow-up names a ticket opened before it.
    const std::string select = "SELECT " + names + " FROM " + quoted(table) + (table == "tickets" ? " ORDER BY number" : "");
    const std::string insert = "INSERT INTO " + quoted(table) + " (" + names + ") VALUES (" + marks + ")";
    Statement read(from, select.c_str());
    std::int64_t copied = 0;
    while (read.step()) {
        Statement write(to, insert.c_str());
        for (size_t i = 0; i < columns.value().size(); ++i) {
            const int at = static_cast<int>(i);
            if (read.is_null(at)) write.bind_optional(at + 1, std::nullopt);
            else if (columns.value()[i].kind == Kind::integer) write.bind(at + 1, read.integer(at));
            else if (columns.value()[i].kind == Kind::blob) write.bind_blob(at + 1, read.blob(at));
            else write.bind(at + 1, read.text(at));
        }
        if (!write.run()) return core::Error{"migrate_failed", "copying a row of " + table + ": " + write.error()};
        ++copied;
    }
    if (!read.error().empty()) return core::Error{"migrate_failed", "reading " + table + ": " + read.error()};
    return copied;
}

// Each identity counter past the largest number copied into its column.
core::Result<bool> move_counters(Connection& to) {
    std::vector<std::pair<std::string, std::string>> identities;
    {
        Statement s(to, "SELECT table_name, column_name FROM information_schema.columns "
                        "WHERE table_schema = current_schema() AND is_identity = 'YES'");
        while (s.step()) identities.emplace_back(s.text(0), s.text(1));
        if (!s.error().empty()) return core::Error{"migrate_failed", "reading the identity columns: " + s.error()};
    }
    for (const auto& [table, column] : identities) {
        const std::string sql = "SELECT setval(pg_get_serial_sequence('" + table + "', '" + column + "'), max(" +
                                quoted(column) + ")) FROM " + quoted(table) + " HAVING max(" + quoted(column) + ") IS NOT NULL";
        Statement s(to, sql.c_str());
        while (s.step()) {
        }
        if (!s.error().empty()) return core::Error{"migrate_failed", "moving the counter of " + table + ": " + s.error()};
    }
    return true;
}

std::int64_t count_rows(Connection& c, const std::string& table) {
    const std::string sql = "SELECT count(*) FROM " + quoted(table);
    Statement s(c, sql.c_str());
    return s.step() ? s.integer(0) : -1;
}

}  // namespace

core::Result<MoveReport> move_database(Database& from, Database& to, const std::filesystem::path& files_dir) {
    if (from.engine() != Engine::sqlite || to.engine() != Engine::postgresql)
        return core::Error{"migrate_failed", "migrate moves a SQLite database into a PostgreSQL one"};
    Database::Reader source = from.reader();
    {
        std::set<std::string> known(table_order.begin(), table_order.end());
        Statement tables(*source, "SELECT name FROM sqlite_master WHERE type = 'table'");
        while (tables.step()) {
            const std::string name = tables.text(0);
            if (!known.count(name) && !own_tables.count(name))
                return core::Error{"migrate_failed", "the SQLite database has a table this server does not know: " + name};
        }
    }
    {
        Database::Reader target = to.reader();
        const std::int64_t users = count_rows(*target, "users"), tickets = count_rows(*target, "tickets");
        if (users != 0 || tickets != 0)
            return core::Error{"migrate_failed", "the PostgreSQL database is not empty (" + std::to_string(users) + " users, " +
                                                     std::to_string(tickets) + " tickets): migrate moves into an empty one"};
    }

    MoveReport report;
    std::optional<core::Error> failure;
    const bool written = to.write([&](Connection& c) {
        report = MoveReport{};  // a serialization failure runs the work again
        failure.reset();
        for (const std::string& table : table_order) {
            auto copied = copy_table(*source, c, table);
            if (!copied.ok()) {
                failure = copied.error();
                return false;
            }
            report.rows.emplace_back(table, copied.value());
        }
        // The bytes of each stored file, once per SHA-256, from the SQLite store's folder.
        Statement files(*source, "SELECT DISTINCT sha256 FROM attachments");
        while (files.step()) {
            const std::string digest = files.text(0);
            auto bytes = read_file(files_dir / digest.substr(0, 2) / digest);
            if (!bytes) {
                failure = core::Error{"migrate_failed", "the file of attachment " + digest + " is not in " + files_dir.string()};
                return false;
            }
            Statement insert(c, "INSERT INTO attachment_files (sha256, bytes) VALUES (?, ?) ON CONFLICT DO NOTHING");
            insert.bind(1, digest).bind_blob(2, *bytes);
            if (!insert.run()) {
                failure = core::Error{"migrate_failed", "storing the file " + digest + ": " + insert.error()};
                return false;
            }
            ++report.files;
        }
        auto counters = move_counters(c);
        if (!counters.ok()) {
            failure = counters.error();
            return false;
        }
        return true;
    });
    if (failure) return *failure;
    if (!written) return core::Error{"migrate_failed", "the PostgreSQL database did not take the copy; nothing was moved"};

    // Counted again on both sides, once committed.
    Database::Reader target = to.reader();
    for (const auto& [table, rows] : report.rows) {
        const std::int64_t there = count_rows(*target, table), here = count_rows(*source, table);
        if (there != here)
            return core::Error{"migrate_failed", table + " has " + std::to_string(here) + " rows in SQLite and " +
                                                     std::to_string(there) + " in PostgreSQL"};
    }
    return report;
}

int run_migrate(const std::vector<std::string>& args) {
    std::string from_url, to_url;
    std::optional<std::filesystem::path> files_dir;
    for (size_t i = 0; i < args.size(); ++i) {
        if ((args[i] == "--from" || args[i] == "--to" || args[i] == "--files") && i + 1 < args.size()) {
            if (args[i] == "--from") from_url = args[i + 1];
            else if (args[i] == "--to") to_url = args[i + 1];
            else files_dir = args[i + 1];
            ++i;
        } else if (args[i] == "--help" || args[i] == "-h") {
            std::fputs(migrate_usage_text, stdout);
            return 0;
        } else {
            std::fputs(migrate_usage_text, stderr);
            return 2;
        }
    }
    if (from_url.rfind("sqlite:", 0) != 0 || (to_url.rfind("postgresql://", 0) != 0 && to_url.rfind("postgres://", 0) != 0)) {
        std::fputs(migrate_usage_text, stderr);
        return 2;
    }
    const std::filesystem::path sqlite_file = from_url.substr(7);
    if (!std::filesystem::exists(sqlite_file)) {
        std::fprintf(stderr, "portal-server migrate: there is no SQLite database at %s\n", sqlite_file.string().c_str());
        return 1;
    }
    auto from = Database::connect(from_url);
    if (failed(from, "portal-server migrate")) return 1;
    auto to = Database::connect(to_url);
    if (failed(to, "portal-server migrate")) return 1;
    auto moved = move_database(*from.value(), *to.value(), files_dir.value_or(sqlite_file.parent_path() / "attachments"));
    if (failed(moved, "portal-server migrate")) return 1;
    for (const auto& [table, rows] : moved.value().rows) std::printf("%-20s %lld rows\n", table.c_str(), static_cast<long long>(rows));
    std::printf("%-20s %lld files\n", "attachment_files", static_cast<long long>(moved.value().files));
    std::printf("moved, and counted again on both sides\n");
    return 0;
}

}  // namespace server
