#include "app/session.hpp"

#include <utility>

#include <nlohmann/json.hpp>

#include "app/live.hpp"
#include "app/routes.hpp"
#include "app/tickets.hpp"
#include "core/json_text.hpp"
#include "core/base64url.hpp"

namespace app {

const Account* chosen_account(const AppState& state) {
    for (const Account& account : state.session.accounts)
        if (account.id == state.session.account_id) return &account;
    return nullptr;
}

namespace session {

Effects request(AppState& state, InFlight what, std::optional<core::ApiRequest> call, std::string bearer,
                std::string idempotency_key) {
    if (!call) return {};
    const int id = state.next_request_id++;
    state.in_flight[id] = std::move(what);
    return {HttpRequest{id, std::move(*call), std::move(bearer), std::move(idempotency_key), state.lang,
                        state.environment.clock.zone_name}};
}

Effects request(AppState& state, RequestPurpose purpose, std::optional<core::ApiRequest> call, std::string bearer,
                std::string idempotency_key) {
    return request(state, InFlight{purpose}, std::move(call), std::move(bearer), std::move(idempotency_key));
}

namespace {

using nlohmann::json;

core::PkceSecrets new_secrets(AppState& state) {
    std::string verifier = core::base64url(state.random.next(32));
    return core::PkceSecrets{std::move(verifier), core::base64url(state.random.next(16))};
}

std::string redirect_uri(const AppState& state) { return state.environment.origin + "/callback.html"; }

// The access token a token endpoint's answer carries, if it is one.
std::optional<std::string> access_token_of(const HttpResponded& e) {
    json body = core::parse_json(e.body);
    if (e.status != 200 || !body.is_object() || !body.contains("access_token") || !body["access_token"].is_string())
        return std::nullopt;
    return body["access_token"].get<std::string>();
}

// A new access token for the refresh cookie (HttpOnly: the browser sends it, the page never sees it).
core::ApiRequest refresh_token_call() {
    return core::ApiRequest{"POST", "/oauth/token", "grant_type=refresh_token", "application/x-www-form-urlencoded"};
}

Effects fetch_me(AppState& state) {
    return request(state, RequestPurpose::me, core::ApiRequest{"GET", "/api/me", "", ""}, state.session.access_token);
}

void signed_out(AppState& state, core::Text error = {}) {
    state.session = Session{};
    state.session.status = SessionStatus::signed_out;
    state.session.error = std::move(error);
}

Effects me_answered(AppState& state, int status, const std::string& text) {
    if (status == 0) {
        state.session.error = core::Text::of("session.error.offline");
        return {};
    }
    json body = core::parse_json(text);
    if (status == 401 || !body.is_object() || !body.contains("user") || !body["user"].is_object()) {
        signed_out(state, status == 401 ? core::Text{} : core::Text::of("session.error.not_understood"));
        return {};
    }
    Session& s = state.session;
    s.status = SessionStatus::signed_in;
    s.email = core::text_member(body["user"], "email");
    s.name = core::text_member(body["user"], "name");
    if (auto needed = body.find("ticket_resource"); needed != body.end() && needed->is_object()) {
        core::LicenseResource named{core::text_member(*needed, "product"), core::text_member(*needed, "resource")};
        if (!named.product.empty() && !named.resource.empty()) s.ticket_resource = std::move(named);
    }
    s.accounts.clear();
    if (body.contains("accounts") && body["accounts"].is_array())
        for (const json& a : body["accounts"]) {
            const std::string id = a.is_object() ? core::text_member(a, "id") : "";
            if (id.empty()) continue;
            auto region = core::parse_region(core::text_member(a, "region"));
            if (!region) continue;  // an account in a region this portal does not know is not offered
            const std::string name = core::text_member(a, "name");
            auto can_open = a.find("can_open_tickets");
            s.accounts.push_back(Account{id, name.empty() ? id : name, *region,
                                         can_open != a.end() && can_open->is_boolean() && can_open->get<bool>()});
        }
    if (!chosen_account(state) && !s.accounts.empty()) {
        s.account_id = state.environment.last_account;
        if (!chosen_account(state)) s.account_id = s.accounts.front().id;
    }
    if (const Account* account = chosen_account(state)) state.region = account->region;
    s.error.clear();
    Effects effects = tickets::session_ready(state);
    Effects route = routes::take_pending(state);  // a deep link opened before the sign-in
    effects.insert(effects.end(), route.begin(), route.end());
    return effects;
}

// The answer to a renewal: the calls refused for an expired token go again with the new one. Without
// one, each gets an answer of its own: no connection, or the refusal it had (its screen then says the
// sign-in expired, and keeps what was typed).
Effects renewed(AppState& state, const HttpResponded& e) {
    state.session.renewing = false;
    std::vector<HttpResponded> waiting;
    for (auto& [id, call] : state.in_flight)
        if (call.refused) waiting.push_back(*std::exchange(call.refused, std::nullopt));
    if (state.session.status != SessionStatus::signed_in) return {};  // signed out meanwhile
    Effects effects;
    if (auto token = access_token_of(e)) {
        state.session.access_token = std::move(*token);
        effects = live::token_renewed(state);
        for (const HttpResponded& refused : waiting) {
            auto call = state.in_flight.find(refused.request_id);
            if (call == state.in_flight.end() || !call->second.call) continue;
            Effect again = *call->second.call;
            std::visit([&](auto& effect) {
                if constexpr (requires { effect.bearer; }) effect.bearer = state.session.access_token;
            }, again);
            effects.push_back(std::move(again));
        }
        return effects;
    }
    effects = live::renewal_failed(state);
    for (const HttpResponded& refused : waiting) {
        Effects more = responded(state, e.status == 0 ? HttpResponded{refused.request_id, 0, ""} : refused);
        effects.insert(effects.end(), more.begin(), more.end());
    }
    if (e.status == 0) return effects;
    // The session is over (its refresh cookie expired, or it was signed out elsewhere): sign in again, then
    // back to this screen, where what was typed is still there (the form's draft and a reply are also
    // kept in the browser).
    state.pending_route = routes::route_of(state);
    state.form.submit_error.clear();  // "sign in again": about to be done
    state.list = TicketList{};
    const std::string email = state.session.email;
    signed_out(state);
    Effects sign_in = open_sign_in(state, core::SignInMethod::email_code);
    state.sign_in.email = email;
    state.sign_in.notice = core::Text::of("session.expired");
    effects.insert(effects.end(), sign_in.begin(), sign_in.end());
    effects.push_back(RememberSession{false});
    return effects;
}

}  // namespace

Effects start(AppState& state) {
    if (!state.environment.had_session) {
        state.session.status = SessionStatus::signed_out;
        return {};
    }
    state.session.status = SessionStatus::checking;
    // A reload signs in silently when the refresh cookie is still good.
    return request(state, RequestPurpose::refresh, refresh_token_call());
}

Effects open_sign_in(AppState& state, core::SignInMethod method) {
    std::string email = state.sign_in.email;  // switching methods keeps the email typed
    state.sign_in = core::SignInFlow(method, redirect_uri(state));
    state.sign_in.email = std::move(email);
    state.screen = Screen::sign_in;
    return {};
}

Effects field_changed(AppState& state, const SignInFieldChanged& e) {
    switch (e.field) {
        case SignInField::email: state.sign_in.email = e.text; break;
        case SignInField::code: state.sign_in.code = e.text; break;
        case SignInField::password: state.sign_in.password = e.text; break;
    }
    return {};
}

Effects send_code(AppState& state) { return request(state, RequestPurpose::sign_in, state.sign_in.send_code(new_secrets(state))); }
Effects verify_code(AppState& state) { return request(state, RequestPurpose::sign_in, state.sign_in.verify_code()); }
Effects submit_password(AppState& state) {
    return request(state, RequestPurpose::sign_in, state.sign_in.submit_password(new_secrets(state)));
}
Effects choose_factor(AppState& state, core::Factor factor) {
    return request(state, RequestPurpose::sign_in, state.sign_in.choose_factor(factor));
}
Effects verify_factor(AppState& state) { return request(state, RequestPurpose::sign_in, state.sign_in.verify_factor()); }

Effects renew(AppState& state) {
    if (state.session.renewing || state.session.status != SessionStatus::signed_in) return {};
    state.session.renewing = true;
    return request(state, RequestPurpose::renew, refresh_token_call());
}

Effects sign_out(AppState& state) {
    // Forget the token at once; the server revokes the refresh cookie's family.
    signed_out(state);
    state.form = TicketForm{};
    state.confirmation.reset();
    state.list = TicketList{};
    state.thread = TicketThread{};
    state.thread_upload_problems.clear();
    state.screen = Screen::help_center;
    state.pending_route.reset();
    // What was asked with the signed-in user's token is no longer anybody's business.
    std::erase_if(state.in_flight, [](const auto& entry) { return entry.second.call.has_value(); });
    Effects effects = request(state, RequestPurpose::sign_out, core::ApiRequest{"POST", "/oauth/revoke", "", ""});
    effects.push_back(RememberSession{false});
    return effects;
}

Effects choose_account(AppState& state, const std::string& id) {
    if (state.session.account_id == id) return {};
    state.session.account_id = id;
    state.environment.last_account = id;
    if (const Account* account = chosen_account(state)) state.region = account->region;
    // Another account: its own draft, its own requests.
    if (state.screen == Screen::ticket) state.screen = Screen::my_requests;
    Effects effects = tickets::session_ready(state);
    effects.push_back(RememberAccount{id});
    if (state.screen == Screen::my_requests) {
        Effects list = tickets::open_list(state);
        effects.insert(effects.end(), list.begin(), list.end());
    }
    return effects;
}

Effects responded(AppState& state, const HttpResponded& e) {
    auto it = state.in_flight.find(e.request_id);
    if (it == state.in_flight.end()) return {};  // an answer nobody waits for any more
    InFlight& call = it->second;
    // The access token expired: renew it silently and send the call again, once. The person sees
    // nothing of it, and what they typed went nowhere else.
    if (call.call && e.status == 401 && !call.resent && state.session.status == SessionStatus::signed_in) {
        call.resent = true;
        call.refused = e;
        return renew(state);
    }
    const InFlight done = std::move(call);
    state.in_flight.erase(it);
    switch (done.purpose) {
        case RequestPurpose::sign_in: {
            const bool was_waiting = state.sign_in.step == core::SignInStep::google;
            Effects next = request(state, RequestPurpose::sign_in, state.sign_in.on_response(e.status, e.body));
            if (!was_waiting && state.sign_in.step == core::SignInStep::google && state.sign_in.popup_path)
                next.push_back(OpenPopup{*state.sign_in.popup_path});
            if (state.sign_in.access_token) {
                state.session.access_token = *state.sign_in.access_token;
                state.sign_in = core::SignInFlow{};
                state.session.status = SessionStatus::checking;
                state.screen = Screen::help_center;
                Effects effects = fetch_me(state);
                effects.push_back(RememberSession{true});
                return effects;
            }
            return next;
        }
        case RequestPurpose::refresh: {
            if (auto token = access_token_of(e)) {
                state.session.access_token = std::move(*token);
                return fetch_me(state);
            }
            signed_out(state, e.status == 0 ? core::Text::of("session.error.offline_sign_in") : core::Text{});
            Effects effects = routes::take_pending(state);  // an address that needs a session: the sign-in form
            if (e.status != 0) effects.push_back(RememberSession{false});
            return effects;
        }
        case RequestPurpose::renew: return renewed(state, e);
        case RequestPurpose::me: return me_answered(state, e.status, e.body);
        case RequestPurpose::sign_out: return {};
        default: return tickets::responded(state, done, e);
    }
    return {};
}

Effects continue_with_google(AppState& state) {
    return request(state, RequestPurpose::sign_in, state.sign_in.continue_with_google(new_secrets(state)));
}

Effects reopen_google(AppState& state) {
    if (!state.sign_in.popup_path) return {};
    state.sign_in.error.clear();
    return {OpenPopup{*state.sign_in.popup_path}};
}

Effects popup_blocked(AppState& state) {
    state.sign_in.popup_blocked();
    return {};
}

Effects google_returned(AppState& state, const GoogleReturned& e) {
    return request(state, RequestPurpose::sign_in, state.sign_in.google_returned(e.code, e.state, e.error_description, e.error_code, e.error_email));
}

}  // namespace session
}  // namespace app
