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

}  // namespace

Reply TicketService::create(const std::string& user_id, const std::string& account, const std::string& key,
                            const std::string& body, const UserLocale& reader) {
    if (!valid_key(key))
        return error_reply(Outcome::invalid, "idempotency_key_required",
                           "The request needs an Idempotency-Key header (1 to 128 visible characters) so that a retry "
                           "never opens a second ticket.");
    auto parsed = core::parse_ticket_request(body);
    if (!parsed) return error_reply(Outcome::invalid, parsed.error().code.c_str(), parsed.error().message);
    const core::TicketFields fields = std::move(parsed).value();
    const std::string request_hash = crypto::hex(crypto::sha256(core::ticket_request_json(fields)));
    // What needs no database is worked out before joining the batch of writers; the answer still
    // follows the order membership, idempotency, permission, validation.
    const auto problems = core::validate_ticket(fields);
    const auto decision = problems.empty() ? core::derive_priority(core::answers_of(fields))
                                           : core::Result<core::PriorityDecision>(core::Error{"invalid_ticket", ""});
    const std::string id = "t_" + crypto::random_token(12);

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
        TicketStore store(c);
        if (auto used = store.key_use(user_id, account, key)) {
            if (used->request_hash != request_hash) {
                reply = error_reply(Outcome::key_reused, "idempotency_key_reused",
                                    "This Idempotency-Key was already "
                                    "used for a different ticket. Start a new ticket.");
                return false;
            }
            auto row = load(c, used->ticket_id);
            reply = row ? Reply{Outcome::ok, core::to_json(summary(*row, now)), std::nullopt}
                        : tickets::storage_failed("an idempotency key names a missing ticket");
            return false;
        }
        if (!member->can_open) {
            reply = missing_resource(account);
            return false;
        }
        if (!problems.empty()) {
            reply = tickets::refused(Outcome::invalid, invalid_ticket(problems));
            return false;
        }
        if (!decision) {
            reply = error_reply(Outcome::invalid, "invalid_ticket", decision.error().message);
            return false;
        }
        for (const core::AttachmentRef& a : fields.attachments) {
            if (!store.draft_file_free(a.id, account, user_id)) {
                reply = tickets::refused(Outcome::invalid, file_gone());
                return false;
            }
        }
        if (!fields.follow_up_of.empty()) {
            auto previous = load(c, fields.follow_up_of);
            if (!previous || previous->account != account || previous->status_at(now) != core::TicketStatus::closed) {
                reply = error_reply(Outcome::invalid, "invalid_ticket",
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
        row.description = fields.description;
        row.users = fields.users;
        row.impact = fields.impact;
        row.environment = fields.environment;
        row.experience = fields.experience;
        row.agency = fields.agency;
        row.cc = fields.cc;
        row.follow_up_of = fields.follow_up_of;
        row.priority = decision.value().priority;
        row.opened_at = row.updated_at = now;
        row.due_at = core::first_response_due(regions.get(member->region), row.priority, now);
        row.region = member->region;
        if (const std::string failed = store.insert(row); !failed.empty()) {
            reply = tickets::storage_failed(failed);
            return false;
        }
        for (const core::AttachmentRef& a : fields.attachments) {
            // Still unclaimed as the row is changed: a concurrent ticket that took the file first wins it
            // (read committed: the check above may be older than that ticket's commit).
            std::string failed;
            if (!store.claim_file(a.id, id, failed)) {
                reply =
                    failed.empty() ? tickets::refused(Outcome::invalid, file_gone()) : tickets::storage_failed(failed);
                return false;
            }
        }
        if (const std::string failed = store.remember_key(user_id, account, key, request_hash, id, now);
            !failed.empty()) {
            reply = tickets::storage_failed(failed);
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
        return Reply{Outcome::created, core::to_json(summary(*created, created->opened_at)), std::nullopt};
    }
    if (!reply) return tickets::storage_failed("the ticket's transaction could not start");
    return *reply;
}

}  // namespace server
