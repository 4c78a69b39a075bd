#include "app/routes.hpp"

#include "app/session.hpp"
#include "app/tickets.hpp"

namespace app::routes {

namespace {

struct Route {
    enum class Kind { help, sign_in, tickets, new_ticket, ticket } kind = Kind::help;
    std::string ticket_id;
    std::optional<bool> rating;  // #/tickets/<id>/rate/good or /bad: the survey's answer an email's link chose
};

bool valid_ticket_id(std::string_view id) {
    if (id.empty() || id.size() > 64) return false;
    for (char c : id)
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-'))
            return false;
    return true;
}

Route parse(std::string_view hash) {
    if (!hash.empty() && hash.front() == '#') hash.remove_prefix(1);
    if (!hash.empty() && hash.front() == '/') hash.remove_prefix(1);
    while (!hash.empty() && hash.back() == '/') hash.remove_suffix(1);
    if (hash == "sign-in") return {Route::Kind::sign_in, ""};
    if (hash == "tickets") return {Route::Kind::tickets, ""};
    if (hash == "tickets/new") return {Route::Kind::new_ticket, ""};
    constexpr std::string_view prefix = "tickets/";
    if (hash.substr(0, prefix.size()) != prefix) return {};
    std::string_view rest = hash.substr(prefix.size());
    std::optional<bool> rating;
    for (const auto& [suffix, good] : {std::pair<std::string_view, bool>{"/rate/good", true}, {"/rate/bad", false}})
        if (rest.size() > suffix.size() && rest.substr(rest.size() - suffix.size()) == suffix) {
            rest.remove_suffix(suffix.size());
            rating = good;
        }
    if (valid_ticket_id(rest)) return {Route::Kind::ticket, std::string(rest), rating};
    return {};
}

}  // namespace

std::string route_of(const AppState& state) {
    switch (state.screen) {
        case Screen::help_center: return "#/help";
        case Screen::sign_in: return "#/sign-in";
        case Screen::new_ticket: return "#/tickets/new";
        case Screen::my_requests: return "#/tickets";
        case Screen::ticket: return "#/tickets/" + state.thread.id;
    }
    return "#/help";
}

namespace {
std::string screen_name(const AppState& state) {
    auto words = [&](std::string_view key) { return core::translate(state.lang, key); };
    switch (state.screen) {
        case Screen::help_center: return words("nav.help_center");
        case Screen::sign_in: return words("session.sign_in");
        case Screen::new_ticket: return words(state.confirmation ? "title.ticket_sent" : "nav.new_ticket");
        case Screen::my_requests: return words("nav.my_requests");
        case Screen::ticket:
            return state.thread.summary.number
                       ? core::translate(state.lang, "title.ticket_number", {{"number", std::to_string(state.thread.summary.number)}})
                       : words("title.ticket");
    }
    return words("nav.help_center");
}
}  // namespace

std::string title_of(const AppState& state) {
    return core::translate(state.lang, "title.page", {{"screen", screen_name(state)}});
}

Effects follow(AppState& state, std::string_view hash) {
    const Route route = parse(hash);
    switch (route.kind) {
        case Route::Kind::help:
            state.pending_route.reset();
            state.screen = Screen::help_center;
            return {};
        case Route::Kind::sign_in:
            state.pending_route.reset();
            if (state.session.status == SessionStatus::signed_in) {
                state.screen = Screen::help_center;
                return {};
            }
            if (state.screen == Screen::sign_in) return {};
            return session::open_sign_in(state, core::SignInMethod::email_code);
        default: break;
    }
    if (state.session.status != SessionStatus::signed_in) {
        state.pending_route = std::string(hash);
        if (state.session.status == SessionStatus::checking) return {};  // decided when the check ends
        return session::open_sign_in(state, core::SignInMethod::email_code);
    }
    state.pending_route.reset();
    switch (route.kind) {
        case Route::Kind::tickets: return state.screen == Screen::my_requests ? Effects{} : tickets::open_list(state);
        case Route::Kind::new_ticket: return tickets::open_new(state);
        case Route::Kind::ticket: {
            // An email's survey link chooses the answer; the merchant still sends it (a bad one asks why).
            if (state.screen == Screen::ticket && state.thread.id == route.ticket_id)
                return route.rating ? tickets::rating(state, *route.rating) : Effects{};
            Effects effects = tickets::open_ticket(state, route.ticket_id);
            if (route.rating)
                for (Effect& e : tickets::rating(state, *route.rating)) effects.push_back(std::move(e));
            return effects;
        }
        default: return {};
    }
}

Effects take_pending(AppState& state) {
    if (!state.pending_route) return {};
    const std::string hash = *state.pending_route;
    state.pending_route.reset();
    if (state.session.status != SessionStatus::signed_in) {
        // The session check ended signed out: the kept address waits for the sign-in form.
        state.pending_route = hash;
        return state.screen == Screen::sign_in ? Effects{} : session::open_sign_in(state, core::SignInMethod::email_code);
    }
    return follow(state, hash);
}

}  // namespace app::routes
