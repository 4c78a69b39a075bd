#include "server/tickets/ticket_service.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "core/priority.hpp"
#include "core/sla.hpp"
#include "server/identity/auth_service.hpp"
#include "server/identity/crypto.hpp"
#include "server/identity/license_grants.hpp"
#include "server/statement.hpp"
#include "server/tickets/attachment_name.hpp"

namespace server {

using nlohmann::json;

struct TicketService::Row {
    std::int64_t number = 0;
    std::string id, account, requester, kind, title, description, users, impact, environment, experience, agency, cc,
        priority, follow_up_of;
    core::TicketStatus stored = core::TicketStatus::open;  // as written; status_at() is what the user sees
    core::UtcSeconds opened_at = 0, due_at = 0, updated_at = 0;
    std::optional<core::UtcSeconds> solved_at, reopen_until;
    core::RegionId region = core::RegionId::brazil;

    core::TicketStatus status_at(core::UtcSeconds now) const { return core::effective_status(stored, reopen_until, now); }
};

namespace {

constexpr const char* row_columns =
    "t.number, t.id, t.account_id, t.requester_id, t.kind, t.title, t.description, coalesce(t.users, ''),"
    " coalesce(t.impact, ''), coalesce(t.environment, ''), coalesce(t.experience, ''), t.agency, t.cc, t.status,"
    " t.priority, coalesce(t.follow_up_of, ''), t.opened_at, t.due_at, t.updated_at, t.solved_at, t.reopen_until,"
    " a.region";

template <class Row>
Row read_row(Statement& s) {
    Row r;
    r.number = s.integer(0);
    std::string* texts[] = {&r.id, &r.account, &r.requester, &r.kind, &r.title, &r.description, &r.users, &r.impact,
                            &r.environment, &r.experience, &r.agency, &r.cc};
    for (int i = 0; i < 12; ++i) *texts[i] = s.text(i + 1);
    r.stored = core::parse_ticket_status(s.text(13)).value_or(core::TicketStatus::open);
    r.priority = s.text(14);
    r.follow_up_of = s.text(15);
    r.opened_at = s.integer(16);
    r.due_at = s.integer(17);
    r.updated_at = s.integer(18);
    if (!s.is_null(19)) r.solved_at = s.integer(19);
    if (!s.is_null(20)) r.reopen_until = s.integer(20);
    r.region = core::parse_region(s.text(21)).value_or(core::RegionId::brazil);
    return r;
}

Reply not_found(const std::string& id) {
    return error_reply(404, "not_found", "There is no ticket " + id + " on your accounts.");
}

Reply storage_failed(const std::string& what) {
    std::fprintf(stderr, "portal-server: tickets: %s\n", what.c_str());
    return error_reply(503, "storage", "The ticket could not be saved right now. Nothing was lost on your side; try again in a moment.");
}

// Back to Open (a reply, or a reopen), out of any reopen window: "" or the store's error.
std::string mark_open(Connection& c, const std::string& ticket_id, core::UtcSeconds now) {
    Statement update(c, "UPDATE tickets SET status = 'open', solved_at = NULL, reopen_until = NULL,"
                                  " updated_at = ? WHERE id = ?");
    update.bind(1, now).bind(2, ticket_id).run();
    return update.error();
}

bool valid_key(const std::string& key) {
    if (key.empty() || key.size() > 128) return false;
    for (unsigned char c : key)
        if (c < 0x21 || c > 0x7e) return false;
    return true;
}

// Writes the bytes to `path` through a temporary file, fsynced, then renamed: a crash leaves either
// the whole file or none. An Error says why (a full disk among them).
core::Result<bool> write_durably(const std::filesystem::path& path, const std::string& bytes) {
    std::error_code ec;
    std::filesystem::create_directories(path.parent_path(), ec);
    if (ec) return core::Error{"storage", "cannot create " + path.parent_path().string() + ": " + ec.message()};
    const std::string temp = path.string() + ".part" + std::to_string(::getpid());
    int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
    if (fd < 0) return core::Error{"storage", std::string("cannot create a file: ") + std::strerror(errno)};
    size_t written = 0;
    while (written < bytes.size()) {
        ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            int error = errno;
            ::close(fd);
            ::unlink(temp.c_str());
            return core::Error{error == ENOSPC ? "disk_full" : "storage", std::string("cannot write a file: ") + std::strerror(error)};
        }
        written += static_cast<size_t>(n);
    }
    if (::fsync(fd) != 0 || ::close(fd) != 0) {
        int error = errno;
        ::unlink(temp.c_str());
        return core::Error{error == ENOSPC ? "disk_full" : "storage", std::string("cannot write a file: ") + std::strerror(error)};
    }
    if (::rename(temp.c_str(), path.c_str()) != 0) {
        ::unlink(temp.c_str());
        return core::Error{"storage", std::string("cannot store a file: ") + std::strerror(errno)};
    }
    return true;
}

}  // namespace

