// Moving up (issue 20): a SQLite store with the demo data and 1,000 tickets, one in ten with a file,
// moved into an empty PostgreSQL database by `portal-server migrate`'s own code, then read back through
// the ticket service on PostgreSQL and compared with what SQLite gives. Runs when the suites run on
// PostgreSQL (scripts/test-postgres.sh).
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <fstream>
#include <iterator>
#include <string>
#include <variant>

#include "core/assets.hpp"
#include "server/config.hpp"
#include "server/identity/demo_data.hpp"
#include "server/move_data.hpp"
#include "server/tickets/ticket_service.hpp"
#include "test_database.hpp"
#include "test_server.hpp"

using nlohmann::json;

namespace {

constexpr std::int64_t a_friday = 1796392800;  // Friday 4 December 2026, 14:00 UTC

json order_question(int n) {
    return json{{"kind", "question"}, {"title", "Order " + std::to_string(n) + " was charged twice"},
                {"description", "The customer sees two charges for order " + std::to_string(n) + "."},
                {"environment", "production"}, {"experience", "advanced"}, {"cc", json::array()},
                {"attachments", json::array()}};
}

std::string bytes_of(const std::variant<server::Download, server::Reply>& download) {
    const auto* d = std::get_if<server::Download>(&download);
    REQUIRE(d != nullptr);
    if (d->bytes) return *d->bytes;
    std::ifstream in(d->file, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace

TEST_SUITE("postgresql" * doctest::skip(!TestDatabase::postgres())) {

TEST_CASE("migrate moves the demo data and 1,000 tickets with their files into PostgreSQL: the same tickets, files and next number") {
    const auto dir = make_temp_dir("move");
    auto regions = core::parse_regions(core::assets::regions_json());
    REQUIRE(regions.ok());
    const auto clock = [] { return core::UtcSeconds{a_friday}; };
    auto sqlite = server::Database::open(dir / "portal.sqlite3");
    REQUIRE(sqlite.ok());
    REQUIRE(server::seed_demo_data(*sqlite.value()).ok());
    server::TicketService from(*sqlite.value(), regions.value(), clock, dir / "attachments", server::default_ticket_resource);
    std::vector<std::string> ids;
    for (int n = 0; n < 1000; ++n) {
        json body = order_question(n);
        if (n % 10 == 0) {
            auto file = from.upload_to_account("u-ana", "lojadaana",
                                               {"receipt-" + std::to_string(n) + ".txt", "text/plain", "charged twice, order " + std::to_string(n)});
            REQUIRE(file.outcome == server::Outcome::created);
            body["attachments"] = json::array({file.body["id"]});
        }
        auto created = from.create("u-ana", "lojadaana", "order-" + std::to_string(n), body.dump());
        REQUIRE(created.outcome == server::Outcome::created);
        ids.push_back(created.body["id"]);
    }

    TestDatabase target(dir / "pg");
    auto pg = server::Database::connect(target.url);
    REQUIRE(pg.ok());
    auto moved = server::move_database(*sqlite.value(), *pg.value(), dir / "attachments");
    REQUIRE_MESSAGE(moved.ok(), (moved.ok() ? "" : moved.error().message));
    CHECK(moved.value().files == 100);
    bool tickets_counted = false;
    for (const auto& [table, rows] : moved.value().rows)
        if (table == "tickets") tickets_counted = rows == 1000;
    CHECK(tickets_counted);

    // Every tenth ticket read back through the service on PostgreSQL as SQLite gives it, files and all.
    server::TicketService to(*pg.value(), regions.value(), clock, dir / "unused", server::default_ticket_resource);
    for (size_t i = 0; i < ids.size(); i += 10) {
        auto there = to.get("u-ana", ids[i]), here = from.get("u-ana", ids[i]);
        REQUIRE(there.outcome == server::Outcome::ok);
        CHECK(there.body == here.body);
        for (const json& file : here.body["attachments"])
            CHECK(bytes_of(to.download("u-ana", file["id"])) == bytes_of(from.download("u-ana", file["id"])));
    }
    // Ana still signs in (her user, password hash and memberships came along) and sees the same list.
    CHECK(to.list("u-ana", "lojadaana", "", "", "", "50").body == from.list("u-ana", "lojadaana", "", "", "", "50").body);
    // The next ticket follows the last one moved; its key's earlier ticket is found, not made again.
    auto next = to.create("u-ana", "lojadaana", "after-the-move", order_question(1000).dump());
    REQUIRE(next.outcome == server::Outcome::created);
    CHECK(next.body["number"] == 2001);
    CHECK(to.create("u-ana", "lojadaana", "order-7", order_question(7).dump()).body["id"] == ids[7]);

    // Into a database that holds data, nothing is moved.
    auto again = server::move_database(*sqlite.value(), *pg.value(), dir / "attachments");
    REQUIRE_FALSE(again.ok());
    CHECK(again.error().message.find("not empty") != std::string::npos);
    std::filesystem::remove_all(dir);
}

}  // TEST_SUITE
