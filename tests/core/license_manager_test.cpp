// Who may open tickets: the License Manager resource is needed on Brazil accounts only, and it is the one
// the server is configured with, whatever its names.
#include <doctest/doctest.h>

#include "core/license_manager.hpp"

using namespace core;

TEST_CASE("Brazil accounts need the ticket resource; the other regions do not") {
    const LicenseResource needed{"VTEX - Support", "Open Support Ticket"};
    const std::vector<LicenseResource> none;
    const std::vector<LicenseResource> granted{{"Catalog", "View products"}, needed};
    CHECK(ticket_resource_required(RegionId::brazil));
    CHECK(can_open_tickets(RegionId::brazil, granted, needed));
    CHECK_FALSE(can_open_tickets(RegionId::brazil, none, needed));
    for (RegionId region : {RegionId::latam, RegionId::apac, RegionId::us, RegionId::emea}) {
        CHECK_FALSE(ticket_resource_required(region));
        CHECK(can_open_tickets(region, none, needed));
        CHECK(can_open_tickets(region, granted, needed));
    }
}

TEST_CASE("the resource counts only with its product and its exact name") {
    const LicenseResource needed{"Help Desk", "Create Case"};
    CHECK(can_open_tickets(RegionId::brazil, {{"Help Desk", "Create Case"}}, needed));
    // The default names no longer count once others are configured.
    CHECK_FALSE(can_open_tickets(RegionId::brazil, {{"VTEX - Support", "Open Support Ticket"}}, needed));
    CHECK_FALSE(can_open_tickets(RegionId::brazil, {{"Other product", "Create Case"}}, needed));
    CHECK_FALSE(can_open_tickets(RegionId::brazil, {{"Help Desk", "create case"}}, needed));
    CHECK_FALSE(can_open_tickets(RegionId::brazil, {{"Help Desk", "Create Case "}}, needed));
}
