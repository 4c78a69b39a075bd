#include <doctest/doctest.h>

#include "core/priority.hpp"

using namespace core;

TEST_CASE("priority follows the request kind, then users affected x impact") {
    struct Case {
        RequestKind kind;
        std::optional<UsersAffected> users;
        std::optional<Impact> impact;
        Priority expected;
    };
    const Case cases[] = {
        {RequestKind::financial, std::nullopt, std::nullopt, Priority::low},
        {RequestKind::question, std::nullopt, std::nullopt, Priority::low},
        {RequestKind::setup, std::nullopt, std::nullopt, Priority::low},
        {RequestKind::setup, UsersAffected::all, Impact::critical, Priority::low},  // answers do not raise a setup
        {RequestKind::incident, UsersAffected::admin, Impact::auxiliary, Priority::low},
        {RequestKind::incident, UsersAffected::admin, Impact::important, Priority::normal},
        {RequestKind::incident, UsersAffected::admin, Impact::critical, Priority::high},
        {RequestKind::incident, UsersAffected::buyers, Impact::auxiliary, Priority::normal},
        {RequestKind::incident, UsersAffected::buyers, Impact::important, Priority::high},
        {RequestKind::incident, UsersAffected::buyers, Impact::critical, Priority::urgent},
        {RequestKind::incident, UsersAffected::all, Impact::auxiliary, Priority::normal},
        {RequestKind::incident, UsersAffected::all, Impact::important, Priority::high},
        {RequestKind::incident, UsersAffected::all, Impact::critical, Priority::urgent},
    };
    for (const Case& c : cases) {
        CAPTURE(key(c.kind));
        CAPTURE(c.users ? key(*c.users) : "-");
        CAPTURE(c.impact ? key(*c.impact) : "-");
        auto decision = derive_priority(Answers{c.kind, c.users, c.impact});
        REQUIRE(decision.ok());
        CHECK(decision.value().priority == c.expected);
        CHECK(english(decision.value().reason).find(std::string(label(c.expected))) != std::string::npos);
    }
}

TEST_CASE("an incident without users or impact says which answer is missing") {
    auto no_users = derive_priority(Answers{RequestKind::incident, std::nullopt, Impact::critical});
    REQUIRE_FALSE(no_users.ok());
    CHECK(no_users.error().message.rfind("users", 0) == 0);
    auto no_impact = derive_priority(Answers{RequestKind::incident, UsersAffected::all, std::nullopt});
    REQUIRE_FALSE(no_impact.ok());
    CHECK(no_impact.error().message.rfind("impact", 0) == 0);
}

TEST_CASE("wire keys round-trip and the urgent checklist explains Urgent") {
    for (Priority p : all_priorities) CHECK(parse_key<Priority>(key(p)) == p);
    CHECK(parse_key<RequestKind>("incident") == RequestKind::incident);
    CHECK(parse_key<UsersAffected>("buyers") == UsersAffected::buyers);
    CHECK(parse_key<Impact>("critical") == Impact::critical);
    CHECK_FALSE(parse_key<Priority>("URGENT").has_value());
    CHECK_FALSE(parse_key<Impact>("high").has_value());  // the wire says critical, not high
    REQUIRE(urgent_checklist().size() == 4);
    CHECK(english(Text::of(std::string(urgent_checklist()[1].title))) == "Checkout unavailable");
    auto urgent = derive_priority(Answers{RequestKind::incident, UsersAffected::buyers, Impact::critical});
    CHECK(english(urgent.value().reason).find("checklist") != std::string::npos);
    CHECK(english(urgent.value().reason) ==
          "An unexpected behaviour that affects your buyers on critical resources is Urgent. Urgent means sales are "
          "directly at stake: see the checklist.");
    CHECK(render("pt", urgent.value().reason).find("seus compradores em recursos críticos tem prioridade Urgente") !=
          std::string::npos);
}
