#pragma once
// The portal's whole state: screens draw it, only app::update changes it.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "core/help_center.hpp"
#include "core/priority.hpp"
#include "core/region.hpp"
#include "core/support_region.hpp"
#include "core/time.hpp"

namespace app {

enum class Screen { help_center };

// The user's own clock, as the browser knows it (tests inject one).
struct UserClock {
    std::string zone_name = "UTC";
    std::function<std::int32_t(core::UtcSeconds)> offset_at = [](core::UtcSeconds) { return 0; };
};

struct AppState {
    Screen screen = Screen::help_center;
    std::string lang = "en";
    core::HelpCenter help;
    std::string help_error;  // set when the embedded Help Center data could not be read
    core::SupportRegions regions;
    std::string regions_error;  // set when the embedded region calendars could not be read
    std::optional<core::RegionId> region;
    std::string article_filter;
    core::Answers answers;  // the answers that decide a ticket's priority
    core::UtcSeconds now = 0;  // from the runner's clock ticks (minute resolution)
    UserClock user_clock;
};

// A state with the embedded assets loaded.
AppState initial_state();

}  // namespace app
