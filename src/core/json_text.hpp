#pragma once
// JSON documents that came from outside, parsed and read without ever throwing.
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace core {

// `text` parsed, or a discarded value (is_discarded()) when it is not one JSON document. Every parse
// of the portal goes through here, from one kind of input (a range of chars): each other kind (a
// std::string, a string_view) made nlohmann_json compile its parser and lexer once more into the wasm.
inline nlohmann::json parse_json(std::string_view text) {
    return nlohmann::json::parse(text.data(), text.data() + text.size(), nullptr, /*allow_exceptions=*/false);
}

// A text member of `object`, or "" when it is missing, of another type, or `object` is not an object:
// a malformed document is refused or said to the person by whoever reads it, never thrown out of it.
inline std::string text_member(const nlohmann::json& object, const char* name) {
    const auto it = object.find(name);
    return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

}  // namespace core
