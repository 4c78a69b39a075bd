#pragma once
// Tickets on the server: creation (idempotent per user, account and Idempotency-Key), the account's
// list with status filter, search and cursor paging, a ticket with its public comments and
// attachments, replies, reopening, the satisfaction survey, and attachment bytes on disk addressed by
// their SHA-256 (on disk beside SQLite; in PostgreSQL's attachment_files with PostgreSQL). A ticket is seen and answered by its requester and the people it copies, and by the
// other members of its account who may open tickets there; anyone else gets 404, whatever the id. Every
// acknowledged write is committed (WAL, synchronous=FULL) before the answer; files are fsynced
// before their row is written.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>

#include "core/license_manager.hpp"
#include "core/result.hpp"
#include "core/support_region.hpp"
#include "core/ticket.hpp"
#include "core/ticket_api.hpp"
#include "core/time.hpp"
#include "server/database.hpp"
#include "server/notifications/outbox.hpp"
#include "server/reply.hpp"
#include "server/tickets/ticket_store.hpp"

namespace server {

// How a person reads the portal, as a request says it (Accept-Language, X-Time-Zone); "" : not said.
struct UserLocale {
    std::string language;   // en, es, pt
    std::string time_zone;  // an IANA name the server can read (America/Sao_Paulo)
};

struct Upload {
    std::string name, content_type, bytes;
};

// An attachment's bytes and how to send them, or the Reply to send instead: a file on disk (SQLite's
// data folder) or the bytes themselves (read from PostgreSQL, which every node reaches).
struct Download {
    std::string name, mime;
    std::filesystem::path file;
    std::optional<std::string> bytes;
};

// The query of GET /api/accounts/{account}/tickets (status, q, cursor, limit), read before the store is
// asked; pure, so that the fuzz target runs exactly what the server runs. An Error is a 400's message.
struct TicketListQuery {
    int limit = 50;
    std::int64_t before = INT64_MAX;           // the cursor: tickets numbered below it
    std::optional<core::TicketStatus> status;  // none: every status
    std::string query;                         // the search without the spaces around it ("" : none)
    std::string number;                        // the search as a ticket number ("#1001" -> "1001")
    std::string pattern;                       // LIKE pattern of the folded search, escaped with '\'
};
core::Result<TicketListQuery> parse_ticket_list_query(const std::string& status, const std::string& q,
                                                      const std::string& cursor, const std::string& limit);

// The bodies of a reply and of the satisfaction survey; an Error's code and message are the 400's.
core::Result<std::string> parse_comment_body(const nlohmann::json& body);
struct SurveyAnswer {
    core::SurveyRating rating = core::SurveyRating::good;
    std::string reason;
};
core::Result<SurveyAnswer> parse_survey_body(const nlohmann::json& body);

class TicketService {
public:
    // `ticket_resource`: the License Manager resource that opens tickets where one is required.
    TicketService(Database& database, const core::SupportRegions& regions, std::function<core::UtcSeconds()> clock,
                  std::filesystem::path attachments_dir, core::LicenseResource ticket_resource,
                  core::AttachmentLimits limits = core::default_attachment_limits());

    // Each change that tells the people on a ticket writes its notifications (outbox.hpp) in its own
    // transaction; once committed, `poke` tells the worker of this process to look now.
    void on_notices(std::function<void()> poke_worker) { poke = std::move(poke_worker); }
    // Once a change committed, `poke_hub` tells this process's event streams to look now.
    void on_events(std::function<void()> poke_hub) { poke_events = std::move(poke_hub); }
    // Whether `user_id` may see the ticket (its requester, a person copied, or a member who may open
    // tickets on its account).
    bool visible_to(Connection& c, const std::string& user_id, const std::string& ticket_id);

