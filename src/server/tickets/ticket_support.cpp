// Support's side of a ticket, for `portal-server admin` (demos, tests): a reply, a new status, a new
// priority. The ticket is named by id or by number, and each change runs in the single writer.
#include "core/sla.hpp"
#include "server/events/ticket_events.hpp"
#include "server/tickets/ticket_row.hpp"

namespace server {

using Done = core::Result<std::string>;  // what was done, for the operator

core::Result<std::string> TicketService::support_change(
    const std::string& ticket, const char* what,
    const std::function<core::Result<std::string>(Connection&, const Row&, core::UtcSeconds)>& work) {
    core::Result<std::string> result = core::Error{"storage", "the change did not start"};
    const bool committed = db.write([&](Connection& c) {
        auto row = load_ref(c, ticket);
        if (!row) {
            result = core::Error{"not_found", "no ticket " + ticket};
            return false;
        }
        const core::UtcSeconds now = clock();
        result = work(c, *row, now);
        std::string failed;
        if (result.ok() && !record_ticket_event(c, row->id, what, now, failed))
            result = core::Error{"storage", "cannot record the change: " + failed};
        return result.ok();
    });
    if (!committed) return core::Error{"storage", "the change did not commit"};
    if (result) tell_watchers();
    return result;
}

core::Result<std::string> TicketService::agent_reply(const std::string& ticket, const std::string& body,
                                                     const std::string& agent) {
    return support_change(ticket, "replied", [&](Connection& c, const Row& row, core::UtcSeconds now) -> Done {
        TicketStore store(c);
        std::string failed;
        const auto comment = store.add_comment(row.id, "", agent, core::CommentRole::agent, body, now, failed);
        if (!comment) return core::Error{"storage", "cannot store the reply: " + failed};
        // Support answered: the ticket now waits for the merchant (unless support already solved it).
        if (failed = store.mark_answered(row.id, now); !failed.empty())
            return core::Error{"storage", "cannot store the reply: " + failed};
        if (failed = notify(c, row.id, {NoticeKind::replied, *comment}, now); !failed.empty())
            return core::Error{"storage", "cannot write the reply's notifications: " + failed};
        return "replied to ticket " + std::to_string(row.number) + " as " +
               (agent.empty() ? "the support team" : agent);
    });
}

core::Result<std::string> TicketService::set_status(const std::string& ticket, const std::string& status_text) {
    auto status = core::parse_key<core::TicketStatus>(status_text);
    if (!status) return core::Error{"invalid", "status must be one of open, awaiting_reply, solved, closed"};
    return support_change(ticket, "status", [&](Connection& c, const Row& row, core::UtcSeconds now) -> Done {
        std::optional<core::UtcSeconds> solved_at, window_end;
        if (*status == core::TicketStatus::solved) {
            solved_at = now;
            window_end = reopen_until(row, now);
        } else if (*status == core::TicketStatus::closed) {
            solved_at = row.solved_at.value_or(now);
            window_end = std::min<core::UtcSeconds>(row.reopen_until.value_or(now), now);
        }
        if (const std::string failed = TicketStore(c).set_status(row.id, *status, solved_at, window_end, now);
            !failed.empty())
            return core::Error{"storage", failed};
        // Solved tells the people on it (with the survey's answers); a ticket already solved is not told twice.
        if (*status == core::TicketStatus::solved && row.status_at(now) != core::TicketStatus::solved)
            if (const std::string failed = notify(c, row.id, {NoticeKind::solved, 0}, now); !failed.empty())
                return core::Error{"storage", "cannot write the notifications: " + failed};
        return "ticket " + std::to_string(row.number) + " is now " + std::string(core::label(*status));
    });
}

core::Result<std::string> TicketService::set_priority(const std::string& ticket, const std::string& priority_text) {
    auto priority = core::parse_key<core::Priority>(priority_text);
    if (!priority) return core::Error{"invalid", "priority must be one of urgent, high, normal, low"};
    return support_change(ticket, "priority", [&](Connection& c, const Row& row, core::UtcSeconds now) -> Done {
        // Support changed the priority: the first-response deadline follows, from the same opening.
        const core::UtcSeconds due = core::first_response_due(regions.get(row.region), *priority, row.opened_at);
        if (const std::string failed = TicketStore(c).set_priority(row.id, *priority, due, now); !failed.empty())
            return core::Error{"storage", failed};
        return "ticket " + std::to_string(row.number) + " is now " + std::string(core::label(*priority)) + ", due " +
               core::format_rfc3339(due);
    });
}

}  // namespace server
