#pragma once
// License Manager: the resources a user holds on a store account through the roles there, and the one
// rule that says whether those let the user open support tickets on it. Which resource that is (its
// product and name) is the server's configuration, so the rule takes it as a parameter.
#include <string>
#include <vector>

#include "core/region.hpp"

namespace core {

struct LicenseResource {
    std::string product;   // "VTEX - Support"
    std::string resource;  // "Open Support Ticket"
    bool operator==(const LicenseResource&) const = default;
};

// Whether opening tickets on an account of `region` asks for a License Manager resource at all: on
// Brazil accounts only.
bool ticket_resource_required(RegionId region);
// Whether a user holding `granted` on an account of `region` may open tickets there: `needed` must be
// among them where it is required.
bool can_open_tickets(RegionId region, const std::vector<LicenseResource>& granted, const LicenseResource& needed);

}  // namespace core
