// Tickets on the server: who may see and answer a ticket, how a ticket's row is read, and the answers
// (core/ticket_api.hpp) built from it. The operations are in ticket_create.cpp, ticket_list.cpp,
// ticket_thread.cpp (replies, reopening, the survey), ticket_files.cpp and ticket_support.cpp.
#include "server/tickets/ticket_service.hpp"

#include "core/i18n.hpp"
#include "server/identity/auth_service.hpp"
#include "server/events/ticket_events.hpp"
#include "server/identity/license_grants.hpp"
#include "server/tickets/ticket_row.hpp"

namespace server {

using nlohmann::json;

namespace tickets {

Reply not_found(const std::string& id) {
    return error_reply(404, "not_found", "There is no ticket " + id + " on your accounts.");
}

Reply no_account(const std::string& account) {
    return error_reply(404, "not_found", "There is no account " + account + " among yours.");
}

Reply storage_failed(const std::string& what) {
    std::fprintf(stderr, "portal-server: tickets: %s\n", what.c_str());
    return error_reply(503, "storage", "The ticket could not be saved right now. Nothing was lost on your side; try "
                                       "again in a moment.");
}

Reply refused(int status, const core::TicketRefusal& refusal) {
    return Reply{status, core::to_json(refusal), std::nullopt};
}

}  // namespace tickets

TicketService::Row TicketService::Row::read(Statement& s) {
    Row r;
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

TicketService::TicketService(Database& database, const core::SupportRegions& support_regions,
                             std::function<core::UtcSeconds()> now, std::filesystem::path attachments_dir,
                             core::LicenseResource resource, core::AttachmentLimits limits)
    : db(database), regions(support_regions), clock(std::move(now)), files_dir(std::move(attachments_dir)),
      ticket_resource(std::move(resource)), limits_(std::move(limits)) {}

std::string TicketService::notify(Connection& c, const std::string& ticket_id, const NoticeEvent& event,
                                  core::UtcSeconds now) {
    std::string error;
    return enqueue_notices(c, ticket_id, event, now, error) ? "" : error;
}

std::string portal_language(const std::string& accept_language) {
    const std::string first = accept_language.substr(0, accept_language.find_first_of(",;"));
    std::string primary = first.substr(0, first.find('-'));
    for (char& ch : primary) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    primary.erase(0, primary.find_first_not_of(' '));
    return core::is_language(primary) ? primary : "";
}

bool remember_locale(Connection& c, const std::string& user_id, const UserLocale& reader) {
    if (!reader.language.empty()) {
        Statement keep(c, "UPDATE users SET language = ? WHERE id = ? AND (language IS NULL OR language <> ?)");
        if (!keep.bind(1, reader.language).bind(2, user_id).bind(3, reader.language).run()) return false;
    }
    if (!reader.time_zone.empty()) {
        Statement keep(c, "UPDATE users SET time_zone = ? WHERE id = ? AND (time_zone IS NULL OR time_zone <> ?)");
        if (!keep.bind(1, reader.time_zone).bind(2, user_id).bind(3, reader.time_zone).run()) return false;
    }
    return true;
}

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
    return tickets::refused(
        403, core::TicketRefusal{"missing_resource",
                                 "Opening tickets on " + account + " needs the License Manager resource \"" +
                                     resource + "\" of the product \"" + product +
                                     "\". An Owner (Admin Super) or a User Administrator - Restricted of the "
                                     "account can grant it to you.",
                                 {},
                                 ticket_resource});
}

std::optional<TicketService::Row> TicketService::load(Connection& c, const std::string& ticket_id) {
    Statement s(c, (std::string("SELECT ") + Row::columns +
                    " FROM tickets t JOIN accounts a ON a.id = t.account_id WHERE t.id = ?").c_str());
    if (!s.bind(1, ticket_id).step()) return std::nullopt;
    return Row::read(s);
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
    for (const std::string& email : row->cc)
        if (fold_email(email) == member->email) return row;
    return std::nullopt;
}

bool TicketService::visible_to(Connection& c, const std::string& user_id, const std::string& ticket_id) {
    return load_for(c, user_id, ticket_id).has_value();
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

core::TicketSummary TicketService::summary(const Row& r, core::UtcSeconds now) const {
    return core::TicketSummary{r.id, r.number, r.account, r.kind, r.title, r.status_at(now), r.priority,
                               r.opened_at, r.due_at, r.updated_at};
}

core::TicketDetails TicketService::details(Connection& c, const Row& r, core::UtcSeconds now, const std::string& user_id) {
    core::TicketDetails t;
    t.summary = summary(r, now);
    t.description = r.description;
    t.users = r.users;
    t.impact = r.impact;
    t.environment = r.environment;
    t.experience = r.experience;
    t.agency = r.agency;
    t.cc = r.cc;
    t.yours = r.requester == user_id;
    t.follow_up_of = r.follow_up_of;
    if (!r.follow_up_of.empty()) {
        Statement followed(c, "SELECT number FROM tickets WHERE id = ?");
        if (followed.bind(1, r.follow_up_of).step()) t.follow_up_number = followed.integer(0);
    }
    t.solved_at = r.solved_at;
    t.reopen_until = r.reopen_until;
    Statement comments(c, "SELECT id, author_name, author_role, body, created_at FROM ticket_comments"
                          " WHERE ticket_id = ? AND public = 1 ORDER BY id");
    comments.bind(1, r.id);
    while (comments.step())
        t.comments.push_back(
            {comments.integer(0), comments.text(1),
             core::parse_key<core::CommentRole>(comments.text(2)).value_or(core::CommentRole::requester),
             comments.text(3), comments.integer(4)});
    Statement files(c, "SELECT id, name, size, sha256, mime FROM attachments WHERE ticket_id = ?"
                       " ORDER BY created_at, id");
    files.bind(1, r.id);
    while (files.step())
        t.attachments.push_back({{files.text(0), files.text(1), files.integer(2), files.text(3)}, files.text(4)});
    Statement survey(c, "SELECT rating, reason FROM surveys WHERE ticket_id = ?");
    const bool rated = survey.bind(1, r.id).step();
    t.survey.status = core::survey_status(r.stored, r.reopen_until, rated, now);
    if (rated) {
        t.survey.rating = core::parse_key<core::SurveyRating>(survey.text(0));
        t.survey.reason = survey.text(1);
    }
    t.survey.until = r.reopen_until;
    return t;
}

Reply TicketService::get(const std::string& user_id, const std::string& ticket_id) {
    auto c = db.reader();
    auto row = load_for(*c, user_id, ticket_id);
    if (!row) return tickets::not_found(ticket_id);
    return Reply{200, core::to_json(details(*c, *row, clock(), user_id)), std::nullopt};
}

Reply TicketService::change(const std::string& user_id, const std::string& ticket_id, const char* what,
                            const std::function<Reply(Connection&, const Row&, core::UtcSeconds, bool& keep)>& work) {
    Reply reply;
    const bool committed = db.write([&](Connection& c) {
        auto row = load_for(c, user_id, ticket_id);
        if (!row) {
            reply = tickets::not_found(ticket_id);
            return false;
        }
        const core::UtcSeconds now = clock();
        bool keep = true;
        reply = work(c, *row, now, keep);
        if (keep && reply.status < 300) {
            std::string failed;
            if (!record_ticket_event(c, ticket_id, what, now, failed)) {
                reply = tickets::storage_failed(failed);
                return false;
            }
            if (auto changed = load(c, ticket_id)) reply.body = core::to_json(details(c, *changed, now, user_id));
        }
        return keep;
    });
    if (!committed) return tickets::storage_failed("a ticket's change did not commit");
    if (reply.status < 300) tell_watchers();
    return reply;
}

}  // namespace server
