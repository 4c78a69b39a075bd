#pragma once
// Inside TicketService only: the answers that the service's parts (ticket_*.cpp, one concept each) share;
// their store is ticket_store.hpp.
#include <string>

#include "core/ticket_api.hpp"
#include "server/tickets/ticket_service.hpp"
#include "server/tickets/ticket_store.hpp"

namespace server {

namespace tickets {

Reply not_found(const std::string& ticket_id);
Reply no_account(const std::string& account);  // 404: not one of the user's accounts
// 503 for a write the store did not take; `what` goes to the operator's log, not to the user.
Reply storage_failed(const std::string& what);
Reply refused(Outcome outcome, const core::TicketRefusal& refusal);

}  // namespace tickets

}  // namespace server
