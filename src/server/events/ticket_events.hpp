#pragma once
// What changed on which ticket, for the pages that have it open: one row per change (ticket_events),
// written in the change's transaction, numbered in order; GET /api/events (event_hub.hpp) sends each
// to the streams of the people who may see the ticket, whichever node made the change. EventStore is
// the events' side of the store seam: their SQL, on one connection the Database lent.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/time.hpp"
#include "server/database.hpp"

namespace server {

// The changes an event names: created, commented (the merchant's reply), replied (support's), status,
// priority, reopened, rated, cc, file.
bool record_ticket_event(Connection& c, std::string_view ticket_id, std::string_view change, core::UtcSeconds now,
                         std::string& error);

struct EventRow {
    std::int64_t id = 0, number = 0;  // the event's, the ticket's
    std::string ticket, change, account;
};

class EventStore {
public:
    explicit EventStore(Connection& connection) : c(connection) {}
    // "" or the store's error.
    std::string record(std::string_view ticket_id, std::string_view change, core::UtcSeconds now);
    // The events numbered in (after, up_to], oldest first, at most `limit`; false when the store failed.
    bool between(std::int64_t after, std::int64_t up_to, int limit, std::vector<EventRow>& rows);
    // The newest and the oldest event's numbers (0, 0 when there is none); nullopt when the store failed.
    std::optional<std::pair<std::int64_t, std::int64_t>> bounds();

private:
    Connection& c;
};

}  // namespace server
