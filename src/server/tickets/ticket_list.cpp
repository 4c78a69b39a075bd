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
    if (!parsed) return error_reply(400, "invalid_request", parsed.error().message);
    const TicketListQuery& q = parsed.value();
    const int limit = q.limit;
    std::string where = "t.account_id = ?1 AND t.number < ?2";
    if (q.status) {
        switch (*q.status) {
            case core::TicketStatus::open: where += " AND t.status = 'open'"; break;
            case core::TicketStatus::awaiting_reply: where += " AND t.status = 'awaiting_reply'"; break;
            case core::TicketStatus::solved: where += " AND t.status = 'solved' AND t.reopen_until > ?3"; break;
            case core::TicketStatus::closed:
                where += " AND (t.status = 'closed' OR (t.status = 'solved' AND t.reopen_until <= ?3))";
                break;
        }
    }
    // title_folded: the title as core::search_fold leaves it, the same folding as the portal's own searches.
    if (!q.query.empty())
        where += " AND (t.title_folded LIKE ?4 ESCAPE '\\' OR CAST(t.number AS TEXT) = ?5)";
    auto c = db.reader();
    auto member = membership(*c, user_id, account);
    if (!member) return tickets::no_account(account);
    // The tickets this member may see (load_for's rule): all of the account's, or their own and those
    // that copy them.
    // (The cc column holds a JSON array of addresses; each engine has its own reader of one.)
    where += c->engine() == Engine::sqlite
                 ? " AND (?7 OR t.requester_id = ?8 OR EXISTS (SELECT 1 FROM json_each(t.cc) WHERE"
                   " lower(trim(json_each.value)) = ?9))"
                 : " AND (?7 OR t.requester_id = ?8 OR EXISTS (SELECT 1 FROM jsonb_array_elements_text(t.cc::jsonb)"
                   " AS cc(address) WHERE lower(trim(cc.address)) = ?9))";
    const core::UtcSeconds now = clock();
    Statement s(*c, (std::string("SELECT ") + Row::columns + " FROM tickets t JOIN accounts a ON a.id = t.account_id"
                     " WHERE " + where + " ORDER BY t.number DESC LIMIT ?6").c_str());
    s.bind(1, account).bind(2, q.before).bind(3, now).bind(6, static_cast<std::int64_t>(limit + 1));
    s.bind(7, std::int64_t{member->can_open ? 1 : 0}).bind(8, user_id).bind(9, member->email);
    if (!q.query.empty()) s.bind(4, q.pattern).bind(5, q.number);
    core::TicketPage page;
    while (s.step()) {
        if (static_cast<int>(page.tickets.size()) == limit) {
            page.next_cursor = std::to_string(page.tickets.back().number);
            break;
        }
        page.tickets.push_back(summary(Row::read(s), now));
    }
    if (!s.error().empty()) return tickets::storage_failed(s.error());
    return Reply{200, core::to_json(page), std::nullopt};
}

}  // namespace server
