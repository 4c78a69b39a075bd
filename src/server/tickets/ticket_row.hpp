#pragma once
// Inside TicketService only: a ticket as its row holds it, and the answers that the service's parts
// (ticket_*.cpp, one concept each) share.
#include <optional>
#include <string>
#include <vector>

#include "core/ticket_api.hpp"
#include "server/statement.hpp"
#include "server/tickets/ticket_service.hpp"

namespace server {

struct TicketService::Row {
    std::int64_t number = 0;
    std::string id, account, requester, title, description, agency;
    core::RequestKind kind = core::RequestKind::question;
    core::Priority priority = core::Priority::normal;
    std::optional<core::UsersAffected> users;
    std::optional<core::Impact> impact;
    std::optional<core::Environment> environment;
    std::optional<core::Experience> experience;
    std::vector<std::string> cc;
    std::string follow_up_of;  // "" when none
    core::TicketStatus stored = core::TicketStatus::open;  // as written; status_at() is what the user sees
    core::UtcSeconds opened_at = 0, due_at = 0, updated_at = 0;
    std::optional<core::UtcSeconds> solved_at, reopen_until;
    core::RegionId region = core::RegionId::brazil;

    core::TicketStatus status_at(core::UtcSeconds now) const {
        return core::effective_status(stored, reopen_until, now);
    }
    // The row of a statement that selected `columns` (from tickets t joined with accounts a).
    static constexpr const char* columns =
        "t.number, t.id, t.account_id, t.requester_id, t.kind, t.title, t.description, t.users, t.impact,"
        " t.environment, t.experience, t.agency, t.cc, t.status, t.priority, t.follow_up_of,"
        " t.opened_at, t.due_at, t.updated_at, t.solved_at, t.reopen_until, a.region";
    static Row read(Statement& s);
};

namespace tickets {

Reply not_found(const std::string& ticket_id);
Reply no_account(const std::string& account);  // 404: not one of the user's accounts
// 503 for a write the store did not take; `what` goes to the operator's log, not to the user.
Reply storage_failed(const std::string& what);
Reply refused(int status, const core::TicketRefusal& refusal);

}  // namespace tickets

}  // namespace server