TicketService::TicketService(Database& database, const core::SupportRegions& support_regions,
                             std::function<core::UtcSeconds()> now, std::filesystem::path attachments_dir,
                             core::LicenseResource resource, core::AttachmentLimits limits)
    : db(database), regions(support_regions), clock(std::move(now)), files_dir(std::move(attachments_dir)),
      ticket_resource(std::move(resource)), limits_(std::move(limits)) {}

std::optional<TicketService::Membership> TicketService::membership(Connection& c, const std::string& user_id,
                                                                    const std::string& account) {
    Statement s(c, "SELECT a.region, u.email FROM memberships m JOIN accounts a ON a.id = m.account_id"
                   " JOIN users u ON u.id = m.user_id WHERE m.user_id = ? AND m.account_id = ? LIMIT 1");
    if (!s.bind(1, user_id).bind(2, account).step()) return std::nullopt;
    auto region = core::parse_region(s.text(0));
    if (!region) return std::nullopt;
    const bool can_open = core::can_open_tickets(*region, granted_resources(c, user_id, account), ticket_resource);
    return Membership{*region, can_open, fold_email(s.text(1))};
}

Reply TicketService::missing_resource(const std::string& account) const {
    const std::string& product = ticket_resource.product;
    const std::string& resource = ticket_resource.resource;
    return error_reply(403, "missing_resource",
                       "Opening tickets on " + account + " needs the License Manager resource \"" + resource +
                           "\" of the product \"" + product +
                           "\". An Owner (Admin Super) or a User Administrator - Restricted of the account can grant "
                           "it to you.",
                       json{{"product", product}, {"resource", resource}});
}

std::optional<TicketService::Row> TicketService::load(Connection& c, const std::string& ticket_id) {
    Statement s(c, (std::string("SELECT ") + row_columns +
                    " FROM tickets t JOIN accounts a ON a.id = t.account_id WHERE t.id = ?").c_str());
    if (!s.bind(1, ticket_id).step()) return std::nullopt;
    return read_row<Row>(s);
}

// Who sees a ticket, reads its files and answers it: its requester and the people it copies, always;
// other members of its account only when they may open tickets there. Anyone else gets 404.
std::optional<TicketService::Row> TicketService::load_for(Connection& c, const std::string& user_id,
                                                          const std::string& ticket_id) {
    auto row = load(c, ticket_id);
    if (!row) return std::nullopt;
    auto member = membership(c, user_id, row->account);
    if (!member) return std::nullopt;
    if (row->requester == user_id || member->can_open) return row;
    const json cc = json::parse(row->cc, nullptr, false);
    if (cc.is_array())
        for (const json& email : cc)
            if (email.is_string() && fold_email(email.get<std::string>()) == member->email) return row;
    return std::nullopt;
}

std::optional<TicketService::Row> TicketService::load_ref(Connection& c, const std::string& ticket) {
    if (auto row = load(c, ticket)) return row;
    Statement s(c, "SELECT id FROM tickets WHERE number = ?");
    char* end = nullptr;
    const long long number = std::strtoll(ticket.c_str(), &end, 10);
    if (ticket.empty() || *end != '\0' || !s.bind(1, static_cast<std::int64_t>(number)).step()) return std::nullopt;
    return load(c, s.text(0));
}

core::UtcSeconds TicketService::reopen_until(const Row& row, core::UtcSeconds solved_at) const {
    return core::reopen_until(regions.get(row.region), solved_at);
}

json TicketService::summary(const Row& r, core::UtcSeconds now) const {
    const core::TicketStatus status = r.status_at(now);
    return json{{"id", r.id},
                {"number", r.number},
                {"account", r.account},
                {"kind", r.kind},
                {"title", r.title},
                {"status", core::key(status)},
                {"priority", r.priority},
                {"opened_at", core::format_rfc3339(r.opened_at)},
                {"due_at", core::format_rfc3339(r.due_at)},
                {"updated_at", core::format_rfc3339(r.updated_at)}};
}

