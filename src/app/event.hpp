#pragma once
// Everything that can happen to the portal (input, responses, timers) is an Event; everything the
// portal asks the outside world to do is an Effect, which the runner executes.
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/priority.hpp"
#include "core/region.hpp"
#include "core/sign_in.hpp"
#include "core/ticket.hpp"
#include "core/time.hpp"

namespace app {

struct RegionChosen { core::RegionId region; };
struct ArticleFilterChanged { std::string text; };
struct ArticleOpened { std::string url; };
struct RequestKindChosen { core::RequestKind kind; };
struct UsersAffectedChosen { core::UsersAffected users; };
struct ImpactChosen { core::Impact impact; };
struct ClockTicked { core::UtcSeconds now; };
// The reader's IANA time zone, which the page reads after the first frame (the browser's first Intl call
// takes 20-35 ms: not on the way to the first frame).
struct TimeZoneNamed { std::string name; };
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
struct GoogleReturned { std::string code, state, error_description, error_code, error_email; };

// Tickets.
struct NewTicketOpened {};
struct MyRequestsOpened {};
struct TicketOpened { std::string id; };
enum class FormField { title, description, agency, cc };
struct FormFieldChanged { FormField field; std::string text; };
// The form's choices; std::nullopt leaves the others as they are.
struct FormChoice {
    std::optional<core::RequestKind> kind;
    std::optional<core::UsersAffected> users;
    std::optional<core::Impact> impact;
    std::optional<core::Environment> environment;
    std::optional<core::Experience> experience;
};
struct ChosenFile { int handle; std::string name; std::int64_t size; };
// The page's file chooser: files for the new ticket's draft, or for the ticket `ticket` shown on its thread.
struct FormFilesChosen { std::vector<ChosenFile> files; };
struct ThreadFilesChosen { std::string ticket; std::vector<ChosenFile> files; };
struct AttachmentRemoved { std::string id; };
struct AttachmentOpened { std::string id; };  // a ticket's file: the browser saves it
struct SubmitClicked {};
struct NewTicketAgain {};  // after a confirmation: a fresh form
// A timer the app asked for (debounce, retry) has run out.
enum class TimerKind { title_suggestions, list_search, submit_retry, thread_refresh, toast, live_retry };
struct TimerFired { TimerKind kind; int version; };
// What the live updates' stream (GET /api/events) of opening `version` said: it is open; a ticket
// changed (its id, account and number, what changed, the event's number); read everything again
// (reset); it ended (reason: token_expired, session_ended), or could not be held (status: the HTTP
// status, 0 for no connection).
struct LiveEvent {
    enum class Kind { opened, ticket, reset, ended, failed } kind = Kind::opened;
    int version = 0;
    std::int64_t id = 0;
    std::string ticket, change, account;
    std::int64_t number = 0;
    std::string reason;
    int status = 0;
};
struct ListFilterChosen { std::optional<core::TicketStatus> status; };
struct ListSearchChanged { std::string text; };
// My requests of the chosen account, or of every account the user has.
struct ListScopeChosen { bool all_accounts; };
struct LoadMoreClicked {};
struct ThreadReplyChanged { std::string text; };
struct ReplyClicked {};
struct ReopenClicked {};
struct CcRemoveClicked { std::string email; };  // the requester takes a person off the ticket's copies
struct FollowUpClicked {};  // on a closed ticket: a new ticket that continues it
struct FollowUpRemoved {};  // the form's ticket is not a follow-up after all
struct RatingChosen { bool good; };
struct RatingReasonChanged { std::string text; };
struct SendRatingClicked {};
// Whether the browser kept the draft saved under `key` (false: its storage is full or blocked).
struct DraftSaveResult { std::string key; bool saved; };
// Another tab of this browser saved (or deleted: empty text) what the portal keeps under `key`.
struct StoredChanged { std::string key, text; };
// The page's address changed by the browser (a link, back or forward, or the address at start).
struct RouteChanged { std::string hash; };
// From the page that embeds the portal (postMessage, allowed origins only): colours and language. The
// colours also follow the reader's prefers-color-scheme while the host page says nothing.
struct ThemeChosen { bool dark; };
// The browser's primary pointer: coarse (a finger) makes controls touch-sized.
struct PointerChosen { bool coarse; };
// A BCP 47 tag such as pt-BR; `from_host`: the embedding page set it (the portal's own language control
// then steps aside), else it is the language this browser kept or prefers.
struct LocaleChosen { std::string locale; bool from_host = false; };
// The shell's menus: the user's (language, Sign out), the account switcher's, the signed-out language's.
enum class Menu { none, user, accounts, language };
// A menu's button was pressed: it opens, or closes when it was open (another one closes).
struct MenuToggled { Menu menu; };
// The phone's priority bar at the bottom of the new-ticket form was tapped: it expands or folds.
struct SummaryToggled {};
// The reader picked a language on screen (en, es, pt): kept in this browser for the next visit.
struct LanguagePicked { std::string lang; };
// The catalog of `lang` the portal asked for (FetchCatalog): its JSON text, or ok false when it could
// not be fetched.
struct CatalogArrived { std::string lang; bool ok; std::string text; };

using Event = std::variant<RegionChosen, ArticleFilterChanged, ArticleOpened, RequestKindChosen, UsersAffectedChosen,
                           ImpactChosen, ClockTicked, TimeZoneNamed, AppStarted, SignInOpened, HomeOpened, SignInMethodChosen,
                           SignInFieldChanged, SendCodeClicked, VerifyCodeClicked, PasswordSubmitted, FactorChosen,
                           VerifyFactorClicked, SignOutClicked, AccountChosen, HttpResponded, GoogleClicked,
                           GoogleWindowReopened, PopupBlocked, GoogleReturned, NewTicketOpened, MyRequestsOpened,
                           TicketOpened, FormFieldChanged, FormChoice, FormFilesChosen, ThreadFilesChosen, AttachmentRemoved, AttachmentOpened, SubmitClicked,
                           NewTicketAgain, TimerFired, ListFilterChosen, ListSearchChanged,
                           ListScopeChosen, LoadMoreClicked, ThreadReplyChanged, ReplyClicked, ReopenClicked, CcRemoveClicked, FollowUpClicked,
                           FollowUpRemoved, RatingChosen,
                           RatingReasonChanged, SendRatingClicked, DraftSaveResult, StoredChanged, RouteChanged,
                           ThemeChosen, PointerChosen, LocaleChosen, LanguagePicked, MenuToggled,
                           SummaryToggled, CatalogArrived, LiveEvent>;

struct OpenUrl { std::string url; };  // in a new tab, without opener

// An HTTP request to the portal's own server; the answer comes back as HttpResponded with the same id.
struct HttpRequest {
    int id;
    core::ApiRequest request;
    std::string bearer;  // access token, when the call needs one
    std::string idempotency_key;  // sent as Idempotency-Key when set
    std::string language;  // the portal's (en, es, pt), sent as Accept-Language: the server writes emails in it
    std::string time_zone;  // the browser's (IANA name), sent as X-Time-Zone: emails tell times on its clock
};

// Upload a file the page holds (by handle) as multipart/form-data field "file"; answered by HttpResponded.
struct UploadFile {
    int id;
    int handle;
    std::string path, bearer;
};
// Fetch one of the portal's files (with the access token) and let the browser save it as `name`;
// answered by HttpResponded (the body only when it failed).
struct DownloadFile {
    int id;
    std::string path, bearer, name;
};
// Save (text) or delete (empty text) the draft stored under `key` in the browser.
struct SaveDraft { std::string key, text; };
// Fire TimerFired{kind, version} after `ms` milliseconds.
struct StartTimer { int ms; TimerKind kind; int version; };
// Hold the live updates' stream with this token, after event `last_event_id` (0: from now); its news
// come back as LiveEvent{version}. One at a time: opening another ends the one before.
struct OpenLiveUpdates { int version; std::string bearer; std::int64_t last_event_id; };
struct CloseLiveUpdates {};

// Remember (or forget) that this browser has a session, so the next start tries a silent sign-in.
struct RememberSession { bool signed_in; };

// Open the sign-in provider in a popup (Google refuses to be framed; the portal may be in an iframe).
struct OpenPopup { std::string path; };

// Keep the account chosen on screen in this browser (localStorage), to choose it again next visit.
struct RememberAccount { std::string id; };

// Keep the language picked on screen in this browser (localStorage), for the next visit.
struct SaveLanguage { std::string lang; };

// Fetch the catalog of `lang` (en, es, pt), which the portal does not have yet; answered by CatalogArrived.
struct FetchCatalog { std::string lang; };

// The file chooser a batch of files came from, as its button names it to the page: the new ticket's
// form ("form") or the thread of a ticket ("ticket:<id>"); and the event for a batch from it (nullopt:
// no chooser of the portal's).
std::string files_target(const std::string& ticket = "");
std::optional<Event> files_chosen(std::string_view target, std::vector<ChosenFile> files);

using Effect = std::variant<OpenUrl, HttpRequest, RememberSession, OpenPopup, UploadFile, DownloadFile, SaveDraft, StartTimer,
                            SaveLanguage, RememberAccount, FetchCatalog, OpenLiveUpdates, CloseLiveUpdates>;
using Effects = std::vector<Effect>;

}  // namespace app
