#include "server/statement.hpp"

#include <sqlite3.h>

#include "server/database.hpp"

namespace server {

Statement::Statement(Connection& owner, const char* sql) : connection(owner) { stmt = connection.borrow(sql, message); }

Statement::~Statement() {
    if (stmt) connection.give_back(stmt);
}

Statement& Statement::bind(int index, std::string_view value) {
    if (stmt) sqlite3_bind_text(stmt, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
    return *this;
}

Statement& Statement::bind(int index, std::int64_t value) {
    if (stmt) sqlite3_bind_int64(stmt, index, value);
    return *this;
}

Statement& Statement::bind_optional(int index, std::optional<std::string_view> value) {
    if (!stmt) return *this;
    if (value) return bind(index, *value);
    sqlite3_bind_null(stmt, index);
    return *this;
}

bool Statement::step() {
    if (!stmt) return false;
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW) return true;
    if (rc != SQLITE_DONE) message = sqlite3_errmsg(connection.handle());
    return false;
}

bool Statement::run() {
    if (!stmt) return false;
    while (step()) {
    }
    return message.empty();
}

std::string Statement::text(int column) const {
    const unsigned char* value = sqlite3_column_text(stmt, column);
    return value ? std::string(reinterpret_cast<const char*>(value), static_cast<size_t>(sqlite3_column_bytes(stmt, column)))
                 : std::string();
}

std::int64_t Statement::integer(int column) const { return sqlite3_column_int64(stmt, column); }

bool Statement::is_null(int column) const { return sqlite3_column_type(stmt, column) == SQLITE_NULL; }

}  // namespace server
