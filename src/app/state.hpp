#pragma once
// The portal's whole state: screens draw it, only app::update changes it.
#include <algorithm>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "app/event.hpp"
#include "core/help_center.hpp"
#include "core/i18n.hpp"
#include "core/priority.hpp"
#include "core/random_stream.hpp"
#include "core/region.hpp"
#include "core/sign_in.hpp"
#include "core/ticket_api.hpp"
#include "core/support_region.hpp"
#include "core/ticket.hpp"
#include "core/time.hpp"

namespace app {

enum class Screen { help_center, sign_in, new_ticket, my_requests, ticket };

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
    // The License Manager resource that opens tickets on Brazil accounts, as the server names it.
    core::LicenseResource ticket_resource{"VTEX - Support", "Open Support Ticket"};
    core::Text error;        // why the session could not be checked, for a person
    bool renewing = false;   // a new access token is being asked for with the refresh cookie
};

// What a request in flight is for, so its response reaches the right place.
enum class RequestPurpose {
    sign_in, refresh, me, sign_out, limits, upload, submit, list, thread,
    renew,          // a new access token for calls refused because theirs expired
    thread_refresh, // the open ticket again, to show support's replies and changes as they come
    thread_reply,   // a reply posted to the thread
    thread_action,  // reopen
    thread_survey,  // the satisfaction survey's answer
    thread_upload,  // a file attached to the ticket from its thread
    download,       // a ticket's file, saved by the browser
    list_row,       // a ticket of My requests again, after the live updates said it changed
};

// A file chosen for the draft or a ticket: checked against the limits, then uploaded; once stored it is
// one of the draft's (or the ticket's) attachments, by id, so a reload keeps it.
struct PendingFile {
    int handle = 0;  // the page's reference to the chosen File
    std::string name;
    std::int64_t size = 0;
};

// A request in flight, kept until it is answered: what it is for, and what its answer needs.
struct InFlight {
    RequestPurpose purpose = RequestPurpose::me;
    std::string ticket;                           // thread calls and uploads: the ticket they concern
    std::optional<PendingFile> file;              // an upload: the file on its way
    std::optional<core::AttachmentRef> download;  // a download: the ticket's file the browser saves
    // Made with the access token: refused because it expired (401), the call is sent again, once, with
    // a token renewed silently through the refresh cookie.
    std::optional<Effect> call;
    bool resent = false;
    std::optional<HttpResponded> refused;  // that refusal, while the renewal is on its way
    std::string account;  // a page of My requests: the account it lists
};

// The ticket form: what was typed and chosen (saved as a draft per account as it changes) and the
// submission (its Idempotency-Key lives in the draft until it succeeds).
struct TicketForm {
    core::TicketFields fields;
    // The reader chose the kind: until then no choice card is selected, the technical questions wait
    // and the form cannot be sent (fields.kind holds its default meanwhile).
    bool kind_chosen = false;
    std::string cc_text;                  // the CC line as typed; fields.cc is split from it
    std::vector<core::Text> file_errors;   // why chosen files were refused
    std::vector<core::FieldError> errors;  // shown beside each field after a submit attempt
    bool tried = false;
    std::string idempotency_key;
    bool submitting = false;
    int retries = 0;
    core::Text submit_error;
    std::string follow_up_label;         // "#1030 Checkout fails", while fields.follow_up_of is set
    std::string draft_key;               // where this draft is saved (user and account)
    bool draft_unsaved = false;          // the browser refused the last save (storage full or blocked)
    std::vector<std::string> suggestions;  // Help Center article ids for the title (debounced)
    int title_version = 0;
};

// A ticket as the API describes it in a list (core/ticket_api.hpp reads it).
using TicketSummary = core::TicketSummary;

// A ticket as people name it: "#1030 Checkout fails".
inline std::string ticket_name(const TicketSummary& t) { return "#" + std::to_string(t.number) + " " + t.title; }

// The ticket just created, as the confirmation shows it.
struct Confirmation {
    std::string id;
    std::int64_t number = 0;
    core::Priority priority = core::Priority::normal;
    core::UtcSeconds due_at = 0;
};

