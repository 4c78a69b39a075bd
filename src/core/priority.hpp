#pragma once
// A ticket's priority is derived from the form's answers, never picked (support may change it later).
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/enum_names.hpp"
#include "core/i18n.hpp"
#include "core/result.hpp"

namespace core {

// Each enum with its wire keys, and the prefix of its words in assets/i18n (core/enum_names.hpp).
enum class Priority { urgent, high, normal, low };
template <>
struct EnumKeys<Priority> {
    static constexpr std::string_view catalog = "priority";
    static constexpr std::pair<Priority, std::string_view> keys[] = {
        {Priority::urgent, "urgent"}, {Priority::high, "high"}, {Priority::normal, "normal"}, {Priority::low, "low"}};
};

enum class RequestKind { question, incident, setup, financial };
template <>
struct EnumKeys<RequestKind> {
    static constexpr std::string_view catalog = "kind";
    static constexpr std::pair<RequestKind, std::string_view> keys[] = {{RequestKind::question, "question"},
                                                                        {RequestKind::incident, "incident"},
                                                                        {RequestKind::setup, "setup"},
                                                                        {RequestKind::financial, "financial"}};
};

enum class UsersAffected { admin, buyers, all };
template <>
struct EnumKeys<UsersAffected> {
    static constexpr std::string_view catalog = "users";
    static constexpr std::pair<UsersAffected, std::string_view> keys[] = {
        {UsersAffected::admin, "admin"}, {UsersAffected::buyers, "buyers"}, {UsersAffected::all, "all"}};
};

enum class Impact { auxiliary, important, critical };  // the low / moderate / high impact of the help center
template <>
struct EnumKeys<Impact> {
    static constexpr std::string_view catalog = "impact";
    static constexpr std::pair<Impact, std::string_view> keys[] = {
        {Impact::auxiliary, "auxiliary"}, {Impact::important, "important"}, {Impact::critical, "critical"}};
};

inline constexpr std::array<Priority, 4> all_priorities = {Priority::urgent, Priority::high, Priority::normal,
                                                           Priority::low};

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
