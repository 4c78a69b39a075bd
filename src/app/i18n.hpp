#pragma once
// The screens' words in the reader's language: the catalog of core/i18n.hpp, for the language the
// frame is drawn in (set once per frame from AppState::lang).
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/i18n.hpp"
#include "core/ticket.hpp"  // the domain enums' wire keys

namespace app {

void use_language(std::string_view lang);
const std::string& language();

const std::string& tr(std::string_view key);
std::string tr(std::string_view key, const std::vector<std::pair<std::string, std::string>>& args);
std::string tr(const core::Text& text);

// "key." + an enum's wire key ("status.open", "kind.incident"): the label of a domain value.
template <class Enum>
const std::string& label_of(std::string_view prefix, Enum value) {
    std::string key(prefix);
    key += core::key(value);
    return tr(key);
}

}  // namespace app
