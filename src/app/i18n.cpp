#include "app/i18n.hpp"

namespace app {

namespace {
std::string current = "en";
}

void use_language(std::string_view lang) {
    if (current != lang) current = std::string(lang);
}

const std::string& language() { return current; }

const std::string& tr(std::string_view key) { return core::translate(current, key); }

std::string tr(std::string_view key, const std::vector<std::pair<std::string, std::string>>& args) {
    return core::translate(current, key, args);
}

std::string tr(const core::Text& text) { return core::render(current, text); }

}  // namespace app
