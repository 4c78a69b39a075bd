#include "server/retention.hpp"

#include <cstdio>
#include <set>

#include "server/statement.hpp"

namespace server {

namespace {

std::int64_t run_delete(Connection& c, const char* sql, core::UtcSeconds before, bool& ok) {
    Statement s(c, sql);
    if (!s.bind(1, before).run()) {
        ok = false;
        return 0;
    }
    return s.changes();
}

}  // namespace

bool sweep(Database& db, const std::filesystem::path& attachments_dir, core::UtcSeconds now, SweepCounts* counts) {
    SweepCounts done;
    std::set<std::string> digests;  // of the draft files removed: their bytes go once no row names them
    const bool committed = db.write([&](Connection& c) {
        bool ok = true;
        const core::UtcSeconds expired = now - retention_grace_seconds, day_old = now - retention_day_seconds;
        done.transactions = run_delete(c, "DELETE FROM auth_transactions WHERE expires_at < ?", expired, ok);
        done.authorization_codes = run_delete(c, "DELETE FROM authorization_codes WHERE expires_at < ?", expired, ok);
        // A family goes whole once its newest token has expired (its revocation no longer matters then).
        done.refresh_tokens = run_delete(c, "DELETE FROM refresh_tokens WHERE family_id IN (SELECT family_id FROM"
                                            " refresh_tokens GROUP BY family_id HAVING max(expires_at) < ?)", expired, ok);
        // The longest limit window is an hour; a day of events is plenty.
        done.rate_events = run_delete(c, "DELETE FROM rate_events WHERE at < ?", day_old, ok);
        done.outbox = run_delete(c, "DELETE FROM outbox WHERE created_at < ?", day_old, ok);
        done.idempotency_keys = run_delete(c, "DELETE FROM ticket_idempotency WHERE created_at < ?", day_old, ok);
        // An open page resumes from the events of the last day at most (older: it reads everything again).
        done.events = run_delete(c, "DELETE FROM ticket_events WHERE created_at < ?", day_old, ok);
        // A notification sent (or given up) is kept a month, for the operators' questions; one waiting stays.
        done.notifications = run_delete(c, "DELETE FROM notifications WHERE created_at < ? AND (sent_at IS NOT NULL"
                                           " OR gave_up_at IS NOT NULL)", now - retention_notification_seconds, ok);
        Statement drafts(c, "SELECT DISTINCT sha256 FROM attachments WHERE ticket_id IS NULL AND created_at < ?");
        drafts.bind(1, day_old);
        while (drafts.step()) digests.insert(drafts.text(0));
        done.draft_files = run_delete(c, "DELETE FROM attachments WHERE ticket_id IS NULL AND created_at < ?", day_old, ok);
        return ok;
    });
    if (!committed) return false;
    if (!digests.empty() && db.engine() == Engine::postgresql) {
        // The bytes are rows there (attachment_files): those no attachment names go in one statement,
        // which an upload of the same bytes, also a serializable transaction, sees or is retried after.
        db.write([&](Connection& c) {
            done.files_removed = 0;  // afresh on a retried run
            for (const std::string& digest : digests) {
                Statement gone(c, "DELETE FROM attachment_files f WHERE f.sha256 = ? AND NOT EXISTS"
                                  " (SELECT 1 FROM attachments a WHERE a.sha256 = f.sha256)");
                if (!gone.bind(1, digest).run()) return false;
                done.files_removed += gone.changes();
            }
            return true;
        });
    } else if (!digests.empty()) {
        // In the writer too, so that an upload that names the same bytes (it checks that its file is
        // there inside its own write) is either before this or sees the file gone and writes it again.
        db.write([&](Connection& c) {
            for (const std::string& digest : digests) {
                Statement named(c, "SELECT 1 FROM attachments WHERE sha256 = ? LIMIT 1");
                if (named.bind(1, digest).step()) continue;
                std::error_code ec;
                if (std::filesystem::remove(attachments_dir / digest.substr(0, 2) / digest, ec)) ++done.files_removed;
            }
            return true;
        });
    }
    if (counts) *counts = done;
    return true;
}

Sweeper::Sweeper(Database& db, std::filesystem::path attachments_dir, std::function<core::UtcSeconds()> clock,
                 std::chrono::seconds every) {
    thread = std::thread([this, &db, dir = std::move(attachments_dir), clock = std::move(clock), every] {
        std::unique_lock<std::mutex> guard(mutex);
        while (!stopping) {
            guard.unlock();
            if (!sweep(db, dir, clock())) std::fprintf(stderr, "portal-server: the retention sweep did not commit; it runs again later\n");
            guard.lock();
            wake.wait_for(guard, every, [this] { return stopping; });
        }
    });
}

Sweeper::~Sweeper() {
    {
        std::lock_guard<std::mutex> guard(mutex);
        stopping = true;
    }
    wake.notify_one();
    if (thread.joinable()) thread.join();
}

}  // namespace server
