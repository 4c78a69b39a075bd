#pragma once
// The notifications' side of the store seam: every SQL statement of the emails about tickets (who is on
// a ticket and reads which language, the queue of notifications and its leases, the stops) behind
// methods in the outbox's and the worker's words; they keep the rules (who is told, when to try again,
// when to give up). A NotificationStore works on one connection the Database lent.
//
// Reads give nothing (nullopt, empty) when the row is not there, with `error` set when the store failed;
// changes give "" or the store's error.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/support_region.hpp"
#include "core/time.hpp"
#include "server/database.hpp"
#include "server/notifications/outbox.hpp"

namespace server {

// The people on a ticket, as its row and its requester's say.
struct TicketAudience {
    core::RegionId region = core::RegionId::brazil;
    std::string requester_email, requester_language;  // language "" : never said
    std::vector<std::string> cc;                      // as typed on the ticket
};

// What an email about a ticket tells of it.
struct NoticeTicket {
    std::int64_t number = 0, due_at = 0, follow_up_number = 0;  // 0: not a follow-up
    std::string title, priority;
    std::optional<core::UtcSeconds> reopen_until;
    core::RegionId region = core::RegionId::brazil;
    std::string requester_email;
    std::vector<std::string> cc;
};

class NotificationStore {
public:
    explicit NotificationStore(Connection& connection) : c(connection) {}

    std::optional<TicketAudience> audience(const std::string& ticket_id, std::string& error);
    std::optional<NoticeTicket> ticket(const std::string& ticket_id, std::string& error);
    struct ReplyText {
        std::string author, body;
    };
    std::optional<ReplyText> reply(std::int64_t comment_id, const std::string& ticket_id, std::string& error);
    // The language (en, es, pt as stored) and the time zone a user with this email last used ("" : none).
    std::string language_of(const std::string& folded_email);
    std::string time_zone_of(const std::string& folded_email);

    // Stops: an address that asked for no more emails about a ticket.
    bool stopped(const std::string& ticket_id, const std::string& folded_email);
    std::string stop(const std::string& ticket_id, const std::string& folded_email, core::UtcSeconds at);

    // The queue.
    std::string enqueue(const std::string& ticket_id, const std::string& recipient, const std::string& kind,
                        const std::string& language, std::int64_t comment_id, core::UtcSeconds now);
    // Notifications due at `now` and not leased, oldest first, at most `limit`.
    std::vector<std::int64_t> due(core::UtcSeconds now, int limit, std::string& error);
    // Leases one until `until` while it is still unleased and unsent: false (with `error` "") when
    // another worker took it first.
    bool lease(std::int64_t id, core::UtcSeconds until, core::UtcSeconds now, std::string& error);
    std::optional<OutboxNotice> notice(std::int64_t id);
    std::string mark_sent(std::int64_t id, core::UtcSeconds at);
    std::string give_up(std::int64_t id, const std::string& why, core::UtcSeconds at);
    // Not sent this time: tried again from `next_attempt_at`, or given up at `gave_up_at`.
    std::string not_sent(std::int64_t id, std::int64_t attempts, core::UtcSeconds next_attempt_at,
                         const std::string& why, std::optional<core::UtcSeconds> gave_up_at);

private:
    Connection& c;
};

}  // namespace server
