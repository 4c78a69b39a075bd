#pragma once
// Moving up: `portal-server migrate --from sqlite:PATH --to postgresql://…` copies every row of a SQLite
// database and every attachment's bytes into an empty PostgreSQL database (issue 20). Both are brought
// to this server's schema first; the copy is one transaction on PostgreSQL (all of it or nothing), its
// identity counters are moved past the copied numbers (the next ticket follows the last), and every
// table's rows are counted on both sides before it is called done. The SQLite side is only read.
#include <cstdint>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "core/result.hpp"
#include "server/database.hpp"

namespace server {

struct MoveReport {
    std::vector<std::pair<std::string, std::int64_t>> rows;  // each table copied and its rows, in order
    std::int64_t files = 0;                                  // attachment files moved into the database
};

// Copies `from` (SQLite) into `to` (PostgreSQL, holding no user or ticket yet); the attachments'
// bytes come from `files_dir` (the SQLite store's DIR/attachments, by SHA-256).
core::Result<MoveReport> move_database(Database& from, Database& to, const std::filesystem::path& files_dir);

extern const char* const migrate_usage_text;
// `portal-server migrate ...`: the exit code (0 done, 1 failed, 2 wrong usage).
int run_migrate(const std::vector<std::string>& args);

}  // namespace server
