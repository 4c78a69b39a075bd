#pragma once
// Expected failures are values: a Result holds either a value or an Error a person can act on.
#include <string>
#include <utility>
#include <variant>

namespace core {

struct Error {
    std::string code;     // stable, machine-readable ("invalid_json", "missing_field", ...)
    std::string message;  // for a person: what is wrong and what to do
};

template <class T>
class Result {
public:
    Result(T value) : data(std::move(value)) {}
    Result(Error error) : data(std::move(error)) {}

    bool ok() const { return std::holds_alternative<T>(data); }
    explicit operator bool() const { return ok(); }
    const T& value() const& { return std::get<T>(data); }
    T& value() & { return std::get<T>(data); }
    T&& value() && { return std::get<T>(std::move(data)); }
    const Error& error() const { return std::get<Error>(data); }

private:
    std::variant<T, Error> data;
};

}  // namespace core