json TicketService::details(Connection& c, const Row& r, core::UtcSeconds now) {
    json t = summary(r, now);
    t["description"] = r.description;
    for (auto [name, value] : {std::pair{"users", &r.users}, {"impact", &r.impact}, {"environment", &r.environment},
                               {"experience", &r.experience}})
        t[name] = value->empty() ? json(nullptr) : json(*value);
    t["agency"] = r.agency;
    json cc = json::parse(r.cc, nullptr, false);
    t["cc"] = cc.is_array() ? cc : json::array();
    t["follow_up_of"] = r.follow_up_of.empty() ? json(nullptr) : json(r.follow_up_of);
    t["follow_up_number"] = nullptr;  // the followed ticket's number, as people name it
    if (!r.follow_up_of.empty()) {
        Statement followed(c, "SELECT number FROM tickets WHERE id = ?");
        if (followed.bind(1, r.follow_up_of).step()) t["follow_up_number"] = followed.integer(0);
    }
    t["solved_at"] = r.solved_at ? json(core::format_rfc3339(*r.solved_at)) : json(nullptr);
    t["reopen_until"] = r.reopen_until ? json(core::format_rfc3339(*r.reopen_until)) : json(nullptr);
    t["comments"] = json::array();
    Statement comments(c, "SELECT id, author_name, author_role, body, created_at FROM ticket_comments"
                                    " WHERE ticket_id = ? AND public = 1 ORDER BY id");
    comments.bind(1, r.id);
    while (comments.step())
        t["comments"].push_back({{"id", comments.integer(0)}, {"author", comments.text(1)}, {"role", comments.text(2)},
                                 {"body", comments.text(3)}, {"created_at", core::format_rfc3339(comments.integer(4))}});
    t["attachments"] = json::array();
    Statement files(c, "SELECT id, name, size, sha256, mime FROM attachments WHERE ticket_id = ? ORDER BY created_at, id");
    files.bind(1, r.id);
    while (files.step())
        t["attachments"].push_back({{"id", files.text(0)}, {"name", files.text(1)}, {"size", files.integer(2)},
                                    {"sha256", files.text(3)}, {"mime", files.text(4)}});
    Statement survey(c, "SELECT rating, reason FROM surveys WHERE ticket_id = ?");
    const bool rated = survey.bind(1, r.id).step();
    const core::SurveyStatus survey_state = core::survey_status(r.stored, r.reopen_until, rated, now);
    t["survey"] = {{"status", core::key(survey_state)},
                   {"rating", rated ? json(survey.text(0)) : json(nullptr)},
                   {"reason", rated ? json(survey.text(1)) : json(nullptr)},
                   {"until", r.reopen_until ? json(core::format_rfc3339(*r.reopen_until)) : json(nullptr)}};
    return t;
}

