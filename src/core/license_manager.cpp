#include "core/license_manager.hpp"

#include <algorithm>

namespace core {

bool ticket_resource_required(RegionId region) { return region == RegionId::brazil; }

bool can_open_tickets(RegionId region, const std::vector<LicenseResource>& granted, const LicenseResource& needed) {
    return !ticket_resource_required(region) || std::find(granted.begin(), granted.end(), needed) != granted.end();
}

}  // namespace core
