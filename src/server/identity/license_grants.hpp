#pragma once
// The License Manager resources a user holds on a store account through the roles of their memberships
// there: what GET /api/me lists, and what core::can_open_tickets weighs for the ticket service.
#include <string>
#include <vector>

#include "core/license_manager.hpp"
#include "server/database.hpp"

namespace server {

// Each resource once, ordered by product and then name.
std::vector<core::LicenseResource> granted_resources(Connection& c, const std::string& user_id,
                                                     const std::string& account);

}  // namespace server
