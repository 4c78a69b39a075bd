#pragma once
// JSON documents that came from outside, parsed and read without ever throwing.
#include <string>
#include <string_view>
#include <utility>

#include <nlohmann/json.hpp>

namespace core {

// `text` parsed, or a discarded value (is_discarded()) when it is not one JSON document. Every parse
// of the portal goes through here, from one kind of input (a range of chars): each other kind (a
// std::string, a string_view) made nlohmann_json compile its parser and lexer once more into the wasm.
// It drives nlohmann_json's parser with its plain DOM builder, as json::parse does when given no
// callback: json::parse also compiles the builder that calls a callback, which no caller here gives
// (1.2 KB brotli of the wasm).
inline nlohmann::json parse_json(std::string_view text) {
    nlohmann::json result;
    nlohmann::detail::json_sax_dom_parser<nlohmann::json> builder(result, /*allow_exceptions_=*/false);
    auto input = nlohmann::detail::input_adapter(text.data(), text.data() + text.size());
    nlohmann::detail::parser<nlohmann::json, decltype(input)> parser(std::move(input), nullptr, /*allow_exceptions_=*/false);
    // A document followed by anything but white space is refused (strict), as json::parse refuses it.
    if (!parser.sax_parse(&builder, /*strict=*/true) || builder.is_errored()) return nlohmann::json::value_t::discarded;
    return result;
}

// A text member of `object`, or "" when it is missing, of another type, or `object` is not an object:
// a malformed document is refused or said to the person by whoever reads it, never thrown out of it.
inline std::string text_member(const nlohmann::json& object, const char* name) {
    const auto it = object.find(name);
    return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

}  // namespace core