// My requests: the chosen account's tickets as the server orders them (newest first: the highest number),
// or (all_accounts, for a user with more than one) every account's in the same order, a page of each
// fetched at a time and merged.
struct TicketList {
    std::string account;  // the session's account when this list was fetched ("": fetch it again)
    bool all_accounts = false;
    std::optional<core::TicketStatus> status;
    std::string query;
    int query_version = 0;
    std::vector<TicketSummary> tickets;
    std::optional<std::string> next_cursor;        // one account: its next page
    std::map<std::string, std::string> cursors;    // all accounts: the next page of each that has more
    int waiting = 0;  // pages on their way (one per account for all accounts)
    core::Text error;
    // All accounts, while some account has more: how many of the merged rows are surely in place. Below
    // the lowest number loaded of an account with more, that account may still have tickets not fetched,
    // which belong between the rows loaded: those rows wait for Load more. Set by tickets::list's merge.
    size_t in_place = 0;

    // A page is on its way (a newer request drops the older one's answer).
    bool loading() const { return waiting > 0; }
    // The rows shown, from the top: every row loaded, except the merged rows not yet surely in place
    // (while more pages come, those shown before).
    size_t shown() const { return all_accounts ? std::min(in_place, tickets.size()) : tickets.size(); }
};

// Whether another page of My requests can be fetched.
inline bool has_more(const TicketList& list) { return list.next_cursor.has_value() || !list.cursors.empty(); }

// A passing confirmation ("Reply sent"), drawn as a toast until the timer of its version runs out (a
// newer toast's timer replaces it; an older timer finds another version and leaves it).
struct Toast {
    core::Text text;
    int version = 0;
};

// The live updates' stream: while it is open, support's replies show at once and the 30-second reading
// of an open ticket waits; when it cannot be held, it is tried again later and the reading goes on.
struct LiveUpdates {
    int version = 0;            // of the stream asked for last (answers of older ones are dropped)
    bool open = false, asked = false;
    std::int64_t last_id = 0;   // the last event heard: a stream opened again starts after it
    int failures = 0;           // in a row: the next try waits longer
    bool waiting_token = false; // ended for an expired token: opened again once it is renewed
    std::string token;          // the access token the stream was opened with
};

struct TicketThread {
    std::string id;
    bool loading = false, busy = false;
    int refresh_version = 0;  // the refresh timer of this opening of the thread (older ones are ignored)
    core::Text error, notice;
    // The ticket as the server last described it (the summary's id is empty until then).
    TicketSummary summary;
    core::TicketFields fields;  // what it was opened with: kind, description and the form's answers
    core::TicketSurvey survey;
    std::string follow_up_of;  // the ticket this one continues, as shown: "#1001" (its id if no number came)
    bool yours = false;        // the user opened it: they may take people off its copies
    bool changed_meanwhile = false;  // the live updates said it changed while it was busy: read at the next tick
    std::optional<core::UtcSeconds> reopen_until;
    std::vector<core::TicketComment> comments;
    std::vector<core::StoredAttachment> attachments;
    std::string reply;
    // Where this browser keeps the reply as it is typed (per user and ticket), so that a reload, a crash
    // or a failed send loses nothing; emptied once the reply is sent.
    std::string reply_key;
    std::string survey_key;  // the same for the survey's rating and reason, until they are sent
    std::string sent_reply;  // the reply on its way: what typing after Reply changed is not cleared
    bool reply_unsaved = false;  // the browser's storage refused it
    std::vector<core::Text> file_errors;
    std::optional<bool> rating_good;
    std::string reason;
};

// The user's own clock, as the browser knows it: its zone's name and its offsets from UTC, each from an
// instant on (the runner reads them at start for the months ahead; tests give their own).
struct UserClock {
    struct Offset {
        core::UtcSeconds from = 0;
        std::int32_t seconds = 0;
    };
    std::string zone_name = "UTC";  // the runner starts it empty, until the page has read it (TimeZoneNamed)
    std::vector<Offset> offsets;  // ascending by `from`; none: UTC
    // The offset at `t`: the last one that began at or before it (the first one before them all).
    std::int32_t offset_at(core::UtcSeconds t) const;
    // What to call the zone beside a time at `t`: its name, or its offset ("UTC-03:00") while unnamed.
    std::string label(core::UtcSeconds t) const;
};

