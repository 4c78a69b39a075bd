#pragma once
// Everything that can happen to the portal (input, responses, timers) is an Event; everything the
// portal asks the outside world to do is an Effect, which the runner executes.
#include <string>
#include <variant>
#include <vector>

#include "core/region.hpp"

namespace app {

struct RegionChosen { core::RegionId region; };
struct ArticleFilterChanged { std::string text; };
struct ArticleOpened { std::string url; };

using Event = std::variant<RegionChosen, ArticleFilterChanged, ArticleOpened>;

struct OpenUrl { std::string url; };  // in a new tab, without opener

using Effect = std::variant<OpenUrl>;
using Effects = std::vector<Effect>;

}  // namespace app
