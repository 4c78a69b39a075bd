#pragma once
// The five support regions. A store account operates in exactly one.
#include <array>
#include <optional>
#include <string_view>

namespace core {

enum class RegionId { brazil, latam, apac, us, emea };

inline constexpr std::array<RegionId, 5> all_regions = {RegionId::brazil, RegionId::latam, RegionId::apac,
                                                        RegionId::us, RegionId::emea};

// The wire id ("brazil", "latam", "apac", "us", "emea").
std::string_view region_key(RegionId region);
std::optional<RegionId> parse_region(std::string_view key);
// The English display name ("Brazil", "LATAM", ...); translations come with the i18n work.
std::string_view region_name(RegionId region);

}  // namespace core
