// The account's list of tickets: the query read before the store is asked (pure, for the fuzz target),
// then the page of summaries this member may see, newest first, with a cursor to the next.
#include "server/tickets/ticket_row.hpp"

namespace server {

core::Result<TicketListQuery> parse_ticket_list_query(const std::string& status, const std::string& typed_query,
                                                      const std::string& cursor, const std::string& limit_text) {
    auto invalid = [](const char* message) { return core::Error{"invalid_request", message}; };
    TicketListQuery q;
    if (!limit_text.empty()) {
        char* end = nullptr;
        long value = std::strtol(limit_text.c_str(), &end, 10);
        if (*end != '\0' || value < 1 || value > 200) return invalid("limit: must be a number from 1 to 200");
        q.limit = static_cast<int>(value);
    }
    if (!cursor.empty()) {
        char* end = nullptr;
        long long value = std::strtoll(cursor.c_str(), &end, 10);
        if (*end != '\0' || value <= 0) return invalid("cursor: use the next_cursor of the previous page");
        q.before = value;
    }
    if (!status.empty()) {
        q.status = core::parse_key<core::TicketStatus>(status);
        if (!q.status) return invalid("status: must be one of open, awaiting_reply, solved, closed");
    }
    // As typed in a search box: spaces around it do not count, and a number may come as the list shows it
    // ("#1001").
    const size_t first = typed_query.find_first_not_of(" \t");
    q.query = first == std::string::npos
                  ? ""
                  : typed_query.substr(first, typed_query.find_last_not_of(" \t") - first + 1);
    q.number = q.query.size() > 1 && q.query[0] == '#' ? q.query.substr(1) : q.query;
    if (!q.query.empty()) {
        if (q.query.size() > 200) return invalid("q: search for at most 200 characters");
        for (char c : core::search_fold(q.query)) {
            if (c == '%' || c == '_' || c == '\\') q.pattern += '\\';
            q.pattern += c;
        }
        q.pattern = "%" + q.pattern + "%";
    }
    return q;
}


Reply TicketService::list(const std::string& user_id, const std::string& account, const std::string& status,
                          const std::string& typed_query, const std::string& cursor, const std::string& limit_text) {
    auto parsed = parse_ticket_list_query(status, typed_query, cursor, limit_text);
    if (!parsed) return error_reply(Outcome::invalid, "invalid_request", parsed.error().message);
    const TicketListQuery& q = parsed.value();
    auto c = db.reader();
    auto member = membership(*c, user_id, account);
    if (!member) return tickets::no_account(account);
    // The tickets this member may see (load_for's rule): all of the account's, or their own and those
    // that copy them.
    const ListScope scope{member->can_open, user_id, member->email};
    const core::UtcSeconds now = clock();
    std::string failed;
    // One more than the page: whether another page follows.
    const std::vector<Row> rows = TicketStore(*c).page(account, scope, q.before, q.limit + 1, q.status, q.pattern,
                                                       q.query.empty() ? "" : q.number, now, failed);
    if (!failed.empty()) return tickets::storage_failed(failed);
    core::TicketPage page;
    for (const Row& row : rows) {
        if (static_cast<int>(page.tickets.size()) == q.limit) {
            page.next_cursor = std::to_string(page.tickets.back().number);
            break;
        }
        page.tickets.push_back(summary(row, now));
    }
    return Reply{Outcome::ok, core::to_json(page), std::nullopt};
}

}  // namespace server
