// Tickets on the server: who may see and answer a ticket, how a ticket's row is read, and the answers
// (core/ticket_api.hpp) built from it. The operations are in ticket_create.cpp, ticket_list.cpp,
// ticket_thread.cpp (replies, reopening, the survey), ticket_files.cpp and ticket_support.cpp.
#include "server/tickets/ticket_service.hpp"

#include "core/i18n.hpp"
#include "server/identity/auth_service.hpp"
#include "server/events/ticket_events.hpp"
#include "server/tickets/ticket_row.hpp"

namespace server {

using nlohmann::json;

namespace tickets {

Reply not_found(const std::string& id) {
    return error_reply(Outcome::not_found, "not_found", "There is no ticket " + id + " on your accounts.");
}

Reply no_account(const std::string& account) {
    return error_reply(Outcome::not_found, "not_found", "There is no account " + account + " among yours.");
}

Reply storage_failed(const std::string& what) {
    std::fprintf(stderr, "portal-server: tickets: %s\n", what.c_str());
    return error_reply(Outcome::unavailable, "storage",
                       "The ticket could not be saved right now. Nothing was lost on your side; try "
                       "again in a moment.");
}

Reply refused(Outcome outcome, const core::TicketRefusal& refusal) {
    return Reply{outcome, core::to_json(refusal), std::nullopt};
}

}  // namespace tickets

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
    return TicketStore(c).remember_locale(user_id, reader.language, reader.time_zone).empty();
}

std::optional<TicketService::Membership> TicketService::membership(Connection& c, const std::string& user_id,
                                                                    const std::string& account) {
    auto member = TicketStore(c).member(user_id, account);
    if (!member) return std::nullopt;
    const bool can_open = core::can_open_tickets(member->region, member->resources, ticket_resource);
    return Membership{member->region, can_open, member->email};
}

Reply TicketService::missing_resource(const std::string& account) const {
    const std::string& product = ticket_resource.product;
    const std::string& resource = ticket_resource.resource;
    return tickets::refused(
        Outcome::forbidden, core::TicketRefusal{"missing_resource",
                                 "Opening tickets on " + account + " needs the License Manager resource \"" +
                                     resource + "\" of the product \"" + product +
                                     "\". An Owner (Admin Super) or a User Administrator - Restricted of the "
                                     "account can grant it to you.",
                                 {},
                                 ticket_resource});
}

std::optional<TicketService::Row> TicketService::load(Connection& c, const std::string& ticket_id) {
    return TicketStore(c).ticket(ticket_id);
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
    char* end = nullptr;
    const long long number = std::strtoll(ticket.c_str(), &end, 10);
    if (ticket.empty() || *end != '\0') return std::nullopt;
    auto id = TicketStore(c).id_of_number(number);
    return id ? load(c, *id) : std::nullopt;
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
    TicketStore store(c);
    if (!r.follow_up_of.empty())
        if (auto number = store.number_of(r.follow_up_of)) t.follow_up_number = *number;
    t.solved_at = r.solved_at;
    t.reopen_until = r.reopen_until;
    t.comments = store.public_comments(r.id);
    t.attachments = store.files_of(r.id);
    const auto survey = store.survey(r.id);
    t.survey.status = core::survey_status(r.stored, r.reopen_until, survey.has_value(), now);
    if (survey) {
        t.survey.rating = survey->rating;
        t.survey.reason = survey->reason;
    }
    t.survey.until = r.reopen_until;
    return t;
}

Reply TicketService::get(const std::string& user_id, const std::string& ticket_id) {
    auto c = db.reader();
    auto row = load_for(*c, user_id, ticket_id);
    if (!row) return tickets::not_found(ticket_id);
    return Reply{Outcome::ok, core::to_json(details(*c, *row, clock(), user_id)), std::nullopt};
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
        if (keep && !server::refused(reply.outcome)) {
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
    if (!server::refused(reply.outcome)) tell_watchers();
    return reply;
}

}  // namespace server
