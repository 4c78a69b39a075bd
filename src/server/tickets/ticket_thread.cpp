// A ticket's life after it is opened, on the requester's side: replies, reopening a solved ticket within
// its window, and the satisfaction survey. Each is a change() in the single writer.
#include "server/identity/auth_service.hpp"
#include "server/tickets/ticket_row.hpp"

namespace server {

using nlohmann::json;

namespace {

bool blank(const std::string& text) { return text.find_first_not_of(" \t\r\n") == std::string::npos; }

// Back to Open (a reply, or a reopen), out of any reopen window: "" or the store's error.
std::string mark_open(Connection& c, const std::string& ticket_id, core::UtcSeconds now) {
    Statement update(c, "UPDATE tickets SET status = 'open', solved_at = NULL, reopen_until = NULL,"
                        " updated_at = ? WHERE id = ?");
    update.bind(1, now).bind(2, ticket_id).run();
    return update.error();
}

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
    if (!text) return error_reply(400, text.error().code.c_str(), text.error().message);
    return change(user_id, ticket_id, "commented", [&](Connection& c, const Row& row, core::UtcSeconds now, bool& keep) {
        if (row.status_at(now) == core::TicketStatus::closed) {
            keep = false;
            return error_reply(409, "ticket_closed", "This ticket is closed and cannot take replies. Open a follow-up "
                                                     "ticket; it will link to this one.");
        }
        Statement user(c, "SELECT name FROM users WHERE id = ?");
        const std::string name = user.bind(1, user_id).step() ? user.text(0) : "You";
        Statement insert(c, "INSERT INTO ticket_comments (ticket_id, author_id, author_name, author_role, body,"
                            " created_at) VALUES (?, ?, ?, ?, ?, ?)");
        insert.bind(1, ticket_id).bind(2, user_id).bind(3, name).bind(4, core::key(core::CommentRole::requester))
            .bind(5, text.value()).bind(6, now);
        // A reply answers support's question; on a solved ticket it reopens it (inside the window).
        if (!insert.run() || !mark_open(c, ticket_id, now).empty() || !remember_locale(c, user_id, reader)) {
            keep = false;
            return tickets::storage_failed("cannot store a reply");
        }
        return Reply{201};
    });
}

Reply TicketService::reopen(const std::string& user_id, const std::string& ticket_id) {
    return change(user_id, ticket_id, "reopened", [&](Connection& c, const Row& row, core::UtcSeconds now, bool& keep) {
        keep = false;
        const core::TicketStatus status = row.status_at(now);
        if (status == core::TicketStatus::closed)
            return error_reply(409, "ticket_closed",
                               "This ticket was closed on " +
                                   core::format_rfc3339(row.reopen_until.value_or(row.updated_at)) +
                                   " and can no longer be reopened. Open a follow-up ticket; it will link to this "
                                   "one.");
        if (status != core::TicketStatus::solved)
            return error_reply(409, "not_solved", "Only a solved ticket can be reopened; this one is still " +
                                                      std::string(core::label(status)) + ".");
        if (const std::string failed = mark_open(c, ticket_id, now); !failed.empty())
            return tickets::storage_failed(failed);
        if (const std::string failed = notify(c, ticket_id, {NoticeKind::reopened, 0}, now); !failed.empty())
            return tickets::storage_failed(failed);
        keep = true;
        return Reply{200};
    });
}

Reply TicketService::remove_cc(const std::string& user_id, const std::string& ticket_id, const std::string& email) {
    const std::string folded = fold_email(email);
    return change(user_id, ticket_id, "cc", [&](Connection& c, const Row& row, core::UtcSeconds now, bool& keep) {
        keep = false;
        if (row.requester != user_id)
            return error_reply(403, "not_requester", "Only the person who opened this ticket can remove the people "
                                                     "copied on it.");
        std::vector<std::string> kept;
        for (const std::string& cc : row.cc)
            if (fold_email(cc) != folded) kept.push_back(cc);
        if (kept.size() == row.cc.size())
            return error_reply(404, "not_copied", folded + " is not copied on this ticket.");
        Statement update(c, "UPDATE tickets SET cc = ?, updated_at = ? WHERE id = ?");
        if (!update.bind(1, json(kept).dump()).bind(2, now).bind(3, ticket_id).run())
            return tickets::storage_failed(update.error());
        keep = true;
        return Reply{200};
    });
}

Reply TicketService::survey(const std::string& user_id, const std::string& ticket_id, const json& body) {
    auto answer = parse_survey_body(body);
    if (!answer) return error_reply(400, answer.error().code.c_str(), answer.error().message);
    return change(user_id, ticket_id, "rated", [&](Connection& c, const Row& row, core::UtcSeconds now, bool& keep) {
        keep = false;
        Statement rated(c, "SELECT 1 FROM surveys WHERE ticket_id = ?");
        const core::SurveyStatus state =
            core::survey_status(row.stored, row.reopen_until, rated.bind(1, ticket_id).step(), now);
        if (state == core::SurveyStatus::reviewed)
            return error_reply(409, "already_rated", "You already rated this ticket. Thank you.");
        if (state == core::SurveyStatus::none)
            return error_reply(409, "not_solved", "The survey opens when the ticket is solved.");
        if (state == core::SurveyStatus::expired)
            return error_reply(409, "survey_expired", "The survey for this ticket closed on " +
                                                          core::format_rfc3339(*row.reopen_until) + ".");
        Statement insert(c, "INSERT INTO surveys (ticket_id, rating, reason, rated_at) VALUES (?, ?, ?, ?)");
        insert.bind(1, ticket_id).bind(2, core::key(answer.value().rating)).bind(3, answer.value().reason).bind(4, now);
        if (!insert.run()) return tickets::storage_failed(insert.error());
        keep = true;
        return Reply{201};
    });
}

}  // namespace server
