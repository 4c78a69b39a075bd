#pragma once
// The demo users, accounts and roles `./dev run` and the tests sign in with (issue 4 lists them).
#include "core/result.hpp"
#include "server/database.hpp"

namespace server {

// Inserts what is missing; running it again changes nothing. Passwords are hashed with argon2id.
core::Result<bool> seed_demo_data(Database& database);
extern const char* const demo_accounts_text;  // printed at start

}  // namespace server
