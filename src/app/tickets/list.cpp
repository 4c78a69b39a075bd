// My requests: the account's tickets, a page at a time, filtered by status and searched as typed.
#include "app/session.hpp"
#include "app/tickets.hpp"
#include "app/tickets/common.hpp"
#include "core/url.hpp"

namespace app::tickets {

namespace {

Effects fetch_list(AppState& state, bool more) {
    const Account* account = chosen_account(state);
    if (!account) return {};
    TicketList& list = state.list;
    std::string path = "/api/accounts/" + core::percent_encode(account->id) + "/tickets?limit=50";
    if (list.status) path += "&status=" + std::string(core::key(*list.status));
    if (!list.query.empty()) path += "&q=" + core::percent_encode(list.query);
    if (more && list.next_cursor) path += "&cursor=" + core::percent_encode(*list.next_cursor);
    if (!more) {
        list.tickets.clear();
        list.next_cursor.reset();
    }
    list.loading = true;
    list.error.clear();
    // Only the newest page counts: an older request's answer finds nobody waiting for it.
    std::erase_if(state.in_flight, [](const auto& entry) { return entry.second.purpose == RequestPurpose::list; });
    return session::request(state, RequestPurpose::list, core::ApiRequest{"GET", path, "", ""}, token(state));
}

}  // namespace

Effects open_list(AppState& state) {
    if (state.session.status != SessionStatus::signed_in) return session::open_sign_in(state, core::SignInMethod::email_code);
    state.screen = Screen::my_requests;
    if (state.list.account == state.session.account_id && (state.list.loading || !state.list.tickets.empty())) return {};
    state.list.account = state.session.account_id;
    return fetch_list(state, false);
}

Effects filter(AppState& state, std::optional<core::TicketStatus> status) {
    state.list.status = status;
    return fetch_list(state, false);
}

Effects search(AppState& state, const std::string& text) {
    state.list.query = text;
    return {StartTimer{debounce_ms, TimerKind::list_search, ++state.list.query_version}};
}

Effects load_more(AppState& state) {
    if (state.list.loading || !state.list.next_cursor) return {};
    return fetch_list(state, true);
}

namespace list {

Effects responded(AppState& state, const InFlight&, const HttpResponded& e) {
    TicketList& list = state.list;
    list.loading = false;
    auto page = e.status == 200 ? core::parse_ticket_page(e.body)
                                : core::Result<core::TicketPage>(core::Error{"refused", ""});
    if (!page) {
        list.error = message_of(e, core::Text::of("list.error.load"));
        return {};
    }
    for (TicketSummary& t : page.value().tickets) list.tickets.push_back(std::move(t));
    list.next_cursor = page.value().next_cursor;
    return {};
}

Effects timer(AppState& state, const TimerFired& e) {
    if (e.version != state.list.query_version || state.screen != Screen::my_requests) return {};
    return fetch_list(state, false);
}

}  // namespace list
}  // namespace app::tickets
