#pragma once
// The demo users, accounts and roles `./dev run` and the tests sign in with (issue 4 lists them).
#include "core/license_manager.hpp"
#include "core/result.hpp"
#include "server/config.hpp"
#include "server/database.hpp"

namespace server {

// Inserts what is missing; running it again changes nothing. Passwords are hashed with argon2id.
// The owner role holds `ticket_resource`: the resource the server asks for to open tickets.
core::Result<bool> seed_demo_data(Database& database,
                                  const core::LicenseResource& ticket_resource = default_ticket_resource);
extern const char* const demo_accounts_text;  // printed at start

}  // namespace server
