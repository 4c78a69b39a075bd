#pragma once
// The portal's whole state: screens draw it, only app::update changes it.
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/help_center.hpp"
#include "core/priority.hpp"
#include "core/region.hpp"
#include "core/sign_in.hpp"
#include "core/support_region.hpp"
#include "core/time.hpp"

namespace app {

enum class Screen { help_center, sign_in };

// A store account the signed-in user works on, as GET /api/me describes it.
struct Account {
    std::string id, name;
    core::RegionId region = core::RegionId::brazil;
    bool can_open_tickets = false;
};

enum class SessionStatus { checking, signed_out, signed_in };

// The session lives in memory only: the access token is never written to storage; a reload signs in
// again silently through the refresh cookie (HttpOnly, the page cannot read it).
struct Session {
    SessionStatus status = SessionStatus::signed_out;
    std::string access_token;
    std::string email, name;
    std::vector<Account> accounts;
    std::string account_id;  // the chosen account
    std::string error;       // why the session could not be checked, for a person
};

// What a request in flight is for, so its response reaches the right place.
enum class RequestPurpose { sign_in, refresh, me, sign_out };

// Where the portal is served from, and randomness for PKCE (the browser's crypto; tests inject one).
struct Environment {
    std::string origin = "http://127.0.0.1:8080";
    std::function<std::string(size_t)> random_bytes = [](size_t n) { return std::string(n, '\x2a'); };
    // This browser signed in before (a flag in localStorage, no secret): only then is a silent
    // sign-in through the refresh cookie worth a request.
    bool had_session = false;
};

// The user's own clock, as the browser knows it (tests inject one).
struct UserClock {
    std::string zone_name = "UTC";
    std::function<std::int32_t(core::UtcSeconds)> offset_at = [](core::UtcSeconds) { return 0; };
};

struct AppState {
    Screen screen = Screen::help_center;
    std::string lang = "en";
    core::HelpCenter help;
    std::string help_error;  // set when the embedded Help Center data could not be read
    core::SupportRegions regions;
    std::string regions_error;  // set when the embedded region calendars could not be read
    std::optional<core::RegionId> region;
    std::string article_filter;
    core::Answers answers;  // the answers that decide a ticket's priority
    core::UtcSeconds now = 0;  // from the runner's clock ticks (minute resolution)
    UserClock user_clock;
    Environment environment;
    Session session;
    core::SignInFlow sign_in;
    std::map<int, RequestPurpose> requests;  // in flight, by request id
    int next_request_id = 1;
};

// The account chosen in the session, or nullptr.
const Account* chosen_account(const AppState& state);

// A state with the embedded assets loaded.
AppState initial_state();

}  // namespace app
