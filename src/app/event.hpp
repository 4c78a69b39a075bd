#pragma once
// Everything that can happen to the portal (input, responses, timers) is an Event; everything the
// portal asks the outside world to do is an Effect, which the runner executes.
#include <string>
#include <variant>
#include <vector>

#include "core/priority.hpp"
#include "core/region.hpp"
#include "core/time.hpp"

namespace app {

struct RegionChosen { core::RegionId region; };
struct ArticleFilterChanged { std::string text; };
struct ArticleOpened { std::string url; };
struct RequestKindChosen { core::RequestKind kind; };
struct UsersAffectedChosen { core::UsersAffected users; };
struct ImpactChosen { core::Impact impact; };
struct ClockTicked { core::UtcSeconds now; };

using Event = std::variant<RegionChosen, ArticleFilterChanged, ArticleOpened, RequestKindChosen, UsersAffectedChosen,
                           ImpactChosen, ClockTicked>;

struct OpenUrl { std::string url; };  // in a new tab, without opener

using Effect = std::variant<OpenUrl>;
using Effects = std::vector<Effect>;

}  // namespace app
