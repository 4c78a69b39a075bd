// The contract as an integrator's tools read it (issue 24): JSON routes take JSON only, the token
// endpoint answers as RFC 6749 says, the authorization server's metadata (RFC 8414), and the server
// serving its own OpenAPI document and reference page.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "auth_client.hpp"
#include "core/assets.hpp"

using nlohmann::json;

namespace {

json body_of(const httplib::Result& res) { return json::parse(res->body, nullptr, false); }

}  // namespace

TEST_CASE("a JSON route refuses any other content type with 415 and says what to send") {
    Auth a;
    const std::string preview = R"({"region":"brazil","priority":"high"})";
    // text/plain and a form are what a page of another site can send without a CORS preflight.
    for (const char* type : {"text/plain", "application/x-www-form-urlencoded", "application/xml"}) {
        auto res = a.cli->Post("/api/sla/preview", preview, type);
        REQUIRE(res);
        CHECK(res->status == 415);
        CHECK(body_of(res)["error"] == "unsupported_media_type");
        CHECK(body_of(res)["message"].get<std::string>().find("application/json") != std::string::npos);
    }
    auto bare = a.cli->Post("/api/sla/preview", httplib::Headers{}, preview, "");
    REQUIRE(bare);
    CHECK(bare->status == 415);
    // Parameters and case do not matter.
    auto charset = a.cli->Post("/api/sla/preview", preview, "Application/JSON; charset=utf-8");
    REQUIRE(charset);
    CHECK(charset->status == 200);

    // A sign-in step, a new ticket and a reply, the same.
    auto step = a.cli->Post("/api/auth/transactions", R"({"client_id":"support-portal"})", "text/plain");
    REQUIRE(step);
    CHECK(step->status == 415);
    const std::string token = a.sign_in_by_email("ana@demo.store");
    httplib::Headers auth{{"Authorization", "Bearer " + token}, {"Idempotency-Key", "k-415"}};
    auto ticket = a.cli->Post("/api/accounts/lojadaana/tickets", auth,
                              R"({"kind":"question","title":"Hello","description":"How?"})", "text/plain");
    REQUIRE(ticket);
    CHECK(ticket->status == 415);
    auto listed = a.cli->Get("/api/accounts/lojadaana/tickets", auth);
    REQUIRE(listed);
    CHECK(body_of(listed)["tickets"].empty());  // nothing was created
}

TEST_CASE("the token endpoint: error and error_description, invalid_request when malformed, never cached") {
    Auth a;
    auto check_error = [](const httplib::Result& res, const char* error) {
        REQUIRE(res);
        CHECK(res->status == 400);
        const json body = body_of(res);
        CHECK(body["error"] == error);
        CHECK(body["error_description"].is_string());
        CHECK_FALSE(body["error_description"].get<std::string>().empty());
        CHECK(res->get_header_value("Cache-Control") == "no-store");
        CHECK(res->get_header_value("Pragma") == "no-cache");
    };
    check_error(a.cli->Post("/oauth/token", httplib::Params{{"code", "x"}}), "invalid_request");  // no grant_type
    check_error(a.cli->Post("/oauth/token?grant_type=authorization_code", httplib::Params{{"code", "x"}}),
                "invalid_request");  // parameters in the address
    check_error(a.cli->Post("/oauth/token", httplib::Params{{"grant_type", "password"}}), "unsupported_grant_type");
    check_error(a.cli->Post("/oauth/token", "{\"grant_type\":\"refresh_token\"}", "application/json"), "invalid_request");
    check_error(a.cli->Post("/oauth/token", "grant_type=refresh_token&grant_type=authorization_code",
                            "application/x-www-form-urlencoded"),
                "invalid_request");
    check_error(a.cli->Post("/oauth/token", httplib::Params{{"grant_type", "authorization_code"}, {"code", "x"},
                                                            {"code_verifier", "y"}, {"client_id", "someone-else"}}),
                "invalid_client");

    // The refresh token is taken from its cookie only: in the form it is refused, even a good one.
    auto tokens = a.tokens_by_email("ana@demo.store");
    const std::string set_cookie = tokens->get_header_value("Set-Cookie");
    const std::string refresh = set_cookie.substr(set_cookie.find('=') + 1, set_cookie.find(';') - set_cookie.find('=') - 1);
    CHECK(tokens->get_header_value("Pragma") == "no-cache");
    CHECK(tokens->get_header_value("Cache-Control") == "no-store");
    auto in_form = a.cli->Post("/oauth/token", httplib::Params{{"grant_type", "refresh_token"}, {"refresh_token", refresh}});
    check_error(in_form, "invalid_request");
    CHECK(body_of(in_form)["error_description"].get<std::string>().find("cookie") != std::string::npos);
    auto rotated = a.refresh(refresh);  // the same token from its cookie: it was not spent by the refusal
    REQUIRE(rotated);
    CHECK(rotated->status == 200);
    CHECK(body_of(rotated)["token_type"] == "Bearer");
    CHECK_FALSE(body_of(rotated).contains("refresh_token"));  // the rotated one comes back as the cookie
    CHECK(rotated->get_header_value("Set-Cookie").rfind("portal_refresh=", 0) == 0);
}