Reply TicketService::create(const std::string& user_id, const std::string& account, const std::string& key,
                            const std::string& body) {
    if (!valid_key(key))
        return error_reply(400, "idempotency_key_required",
                           "The request needs an Idempotency-Key header (1 to 128 visible characters) so that a retry "
                           "never opens a second ticket.");
    auto parsed = core::parse_ticket_request(body);
    if (!parsed) return error_reply(400, parsed.error().code.c_str(), parsed.error().message);
    const core::TicketFields fields = std::move(parsed).value();
    const std::string request_hash = crypto::hex(crypto::sha256(core::ticket_request_json(fields)));
    // What needs no database is worked out before joining the batch of writers; the answer still
    // follows the order membership, idempotency, permission, validation.
    const auto problems = core::validate_ticket(fields);
    const auto decision = problems.empty() ? core::derive_priority(core::answers_of(fields))
                                           : core::Result<core::PriorityDecision>(core::Error{"invalid_ticket", ""});
    const std::string id = "t_" + crypto::random_token(12);
    const std::string cc = json(fields.cc).dump();

    std::optional<Reply> reply;  // a refusal, or the earlier ticket of a replayed key
    std::optional<Row> created;
    // Runs inside the shared write transaction; true keeps this ticket's rows.
    auto work = [&](Connection& c) -> bool {
        auto member = membership(c, user_id, account);
        if (!member) {
            reply = error_reply(404, "not_found", "There is no account " + account + " among yours.");
            return false;
        }
        const core::UtcSeconds now = clock();
        Statement seen(c, "SELECT request_hash, ticket_id FROM ticket_idempotency WHERE user_id = ? AND"
                           " account_id = ? AND key = ?");
        if (seen.bind(1, user_id).bind(2, account).bind(3, key).step()) {
            if (seen.text(0) != request_hash) {
                reply = error_reply(422, "idempotency_key_reused",
                                    "This Idempotency-Key was already used for a different ticket. Start a new ticket.");
                return false;
            }
            auto row = load(c, seen.text(1));
            reply = row ? Reply{200, summary(*row, now), std::nullopt}
                        : storage_failed("an idempotency key names a missing ticket");
            return false;
        }
        if (!member->can_open) {
            reply = missing_resource(account);
            return false;
        }
        if (!problems.empty()) {
            json list = json::array();
            // Each problem in English, and as the catalog key with its values so the portal can say it in
            // the reader's language.
            for (const core::FieldError& e : problems) {
                json values = json::object();
                for (const auto& [name, value] : e.message.args) values[name] = value;
                list.push_back({{"field", e.field}, {"message", core::english(e.message)}, {"key", e.message.key}, {"values", values}});
            }
            reply = error_reply(400, "invalid_ticket", problems.front().field + ": " + core::english(problems.front().message),
                                json{{"fields", list}});
            return false;
        }
        if (!decision) {
            reply = error_reply(400, "invalid_ticket", decision.error().message);
            return false;
        }
        for (const core::AttachmentRef& a : fields.attachments) {
            Statement check(c, "SELECT 1 FROM attachments WHERE id = ? AND account_id = ? AND uploader_id = ?"
                                " AND ticket_id IS NULL");
            if (!check.bind(1, a.id).bind(2, account).bind(3, user_id).step()) {
                reply = error_reply(400, "invalid_ticket", "attachments: a file is no longer available; attach it again.",
                                    json{{"fields", {{{"field", "attachments"}, {"message", "A file is no longer available; attach it again."}}}}});
                return false;
            }
        }
        if (!fields.follow_up_of.empty()) {
            auto previous = load(c, fields.follow_up_of);
            if (!previous || previous->account != account || previous->status_at(now) != core::TicketStatus::closed) {
                reply = error_reply(400, "invalid_ticket", "follow_up_of: only a closed ticket of this account can be followed up.");
                return false;
            }
        }
        Row row;
        row.id = id;
        row.account = account;
        row.requester = user_id;
        row.kind = core::key(fields.kind);
        row.title = fields.title;
        row.priority = core::key(decision.value().priority);
        row.opened_at = row.updated_at = now;
        row.due_at = core::first_response_due(regions.get(member->region), decision.value().priority, now);
        row.region = member->region;
        Statement insert(c,
                         "INSERT INTO tickets (id, account_id, requester_id, kind, title, description, users, impact,"
                         " environment, experience, agency, cc, status, priority, opened_at, due_at, updated_at, follow_up_of)"
                         " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?, ?, ?) RETURNING number");
        auto opt = [](auto value) { return value ? std::optional<std::string_view>(core::key(*value)) : std::nullopt; };
        insert.bind(1, id).bind(2, account).bind(3, user_id).bind(4, row.kind).bind(5, fields.title)
            .bind(6, fields.description).bind_optional(7, opt(fields.users)).bind_optional(8, opt(fields.impact))
            .bind_optional(9, opt(fields.environment)).bind_optional(10, opt(fields.experience)).bind(11, fields.agency)
            .bind(12, cc).bind(13, row.priority).bind(14, now).bind(15, row.due_at).bind(16, now)
            .bind_optional(17, fields.follow_up_of.empty() ? std::nullopt : std::optional<std::string_view>(fields.follow_up_of));
        if (!insert.step()) {
            reply = storage_failed(insert.error());
            return false;
        }
        row.number = insert.integer(0);
        insert.run();  // to the end of the statement
        for (const core::AttachmentRef& a : fields.attachments) {
            Statement link(c, "UPDATE attachments SET ticket_id = ? WHERE id = ?");
            if (!link.bind(1, id).bind(2, a.id).run()) {
                reply = storage_failed(link.error());
                return false;
            }
        }
        Statement remember(c, "INSERT INTO ticket_idempotency (user_id, account_id, key, request_hash, ticket_id,"
                               " created_at) VALUES (?, ?, ?, ?, ?, ?)");
        if (!remember.bind(1, user_id).bind(2, account).bind(3, key).bind(4, request_hash).bind(5, id).bind(6, now).run()) {
            reply = storage_failed(remember.error());
            return false;
        }
        created = std::move(row);
        return true;
    };
    // Nothing is answered from a batch that did not commit: even a replay may have read a key written
    // earlier in the same batch, now undone.
    if (!db.write(work)) return storage_failed("the ticket's transaction did not commit");
    if (created) return Reply{201, summary(*created, created->opened_at), std::nullopt};
    if (!reply) return storage_failed("the ticket's transaction could not start");
    return *reply;
}

core::Result<TicketListQuery> parse_ticket_list_query(const std::string& status, const std::string& typed_query,
                                                      const std::string& cursor, const std::string& limit_text) {
    auto invalid = [](const char* message) { return core::Error{"invalid_request", message}; };
    TicketListQuery q;
    if (!limit_text.empty()) {
        char* end = nullptr;
        long value = std::strtol(limit_text.c_str(), &end, 10);
        if (*end != '\0' || value < 1 || value > 200) return invalid("limit: must be a number from 1 to 200");
        q.limit = static_cast<int>(value);
    }
    if (!cursor.empty()) {
        char* end = nullptr;
        long long value = std::strtoll(cursor.c_str(), &end, 10);
        if (*end != '\0' || value <= 0) return invalid("cursor: use the next_cursor of the previous page");
        q.before = value;
    }
    if (!status.empty()) {
        q.status = core::parse_ticket_status(status);
        if (!q.status) return invalid("status: must be one of open, awaiting_reply, solved, closed");
    }
    // As typed in a search box: spaces around it do not count, and a number may come as the list shows it
    // ("#1001").
    const size_t first = typed_query.find_first_not_of(" \t");
    q.query = first == std::string::npos ? "" : typed_query.substr(first, typed_query.find_last_not_of(" \t") - first + 1);
    q.number = q.query.size() > 1 && q.query[0] == '#' ? q.query.substr(1) : q.query;
    if (!q.query.empty()) {
        if (q.query.size() > 200) return invalid("q: search for at most 200 characters");
        for (char c : core::search_fold(q.query)) {
            if (c == '%' || c == '_' || c == '\\') q.pattern += '\\';
            q.pattern += c;
        }
        q.pattern = "%" + q.pattern + "%";
    }
    return q;
}

