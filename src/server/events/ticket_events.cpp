#include "server/events/ticket_events.hpp"

#include "server/statement.hpp"

namespace server {

bool record_ticket_event(Connection& c, std::string_view ticket_id, std::string_view change, core::UtcSeconds now,
                         std::string& error) {
    Statement insert(c, "INSERT INTO ticket_events (ticket_id, change, created_at) VALUES (?, ?, ?)");
    if (insert.bind(1, ticket_id).bind(2, change).bind(3, now).run()) return true;
    error = insert.error();
    return false;
}

}  // namespace server