TEST_CASE("the authorization server's metadata (RFC 8414) names the endpoints, PKCE and the grants") {
    Auth a;
    auto res = a.cli->Get("/.well-known/oauth-authorization-server");
    REQUIRE(res);
    CHECK(res->status == 200);
    const json meta = body_of(res);
    const std::string origin = "http://127.0.0.1:" + std::to_string(a.server->port);
    CHECK(meta["issuer"] == origin);
    CHECK(meta["token_endpoint"] == origin + "/oauth/token");
    CHECK(meta["authorization_endpoint"] == origin + "/oauth/authorize");
    CHECK(meta["code_challenge_methods_supported"] == json{"S256"});
    CHECK(meta["grant_types_supported"] == json{"authorization_code", "refresh_token"});
    CHECK(meta["response_types_supported"] == json{"code"});
    CHECK(meta["token_endpoint_auth_methods_supported"] == json{"none"});
    CHECK(meta["service_documentation"] == origin + "/api/reference");
    CHECK(res->get_header_value_count("Cache-Control") == 1);  // kept an hour, not also no-store
    CHECK(res->get_header_value("Cache-Control") == "max-age=3600");
}

TEST_CASE("401s challenge with Bearer; the scheme is case-insensitive") {
    Auth a;
    const std::string token = a.sign_in_by_email("ana@demo.store");
    const std::pair<const char*, int> paths[] = {{"/api/me", 200}, {"/api/accounts/lojadaana/tickets", 200},
                                                 {"/api/tickets/t_nope", 404}, {"/api/attachments/a_nope", 404}};
    for (const auto& entry : paths) {
        const char* path = entry.first;  // not a structured binding: clang 14 cannot capture one in CHECK_MESSAGE
        const int signed_in = entry.second;
        auto none = a.cli->Get(path);
        REQUIRE(none);
        CHECK(none->status == 401);
        CHECK(none->get_header_value("WWW-Authenticate").rfind("Bearer realm=", 0) == 0);
        auto lower = a.cli->Get(path, {{"Authorization", "bearer " + token}});
        REQUIRE(lower);
        CHECK_MESSAGE(lower->status == signed_in, path);
    }
}

TEST_CASE("the server serves its contract and a reference page built from it, which runs no script") {
    TestServer server;
    httplib::Client cli("127.0.0.1", server.port);
    auto yaml = cli.Get("/api/openapi.yaml", {{"Accept-Encoding", "identity"}});
    REQUIRE(yaml);
    CHECK(yaml->status == 200);
    CHECK(yaml->get_header_value("Content-Type").rfind("application/yaml", 0) == 0);
    std::ifstream file(std::string(PORTAL_SOURCE_DIR) + "/docs/openapi.yaml", std::ios::binary);
    std::stringstream document;
    document << file.rdbuf();
    CHECK(yaml->body == document.str());

    auto page = cli.Get("/api/reference", {{"Accept-Encoding", "identity"}});
    REQUIRE(page);
    CHECK(page->status == 200);
    CHECK(page->get_header_value("Content-Type").rfind("text/html", 0) == 0);
    CHECK(page->get_header_value("Content-Security-Policy").rfind("default-src 'none';", 0) == 0);
    CHECK(page->body.find("<script") == std::string::npos);
    // Every operation is on the page with its details, rendered (no script renders it later): its section,
    // a header parameter, a field of a response schema, a status of its own.
    for (const char* words : {"<section id=\"openTicket\">", "<section id=\"token\">", "<section id=\"me\">",
                              "Idempotency-Key", "follow_up_number", "can_open_tickets", "error_description",
                              "unsupported_media_type", "<div id=\"schema-ticket\">"})
        CHECK_MESSAGE(page->body.find(words) != std::string::npos, words);
    for (const char* fetched : {"src=\"http", "href=\"http", "url(http"})  // nothing fetched elsewhere
        CHECK_MESSAGE(page->body.find(fetched) == std::string::npos, fetched);
}

TEST_CASE("the exchange log is the owner's alone, and only a server on loopback writes one") {
    const auto dir = make_temp_dir("exchange-log");
    server::ServerConfig config;
    config.exchange_log = dir / "exchanges.jsonl";
    {
        TestServer server(config);
        httplib::Client cli("127.0.0.1", server.port);
        REQUIRE(cli.Get("/healthz"));
    }
    std::error_code error;
    const auto status = std::filesystem::status(config.exchange_log, error);
    REQUIRE_FALSE(error);
    CHECK((status.permissions() & std::filesystem::perms::all) ==
          (std::filesystem::perms::owner_read | std::filesystem::perms::owner_write));
    std::ifstream lines(config.exchange_log);
    std::string first;
    REQUIRE(std::getline(lines, first));
    const json line = json::parse(first);
    CHECK(line["path"] == "/healthz");
    CHECK(line["status"] == 200);
    CHECK(line["transport"] == false);

    // A server listening beyond loopback refuses the option (the log holds tokens and codes).
    server::ServerConfig open = config;
    open.host = "0.0.0.0";
    open.port = 0;
    open.data_dir = dir / "data";
    auto db = server::Database::open(open.data_dir / "portal.sqlite3");
    REQUIRE(db.ok());
    auto files = server::StaticFiles::load(dir);
    REQUIRE(files.ok());
    auto regions = core::parse_regions(core::assets::regions_json());
    REQUIRE(regions.ok());
    server::HttpServer refusing(open, *db.value(), std::move(files).value(), std::move(regions).value());
    auto bound = refusing.bind();
    REQUIRE_FALSE(bound.ok());
    CHECK(bound.error().message.find("--exchange-log") != std::string::npos);
    std::filesystem::remove_all(dir, error);
}
