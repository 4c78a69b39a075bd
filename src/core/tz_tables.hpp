#pragma once
// Declarations for the generated transition tables (build/*/generated/tz_tables.cpp, by tools/tzgen).
#include <span>
#include <string_view>

#include "core/time_zone.hpp"

namespace core::tzdata {

struct Zone {
    std::string_view name;
    std::span<const ZoneTransition> transitions;
};

std::span<const Zone> zones();

}  // namespace core::tzdata
