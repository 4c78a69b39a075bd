#pragma once
// A ticket's priority is derived from the form's answers, never picked (support may change it later).
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/i18n.hpp"
#include "core/result.hpp"

namespace core {

enum class Priority { urgent, high, normal, low };
enum class RequestKind { question, incident, setup, financial };
enum class UsersAffected { admin, buyers, all };
enum class Impact { auxiliary, important, critical };  // the low / moderate / high impact of the help center

inline constexpr std::array<Priority, 4> all_priorities = {Priority::urgent, Priority::high, Priority::normal,
                                                           Priority::low};

// Wire keys ("urgent", "incident", "buyers", "critical", ...) and their parsers.
std::string_view key(Priority value);
std::string_view key(RequestKind value);
std::string_view key(UsersAffected value);
std::string_view key(Impact value);
std::optional<Priority> parse_priority(std::string_view text);
std::optional<RequestKind> parse_request_kind(std::string_view text);
std::optional<UsersAffected> parse_users_affected(std::string_view text);
std::optional<Impact> parse_impact(std::string_view text);

// Display names ("Urgent", "Unexpected behaviour", ...), English until the translations land.
// English labels (assets/i18n/en.json), for the server's messages; screens use the reader's language.
std::string_view label(Priority value);
std::string_view label(RequestKind value);
std::string_view label(UsersAffected value);
std::string_view label(Impact value);

struct Answers {
    RequestKind kind = RequestKind::question;
    std::optional<UsersAffected> users;  // required for incidents
    std::optional<Impact> impact;        // required for incidents
};

struct PriorityDecision {
    Priority priority;
    Text reason;  // why, in a sentence a merchant understands
};

// Financial, question and setup requests are Low; an incident's priority follows who is affected and
// how much: admin users low/moderate/high impact -> Low/Normal/High; buyers or all -> Normal/High/Urgent.
// An incident without users or impact is an Error naming the missing answer ("users" or "impact").
Result<PriorityDecision> derive_priority(const Answers& answers);

struct UrgentScenario {
    std::string_view title;                 // a catalog key (core/i18n.hpp)
    std::vector<std::string_view> examples; // catalog keys
};
// What support counts as Urgent: shown beside the form so merchants can tell.
const std::vector<UrgentScenario>& urgent_checklist();

}  // namespace core
