#pragma once
// One member of a JSON document that came from outside, read without ever throwing.
#include <string>

#include <nlohmann/json.hpp>

namespace core {

// A text member of `object`, or "" when it is missing, of another type, or `object` is not an object:
// a malformed document is refused or said to the person by whoever reads it, never thrown out of it.
inline std::string text_member(const nlohmann::json& object, const char* name) {
    const auto it = object.find(name);
    return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

}  // namespace core
