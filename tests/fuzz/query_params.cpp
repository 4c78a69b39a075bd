// The query of GET /api/accounts/{account}/tickets: the bytes after '?' as the HTTP library splits and
// decodes them (httplib::detail::parse_query_text, what the server's requests go through), then
// server::parse_ticket_list_query, which reads status, q, cursor and limit before the store is asked.
// Checks: what is accepted is within bounds (limit 1-200, a positive cursor, a known status, a search
// of at most 200 bytes without the spaces around it); the LIKE pattern is the folded search with every
// wildcard escaped, so a search never matches more than its text; a UTF-8 search gives a UTF-8
// pattern; no exception.
#include <httplib.h>

#include "core/ticket.hpp"
#include "fuzz.hpp"
#include "server/tickets/ticket_service.hpp"

namespace {

std::string first(const httplib::Params& params, const char* name) {
    auto it = params.find(name);
    return it == params.end() ? std::string() : it->second;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, size_t size) {
    fuzz::guard([&] {
        httplib::Params params;
        httplib::detail::parse_query_text(std::string(fuzz::bytes(data, size)), params);
        const std::string status = first(params, "status"), q = first(params, "q"), cursor = first(params, "cursor"),
                          limit = first(params, "limit");
        auto parsed = server::parse_ticket_list_query(status, q, cursor, limit);
        if (!parsed) {
            FUZZ_CHECK(parsed.error().code == "invalid_request" && !parsed.error().message.empty());
            return;
        }
        const server::TicketListQuery& read = parsed.value();
        FUZZ_CHECK(read.limit >= 1 && read.limit <= 200);
        FUZZ_CHECK(read.before >= 1);
        FUZZ_CHECK(read.status.has_value() == !status.empty());
        if (read.status) FUZZ_CHECK(core::key(*read.status) == status);
        if (read.query.empty()) {
            FUZZ_CHECK(read.pattern.empty() && q.find_first_not_of(" \t") == std::string::npos);
            return;
        }
        FUZZ_CHECK(read.query.size() <= 200 && q.find(read.query) != std::string::npos);
        for (char end : {read.query.front(), read.query.back()}) FUZZ_CHECK(end != ' ' && end != '\t');
        FUZZ_CHECK(read.number == (read.query.size() > 1 && read.query[0] == '#' ? read.query.substr(1) : read.query));
        // "%" + the folded search, each of % _ \ escaped by a backslash + "%".
        FUZZ_CHECK(read.pattern.size() >= 2 && read.pattern.front() == '%' && read.pattern.back() == '%');
        std::string unescaped;
        for (size_t i = 1; i + 1 < read.pattern.size(); ++i) {
            char c = read.pattern[i];
            FUZZ_CHECK(c != '%' && c != '_');
            if (c == '\\') {
                FUZZ_CHECK(i + 2 < read.pattern.size());
                c = read.pattern[++i];
                FUZZ_CHECK(c == '%' || c == '_' || c == '\\');
            }
            unescaped += c;
        }
        FUZZ_CHECK(unescaped == core::search_fold(read.query));
        if (fuzz::is_utf8(q)) FUZZ_CHECK(fuzz::is_utf8(read.pattern));
    });
    return 0;
}
