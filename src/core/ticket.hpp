#pragma once
// A support ticket as merchants fill it in and follow it: the fields of the form (the wire names of
// POST /api/accounts/{account}/tickets, the same as /api/sla/preview's answers), their validation
// (the same rules on the client, beside each field, and on the server, 400 naming the field), the
// attachment limits, and the life cycle (Open -> Awaiting your reply -> Solved -> Closed; reopen and
// the satisfaction survey for 27 business hours after Solved, on the region's calendar).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/enum_names.hpp"
#include "core/priority.hpp"
#include "core/result.hpp"
#include "core/support_region.hpp"
#include "core/time.hpp"
#include "core/utf8.hpp"  // the limits below count characters (utf8_length)

namespace core {

// Each enum with its wire keys, and the prefix of its words in assets/i18n (core/enum_names.hpp).
enum class Environment { production, sandbox };
template <>
struct EnumKeys<Environment> {
    static constexpr std::string_view catalog = "environment";
    static constexpr std::pair<Environment, std::string_view> keys[] = {{Environment::production, "production"},
                                                                        {Environment::sandbox, "sandbox"}};
};

enum class Experience { beginner, intermediate, advanced };
template <>
struct EnumKeys<Experience> {
    static constexpr std::string_view catalog = "experience";
    static constexpr std::pair<Experience, std::string_view> keys[] = {{Experience::beginner, "beginner"},
                                                                       {Experience::intermediate, "intermediate"},
                                                                       {Experience::advanced, "advanced"}};
};

enum class TicketStatus { open, awaiting_reply, solved, closed };
template <>
struct EnumKeys<TicketStatus> {
    static constexpr std::string_view catalog = "status";
    static constexpr std::pair<TicketStatus, std::string_view> keys[] = {
        {TicketStatus::open, "open"},
        {TicketStatus::awaiting_reply, "awaiting_reply"},
        {TicketStatus::solved, "solved"},
        {TicketStatus::closed, "closed"}};
};

enum class SurveyStatus { none, pending, reviewed, expired };
template <>
struct EnumKeys<SurveyStatus> {
    static constexpr std::pair<SurveyStatus, std::string_view> keys[] = {{SurveyStatus::none, "none"},
                                                                         {SurveyStatus::pending, "pending"},
                                                                         {SurveyStatus::reviewed, "reviewed"},
                                                                         {SurveyStatus::expired, "expired"}};
};

// The subjects of the short financial form.
const std::vector<std::string_view>& financial_subjects();

struct AttachmentRef {
    std::string id, name;
    std::int64_t size = 0;
    std::string sha256;
    bool operator==(const AttachmentRef&) const = default;
};

// What the form holds. Optional answers are unset until chosen.
struct TicketFields {
    RequestKind kind = RequestKind::question;
    std::string title, description;
    std::optional<UsersAffected> users;
    std::optional<Impact> impact;
    std::optional<Environment> environment;
    std::optional<Experience> experience;
    std::string agency;
    std::vector<std::string> cc;
    std::vector<AttachmentRef> attachments;
    std::string follow_up_of;  // a closed ticket this one continues, or empty
};

struct FieldError {
    std::string field;  // wire name: "title", "cc", "users", ...
    Text message;       // for a person, beside the field
};

inline constexpr size_t max_title_chars = 150;
inline constexpr size_t max_description_chars = 20000;
inline constexpr size_t max_cc = 10;

// Every problem of the form at once (empty when it can be sent). The priority answers are required
// for incidents; environment and experience for every technical kind.
std::vector<FieldError> validate_ticket(const TicketFields& fields);
bool is_valid_email(std::string_view text);
// Splits a typed CC line ("a@x.com, b@y.com; c@z.com") into addresses.
std::vector<std::string> split_emails(std::string_view text);
// ASCII letters in lower case, other bytes as they are (UTF-8 stays valid).
std::string ascii_lower(std::string_view text);
// The text as searches compare it: lower case, and the Latin letters of Portuguese, Spanish and the
// other western European languages without their accents ("Promoção" -> "promocao", "Ñ" -> "n",
// "ß" -> "ss"), so that what a person types finds what was written with or without accents. Other
// characters stay as they are. The Help Center filter, the title's article suggestions and the server's
// ticket search all use it.
std::string search_fold(std::string_view text);
// A file name's extension in lower case ("net.HAR" -> "har"), or "" when it has none.
std::string file_extension(std::string_view name);

// The ticket's answers as the priority rules read them.
Answers answers_of(const TicketFields& fields);

// The JSON body of POST /api/accounts/{account}/tickets (attachments by id), and back. Parsing names
// the field that is malformed; a well-formed but invalid body parses (validate_ticket says why).
std::string ticket_request_json(const TicketFields& fields);
Result<TicketFields> parse_ticket_request(std::string_view body);

// Attachments: what GET /api/limits announces; the client checks before uploading, the server again.
struct AttachmentLimits {
    std::int64_t max_file_bytes = 10 * 1024 * 1024;
    int max_files = 10;
    std::vector<std::string> extensions = {"png", "jpg", "jpeg", "gif", "webp", "pdf", "txt", "log", "csv",
                                           "json", "har", "xml", "zip"};
};
const AttachmentLimits& default_attachment_limits();
std::string attachment_limits_json(const AttachmentLimits& limits);
Result<AttachmentLimits> parse_attachment_limits(std::string_view body);
// Why a file cannot be attached (size, type, count), or nullopt when it can.
std::optional<Text> check_attachment(const AttachmentLimits& limits, std::string_view name, std::int64_t size,
                                            size_t already_attached);

// Life cycle. A solved ticket may be reopened, and its survey answered, for 27 business hours.
inline constexpr std::int64_t reopen_business_seconds = 27 * 3600;
UtcSeconds reopen_until(const SupportRegion& region, UtcSeconds solved_at);
// What the status is at `now`: a Solved ticket past its reopen window is Closed.
TicketStatus effective_status(TicketStatus stored, std::optional<UtcSeconds> reopen_until, UtcSeconds now);
SurveyStatus survey_status(TicketStatus stored, std::optional<UtcSeconds> survey_until, bool rated, UtcSeconds now);

}  // namespace core
