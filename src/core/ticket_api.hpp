#pragma once
// The ticket API's answers as types, with their JSON both ways: the server writes them, the portal
// reads them. docs/openapi.yaml is the contract (TicketSummary, Ticket, Attachment, Error): member
// names, types and nulls are fixed there.
//
// Reading is lenient but safe, and never throws. Members the contract does not name are ignored. What a
// ticket's details add to its summary (description, comments, survey, ...) may be absent, and then reads
// as empty or null, so a summary also reads as details. In a list (tickets, comments, attachments, cc,
// fields) an entry that does not read is left out: a newer server's new kind of comment does not hide
// the thread. Any other member that is missing where the contract requires it, or is there with the
// wrong type or with a value this build does not know, is an Error naming it.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/enum_names.hpp"
#include "core/i18n.hpp"
#include "core/license_manager.hpp"
#include "core/priority.hpp"
#include "core/result.hpp"
#include "core/ticket.hpp"
#include "core/time.hpp"

namespace core {

// A row of My requests, and the answer to creating a ticket.
struct TicketSummary {
    std::string id;
    std::int64_t number = 0;  // as people name the ticket: #1001
    std::string account;
    RequestKind kind = RequestKind::question;
    std::string title;
    TicketStatus status = TicketStatus::open;  // as it is now: a Solved ticket past its window reads Closed
    Priority priority = Priority::normal;
    UtcSeconds opened_at = 0, due_at = 0, updated_at = 0;
    bool operator==(const TicketSummary&) const = default;
};

enum class CommentRole { requester, agent };  // the merchant who asked, or support
template <>
struct EnumKeys<CommentRole> {
    static constexpr std::pair<CommentRole, std::string_view> keys[] = {{CommentRole::requester, "requester"},
                                                                        {CommentRole::agent, "agent"}};
};

struct TicketComment {
    std::int64_t id = 0;
    std::string author;
    CommentRole role = CommentRole::requester;
    std::string body;
    UtcSeconds created_at = 0;
    bool operator==(const TicketComment&) const = default;
};

// A file the server has stored: the answer to an upload, and an entry of a ticket's attachments. It is
// the AttachmentRef that a form or a thread keeps, with the type its name gives (sent with its download).
struct StoredAttachment : AttachmentRef {
    std::string mime;
    bool operator==(const StoredAttachment&) const = default;
};

enum class SurveyRating { good, bad };
template <>
struct EnumKeys<SurveyRating> {
    static constexpr std::pair<SurveyRating, std::string_view> keys[] = {{SurveyRating::good, "good"},
                                                                         {SurveyRating::bad, "bad"}};
};

struct TicketSurvey {
    SurveyStatus status = SurveyStatus::none;
    std::optional<SurveyRating> rating;  // once rated
    std::optional<std::string> reason;   // once rated ("" when a good rating gave none)
    std::optional<UtcSeconds> until;     // the end of the 27 business hours after Solved
    bool operator==(const TicketSurvey&) const = default;
};

// GET /api/tickets/{id}, and the answer to each change of a ticket: its summary, the form's answers (as
// TicketFields holds them) and the thread.
struct TicketDetails {
    TicketSummary summary;
    std::string description;
    std::optional<UsersAffected> users;
    std::optional<Impact> impact;
    std::optional<Environment> environment;
    std::optional<Experience> experience;
    std::string agency;  // "" when none
    std::vector<std::string> cc;
    bool yours = false;  // the signed-in user opened it: they may remove the people copied
    std::string follow_up_of;  // the id of the closed ticket this one continues, or "" (null on the wire)
    std::optional<std::int64_t> follow_up_number;  // that ticket's number, as people name it
    std::optional<UtcSeconds> solved_at, reopen_until;
    std::vector<TicketComment> comments;  // the public ones
    std::vector<StoredAttachment> attachments;
    TicketSurvey survey;
    bool operator==(const TicketDetails&) const = default;
};
// The ticket's answers as the form holds them: kind, title, the answers, cc, its files, the ticket it
// follows up.
TicketFields form_fields(const TicketDetails& details);

// GET /api/accounts/{account}/tickets: newest first; next_cursor asks for the page after this one.
struct TicketPage {
    std::vector<TicketSummary> tickets;
    std::optional<std::string> next_cursor;
    bool operator==(const TicketPage&) const = default;
};

// One field's problem in a refused ticket: in English, and as the catalog key with its values so that
// the portal can say it in the reader's language.
struct RefusedField {
    std::string field;    // the request's member: "title", "cc", "attachments", ...
    std::string message;  // English
    std::string key;      // "" when the server gave none: then neither key nor values are sent
    std::map<std::string, std::string> values;  // the key's {places}
    bool operator==(const RefusedField&) const = default;
};
RefusedField refused_field(const FieldError& error);
// The problem in the reader's language when the catalog knows its key, else in the server's English.
Text problem_text(const RefusedField& field);

// An error answer of the ticket API: {"error": code, "message": ...} and what the code brings.
struct TicketRefusal {
    std::string code;  // "error" on the wire: invalid_ticket, missing_resource, not_found, ...
    std::string message;
    std::vector<RefusedField> fields;                  // invalid_ticket (none: not sent)
    std::optional<LicenseResource> missing_resource;  // missing_resource: "product" and "resource"
    bool operator==(const TicketRefusal&) const = default;
};

// What the server sends (dump() gives the body).
nlohmann::json to_json(const TicketSummary& summary);
nlohmann::json to_json(const TicketComment& comment);
nlohmann::json to_json(const StoredAttachment& attachment);
nlohmann::json to_json(const TicketSurvey& survey);
nlohmann::json to_json(const TicketDetails& details);
nlohmann::json to_json(const TicketPage& page);
nlohmann::json to_json(const TicketRefusal& refusal);

// What the portal reads from a body. An Error's code is invalid_json or invalid_response; its message
// names the member ("status: \"later\" is not one of open, awaiting_reply, solved, closed").
Result<TicketSummary> parse_ticket_summary(std::string_view body);
Result<TicketComment> parse_ticket_comment(std::string_view body);
Result<StoredAttachment> parse_stored_attachment(std::string_view body);
Result<TicketSurvey> parse_ticket_survey(std::string_view body);
Result<TicketDetails> parse_ticket_details(std::string_view body);
Result<TicketPage> parse_ticket_page(std::string_view body);
Result<TicketRefusal> parse_ticket_refusal(std::string_view body);

}  // namespace core
