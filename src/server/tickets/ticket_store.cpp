// The tickets' SQL (ticket_store.hpp), in the subset both engines read; where they differ, the engine
// is asked here.
#include "server/tickets/ticket_store.hpp"

#include <nlohmann/json.hpp>

#include "server/identity/auth_service.hpp"
#include "server/identity/identity_store.hpp"
#include "server/statement.hpp"

namespace server {

using nlohmann::json;

namespace {

// The columns TicketStore::read reads, from tickets t joined with accounts a.
constexpr const char* ticket_columns =
    "t.number, t.id, t.account_id, t.requester_id, t.kind, t.title, t.description, t.users, t.impact,"
    " t.environment, t.experience, t.agency, t.cc, t.status, t.priority, t.follow_up_of,"
    " t.opened_at, t.due_at, t.updated_at, t.solved_at, t.reopen_until, a.region";

std::optional<std::string_view> key_or_null(const auto& value) {
    return value ? std::optional<std::string_view>(core::key(*value)) : std::nullopt;
}

std::optional<std::string_view> text_or_null(const std::string& text) {
    return text.empty() ? std::nullopt : std::optional<std::string_view>(text);
}

}  // namespace

TicketRow TicketStore::read(Statement& s) {
    TicketRow r;
    r.number = s.integer(0);
    r.id = s.text(1);
    r.account = s.text(2);
    r.requester = s.text(3);
    // The store holds only what the request's parser accepted; the fallbacks are never taken.
    r.kind = core::parse_key<core::RequestKind>(s.text(4)).value_or(core::RequestKind::question);
    r.title = s.text(5);
    r.description = s.text(6);
    r.users = core::parse_key<core::UsersAffected>(s.text(7));
    r.impact = core::parse_key<core::Impact>(s.text(8));
    r.environment = core::parse_key<core::Environment>(s.text(9));
    r.experience = core::parse_key<core::Experience>(s.text(10));
    r.agency = s.text(11);
    const json cc = json::parse(s.text(12), nullptr, false);
    if (cc.is_array())
        for (const json& email : cc)
            if (email.is_string()) r.cc.push_back(email.get<std::string>());
    r.stored = core::parse_key<core::TicketStatus>(s.text(13)).value_or(core::TicketStatus::open);
    r.priority = core::parse_key<core::Priority>(s.text(14)).value_or(core::Priority::normal);
    r.follow_up_of = s.text(15);
    r.opened_at = s.integer(16);
    r.due_at = s.integer(17);
    r.updated_at = s.integer(18);
    if (!s.is_null(19)) r.solved_at = s.integer(19);
    if (!s.is_null(20)) r.reopen_until = s.integer(20);
    r.region = core::parse_region(s.text(21)).value_or(core::RegionId::brazil);
    return r;
}

std::optional<MemberRow> TicketStore::member(const std::string& user_id, const std::string& account) {
    Statement s(c, "SELECT a.region, u.email FROM memberships m JOIN accounts a ON a.id = m.account_id"
                   " JOIN users u ON u.id = m.user_id WHERE m.user_id = ? AND m.account_id = ? LIMIT 1");
    if (!s.bind(1, user_id).bind(2, account).step()) return std::nullopt;
    auto region = core::parse_region(s.text(0));
    if (!region) return std::nullopt;
    MemberRow member{*region, fold_email(s.text(1)), {}};
    member.resources = IdentityStore(c).granted_resources(user_id, account);
    return member;
}

std::optional<std::string> TicketStore::user_name(const std::string& user_id) {
    Statement user(c, "SELECT name FROM users WHERE id = ?");
    if (!user.bind(1, user_id).step()) return std::nullopt;
    return user.text(0);
}

std::string TicketStore::remember_locale(const std::string& user_id, const std::string& language,
                                         const std::string& time_zone) {
    if (!language.empty()) {
        Statement keep(c, "UPDATE users SET language = ? WHERE id = ? AND (language IS NULL OR language <> ?)");
        if (std::string failed = keep.bind(1, language).bind(2, user_id).bind(3, language).run_failure();
            !failed.empty())
            return failed;
    }
    if (!time_zone.empty()) {
        Statement keep(c, "UPDATE users SET time_zone = ? WHERE id = ? AND (time_zone IS NULL OR time_zone <> ?)");
        return keep.bind(1, time_zone).bind(2, user_id).bind(3, time_zone).run_failure();
    }
    return "";
}

std::optional<TicketRow> TicketStore::ticket(const std::string& id) {
    Statement s(c, (std::string("SELECT ") + ticket_columns +
                    " FROM tickets t JOIN accounts a ON a.id = t.account_id WHERE t.id = ?").c_str());
    if (!s.bind(1, id).step()) return std::nullopt;
    return read(s);
}

std::optional<std::string> TicketStore::id_of_number(std::int64_t number) {
    Statement s(c, "SELECT id FROM tickets WHERE number = ?");
    if (!s.bind(1, number).step()) return std::nullopt;
    return s.text(0);
}

std::optional<std::int64_t> TicketStore::number_of(const std::string& id) {
    Statement s(c, "SELECT number FROM tickets WHERE id = ?");
    if (!s.bind(1, id).step()) return std::nullopt;
    return s.integer(0);
}

std::vector<core::TicketComment> TicketStore::public_comments(const std::string& ticket_id) {
    Statement s(c, "SELECT id, author_name, author_role, body, created_at FROM ticket_comments"
                   " WHERE ticket_id = ? AND public = 1 ORDER BY id");
    s.bind(1, ticket_id);
    std::vector<core::TicketComment> comments;
    while (s.step())
        comments.push_back({s.integer(0), s.text(1),
                            core::parse_key<core::CommentRole>(s.text(2)).value_or(core::CommentRole::requester),
                            s.text(3), s.integer(4)});
    return comments;
}

std::vector<core::StoredAttachment> TicketStore::files_of(const std::string& ticket_id) {
    Statement s(c, "SELECT id, name, size, sha256, mime FROM attachments WHERE ticket_id = ? ORDER BY created_at, id");
    s.bind(1, ticket_id);
    std::vector<core::StoredAttachment> files;
    while (s.step()) files.push_back({{s.text(0), s.text(1), s.integer(2), s.text(3)}, s.text(4)});
    return files;
}

std::optional<TicketStore::Survey> TicketStore::survey(const std::string& ticket_id) {
    Statement s(c, "SELECT rating, reason FROM surveys WHERE ticket_id = ?");
    if (!s.bind(1, ticket_id).step()) return std::nullopt;
    return Survey{core::parse_key<core::SurveyRating>(s.text(0)), s.text(1)};
}

std::vector<TicketRow> TicketStore::page(const std::string& account, const ListScope& scope, std::int64_t before,
                                         int limit, std::optional<core::TicketStatus> status,
                                         const std::string& pattern, const std::string& number, core::UtcSeconds now,
                                         std::string& error) {
    std::string where = "t.account_id = ?1 AND t.number < ?2";
    if (status) {
        switch (*status) {
            case core::TicketStatus::open: where += " AND t.status = 'open'"; break;
            case core::TicketStatus::awaiting_reply: where += " AND t.status = 'awaiting_reply'"; break;
            case core::TicketStatus::solved: where += " AND t.status = 'solved' AND t.reopen_until > ?3"; break;
            case core::TicketStatus::closed:
                where += " AND (t.status = 'closed' OR (t.status = 'solved' AND t.reopen_until <= ?3))";
                break;
        }
    }
    // title_folded: the title as core::search_fold leaves it, the same folding as the portal's own searches.
    const bool search = !pattern.empty() || !number.empty();
    if (search) where += " AND (t.title_folded LIKE ?4 ESCAPE '\\' OR CAST(t.number AS TEXT) = ?5)";
    // The cc column holds a JSON array of addresses; each engine has its own reader of one.
    where += c.engine() == Engine::sqlite
                 ? " AND (?7 OR t.requester_id = ?8 OR EXISTS (SELECT 1 FROM json_each(t.cc) WHERE"
                   " lower(trim(json_each.value)) = ?9))"
                 : " AND (?7 OR t.requester_id = ?8 OR EXISTS (SELECT 1 FROM jsonb_array_elements_text(t.cc::jsonb)"
                   " AS cc(address) WHERE lower(trim(cc.address)) = ?9))";
    Statement s(c, (std::string("SELECT ") + ticket_columns + " FROM tickets t JOIN accounts a ON a.id = t.account_id"
                    " WHERE " + where + " ORDER BY t.number DESC LIMIT ?6").c_str());
    s.bind(1, account).bind(2, before).bind(3, now).bind(6, static_cast<std::int64_t>(limit));
    s.bind(7, std::int64_t{scope.all ? 1 : 0}).bind(8, scope.user_id).bind(9, scope.email);
    if (search) s.bind(4, pattern).bind(5, number);
    std::vector<TicketRow> rows;
    while (s.step()) rows.push_back(read(s));
    error = s.error();
    return rows;
}

std::optional<TicketStore::KeyUse> TicketStore::key_use(const std::string& user_id, const std::string& account,
                                                        const std::string& key) {
    Statement s(c, "SELECT request_hash, ticket_id FROM ticket_idempotency WHERE user_id = ? AND account_id = ?"
                   " AND key = ?");
    if (!s.bind(1, user_id).bind(2, account).bind(3, key).step()) return std::nullopt;
    return KeyUse{s.text(0), s.text(1)};
}

std::string TicketStore::remember_key(const std::string& user_id, const std::string& account, const std::string& key,
                                      const std::string& request_hash, const std::string& ticket_id,
                                      core::UtcSeconds now) {
    Statement s(c, "INSERT INTO ticket_idempotency (user_id, account_id, key, request_hash, ticket_id, created_at)"
                   " VALUES (?, ?, ?, ?, ?, ?)");
    return s.bind(1, user_id).bind(2, account).bind(3, key).bind(4, request_hash).bind(5, ticket_id).bind(6, now)
        .run_failure();
}

std::string TicketStore::insert(TicketRow& row) {
    Statement s(c, "INSERT INTO tickets (id, account_id, requester_id, kind, title, description, users, impact,"
                   " environment, experience, agency, cc, status, priority, opened_at, due_at, updated_at,"
                   " follow_up_of, title_folded) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                   " RETURNING number");
    s.bind(1, row.id).bind(2, row.account).bind(3, row.requester).bind(4, core::key(row.kind)).bind(5, row.title)
        .bind(6, row.description).bind_optional(7, key_or_null(row.users))
        .bind_optional(8, key_or_null(row.impact)).bind_optional(9, key_or_null(row.environment))
        .bind_optional(10, key_or_null(row.experience)).bind(11, row.agency).bind(12, json(row.cc).dump())
        .bind(13, core::key(row.stored)).bind(14, core::key(row.priority)).bind(15, row.opened_at)
        .bind(16, row.due_at).bind(17, row.updated_at).bind_optional(18, text_or_null(row.follow_up_of))
        .bind(19, core::search_fold(row.title));
    if (!s.step()) return s.error().empty() ? "the ticket's row gave no number" : s.error();
    row.number = s.integer(0);
    return s.run_failure();  // to the end of the statement
}

bool TicketStore::draft_file_free(const std::string& attachment_id, const std::string& account,
                                  const std::string& user_id) {
    Statement s(c,
                "SELECT 1 FROM attachments WHERE id = ? AND account_id = ? AND uploader_id = ? AND ticket_id IS NULL");
    return s.bind(1, attachment_id).bind(2, account).bind(3, user_id).step();
}

bool TicketStore::claim_file(const std::string& attachment_id, const std::string& ticket_id, std::string& error) {
    Statement s(c, "UPDATE attachments SET ticket_id = ? WHERE id = ? AND ticket_id IS NULL");
    error = s.bind(1, ticket_id).bind(2, attachment_id).run_failure();
    return error.empty() && s.changes() == 1;
}

std::optional<std::int64_t> TicketStore::add_comment(const std::string& ticket_id, const std::string& author_id,
                                                     const std::string& author_name, core::CommentRole role,
                                                     const std::string& body, core::UtcSeconds now,
                                                     std::string& error) {
    Statement s(c, "INSERT INTO ticket_comments (ticket_id, author_id, author_name, author_role, body, created_at)"
                   " VALUES (?, ?, ?, ?, ?, ?) RETURNING id");
    s.bind(1, ticket_id).bind_optional(2, text_or_null(author_id)).bind(3, author_name).bind(4, core::key(role))
        .bind(5, body).bind(6, now);
    if (!s.step()) {
        error = s.error().empty() ? "the reply's row gave no id" : s.error();
        return std::nullopt;
    }
    const std::int64_t id = s.integer(0);
    error = s.run_failure();  // to the end of the statement
    if (!error.empty()) return std::nullopt;
    return id;
}

std::string TicketStore::mark_open(const std::string& ticket_id, core::UtcSeconds now) {
    Statement s(c, "UPDATE tickets SET status = 'open', solved_at = NULL, reopen_until = NULL, updated_at = ?"
                   " WHERE id = ?");
    return s.bind(1, now).bind(2, ticket_id).run_failure();
}

std::string TicketStore::mark_answered(const std::string& ticket_id, core::UtcSeconds now) {
    Statement s(c, "UPDATE tickets SET status = CASE WHEN status = 'open' THEN 'awaiting_reply' ELSE status END,"
                   " updated_at = ? WHERE id = ?");
    return s.bind(1, now).bind(2, ticket_id).run_failure();
}

std::string TicketStore::set_status(const std::string& ticket_id, core::TicketStatus status,
                                    std::optional<core::UtcSeconds> solved_at,
                                    std::optional<core::UtcSeconds> reopen_until, core::UtcSeconds now) {
    Statement s(c, "UPDATE tickets SET status = ?, solved_at = ?, reopen_until = ?, updated_at = ? WHERE id = ?");
    s.bind(1, core::key(status));
    if (solved_at) s.bind(2, *solved_at);
    else s.bind_optional(2, std::nullopt);
    if (reopen_until) s.bind(3, *reopen_until);
    else s.bind_optional(3, std::nullopt);
    return s.bind(4, now).bind(5, ticket_id).run_failure();
}

std::string TicketStore::set_priority(const std::string& ticket_id, core::Priority priority, core::UtcSeconds due,
                                      core::UtcSeconds now) {
    Statement s(c, "UPDATE tickets SET priority = ?, due_at = ?, updated_at = ? WHERE id = ?");
    return s.bind(1, core::key(priority)).bind(2, due).bind(3, now).bind(4, ticket_id).run_failure();
}

std::string TicketStore::set_cc(const std::string& ticket_id, const std::vector<std::string>& cc,
                                core::UtcSeconds now) {
    Statement s(c, "UPDATE tickets SET cc = ?, updated_at = ? WHERE id = ?");
    return s.bind(1, json(cc).dump()).bind(2, now).bind(3, ticket_id).run_failure();
}

std::string TicketStore::add_survey(const std::string& ticket_id, core::SurveyRating rating, const std::string& reason,
                                    core::UtcSeconds now) {
    Statement s(c, "INSERT INTO surveys (ticket_id, rating, reason, rated_at) VALUES (?, ?, ?, ?)");
    return s.bind(1, ticket_id).bind(2, core::key(rating)).bind(3, reason).bind(4, now).run_failure();
}

std::optional<std::int64_t> TicketStore::file_count(const std::string& ticket_id) {
    Statement s(c, "SELECT count(*) FROM attachments WHERE ticket_id = ?");
    if (!s.bind(1, ticket_id).step()) return std::nullopt;
    return s.integer(0);
}

DraftUsage TicketStore::draft_usage(const std::string& user_id) {
    Statement s(c,
                "SELECT count(*), coalesce(sum(size), 0) FROM attachments WHERE uploader_id = ? AND ticket_id IS NULL");
    if (!s.bind(1, user_id).step()) return {};
    return DraftUsage{s.integer(0), s.integer(1)};
}

std::string TicketStore::put_file_bytes(const std::string& sha256, const std::string& bytes) {
    Statement s(c, "INSERT INTO attachment_files (sha256, bytes) VALUES (?, ?) ON CONFLICT DO NOTHING");
    return s.bind(1, sha256).bind_blob(2, bytes).run_failure();
}

std::optional<std::string> TicketStore::file_bytes(const std::string& sha256) {
    Statement s(c, "SELECT bytes FROM attachment_files WHERE sha256 = ?");
    if (!s.bind(1, sha256).step()) return std::nullopt;
    return s.blob(0);
}

std::string TicketStore::insert_attachment(const core::StoredAttachment& file, const std::string& account,
                                           const std::string& uploader, const std::string& ticket_id,
                                           core::UtcSeconds now) {
    Statement s(c, "INSERT INTO attachments (id, account_id, uploader_id, ticket_id, name, mime, size, sha256,"
                   " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    return s.bind(1, file.id).bind(2, account).bind(3, uploader).bind_optional(4, text_or_null(ticket_id))
        .bind(5, file.name).bind(6, file.mime).bind(7, file.size).bind(8, file.sha256).bind(9, now).run_failure();
}

std::optional<AttachmentRow> TicketStore::attachment(const std::string& id) {
    Statement s(c, "SELECT account_id, name, mime, sha256, uploader_id, coalesce(ticket_id, '') FROM attachments"
                   " WHERE id = ?");
    if (!s.bind(1, id).step()) return std::nullopt;
    return AttachmentRow{s.text(0), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5)};
}

}  // namespace server
