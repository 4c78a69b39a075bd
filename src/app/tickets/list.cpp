// My requests: the account's tickets (or every account's, merged), a page at a time, filtered by status
// and searched as typed.
#include <algorithm>

#include "app/session.hpp"
#include "app/tickets.hpp"
#include "app/tickets/common.hpp"
#include "core/url.hpp"

namespace app::tickets {

namespace {

// A page of `account`'s tickets with the list's filter and search, after `cursor` when given.
std::string page_path(const TicketList& list, const std::string& account, const std::optional<std::string>& cursor) {
    std::string path = "/api/accounts/" + core::percent_encode(account) + "/tickets?limit=50";
    if (list.status) path += "&status=" + std::string(core::key(*list.status));
    if (!list.query.empty()) path += "&q=" + core::percent_encode(list.query);
    if (cursor) path += "&cursor=" + core::percent_encode(*cursor);
    return path;
}

// The first page (`more` false: the list starts again) or the next one. For all accounts that is a page
// of each account (each account that has more), all on their way together.
Effects fetch_list(AppState& state, bool more) {
    TicketList& list = state.list;
    std::vector<std::pair<std::string, std::optional<std::string>>> pages;  // account, cursor
    if (list.all_accounts) {
        if (more)
            for (const auto& [account, cursor] : list.cursors) pages.emplace_back(account, cursor);
        else
            for (const Account& account : state.session.accounts) pages.emplace_back(account.id, std::nullopt);
    } else if (const Account* account = chosen_account(state)) {
        pages.emplace_back(account->id, more ? list.next_cursor : std::nullopt);
    }
    if (pages.empty()) return {};
    if (!more) {
        list.tickets.clear();
        list.next_cursor.reset();
    }
    list.cursors.clear();  // each answer says again whether its account has more
    list.error.clear();
    // Only the newest pages count: an older request's answer finds nobody waiting for it.
    std::erase_if(state.in_flight, [](const auto& entry) { return entry.second.purpose == RequestPurpose::list; });
    list.waiting = 0;
    Effects effects;
    for (const auto& [account, cursor] : pages) {
        InFlight call{RequestPurpose::list};
        call.account = account;
        Effects sent = session::request(state, std::move(call),
                                        core::ApiRequest{"GET", page_path(list, account, cursor), "", ""}, token(state));
        effects.insert(effects.end(), sent.begin(), sent.end());
        ++list.waiting;
    }
    return effects;
}

// Every account's pages as one list, in the order of one account's (the highest number first), and how
// many of its rows are surely in place: those at or above the lowest number loaded of each account that
// has more (its tickets not fetched yet are all below that).
void merge(TicketList& list) {
    std::stable_sort(list.tickets.begin(), list.tickets.end(),
                     [](const TicketSummary& a, const TicketSummary& b) { return a.number > b.number; });
    std::int64_t floor = 0;
    for (const auto& entry : list.cursors) {
        std::int64_t lowest = 0;
        for (const TicketSummary& t : list.tickets)
            if (t.account == entry.first && (lowest == 0 || t.number < lowest)) lowest = t.number;
        floor = std::max(floor, lowest);
    }
    list.in_place = static_cast<size_t>(std::count_if(list.tickets.begin(), list.tickets.end(),
                                                      [&](const TicketSummary& t) { return t.number >= floor; }));
}

}  // namespace

Effects open_list(AppState& state) {
    if (state.session.status != SessionStatus::signed_in) return session::open_sign_in(state, core::SignInMethod::email_code);
    state.screen = Screen::my_requests;
    if (state.list.account == state.session.account_id && (state.list.loading() || !state.list.tickets.empty())) return {};
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
    if (state.list.loading() || !has_more(state.list)) return {};
    return fetch_list(state, true);
}

Effects choose_scope(AppState& state, bool all_accounts) {
    if (all_accounts && state.session.accounts.size() < 2) return {};  // one account: nothing to choose
    if (state.list.all_accounts == all_accounts) return {};
    state.list.all_accounts = all_accounts;
    return fetch_list(state, false);
}

namespace list {

namespace {

// A ticket of the list read again: its row takes the new summary, or (a ticket new to the list, that
// the list's filter and search would show) comes in at its place.
Effects row_answered(AppState& state, const InFlight& request, const HttpResponded& e) {
    TicketList& list = state.list;
    auto ticket = e.status == 200 ? core::parse_ticket_details(e.body)
                                  : core::Result<core::TicketDetails>(core::Error{"refused", ""});
    if (!ticket) return {};  // the next reading of the list shows it
    TicketSummary summary = ticket.value().summary;
    if (summary.account.empty()) summary.account = request.account;
    if (!list.all_accounts && summary.account != list.account) return {};  // another account is shown now
    auto row = std::find_if(list.tickets.begin(), list.tickets.end(),
                            [&](const TicketSummary& t) { return t.id == summary.id; });
    if (row != list.tickets.end()) {
        *row = std::move(summary);
    } else {
        if ((list.status && *list.status != summary.status) || !list.query.empty()) return {};
        // Newest first: a new ticket's number is the highest.
        auto place = std::find_if(list.tickets.begin(), list.tickets.end(),
                                  [&](const TicketSummary& t) { return t.number < summary.number; });
        list.tickets.insert(place, std::move(summary));
    }
    if (list.all_accounts) merge(list);
    return {};
}

}  // namespace

Effects changed(AppState& state, const LiveEvent& e) {
    const TicketList& list = state.list;
    if (state.screen != Screen::my_requests || list.loading()) return {};
    if (!list.all_accounts && e.account != list.account) return {};
    InFlight call{RequestPurpose::list_row, e.ticket};
    call.account = e.account;
    return session::request(state, std::move(call), core::ApiRequest{"GET", ticket_path(e.ticket), "", ""}, token(state));
}

Effects responded(AppState& state, const InFlight& request, const HttpResponded& e) {
    if (request.purpose == RequestPurpose::list_row) return row_answered(state, request, e);
    TicketList& list = state.list;
    if (list.waiting > 0) --list.waiting;
    auto page = e.status == 200 ? core::parse_ticket_page(e.body)
                                : core::Result<core::TicketPage>(core::Error{"refused", ""});
    if (!page) {
        list.error = message_of(e, core::Text::of("list.error.load"));
        return {};
    }
    for (TicketSummary& t : page.value().tickets) {
        if (t.account.empty()) t.account = request.account;  // each row names its account
        list.tickets.push_back(std::move(t));
    }
    if (!list.all_accounts) {
        list.next_cursor = page.value().next_cursor;
        return {};
    }
    // Every account's pages in one list (merge(): only the rows surely in place are shown).
    if (page.value().next_cursor) list.cursors[request.account] = *page.value().next_cursor;
    merge(list);
    return {};
}

Effects timer(AppState& state, const TimerFired& e) {
    if (e.version != state.list.query_version || state.screen != Screen::my_requests) return {};
    return fetch_list(state, false);
}

}  // namespace list
}  // namespace app::tickets
