#pragma once
// A prepared statement borrowed from its connection's cache for one use (given back, reset, when
// destroyed), binding by position (1-based) and reading columns (0-based), on either engine.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace server {

class Connection;
class StatementImpl;

class Statement {
public:
    Statement(Connection& connection, const char* sql);
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    Statement& bind(int index, std::string_view text);
    Statement& bind(int index, std::int64_t value);
    Statement& bind_blob(int index, std::string_view bytes);
    Statement& bind_optional(int index, std::optional<std::string_view> text);  // nullopt binds NULL
    // Runs to the next row: true while there is one. A failure sets error() and returns false.
    bool step();
    // Runs a statement without rows; false (with error()) when it failed, e.g. on a constraint.
    bool run();
    // The same, answered as the stores answer a change: "" when it ran, else why not.
    std::string run_failure() { return run() ? std::string() : message; }
    std::string text(int column) const;
    std::string blob(int column) const;
    std::int64_t integer(int column) const;
    bool is_null(int column) const;
    // The rows the statement changed (after run()).
    std::int64_t changes() const;
    const std::string& error() const { return message; }

private:
    Connection& connection;
    StatementImpl* stmt = nullptr;
    std::string message;
};

}  // namespace server
