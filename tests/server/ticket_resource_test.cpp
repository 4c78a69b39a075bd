// The License Manager resource that opens tickets on Brazil accounts comes from the configuration
// (--ticket-product, --ticket-resource): a server started with other names asks for those, in /api/me,
// in who may open and see tickets, and in the 403 that says what to ask for.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "auth_client.hpp"
#include "server/config.hpp"

using nlohmann::json;

namespace {

const core::LicenseResource help_desk{"Help Desk", "Create Case"};

json account_of(const json& me, const std::string& id) {
    for (const json& account : me["accounts"])
        if (account["id"] == id) return account;
    FAIL("no account " << id);
    return {};
}

json incident() {
    return json{{"kind", "incident"}, {"title", "Checkout fails"}, {"description", "Every order fails at payment."},
                {"users", "buyers"}, {"impact", "critical"}, {"environment", "production"}, {"experience", "advanced"}};
}

}  // namespace

TEST_CASE("--ticket-product and --ticket-resource name the resource; the defaults are VTEX's") {
    auto defaults = server::parse_args({});
    REQUIRE(defaults.ok());
    CHECK(defaults.value().config.ticket_resource == core::LicenseResource{"VTEX - Support", "Open Support Ticket"});
    auto named = server::parse_args({"--ticket-product", "Help Desk", "--ticket-resource", "Create Case"});
    REQUIRE(named.ok());
    CHECK(named.value().config.ticket_resource == help_desk);
    CHECK_FALSE(server::parse_args({"--ticket-product", ""}).ok());
    CHECK_FALSE(server::parse_args({"--ticket-resource"}).ok());
}

TEST_CASE("a server started with other names applies them to /api/me, to opening tickets and to the refusal") {
    Auth a([](server::ServerConfig& config) { config.ticket_resource = help_desk; });
    // Bruno's role on lojadaana (Brazil) holds the default names, which this server does not ask for.
    REQUIRE(a.server->database
                ->exec("INSERT INTO role_resources (role_id, product, resource) VALUES"
                       " ('operator', 'VTEX - Support', 'Open Support Ticket')")
                .ok());
    const std::string ana = a.sign_in_by_email("ana@demo.store");
    const std::string bruno = a.sign_in_by_email("bruno@demo.store");

    // The demo owner holds the configured resource.
    json ana_brazil = account_of(a.me(ana), "lojadaana");
    CHECK(ana_brazil["resources"] == json{{{"product", "Help Desk"}, {"resource", "Create Case"}}});
    CHECK(ana_brazil["can_open_tickets"] == true);
    json bruno_brazil = account_of(a.me(bruno), "lojadaana");
    CHECK(bruno_brazil["resources"] == json{{{"product", "VTEX - Support"}, {"resource", "Open Support Ticket"}}});
    CHECK(bruno_brazil["can_open_tickets"] == false);
    // The portal is told which resource to name to a member who lacks it.
    CHECK(a.me(bruno)["ticket_resource"] == json{{"product", "Help Desk"}, {"resource", "Create Case"}});

    auto create = [&](const std::string& token, const std::string& key) {
        return a.cli->Post("/api/accounts/lojadaana/tickets",
                           {{"Authorization", "Bearer " + token}, {"Idempotency-Key", key}}, incident().dump(),
                           "application/json");
    };
    auto denied = create(bruno, "k-bruno");
    REQUIRE(denied);
    REQUIRE(denied->status == 403);
    const json refusal = json::parse(denied->body);
    CHECK(refusal["error"] == "missing_resource");
    CHECK(refusal["product"] == "Help Desk");
    CHECK(refusal["resource"] == "Create Case");
    const std::string message = refusal["message"];
    CHECK(message.find("\"Create Case\" of the product \"Help Desk\"") != std::string::npos);
    CHECK(message.find("Open Support Ticket") == std::string::npos);
    auto upload = a.cli->Post("/api/accounts/lojadaana/attachments", {{"Authorization", "Bearer " + bruno}},
                              httplib::MultipartFormDataItems{{"file", "x", "a.txt", "text/plain"}});
    REQUIRE(upload);
    CHECK(upload->status == 403);

    auto opened = create(ana, "k-ana");
    REQUIRE(opened);
    CHECK(opened->status == 201);
    // Without the resource Bruno does not see Ana's ticket, which does not copy him.
    const std::string id = json::parse(opened->body)["id"];
    CHECK(a.cli->Get("/api/tickets/" + id, {{"Authorization", "Bearer " + bruno}})->status == 404);
    CHECK(a.cli->Get("/api/tickets/" + id, {{"Authorization", "Bearer " + ana}})->status == 200);
}
