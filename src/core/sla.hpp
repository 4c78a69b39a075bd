#pragma once
// First-response arithmetic over a region's business calendar. Business time counts only the team's
// open hours (the closing instant excluded), skipping weekends and holidays in the team's own zone;
// priorities the region serves 24/7 count wall-clock time.
#include <optional>

#include "core/priority.hpp"
#include "core/support_region.hpp"
#include "core/time.hpp"

namespace core {

struct TeamStatus {
    bool open = false;
    std::optional<UtcSeconds> closes_at;  // while open: when this opening ends
    std::optional<UtcSeconds> next_open;  // while closed: when the team opens next
};

TeamStatus team_status(const SupportRegion& region, UtcSeconds now);

// The instant `seconds` of business time have passed since `start`.
UtcSeconds add_business_time(const SupportRegion& region, UtcSeconds start, std::int64_t seconds);

UtcSeconds first_response_due(const SupportRegion& region, Priority priority, UtcSeconds opened_at);
// Only where the region states a next-response target for the priority.
std::optional<UtcSeconds> next_response_due(const SupportRegion& region, Priority priority, UtcSeconds replied_at);

struct SlaPreview {
    RegionId region;
    Priority priority;
    UtcSeconds opened_at;
    UtcSeconds due_at;
    TeamStatus team;  // at opened_at
};

SlaPreview preview_sla(const SupportRegion& region, Priority priority, UtcSeconds opened_at);

}  // namespace core
