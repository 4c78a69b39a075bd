#pragma once
// The wire keys of the domain's small fixed enums (priority, request kind, ticket status, ...): each enum
// has its table beside it, an EnumKeys specialisation, and key, parse_key, key_list and label serve them
// all. Their words for people are in assets/i18n, under the table's catalog prefix.
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "core/i18n.hpp"

namespace core {

// Specialised beside each enum:
//   static constexpr std::string_view catalog = "priority";  // "priority.urgent", ...; only for label
//   static constexpr std::pair<Priority, std::string_view> keys[] = {{Priority::urgent, "urgent"}, ...};
template <class Enum>
struct EnumKeys {};

template <class Enum>
concept KeyedEnum = requires { EnumKeys<Enum>::keys; };

// The wire key ("urgent", "incident", "awaiting_reply", ...).
template <KeyedEnum Enum>
constexpr std::string_view key(Enum value) {
    for (const auto& [e, k] : EnumKeys<Enum>::keys)
        if (e == value) return k;
    return EnumKeys<Enum>::keys[0].second;
}

// The value a wire key names, or nullopt for any other text (keys are case-sensitive).
template <KeyedEnum Enum>
constexpr std::optional<Enum> parse_key(std::string_view text) {
    for (const auto& [e, k] : EnumKeys<Enum>::keys)
        if (k == text) return e;
    return std::nullopt;
}

// Every key, as a message lists them: "urgent, high, normal, low".
template <KeyedEnum Enum>
std::string key_list() {
    std::string list;
    for (const auto& entry : EnumKeys<Enum>::keys) list += (list.empty() ? "" : ", ") + std::string(entry.second);
    return list;
}

// The English words ("Urgent", "Awaiting your reply", ...) of assets/i18n/en.json, for the server's
// messages; screens use the reader's language.
template <KeyedEnum Enum>
    requires requires { EnumKeys<Enum>::catalog; }
std::string_view label(Enum value) {
    return translate("en", std::string(EnumKeys<Enum>::catalog) + "." + std::string(key(value)));
}

}  // namespace core
