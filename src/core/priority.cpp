#include "core/priority.hpp"

namespace core {

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
