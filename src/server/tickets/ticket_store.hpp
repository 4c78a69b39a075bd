#pragma once
// The tickets' side of the store seam: every SQL statement about tickets, their replies, surveys and
// files lives here, behind methods named in the ticket service's words; the service (ticket_*.cpp)
// keeps the rules (who may, what is valid, what a key replays, what a status allows) and says its
// refusals as Outcomes. A TicketStore works on one connection the Database lent: a reader's lease, or
// the connection of a write() transaction. What differs between SQLite and PostgreSQL (how a JSON list
// is read, where a file's bytes are kept) is decided here.
//
// Reads give nothing (nullopt, empty) when the row is not there; changes give "" or the store's error,
// which goes to the operator's log, never to the user.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/license_manager.hpp"
#include "core/support_region.hpp"
#include "core/ticket.hpp"
#include "core/ticket_api.hpp"
#include "core/time.hpp"
#include "server/database.hpp"

namespace server {

class Statement;

// A ticket as its row holds it.
struct TicketRow {
    std::int64_t number = 0;
    std::string id, account, requester, title, description, agency;
    core::RequestKind kind = core::RequestKind::question;
    core::Priority priority = core::Priority::normal;
    std::optional<core::UsersAffected> users;
    std::optional<core::Impact> impact;
    std::optional<core::Environment> environment;
    std::optional<core::Experience> experience;
    std::vector<std::string> cc;
    std::string follow_up_of;  // "" when none
    core::TicketStatus stored = core::TicketStatus::open;  // as written; status_at() is what the user sees
    core::UtcSeconds opened_at = 0, due_at = 0, updated_at = 0;
    std::optional<core::UtcSeconds> solved_at, reopen_until;
    core::RegionId region = core::RegionId::brazil;

    core::TicketStatus status_at(core::UtcSeconds now) const {
        return core::effective_status(stored, reopen_until, now);
    }
};

// A user's membership of an account: its region, the user's email (folded) and the License Manager
// resources their roles there grant.
struct MemberRow {
    core::RegionId region = core::RegionId::brazil;
    std::string email;
    std::vector<core::LicenseResource> resources;
};

// Which of an account's tickets a member may see in a list: all, or (`all` false) their own and those
// that copy `email`.
struct ListScope {
    bool all = false;
    std::string user_id, email;
};

struct AttachmentRow {
    std::string account, name, mime, sha256, uploader, ticket;  // ticket "" : a draft's
};

struct DraftUsage {
    std::int64_t files = 0, bytes = 0;
};

class TicketStore {
public:
    explicit TicketStore(Connection& connection) : c(connection) {}

    // Whether file bytes are rows of the database (PostgreSQL: every node reaches them) rather than
    // files beside it (SQLite's data folder).
    static bool keeps_file_bytes(Engine engine) { return engine == Engine::postgresql; }
    bool keeps_file_bytes() const { return keeps_file_bytes(c.engine()); }

    // Members and users.
    std::optional<MemberRow> member(const std::string& user_id, const std::string& account);
    std::optional<std::string> user_name(const std::string& user_id);
    // Keeps the language and time zone the user last used ("" leaves each as it was).
    std::string remember_locale(const std::string& user_id, const std::string& language, const std::string& time_zone);

    // Reading tickets.
    std::optional<TicketRow> ticket(const std::string& id);
    std::optional<std::string> id_of_number(std::int64_t number);
    std::optional<std::int64_t> number_of(const std::string& id);
    std::vector<core::TicketComment> public_comments(const std::string& ticket_id);
    std::vector<core::StoredAttachment> files_of(const std::string& ticket_id);
    struct Survey {
        std::optional<core::SurveyRating> rating;
        std::string reason;
    };
    std::optional<Survey> survey(const std::string& ticket_id);
    // One page of an account's tickets numbered below `before`, newest first, at most `limit`; `status`
    // as the user sees it at `now`; `pattern` a LIKE pattern of the folded title or `number` the number
    // as text (both "" : no search). An error leaves `error` set.
    std::vector<TicketRow> page(const std::string& account, const ListScope& scope, std::int64_t before, int limit,
                                std::optional<core::TicketStatus> status, const std::string& pattern,
                                const std::string& number, core::UtcSeconds now, std::string& error);

    // Creating tickets.
    struct KeyUse {
        std::string request_hash, ticket_id;
    };
    std::optional<KeyUse> key_use(const std::string& user_id, const std::string& account, const std::string& key);
    std::string remember_key(const std::string& user_id, const std::string& account, const std::string& key,
                             const std::string& request_hash, const std::string& ticket_id, core::UtcSeconds now);
    // A new ticket's row, numbered by the store (`row.number` is set).
    std::string insert(TicketRow& row);
    bool draft_file_free(const std::string& attachment_id, const std::string& account, const std::string& user_id);
    // Links a draft's file to the ticket while it is still unclaimed: false (with `error` "") when
    // another ticket took it first.
    bool claim_file(const std::string& attachment_id, const std::string& ticket_id, std::string& error);

    // Changing tickets.
    // A reply: its id, or nullopt with `error` set. `author_id` "" : support's.
    std::optional<std::int64_t> add_comment(const std::string& ticket_id, const std::string& author_id,
                                            const std::string& author_name, core::CommentRole role,
                                            const std::string& body, core::UtcSeconds now, std::string& error);
    // Back to Open, out of any reopen window.
    std::string mark_open(const std::string& ticket_id, core::UtcSeconds now);
    // Support answered: an open ticket waits for the merchant; any other keeps its status.
    std::string mark_answered(const std::string& ticket_id, core::UtcSeconds now);
    std::string set_status(const std::string& ticket_id, core::TicketStatus status,
                           std::optional<core::UtcSeconds> solved_at, std::optional<core::UtcSeconds> reopen_until,
                           core::UtcSeconds now);
    std::string set_priority(const std::string& ticket_id, core::Priority priority, core::UtcSeconds due,
                             core::UtcSeconds now);
    std::string set_cc(const std::string& ticket_id, const std::vector<std::string>& cc, core::UtcSeconds now);
    std::string add_survey(const std::string& ticket_id, core::SurveyRating rating, const std::string& reason,
                           core::UtcSeconds now);

    // Files.
    std::optional<std::int64_t> file_count(const std::string& ticket_id);
    DraftUsage draft_usage(const std::string& user_id);
    std::string put_file_bytes(const std::string& sha256, const std::string& bytes);  // keeps_file_bytes() only
    std::optional<std::string> file_bytes(const std::string& sha256);
    std::string insert_attachment(const core::StoredAttachment& file, const std::string& account,
                                  const std::string& uploader, const std::string& ticket_id, core::UtcSeconds now);
    std::optional<AttachmentRow> attachment(const std::string& id);

private:
    static TicketRow read(Statement& s);
    Connection& c;
};

}  // namespace server
