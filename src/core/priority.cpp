#include "core/priority.hpp"

#include "core/enum_names.hpp"

namespace core {

namespace {

constexpr EnumNames<Priority, 4> priority_names{
    {{{Priority::urgent, "urgent"}, {Priority::high, "high"}, {Priority::normal, "normal"}, {Priority::low, "low"}}}};
constexpr EnumNames<RequestKind, 4> kind_names{
    {{{RequestKind::question, "question"}, {RequestKind::incident, "incident"}, {RequestKind::setup, "setup"},
      {RequestKind::financial, "financial"}}}};
constexpr EnumNames<UsersAffected, 3> users_names{
    {{{UsersAffected::admin, "admin"}, {UsersAffected::buyers, "buyers"}, {UsersAffected::all, "all"}}}};
constexpr EnumNames<Impact, 3> impact_names{
    {{{Impact::auxiliary, "auxiliary"}, {Impact::important, "important"}, {Impact::critical, "critical"}}}};

}  // namespace

std::string_view key(Priority v) { return priority_names.key_of(v); }
std::string_view key(RequestKind v) { return kind_names.key_of(v); }
std::string_view key(UsersAffected v) { return users_names.key_of(v); }
std::string_view key(Impact v) { return impact_names.key_of(v); }
std::optional<Priority> parse_priority(std::string_view t) { return priority_names.parse(t); }
std::optional<RequestKind> parse_request_kind(std::string_view t) { return kind_names.parse(t); }
std::optional<UsersAffected> parse_users_affected(std::string_view t) { return users_names.parse(t); }
std::optional<Impact> parse_impact(std::string_view t) { return impact_names.parse(t); }
std::string_view label(Priority v) { return translate("en", "priority." + std::string(key(v))); }
std::string_view label(RequestKind v) { return translate("en", "kind." + std::string(key(v))); }
std::string_view label(UsersAffected v) { return translate("en", "users." + std::string(key(v))); }
std::string_view label(Impact v) { return translate("en", "impact." + std::string(key(v))); }

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
