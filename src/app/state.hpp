#pragma once
// The portal's whole state: screens draw it, only app::update changes it.
#include <optional>
#include <string>

#include "core/help_center.hpp"
#include "core/region.hpp"

namespace app {

enum class Screen { help_center };

struct AppState {
    Screen screen = Screen::help_center;
    std::string lang = "en";
    core::HelpCenter help;
    std::string help_error;  // set when the embedded Help Center data could not be read
    std::optional<core::RegionId> region;
    std::string article_filter;
};

// A state with the embedded assets loaded.
AppState initial_state();

}  // namespace app
