#pragma once
// A table of an enum's wire keys, for the small fixed enums of the domain (priority, request kind,
// ticket status, ...): key and parse in one place. Their words for people are in assets/i18n.
#include <array>
#include <optional>
#include <string_view>
#include <utility>

namespace core {

template <class Enum, size_t N>
struct EnumNames {
    std::array<std::pair<Enum, std::string_view>, N> keys;
    constexpr std::string_view key_of(Enum value) const {
        for (auto& [e, k] : keys)
            if (e == value) return k;
        return keys[0].second;
    }
    constexpr std::optional<Enum> parse(std::string_view text) const {
        for (auto& [e, k] : keys)
            if (k == text) return e;
        return std::nullopt;
    }
};

}  // namespace core
