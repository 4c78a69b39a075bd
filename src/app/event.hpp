#pragma once
// Everything that can happen to the portal (input, responses, timers) is an Event; everything the
// portal asks the outside world to do is an Effect, which the runner executes.
#include <string>
#include <variant>
#include <vector>

#include "core/priority.hpp"
#include "core/region.hpp"
#include "core/sign_in.hpp"
#include "core/time.hpp"

namespace app {

struct RegionChosen { core::RegionId region; };
struct ArticleFilterChanged { std::string text; };
struct ArticleOpened { std::string url; };
struct RequestKindChosen { core::RequestKind kind; };
struct UsersAffectedChosen { core::UsersAffected users; };
struct ImpactChosen { core::Impact impact; };
struct ClockTicked { core::UtcSeconds now; };
struct AppStarted {};  // checks for a session (the refresh cookie) once at start
struct SignInOpened {};
struct HomeOpened {};
struct SignInMethodChosen { core::SignInMethod method; };
enum class SignInField { email, code, password };
struct SignInFieldChanged { SignInField field; std::string text; };
struct SendCodeClicked {};
struct VerifyCodeClicked {};
struct PasswordSubmitted {};
struct FactorChosen { core::Factor factor; };
struct VerifyFactorClicked {};
struct SignOutClicked {};
struct AccountChosen { std::string id; };
struct HttpResponded { int request_id; int status; std::string body; };  // status 0: no connection
struct GoogleClicked {};
struct GoogleWindowReopened {};
struct PopupBlocked {};
// The portal's callback page posted the provider's result (same origin checked by the page).
struct GoogleReturned { std::string code, state, error_description; };

using Event = std::variant<RegionChosen, ArticleFilterChanged, ArticleOpened, RequestKindChosen, UsersAffectedChosen,
                           ImpactChosen, ClockTicked, AppStarted, SignInOpened, HomeOpened, SignInMethodChosen,
                           SignInFieldChanged, SendCodeClicked, VerifyCodeClicked, PasswordSubmitted, FactorChosen,
                           VerifyFactorClicked, SignOutClicked, AccountChosen, HttpResponded, GoogleClicked,
                           GoogleWindowReopened, PopupBlocked, GoogleReturned>;

struct OpenUrl { std::string url; };  // in a new tab, without opener

// An HTTP request to the portal's own server; the answer comes back as HttpResponded with the same id.
struct HttpRequest {
    int id;
    core::ApiRequest request;
    std::string bearer;  // access token, when the call needs one
};

// Remember (or forget) that this browser has a session, so the next start tries a silent sign-in.
struct RememberSession { bool signed_in; };

// Open the sign-in provider in a popup (Google refuses to be framed; the portal may be in an iframe).
struct OpenPopup { std::string path; };

using Effect = std::variant<OpenUrl, HttpRequest, RememberSession, OpenPopup>;
using Effects = std::vector<Effect>;

}  // namespace app
