#include "core/priority.hpp"

#include "core/enum_names.hpp"

namespace core {

namespace {

constexpr EnumNames<Priority, 4> priority_names{
    {{{Priority::urgent, "urgent"}, {Priority::high, "high"}, {Priority::normal, "normal"}, {Priority::low, "low"}}},
    {{{Priority::urgent, "Urgent"}, {Priority::high, "High"}, {Priority::normal, "Normal"}, {Priority::low, "Low"}}}};
constexpr EnumNames<RequestKind, 4> kind_names{
    {{{RequestKind::question, "question"}, {RequestKind::incident, "incident"}, {RequestKind::setup, "setup"},
      {RequestKind::financial, "financial"}}},
    {{{RequestKind::question, "Question"}, {RequestKind::incident, "Unexpected behaviour"},
      {RequestKind::setup, "Setup request"}, {RequestKind::financial, "Financial request"}}}};
constexpr EnumNames<UsersAffected, 3> users_names{
    {{{UsersAffected::admin, "admin"}, {UsersAffected::buyers, "buyers"}, {UsersAffected::all, "all"}}},
    {{{UsersAffected::admin, "Admin users"}, {UsersAffected::buyers, "Buyers"}, {UsersAffected::all, "All users"}}}};
constexpr EnumNames<Impact, 3> impact_names{
    {{{Impact::auxiliary, "auxiliary"}, {Impact::important, "important"}, {Impact::critical, "critical"}}},
    {{{Impact::auxiliary, "Auxiliary resources"}, {Impact::important, "Important resources"},
      {Impact::critical, "Critical resources"}}}};

}  // namespace

std::string_view key(Priority v) { return priority_names.key_of(v); }
std::string_view key(RequestKind v) { return kind_names.key_of(v); }
std::string_view key(UsersAffected v) { return users_names.key_of(v); }
std::string_view key(Impact v) { return impact_names.key_of(v); }
std::optional<Priority> parse_priority(std::string_view t) { return priority_names.parse(t); }
std::optional<RequestKind> parse_request_kind(std::string_view t) { return kind_names.parse(t); }
std::optional<UsersAffected> parse_users_affected(std::string_view t) { return users_names.parse(t); }
std::optional<Impact> parse_impact(std::string_view t) { return impact_names.parse(t); }
std::string_view label(Priority v) { return priority_names.label_of(v); }
std::string_view label(RequestKind v) { return kind_names.label_of(v); }
std::string_view label(UsersAffected v) { return users_names.label_of(v); }
std::string_view label(Impact v) { return impact_names.label_of(v); }

Result<PriorityDecision> derive_priority(const Answers& answers) {
    switch (answers.kind) {
        case RequestKind::financial: return PriorityDecision{Priority::low, Text::of("priority.reason.financial")};
        case RequestKind::question: return PriorityDecision{Priority::low, Text::of("priority.reason.question")};
        case RequestKind::setup: return PriorityDecision{Priority::low, Text::of("priority.reason.setup")};
        case RequestKind::incident: break;
    }
    if (!answers.users) return Error{"missing_field", "users: say who is affected (admin, buyers or all)"};
    if (!answers.impact) return Error{"missing_field", "impact: say how much is affected (auxiliary, important or critical)"};
    static constexpr Priority internal[] = {Priority::low, Priority::normal, Priority::high};
    static constexpr Priority external[] = {Priority::normal, Priority::high, Priority::urgent};
    const auto level = static_cast<size_t>(*answers.impact);
    const bool buyers = *answers.users != UsersAffected::admin;
    Priority priority = buyers ? external[level] : internal[level];
    Text reason = Text::of(priority == Priority::urgent ? "priority.reason.incident_urgent" : "priority.reason.incident");
    reason.keyed = {{"who", "priority.who." + std::string(key(*answers.users))},
                    {"impact", "priority.impact." + std::string(key(*answers.impact))},
                    {"priority", "priority." + std::string(key(priority))}};
    return PriorityDecision{priority, std::move(reason)};
}

const std::vector<UrgentScenario>& urgent_checklist() {
    static const std::vector<UrgentScenario> list = {
        {"urgent.platform", {"urgent.platform.down", "urgent.platform.incident"}},
        {"urgent.checkout", {"urgent.checkout.shipping", "urgent.checkout.tax", "urgent.checkout.pages"}},
        {"urgent.orders", {"urgent.orders.status", "urgent.orders.feed"}},
        {"urgent.store", {"urgent.store.cart", "urgent.store.register", "urgent.store.search"}},
    };
    return list;
}

}  // namespace core