Reply TicketService::list(const std::string& user_id, const std::string& account, const std::string& status,
                          const std::string& typed_query, const std::string& cursor, const std::string& limit_text) {
    auto parsed = parse_ticket_list_query(status, typed_query, cursor, limit_text);
    if (!parsed) return error_reply(400, "invalid_request", parsed.error().message);
    const TicketListQuery& q = parsed.value();
    const int limit = q.limit;
    std::string where = "t.account_id = ?1 AND t.number < ?2";
    if (q.status) {
        switch (*q.status) {
            case core::TicketStatus::open: where += " AND t.status = 'open'"; break;
            case core::TicketStatus::awaiting_reply: where += " AND t.status = 'awaiting_reply'"; break;
            case core::TicketStatus::solved: where += " AND t.status = 'solved' AND t.reopen_until > ?3"; break;
            case core::TicketStatus::closed:
                where += " AND (t.status = 'closed' OR (t.status = 'solved' AND t.reopen_until <= ?3))";
                break;
        }
    }
    // search_fold: the same folding as the portal's own searches (registered by Database::open).
    if (!q.query.empty()) where += " AND (search_fold(t.title) LIKE ?4 ESCAPE '\\' OR CAST(t.number AS TEXT) = ?5)";
    auto c = db.reader();
    auto member = membership(*c, user_id, account);
    if (!member) return error_reply(404, "not_found", "There is no account " + account + " among yours.");
    // The tickets this member may see (load_for's rule): all of the account's, or their own and those
    // that copy them.
    where += " AND (?7 OR t.requester_id = ?8 OR EXISTS (SELECT 1 FROM json_each(t.cc) WHERE"
             " lower(trim(json_each.value)) = ?9))";
    const core::UtcSeconds now = clock();
    Statement s(*c, (std::string("SELECT ") + row_columns + " FROM tickets t JOIN accounts a ON a.id = t.account_id"
                     " WHERE " + where + " ORDER BY t.number DESC LIMIT ?6").c_str());
    s.bind(1, account).bind(2, q.before).bind(3, now).bind(6, static_cast<std::int64_t>(limit + 1));
    s.bind(7, std::int64_t{member->can_open ? 1 : 0}).bind(8, user_id).bind(9, member->email);
    if (!q.query.empty()) s.bind(4, q.pattern).bind(5, q.number);
    json tickets = json::array();
    std::int64_t last = 0;
    bool more = false;
    while (s.step()) {
        if (static_cast<int>(tickets.size()) == limit) {
            more = true;
            break;
        }
        Row row = read_row<Row>(s);
        last = row.number;
        tickets.push_back(summary(row, now));
    }
    if (!s.error().empty()) return storage_failed(s.error());
    return Reply{200, json{{"tickets", tickets}, {"next_cursor", more ? json(std::to_string(last)) : json(nullptr)}},
                 std::nullopt};
}

Reply TicketService::get(const std::string& user_id, const std::string& ticket_id) {
    auto c = db.reader();
    auto row = load_for(*c, user_id, ticket_id);
    if (!row) return not_found(ticket_id);
    return Reply{200, details(*c, *row, clock()), std::nullopt};
}

Reply TicketService::change(const std::string& user_id, const std::string& ticket_id,
                            const std::function<Reply(Connection&, const Row&, core::UtcSeconds, bool& keep)>& work) {
    Reply reply;
    const bool committed = db.write([&](Connection& c) {
        auto row = load_for(c, user_id, ticket_id);
        if (!row) {
            reply = not_found(ticket_id);
            return false;
        }
        const core::UtcSeconds now = clock();
        bool keep = true;
        reply = work(c, *row, now, keep);
        if (keep && reply.status < 300) {
            if (auto changed = load(c, ticket_id)) reply.body = details(c, *changed, now);
        }
        return keep;
    });
    return committed ? reply : storage_failed("a ticket's change did not commit");
}

