#pragma once
// Sign-in and session handling inside update(): the requests the sign-in flow and the session need,
// and what their answers change.
#include "app/event.hpp"
#include "app/state.hpp"

namespace app::session {

// Sends `call` and remembers what its answer is for.
Effects request(AppState& state, InFlight what, std::optional<core::ApiRequest> call, std::string bearer = "",
                std::string idempotency_key = "");
Effects request(AppState& state, RequestPurpose purpose, std::optional<core::ApiRequest> call, std::string bearer = "",
                std::string idempotency_key = "");

Effects start(AppState& state);
Effects open_sign_in(AppState& state, core::SignInMethod method);
Effects field_changed(AppState& state, const SignInFieldChanged& e);
Effects send_code(AppState& state);
Effects verify_code(AppState& state);
Effects submit_password(AppState& state);
Effects choose_factor(AppState& state, core::Factor factor);
Effects verify_factor(AppState& state);
Effects sign_out(AppState& state);
// A new access token through the refresh cookie, unless one is on its way (its answer renews the calls
// refused meanwhile, and the live updates).
Effects renew(AppState& state);
Effects choose_account(AppState& state, const std::string& id);
Effects responded(AppState& state, const HttpResponded& e);
Effects continue_with_google(AppState& state);
Effects reopen_google(AppState& state);
Effects popup_blocked(AppState& state);
Effects google_returned(AppState& state, const GoogleReturned& e);

}  // namespace app::session
