#pragma once
// `portal-server admin ...`: support's side of a ticket, for demos and tests (reply as an agent, set
// the status, set the priority). Works on the same data folder as a running server (SQLite in WAL).
#include <string>
#include <vector>

namespace server {

extern const char* const admin_usage_text;
// Runs one admin command; the exit code (0 done, 1 failed, 2 wrong usage).
int run_admin(const std::vector<std::string>& args);

}  // namespace server