// A clock read from `offset_at` (the browser's) between `from` and `to`: the offset at `from`, then each
// change found to the second (a day at a time, then halving).
UserClock read_user_clock(std::string zone_name, const std::function<std::int32_t(core::UtcSeconds)>& offset_at,
                          core::UtcSeconds from, core::UtcSeconds to);

// What the portal knows of the browser it runs in, read by the runner before the first event: data
// only, so that update() is a function of the state and the event.
struct Environment {
    std::string origin = "http://127.0.0.1:8080";  // where the portal is served from
    // Bytes from the browser's cryptographic generator that seed the state's random stream (PKCE
    // secrets, Idempotency-Keys).
    std::string entropy;
    // This browser signed in before (a flag in localStorage, no secret): only then is a silent
    // sign-in through the refresh cookie worth a request.
    bool had_session = false;
    // The account chosen at this browser's last visit (localStorage; an id, no secret): chosen again
    // after the sign-in when the user still has it.
    std::string last_account;
    // The browser's own language tag (en-GB): a language picked on screen keeps its region, and so its
    // clock, when it is the browser's language.
    std::string browser_locale;
    // What the portal keeps in this browser's storage (drafts, replies, survey answers, files on their
    // way), by key: read at start, changed by update() as it saves (SaveDraft) and by other tabs
    // (StoredChanged). Read when the account is known, so nothing typed meanwhile is overwritten.
    std::map<std::string, std::string> stored;
    UserClock clock;
};

struct AppState {
    Screen screen = Screen::help_center;
    // An address that needs a session, opened before signing in: followed once signed in.
    std::optional<std::string> pending_route;
    std::string lang = "en";  // en, es or pt: the host page's, the browser's, or the one picked on screen
    std::string locale = "en";  // the page's lang attribute: the tag it came as (pt-BR), or the language
    // The languages whose catalog the portal has (core::has_catalog): a switch to another one fetches
    // its catalog first and keeps the current language until it arrived.
    std::set<std::string> catalogs;
    struct LanguageSwitch {
        std::string lang, locale;
        bool picked = false;  // on screen (kept for the next visit), else the host page's
    };
    std::optional<LanguageSwitch> switching;  // waiting for its catalog
    core::Text language_problem;              // why the last switch did not happen
    bool dark = false;         // the dark theme, when the host page or the reader's preference asks for it
    bool touch = false;        // a coarse pointer (a finger): controls at the touch height
    bool host_language = false;  // the embedding page set the language: the portal's own choice steps aside
    Menu menu = Menu::none;      // the shell's menu that is open
    bool summary_open = false;   // the phone's priority bar at the bottom of the form, expanded
    core::HelpCenter help;
    std::string help_error;  // set when the embedded Help Center data could not be read
    core::SupportRegions regions;
    std::string regions_error;  // set when the embedded region calendars could not be read
    std::optional<core::RegionId> region;
    std::string article_filter;
    core::Answers answers;  // the answers that decide a ticket's priority
    core::UtcSeconds now = 0;  // from the runner's clock ticks (minute resolution)
    Environment environment;
    core::RandomStream random;  // seeded from environment.entropy
    Session session;
    core::SignInFlow sign_in;
    TicketForm form;
    std::optional<Confirmation> confirmation;
    TicketList list;
    TicketThread thread;
    Toast toast;
    LiveUpdates live;
    int thread_openings = 0;  // numbers each opening of a thread (its refresh timer's version)
    // Files sent to a ticket are in flight like any request, and outlive its screen (a merchant may look
    // at another ticket meanwhile): what became of those sent while another screen was shown.
    std::map<std::string, std::vector<core::Text>> thread_upload_problems;
    core::AttachmentLimits limits = core::default_attachment_limits();
    // Every request in flight, by request id: the one place that knows what each answer is for.
    std::map<int, InFlight> in_flight;
    int next_request_id = 1;
};

// The account chosen in the session, or nullptr.
const Account* chosen_account(const AppState& state);

// The files on their way to the form's draft (`ticket` empty) or to ticket `ticket`, in the order chosen.
std::vector<PendingFile> uploads_to(const AppState& state, const std::string& ticket);
// Whether the thread's file `attachment_id` is being fetched for the browser to save.
bool downloading(const AppState& state, const std::string& attachment_id);

// A state with the embedded assets loaded, in `environment` (its random stream seeded from it).
AppState initial_state(Environment environment = {});

}  // namespace app
