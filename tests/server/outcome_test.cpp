// The services refuse by rule, in types (outcome.hpp), and only the HTTP side says a number: each rule's
// refusal read from the ticket service itself, on the engine the suites run on, and the one mapping to
// HTTP held whole.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <set>
#include <string>

#include "core/assets.hpp"
#include "server/database.hpp"
#include "server/identity/demo_data.hpp"
#include "server/reply.hpp"
#include "server/tickets/ticket_service.hpp"
#include "test_database.hpp"
#include "test_server.hpp"

using nlohmann::json;
using server::Outcome;

namespace {

constexpr std::int64_t a_friday = 1796392800;  // Friday 4 December 2026, 14:00 UTC

json question(const std::string& title) {
    return json{{"kind", "question"}, {"title", title}, {"description", "The customer sees two charges."},
                {"environment", "production"}, {"experience", "advanced"}, {"cc", json::array()},
                {"attachments", json::array()}};
}

}  // namespace

TEST_CASE(
    "the ticket service refuses by rule, with no HTTP number: validation, permission, idempotency, lifecycle, not "
    "found") {
    const auto dir = make_temp_dir("outcome");
    TestDatabase store(dir);
    auto db = server::Database::connect(store.url);
    REQUIRE(db.ok());
    REQUIRE(server::seed_demo_data(*db.value()).ok());
    auto regions = core::parse_regions(core::assets::regions_json());
    REQUIRE(regions.ok());
    core::UtcSeconds now{a_friday};
    server::TicketService tickets(*db.value(), regions.value(), [&now] { return now; }, dir / "attachments",
                                  server::default_ticket_resource);

    // Validation: a body that is not a ticket, and a ticket without a title.
    CHECK(tickets.create("u-ana", "lojadaana", "k-0", "{not json").outcome == Outcome::invalid);
    json untitled = question("");
    const server::Reply no_title = tickets.create("u-ana", "lojadaana", "k-1", untitled.dump());
    CHECK(no_title.outcome == Outcome::invalid);
    CHECK(no_title.body["error"] == "invalid_ticket");
    // Idempotency: no key at all; then one key for two different tickets.
    CHECK(tickets.create("u-ana", "lojadaana", "", question("Charged twice").dump()).outcome == Outcome::invalid);
    const server::Reply first = tickets.create("u-ana", "lojadaana", "k-2", question("Charged twice").dump());
    REQUIRE(first.outcome == Outcome::created);
    const server::Reply replayed = tickets.create("u-ana", "lojadaana", "k-2", question("Charged twice").dump());
    CHECK(replayed.outcome == Outcome::ok);
    CHECK(replayed.body["id"] == first.body["id"]);
    const server::Reply reused = tickets.create("u-ana", "lojadaana", "k-2", question("Another thing").dump());
    CHECK(reused.outcome == Outcome::key_reused);
    CHECK(reused.body["error"] == "idempotency_key_reused");
    // Permission: Bruno is a member of Ana's store without "Open Support Ticket".
    const server::Reply bruno = tickets.create("u-bruno", "lojadaana", "k-3", question("Charged twice").dump());
    CHECK(bruno.outcome == Outcome::forbidden);
    // Not found: an account that is not the user's, and a ticket that is not there.
    CHECK(tickets.create("u-bruno", "carolshop", "k-4", question("Charged twice").dump()).outcome ==
          Outcome::not_found);
    CHECK(tickets.get("u-ana", "t_nothing_here").outcome == Outcome::not_found);
    // Lifecycle: an open ticket cannot be reopened or rated; a closed one takes no reply.
    const std::string id = first.body["id"];
    CHECK(tickets.reopen("u-ana", id).outcome == Outcome::conflict);
    CHECK(tickets.survey("u-ana", id, json{{"rating", "good"}}).outcome == Outcome::conflict);
    REQUIRE(tickets.set_status(id, "closed").ok());
    const server::Reply late = tickets.comment("u-ana", id, json{{"body", "One more thing"}});
    CHECK(late.outcome == Outcome::conflict);
    CHECK(late.body["error"] == "ticket_closed");
}

TEST_CASE("every outcome has its one HTTP status; refusals are the 4xx and 5xx, and no two refusals share one") {
    const std::pair<Outcome, int> expected[] = {
        {Outcome::ok, 200},           {Outcome::created, 201},      {Outcome::accepted, 202},
        {Outcome::invalid, 400},      {Outcome::unauthenticated, 401}, {Outcome::forbidden, 403},
        {Outcome::not_found, 404},    {Outcome::conflict, 409},     {Outcome::gone, 410},
        {Outcome::too_large, 413},    {Outcome::unsupported, 415},  {Outcome::key_reused, 422},
        {Outcome::too_many, 429},     {Outcome::failed, 500},       {Outcome::upstream_failed, 502},
        {Outcome::unavailable, 503},  {Outcome::storage_full, 507},
    };
    std::set<int> statuses;
    for (const auto& pair : expected) {
        const Outcome outcome = pair.first;
        const int status = pair.second;  // not a structured binding: clang 14's CAPTURE cannot take one
        CAPTURE(status);
        CHECK(server::http_status(outcome) == status);
        CHECK(server::refused(outcome) == (status >= 400));
        statuses.insert(server::http_status(outcome));
    }
    CHECK(statuses.size() == std::size(expected));
    // The list above names every outcome (`failed` is the enum's last).
    CHECK(static_cast<int>(Outcome::failed) + 1 == static_cast<int>(std::size(expected)));
}
