#include "server/statement.hpp"

#include "server/database.hpp"

namespace server {

Statement::Statement(Connection& owner, const char* sql) : connection(owner) { stmt = connection.borrow(sql, message); }

Statement::~Statement() {
    if (stmt) connection.give_back(stmt);
}

Statement& Statement::bind(int index, std::string_view value) {
    if (stmt) stmt->bind_text(index, value);
    return *this;
}

Statement& Statement::bind(int index, std::int64_t value) {
    if (stmt) stmt->bind_integer(index, value);
    return *this;
}

Statement& Statement::bind_blob(int index, std::string_view bytes) {
    if (stmt) stmt->bind_blob(index, bytes);
    return *this;
}

Statement& Statement::bind_optional(int index, std::optional<std::string_view> value) {
    if (!stmt) return *this;
    if (value) return bind(index, *value);
    stmt->bind_null(index);
    return *this;
}

bool Statement::step() { return stmt && stmt->step(message); }

bool Statement::run() {
    if (!stmt) return false;
    while (step()) {
    }
    return message.empty();
}

std::string Statement::text(int column) const { return stmt ? stmt->text(column) : std::string(); }
std::string Statement::blob(int column) const { return stmt ? stmt->blob(column) : std::string(); }
std::int64_t Statement::integer(int column) const { return stmt ? stmt->integer(column) : 0; }
bool Statement::is_null(int column) const { return !stmt || stmt->is_null(column); }
std::int64_t Statement::changes() const { return stmt ? stmt->changes() : 0; }

}  // namespace server
