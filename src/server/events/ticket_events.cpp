#include "server/events/ticket_events.hpp"

#include "server/statement.hpp"

namespace server {

bool record_ticket_event(Connection& c, std::string_view ticket_id, std::string_view change, core::UtcSeconds now,
                         std::string& error) {
    error = EventStore(c).record(ticket_id, change, now);
    return error.empty();
}

std::string EventStore::record(std::string_view ticket_id, std::string_view change, core::UtcSeconds now) {
    Statement insert(c, "INSERT INTO ticket_events (ticket_id, change, created_at) VALUES (?, ?, ?)");
    return insert.bind(1, ticket_id).bind(2, change).bind(3, now).run_failure();
}

bool EventStore::between(std::int64_t after, std::int64_t up_to, int limit, std::vector<EventRow>& rows) {
    Statement s(c, "SELECT e.id, e.ticket_id, e.change, t.account_id, t.number FROM ticket_events e"
                   " JOIN tickets t ON t.id = e.ticket_id WHERE e.id > ? AND e.id <= ? ORDER BY e.id LIMIT ?");
    s.bind(1, after).bind(2, up_to).bind(3, static_cast<std::int64_t>(limit));
    while (s.step()) rows.push_back({s.integer(0), s.integer(4), s.text(1), s.text(2), s.text(3)});
    return s.error().empty();
}

std::optional<std::pair<std::int64_t, std::int64_t>> EventStore::bounds() {
    Statement s(c, "SELECT coalesce(max(id), 0), coalesce(min(id), 0) FROM ticket_events");
    if (!s.step()) return std::nullopt;
    return std::pair{s.integer(0), s.integer(1)};
}

}  // namespace server
