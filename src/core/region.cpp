#include "core/region.hpp"

namespace core {

std::string_view region_key(RegionId region) {
    switch (region) {
        case RegionId::brazil: return "brazil";
        case RegionId::latam: return "latam";
        case RegionId::apac: return "apac";
        case RegionId::us: return "us";
        case RegionId::emea: return "emea";
    }
    return "brazil";
}

std::optional<RegionId> parse_region(std::string_view key) {
    for (RegionId region : all_regions)
        if (region_key(region) == key) return region;
    return std::nullopt;
}

std::string_view region_name(RegionId region) {
    switch (region) {
        case RegionId::brazil: return "Brazil";
        case RegionId::latam: return "LATAM";
        case RegionId::apac: return "APAC";
        case RegionId::us: return "US";
        case RegionId::emea: return "EMEA";
    }
    return "Brazil";
}

}  // namespace core
