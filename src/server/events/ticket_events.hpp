#pragma once
// What changed on which ticket, for the pages that have it open: one row per change (ticket_events),
// written in the change's transaction, numbered in order; GET /api/events (event_hub.hpp) sends each
// to the streams of the people who may see the ticket, whichever node made the change.
#include <cstdint>
#include <string>
#include <string_view>

#include "core/time.hpp"
#include "server/database.hpp"

namespace server {

// The changes an event names: created, commented (the merchant's reply), replied (support's), status,
// priority, reopened, rated, cc, file.
bool record_ticket_event(Connection& c, std::string_view ticket_id, std::string_view change, core::UtcSeconds now,
                         std::string& error);

}  // namespace server