core::Result<std::string> parse_comment_body(const json& body) {
    auto text = body.find("body");
    if (text == body.end() || !text->is_string() || text->get<std::string>().find_first_not_of(" \t\r\n") == std::string::npos)
        return core::Error{"invalid_request", "body: write your reply first."};
    if (core::utf8_length(text->get<std::string>()) > core::max_description_chars)
        return core::Error{"invalid_request", "body: the reply is too long; attach long logs as files."};
    return text->get<std::string>();
}

core::Result<SurveyAnswer> parse_survey_body(const json& body) {
    auto rating = body.find("rating");
    if (rating == body.end() || !rating->is_string() || (*rating != "good" && *rating != "bad"))
        return core::Error{"invalid_request", "rating: choose good or bad."};
    SurveyAnswer answer{rating->get<std::string>(), ""};
    if (auto r = body.find("reason"); r != body.end() && !r->is_null()) {
        if (!r->is_string()) return core::Error{"invalid_request", "reason: must be text."};
        answer.reason = r->get<std::string>();
    }
    if (answer.rating == "bad" && answer.reason.find_first_not_of(" \t\r\n") == std::string::npos)
        return core::Error{"reason_required", "reason: tell us what went wrong, so that support can do better."};
    if (core::utf8_length(answer.reason) > 2000) return core::Error{"invalid_request", "reason: keep it under 2000 characters."};
    return answer;
}

Reply TicketService::comment(const std::string& user_id, const std::string& ticket_id, const json& body) {
    auto text = parse_comment_body(body);
    if (!text) return error_reply(400, text.error().code.c_str(), text.error().message);
    return change(user_id, ticket_id, [&](Connection& c, const Row& row, core::UtcSeconds now, bool& keep) {
        if (row.status_at(now) == core::TicketStatus::closed) {
            keep = false;
            return error_reply(409, "ticket_closed", "This ticket is closed and cannot take replies. Open a follow-up ticket; it will link to this one.");
        }
        Statement user(c, "SELECT name FROM users WHERE id = ?");
        const std::string name = user.bind(1, user_id).step() ? user.text(0) : "You";
        Statement insert(c, "INSERT INTO ticket_comments (ticket_id, author_id, author_name, author_role, body,"
                            " created_at) VALUES (?, ?, ?, 'requester', ?, ?)");
        // A reply answers support's question; on a solved ticket it reopens it (inside the window).
        if (!insert.bind(1, ticket_id).bind(2, user_id).bind(3, name).bind(4, text.value()).bind(5, now).run() ||
            !mark_open(c, ticket_id, now).empty()) {
            keep = false;
            return storage_failed("cannot store a reply");
        }
        return Reply{201};
    });
}

Reply TicketService::reopen(const std::string& user_id, const std::string& ticket_id) {
    return change(user_id, ticket_id, [&](Connection& c, const Row& row, core::UtcSeconds now, bool& keep) {
        keep = false;
        const core::TicketStatus status = row.status_at(now);
        if (status == core::TicketStatus::closed)
            return error_reply(409, "ticket_closed",
                               "This ticket was closed on " + core::format_rfc3339(row.reopen_until.value_or(row.updated_at)) +
                                   " and can no longer be reopened. Open a follow-up ticket; it will link to this one.");
        if (status != core::TicketStatus::solved)
            return error_reply(409, "not_solved", "Only a solved ticket can be reopened; this one is still " +
                                                      std::string(core::label(status)) + ".");
        if (const std::string failed = mark_open(c, ticket_id, now); !failed.empty()) return storage_failed(failed);
        keep = true;
        return Reply{200};
    });
}

Reply TicketService::survey(const std::string& user_id, const std::string& ticket_id, const json& body) {
    auto answer = parse_survey_body(body);
    if (!answer) return error_reply(400, answer.error().code.c_str(), answer.error().message);
    const std::string& reason = answer.value().reason;
    return change(user_id, ticket_id, [&](Connection& c, const Row& row, core::UtcSeconds now, bool& keep) {
        keep = false;
        Statement rated(c, "SELECT 1 FROM surveys WHERE ticket_id = ?");
        const core::SurveyStatus state =
            core::survey_status(row.stored, row.reopen_until, rated.bind(1, ticket_id).step(), now);
        if (state == core::SurveyStatus::reviewed) return error_reply(409, "already_rated", "You already rated this ticket. Thank you.");
        if (state == core::SurveyStatus::none)
            return error_reply(409, "not_solved", "The survey opens when the ticket is solved.");
        if (state == core::SurveyStatus::expired)
            return error_reply(409, "survey_expired", "The survey for this ticket closed on " +
                                                          core::format_rfc3339(*row.reopen_until) + ".");
        Statement insert(c, "INSERT INTO surveys (ticket_id, rating, reason, rated_at) VALUES (?, ?, ?, ?)");
        if (!insert.bind(1, ticket_id).bind(2, answer.value().rating).bind(3, reason).bind(4, now).run())
            return storage_failed(insert.error());
        keep = true;
        return Reply{201};
    });
}

