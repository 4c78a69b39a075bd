// Opening a ticket: idempotent per user, account and Idempotency-Key, so that a retry never opens a
// second one; refused in the order membership, idempotency, permission, validation.
#include "core/sla.hpp"
#include "server/events/ticket_events.hpp"
#include "server/identity/crypto.hpp"
#include "server/tickets/ticket_row.hpp"

namespace server {

using nlohmann::json;

namespace {

bool valid_key(const std::string& key) {
    if (key.empty() || key.size() > 128) return false;
    for (unsigned char c : key)
        if (c < 0x21 || c > 0x7e) return false;
    return true;
}

// Each problem in English, and as the catalog key with its values so that the portal can say it in the
// reader's language.
core::TicketRefusal invalid_ticket(const std::vector<core::FieldError>& problems) {
    core::TicketRefusal refusal{"invalid_ticket",
                                problems.front().field + ": " + core::english(problems.front().message), {}, {}};
    for (const core::FieldError& e : problems) refusal.fields.push_back(core::refused_field(e));
    return refusal;
}

// A file the draft names is no longer there (discarded, or swept with an old draft's files).
core::TicketRefusal file_gone() {
    return core::TicketRefusal{"invalid_ticket",
                               "attachments: a file is no longer available; attach it again.",
                               {{"attachments", "A file is no longer available; attach it again.", "", {}}},
                               std::nullopt};
}

std::optional<std::string_view> key_or_null(const auto& value) {
    return value ? std::optional<std::string_view>(core::key(*value)) : std::nullopt;
}

}  // namespace

Reply TicketService::create(const std::string& user_id, const std::string& account, const std::string& key,
                            const std::string& body, const UserLocale& reader) {
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
            reply = tickets::no_account(account);
            return false;
        }
        const core::UtcSeconds now = clock();
        Statement seen(c, "SELECT request_hash, ticket_id FROM ticket_idempotency WHERE user_id = ? AND"
                          " account_id = ? AND key = ?");
        if (seen.bind(1, user_id).bind(2, account).bind(3, key).step()) {
            if (seen.text(0) != request_hash) {
                reply = error_reply(422, "idempotency_key_reused", "This Idempotency-Key was already used for a "
                                                                   "different ticket. Start a new ticket.");
                return false;
            }
            auto row = load(c, seen.text(1));
            reply = row ? Reply{200, core::to_json(summary(*row, now)), std::nullopt}
                        : tickets::storage_failed("an idempotency key names a missing ticket");
            return false;
        }
        if (!member->can_open) {
            reply = missing_resource(account);
            return false;
        }
        if (!problems.empty()) {
            reply = tickets::refused(400, invalid_ticket(problems));
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
                reply = tickets::refused(400, file_gone());
                return false;
            }
        }
        if (!fields.follow_up_of.empty()) {
            auto previous = load(c, fields.follow_up_of);
            if (!previous || previous->account != account || previous->status_at(now) != core::TicketStatus::closed) {
                reply = error_reply(400, "invalid_ticket",
                                    "follow_up_of: only a closed ticket of this account can be followed up.");
                return false;
            }
        }
        Row row;
        row.id = id;
        row.account = account;
        row.requester = user_id;
        row.kind = fields.kind;
        row.title = fields.title;
        row.priority = decision.value().priority;
        row.opened_at = row.updated_at = now;
        row.due_at = core::first_response_due(regions.get(member->region), row.priority, now);
        row.region = member->region;
        Statement insert(c,
                         "INSERT INTO tickets (id, account_id, requester_id, kind, title, description, users, impact,"
                         " environment, experience, agency, cc, status, priority, opened_at, due_at, updated_at,"
                         " follow_up_of, title_folded) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?, ?, ?, ?)"
                         " RETURNING number");
        const auto follow_up = fields.follow_up_of.empty() ? std::nullopt
                                                           : std::optional<std::string_view>(fields.follow_up_of);
        insert.bind(1, id).bind(2, account).bind(3, user_id).bind(4, core::key(row.kind)).bind(5, fields.title)
            .bind(6, fields.description).bind_optional(7, key_or_null(fields.users))
            .bind_optional(8, key_or_null(fields.impact)).bind_optional(9, key_or_null(fields.environment))
            .bind_optional(10, key_or_null(fields.experience)).bind(11, fields.agency).bind(12, cc)
            .bind(13, core::key(row.priority)).bind(14, now).bind(15, row.due_at).bind(16, now)
            .bind_optional(17, follow_up).bind(18, core::search_fold(fields.title));
        if (!insert.step()) {
            reply = tickets::storage_failed(insert.error());
            return false;
        }
        row.number = insert.integer(0);
        insert.run();  // to the end of the statement
        for (const core::AttachmentRef& a : fields.attachments) {
            // Still unclaimed as the row is changed: a concurrent ticket that took the file first wins it
            // (read committed: the check above may be older than that ticket's commit).
            Statement link(c, "UPDATE attachments SET ticket_id = ? WHERE id = ? AND ticket_id IS NULL");
            if (!link.bind(1, id).bind(2, a.id).run()) {
                reply = tickets::storage_failed(link.error());
                return false;
            }
            if (link.changes() != 1) {
                reply = tickets::refused(400, file_gone());
                return false;
            }
        }
        Statement remember(c, "INSERT INTO ticket_idempotency (user_id, account_id, key, request_hash, ticket_id,"
                              " created_at) VALUES (?, ?, ?, ?, ?, ?)");
        remember.bind(1, user_id).bind(2, account).bind(3, key).bind(4, request_hash).bind(5, id).bind(6, now);
        if (!remember.run()) {
            reply = tickets::storage_failed(remember.error());
            return false;
        }
        if (!remember_locale(c, user_id, reader)) {
            reply = tickets::storage_failed("cannot keep the user's language and time zone");
            return false;
        }
        if (const std::string failed = notify(c, id, {NoticeKind::opened, 0}, now); !failed.empty()) {
            reply = tickets::storage_failed(failed);
            return false;
        }
        if (std::string failed; !record_ticket_event(c, id, "created", now, failed)) {
            reply = tickets::storage_failed(failed);
            return false;
        }
        created = std::move(row);
        return true;
    };
    // Nothing is answered from a batch that did not commit: even a replay may have read a key written
    // earlier in the same batch, now undone.
    if (!db.write(work, Database::Isolation::read_committed))
        return tickets::storage_failed("the ticket's transaction did not commit");
    if (created) {
        tell_watchers();
        return Reply{201, core::to_json(summary(*created, created->opened_at)), std::nullopt};
    }
    if (!reply) return tickets::storage_failed("the ticket's transaction could not start");
    return *reply;
}

}  // namespace server
