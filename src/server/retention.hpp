#pragma once
// What expires is purged: sign-in transactions, authorization codes and refresh tokens past their
// expiry, rate-limit events, dev outbox messages and ticket idempotency keys older than a day, emails
// about tickets sent (or given up) more than 30 days ago, and
// files uploaded for drafts and never attached to a ticket after a day (their bytes too, once no row
// names them). A sweep runs on its own thread every few minutes; tests call sweep() with their clock.
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <mutex>
#include <thread>

#include "core/time.hpp"
#include "server/database.hpp"

namespace server {

inline constexpr std::int64_t retention_grace_seconds = 3600;   // past an expiry, kept this long more
inline constexpr std::int64_t retention_day_seconds = 24 * 3600;
inline constexpr std::int64_t retention_notification_seconds = 30 * 24 * 3600;  // sent notifications

struct SweepCounts {
    std::int64_t transactions = 0, authorization_codes = 0, refresh_tokens = 0, rate_events = 0, outbox = 0,
                 idempotency_keys = 0, draft_files = 0, files_removed = 0, notifications = 0,
                 events = 0;
};

// One sweep at `now`; false when the database did not commit it (nothing is lost: the next one retries).
bool sweep(Database& db, const std::filesystem::path& attachments_dir, core::UtcSeconds now, SweepCounts* counts = nullptr);

class Sweeper {
public:
    Sweeper(Database& db, std::filesystem::path attachments_dir, std::function<core::UtcSeconds()> clock,
            std::chrono::seconds every);
    ~Sweeper();

private:
    std::mutex mutex;
    std::condition_variable wake;
    bool stopping = false;
    std::thread thread;
};

}  // namespace server