// The file is written (fsynced, by SHA-256) before its row, outside the writer; the row's work then
// checks again what may have changed meanwhile (the ticket's count, the draft quota) and that the file
// is still there (the retention sweep removes files no row names).
Reply TicketService::store_upload(const std::string& user_id, const std::string& account, const std::string& ticket_id,
                                  const Upload& file) {
    const std::string name = attachment_name(file.name);
    const auto size = static_cast<std::int64_t>(file.bytes.size());
    if (auto problem = core::check_attachment(limits_, name, size, 0))
        return error_reply(size > limits_.max_file_bytes ? 413 : 400, "invalid_attachment", core::english(*problem));
    const std::string digest = crypto::hex(crypto::sha256(file.bytes));
    const std::filesystem::path path = files_dir / digest.substr(0, 2) / digest;
    const std::string id = "a_" + crypto::random_token(12);
    Reply reply;
    for (int attempt = 0; attempt < 2; ++attempt) {
        std::error_code ec;
        if (!std::filesystem::exists(path, ec) || std::filesystem::file_size(path, ec) != static_cast<std::uintmax_t>(size)) {
            auto written = write_durably(path, file.bytes);
            if (!written) {
                std::fprintf(stderr, "portal-server: attachments: %s\n", written.error().message.c_str());
                return error_reply(507, "storage_full",
                                   written.error().code == "disk_full"
                                       ? "The server has no room for this file right now. Your draft and its other files are kept; try again later."
                                       : "The file could not be stored right now. Your draft is kept; try again in a moment.");
            }
        }
        bool file_gone = false;
        const bool committed = db.write([&](Connection& c) {
            if (!ticket_id.empty()) {
                Statement count(c, "SELECT count(*) FROM attachments WHERE ticket_id = ?");
                const size_t attached = count.bind(1, ticket_id).step() ? static_cast<size_t>(count.integer(0)) : 0;
                if (auto problem = core::check_attachment(limits_, name, size, attached)) {
                    reply = error_reply(400, "invalid_attachment", core::english(*problem));
                    return false;
                }
            } else {
                Statement drafts(c, "SELECT count(*), coalesce(sum(size), 0) FROM attachments WHERE uploader_id = ?"
                                    " AND ticket_id IS NULL");
                drafts.bind(1, user_id).step();
                if (drafts.integer(0) + 1 > draft_quota_files || drafts.integer(1) + size > draft_quota_bytes()) {
                    reply = error_reply(429, "draft_quota",
                                        "You have " + std::to_string(drafts.integer(0)) + " files (" +
                                            core::format_bytes(drafts.integer(1)) +
                                            ") waiting for a ticket. Submit or discard a draft first; files not attached "
                                            "to a ticket are cleared after a day.");
                    return false;
                }
            }
            std::error_code missing;
            if (!std::filesystem::exists(path, missing)) {
                file_gone = true;
                return false;
            }
            Statement insert(c, "INSERT INTO attachments (id, account_id, uploader_id, ticket_id, name, mime, size,"
                                " sha256, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
            insert.bind(1, id).bind(2, account).bind(3, user_id)
                .bind_optional(4, ticket_id.empty() ? std::nullopt : std::optional<std::string_view>(ticket_id))
                .bind(5, name).bind(6, attachment_mime(name)).bind(7, size).bind(8, digest).bind(9, clock());
            if (!insert.run()) {
                reply = storage_failed(insert.error());
                return false;
            }
            reply = Reply{201, json{{"id", id}, {"name", name}, {"size", size}, {"sha256", digest}, {"mime", attachment_mime(name)}},
                          std::nullopt};
            return true;
        });
        if (!committed) return storage_failed("an upload's row did not commit");
        if (!file_gone) return reply;
    }
    return reply;
}

Reply TicketService::upload_to_account(const std::string& user_id, const std::string& account, const Upload& file) {
    {
        auto c = db.reader();
        auto member = membership(*c, user_id, account);
        if (!member) return error_reply(404, "not_found", "There is no account " + account + " among yours.");
        if (!member->can_open) return missing_resource(account);
    }
    return store_upload(user_id, account, "", file);
}

Reply TicketService::upload_to_ticket(const std::string& user_id, const std::string& ticket_id, const Upload& file) {
    std::string account;
    {
        auto c = db.reader();
        auto row = load_for(*c, user_id, ticket_id);
        if (!row) return not_found(ticket_id);
        if (row->status_at(clock()) == core::TicketStatus::closed)
            return error_reply(409, "ticket_closed", "This ticket is closed. Open a follow-up ticket to send more files.");
        account = row->account;
    }
    return store_upload(user_id, account, ticket_id, file);
}

std::variant<Download, Reply> TicketService::download(const std::string& user_id, const std::string& attachment_id) {
    auto c = db.reader();
    Statement s(*c, "SELECT account_id, name, mime, sha256, uploader_id, coalesce(ticket_id, '') FROM attachments WHERE id = ?");
    const Reply missing = error_reply(404, "not_found", "There is no such file on your accounts.");
    if (!s.bind(1, attachment_id).step() || !membership(*c, user_id, s.text(0))) return missing;
    // A draft's file is its uploader's alone; a ticket's, whoever may see the ticket.
    const std::string ticket = s.text(5);
    if (ticket.empty() ? s.text(4) != user_id : !load_for(*c, user_id, ticket)) return missing;
    const std::string digest = s.text(3);
    return Download{s.text(1), s.text(2), files_dir / digest.substr(0, 2) / digest};
}

Reply TicketService::limits() const {
    return Reply{200, json::parse(core::attachment_limits_json(limits_)), std::nullopt};
}

core::Result<std::string> TicketService::support_change(
    const std::string& ticket, const std::function<core::Result<std::string>(Connection&, const Row&, core::UtcSeconds)>& work) {
    core::Result<std::string> result = core::Error{"storage", "the change did not start"};
    const bool committed = db.write([&](Connection& c) {
        auto row = load_ref(c, ticket);
        if (!row) {
            result = core::Error{"not_found", "no ticket " + ticket};
            return false;
        }
        result = work(c, *row, clock());
        return result.ok();
    });
    if (!committed) return core::Error{"storage", "the change did not commit"};
    return result;
}

core::Result<std::string> TicketService::agent_reply(const std::string& ticket, const std::string& body,
                                                     const std::string& agent) {
    return support_change(ticket, [&](Connection& c, const Row& row, core::UtcSeconds now) -> core::Result<std::string> {
        Statement insert(c, "INSERT INTO ticket_comments (ticket_id, author_id, author_name, author_role, body,"
                            " created_at) VALUES (?, NULL, ?, 'agent', ?, ?)");
        // Support answered: the ticket now waits for the merchant (unless support already solved it).
        Statement update(c, "UPDATE tickets SET status = CASE WHEN status = 'open' THEN 'awaiting_reply' ELSE status END,"
                            " updated_at = ? WHERE id = ?");
        if (!insert.bind(1, row.id).bind(2, agent).bind(3, body).bind(4, now).run() ||
            !update.bind(1, now).bind(2, row.id).run())
            return core::Error{"storage", "cannot store the reply"};
        return "replied to ticket " + std::to_string(row.number) + " as " + (agent.empty() ? "the support team" : agent);
    });
}

core::Result<std::string> TicketService::set_status(const std::string& ticket, const std::string& status_text) {
    auto status = core::parse_ticket_status(status_text);
    if (!status) return core::Error{"invalid", "status must be one of open, awaiting_reply, solved, closed"};
    return support_change(ticket, [&](Connection& c, const Row& row, core::UtcSeconds now) -> core::Result<std::string> {
        Statement update(c, "UPDATE tickets SET status = ?, solved_at = ?, reopen_until = ?, updated_at = ? WHERE id = ?");
        update.bind(1, core::key(*status));
        if (*status == core::TicketStatus::solved) update.bind(2, now).bind(3, reopen_until(row, now));
        else if (*status == core::TicketStatus::closed)
            update.bind(2, row.solved_at.value_or(now)).bind(3, std::min<core::UtcSeconds>(row.reopen_until.value_or(now), now));
        else update.bind_optional(2, std::nullopt).bind_optional(3, std::nullopt);
        if (!update.bind(4, now).bind(5, row.id).run()) return core::Error{"storage", update.error()};
        return "ticket " + std::to_string(row.number) + " is now " + std::string(core::label(*status));
    });
}

core::Result<std::string> TicketService::set_priority(const std::string& ticket, const std::string& priority_text) {
    auto priority = core::parse_priority(priority_text);
    if (!priority) return core::Error{"invalid", "priority must be one of urgent, high, normal, low"};
    return support_change(ticket, [&](Connection& c, const Row& row, core::UtcSeconds now) -> core::Result<std::string> {
        // Support changed the priority: the first-response deadline follows, from the same opening.
        const core::UtcSeconds due = core::first_response_due(regions.get(row.region), *priority, row.opened_at);
        Statement update(c, "UPDATE tickets SET priority = ?, due_at = ?, updated_at = ? WHERE id = ?");
        if (!update.bind(1, core::key(*priority)).bind(2, due).bind(3, now).bind(4, row.id).run())
            return core::Error{"storage", update.error()};
        return "ticket " + std::to_string(row.number) + " is now " + std::string(core::label(*priority)) + ", due " +
               core::format_rfc3339(due);
    });
}

}  // namespace server
