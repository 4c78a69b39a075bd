// A ticket's life after it is opened, on the requester's side: replies, reopening a solved ticket within
// its window, and the satisfaction survey. Each is a change() in the single writer.
#include "server/identity/auth_service.hpp"
#include "server/tickets/ticket_row.hpp"

namespace server {

using nlohmann::json;

namespace {

bool blank(const std::string& text) { return text.find_first_not_of(" \t\r\n") == std::string::npos; }


}  // namespace

core::Result<std::string> parse_comment_body(const json& body) {
    auto text = body.find("body");
    if (text == body.end() || !text->is_string() || blank(text->get<std::string>()))
        return core::Error{"invalid_request", "body: write your reply first."};
    if (core::utf8_length(text->get<std::string>()) > core::max_description_chars)
        return core::Error{"invalid_request", "body: the reply is too long; attach long logs as files."};
    return text->get<std::string>();
}

core::Result<SurveyAnswer> parse_survey_body(const json& body) {
    auto rating = body.find("rating");
    auto known = rating != body.end() && rating->is_string()
                     ? core::parse_key<core::SurveyRating>(rating->get<std::string>())
                     : std::nullopt;
    if (!known) return core::Error{"invalid_request", "rating: choose good or bad."};
    SurveyAnswer answer{*known, ""};
    if (auto r = body.find("reason"); r != body.end() && !r->is_null()) {
        if (!r->is_string()) return core::Error{"invalid_request", "reason: must be text."};
        answer.reason = r->get<std::string>();
    }
    if (answer.rating == core::SurveyRating::bad && blank(answer.reason))
        return core::Error{"reason_required", "reason: tell us what went wrong, so that support can do better."};
    if (core::utf8_length(answer.reason) > 2000)
        return core::Error{"invalid_request", "reason: keep it under 2000 characters."};
    return answer;
}

Reply TicketService::comment(const std::string& user_id, const std::string& ticket_id, const json& body,
                             const UserLocale& reader) {
    auto text = parse_comment_body(body);
    if (!text) return error_reply(Outcome::invalid, text.error().code.c_str(), text.error().message);
    return change(user_id, ticket_id, "commented", [&](Connection& c, const Row& row, core::UtcSeconds now, bool& keep) {
        if (row.status_at(now) == core::TicketStatus::closed) {
            keep = false;
            return error_reply(Outcome::conflict, "ticket_closed",
                               "This ticket is closed and cannot take replies. Open a follow-up "
                               "ticket; it will link to this one.");
        }
        TicketStore store(c);
        const std::string name = store.user_name(user_id).value_or("You");
        std::string failed;
        // A reply answers support's question; on a solved ticket it reopens it (inside the window).
        if (!store.add_comment(ticket_id, user_id, name, core::CommentRole::requester, text.value(), now, failed) ||
            !store.mark_open(ticket_id, now).empty() || !remember_locale(c, user_id, reader)) {
            keep = false;
            return tickets::storage_failed("cannot store a reply");
        }
        return Reply{Outcome::created};
    });
}

Reply TicketService::reopen(const std::string& user_id, const std::string& ticket_id) {
    return change(user_id, ticket_id, "reopened", [&](Connection& c, const Row& row, core::UtcSeconds now, bool& keep) {
        keep = false;
        const core::TicketStatus status = row.status_at(now);
        if (status == core::TicketStatus::closed)
            return error_reply(Outcome::conflict, "ticket_closed",
                               "This ticket was closed on " +
                                   core::format_rfc3339(row.reopen_until.value_or(row.updated_at)) +
                                   " and can no longer be reopened. Open a follow-up ticket; it will link to this "
                                   "one.");
        if (status != core::TicketStatus::solved)
            return error_reply(
                Outcome::conflict, "not_solved",
                "Only a solved ticket can be reopened; this one is still " + std::string(core::label(status)) + ".");
        if (const std::string failed = TicketStore(c).mark_open(ticket_id, now); !failed.empty())
            return tickets::storage_failed(failed);
        if (const std::string failed = notify(c, ticket_id, {NoticeKind::reopened, 0}, now); !failed.empty())
            return tickets::storage_failed(failed);
        keep = true;
        return Reply{Outcome::ok};
    });
}

Reply TicketService::remove_cc(const std::string& user_id, const std::string& ticket_id, const std::string& email) {
    const std::string folded = fold_email(email);
    return change(user_id, ticket_id, "cc", [&](Connection& c, const Row& row, core::UtcSeconds now, bool& keep) {
        keep = false;
        if (row.requester != user_id)
            return error_reply(Outcome::forbidden, "not_requester",
                               "Only the person who opened this ticket can remove the people "
                               "copied on it.");
        std::vector<std::string> kept;
        for (const std::string& cc : row.cc)
            if (fold_email(cc) != folded) kept.push_back(cc);
        if (kept.size() == row.cc.size())
            return error_reply(Outcome::not_found, "not_copied", folded + " is not copied on this ticket.");
        if (const std::string failed = TicketStore(c).set_cc(ticket_id, kept, now); !failed.empty())
            return tickets::storage_failed(failed);
        keep = true;
        return Reply{Outcome::ok};
    });
}

Reply TicketService::survey(const std::string& user_id, const std::string& ticket_id, const json& body) {
    auto answer = parse_survey_body(body);
    if (!answer) return error_reply(Outcome::invalid, answer.error().code.c_str(), answer.error().message);
    return change(user_id, ticket_id, "rated", [&](Connection& c, const Row& row, core::UtcSeconds now, bool& keep) {
        keep = false;
        TicketStore store(c);
        const core::SurveyStatus state =
            core::survey_status(row.stored, row.reopen_until, store.survey(ticket_id).has_value(), now);
        if (state == core::SurveyStatus::reviewed)
            return error_reply(Outcome::conflict, "already_rated", "You already rated this ticket. Thank you.");
        if (state == core::SurveyStatus::none)
            return error_reply(Outcome::conflict, "not_solved", "The survey opens when the ticket is solved.");
        if (state == core::SurveyStatus::expired)
            return error_reply(Outcome::conflict, "survey_expired",
                               "The survey for this ticket closed on " + core::format_rfc3339(*row.reopen_until) + ".");
        const SurveyAnswer& given = answer.value();
        if (const std::string failed = store.add_survey(ticket_id, given.rating, given.reason, now); !failed.empty())
            return tickets::storage_failed(failed);
        keep = true;
        return Reply{Outcome::created};
    });
}

}  // namespace server