    // `reader`: the portal's language and the browser's time zone as the request names them, kept as
    // those the user's emails are written in and tell times in.
    Reply create(const std::string& user_id, const std::string& account, const std::string& idempotency_key,
                 const std::string& body, const UserLocale& reader = {});
    Reply list(const std::string& user_id, const std::string& account, const std::string& status,
               const std::string& query, const std::string& cursor, const std::string& limit);
    Reply get(const std::string& user_id, const std::string& ticket_id);
    Reply comment(const std::string& user_id, const std::string& ticket_id, const nlohmann::json& body,
                  const UserLocale& reader = {});
    Reply reopen(const std::string& user_id, const std::string& ticket_id);
    // The requester takes a person off the ticket's copies: they no longer see it or get its emails.
    Reply remove_cc(const std::string& user_id, const std::string& ticket_id, const std::string& email);
    Reply survey(const std::string& user_id, const std::string& ticket_id, const nlohmann::json& body);
    // To an account (for a draft: the ticket takes it by id) or straight to a ticket.
    Reply upload_to_account(const std::string& user_id, const std::string& account, const Upload& file);
    Reply upload_to_ticket(const std::string& user_id, const std::string& ticket_id, const Upload& file);
    std::variant<Download, Reply> download(const std::string& user_id, const std::string& attachment_id);
    Reply limits() const;
    // Files uploaded for drafts and not yet attached, per user (the sweep clears them after a day).
    static constexpr int draft_quota_files = 30;
    std::int64_t draft_quota_bytes() const { return 5 * limits_.max_file_bytes; }
    const core::AttachmentLimits& attachment_limits() const { return limits_; }

    // Support's side, for `portal-server admin` (ticket by id or number). The Ok value says what was done.
    core::Result<std::string> agent_reply(const std::string& ticket, const std::string& body, const std::string& agent);
    core::Result<std::string> set_status(const std::string& ticket, const std::string& status);
    core::Result<std::string> set_priority(const std::string& ticket, const std::string& priority);

private:
    struct Membership {
        core::RegionId region;
        bool can_open = false;
        std::string email;  // the member's, folded (fold_email): the ticket's cc names people by email
    };
    using Row = TicketRow;
    std::optional<Membership> membership(Connection& c, const std::string& user_id, const std::string& account);
    std::optional<Row> load(Connection& c, const std::string& ticket_id);
    std::optional<Row> load_for(Connection& c, const std::string& user_id, const std::string& ticket_id);
    std::optional<Row> load_ref(Connection& c, const std::string& ticket);
    core::TicketSummary summary(const Row& row, core::UtcSeconds now) const;
    core::TicketDetails details(Connection& c, const Row& row, core::UtcSeconds now, const std::string& user_id);
    // 403 for a member who may not open tickets on `account`, naming the resource to ask for.
    Reply missing_resource(const std::string& account) const;
    // A change to a ticket the user may see, in the single writer: `work` answers (and sets keep=false
    // to undo itself); a kept change answers with the ticket as it now is.
    // `what` names the change for the pages that have the ticket open (events/ticket_events.hpp).
    Reply change(const std::string& user_id, const std::string& ticket_id, const char* what,
                 const std::function<Reply(Connection&, const Row&, core::UtcSeconds, bool& keep)>& work);
    // Support's change to a ticket named by id or number, in the single writer: kept when `work` is Ok.
    core::Result<std::string> support_change(
        const std::string& ticket, const char* what,
        const std::function<core::Result<std::string>(Connection&, const Row&, core::UtcSeconds)>& work);
    Reply store_upload(const std::string& user_id, const std::string& account, const std::string& ticket_id,
                       const Upload& file);
    core::UtcSeconds reopen_until(const Row& row, core::UtcSeconds solved_at) const;
    // The notifications of `event` on a ticket, inside the change: "" or why the store refused them.
    std::string notify(Connection& c, const std::string& ticket_id, const NoticeEvent& event, core::UtcSeconds now);
    // A change committed: this process's notification worker and event streams look now.
    void tell_watchers() const {
        if (poke) poke();
        if (poke_events) poke_events();
    }

    Database& db;
    const core::SupportRegions& regions;
    std::function<core::UtcSeconds()> clock;
    std::filesystem::path files_dir;
    core::LicenseResource ticket_resource;
    core::AttachmentLimits limits_;
    std::function<void()> poke, poke_events;
};

// The portal's language an Accept-Language header names first, when it is one of en, es, pt ("" if not).
std::string portal_language(const std::string& accept_language);
// Keeps the language (en, es, pt) and time zone the user last used; "" leaves each as it was. False
// when the store refused.
bool remember_locale(Connection& c, const std::string& user_id, const UserLocale& reader);

}  // namespace server
