// Many nodes on one PostgreSQL (issue 20): a second server in this process over the first one's
// database and key file, as a second portal-server behind a proxy would be. These run when the suites
// run on PostgreSQL (scripts/test-postgres.sh); on SQLite one file has one server.
#include <doctest/doctest.h>

#include <httplib.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <regex>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

#include "auth_client.hpp"
#include "core/assets.hpp"
#include "server/postgres_store.hpp"
#include "server/statement.hpp"
#include "test_server.hpp"

using nlohmann::json;

namespace {

constexpr std::int64_t friday_afternoon = 1795798800;  // Brazil's team is open

json question(const std::string& title) {
    return json{{"kind", "question"}, {"title", title}, {"description", "How do I change the store's currency?"},
                {"environment", "production"}, {"experience", "advanced"}, {"cc", json::array()},
                {"attachments", json::array()}};
}

// Another node: the same settings (keys, clock, public origin) and database as `first`, its own port.
struct SecondNode {
    std::unique_ptr<server::Database> database;
    std::unique_ptr<server::HttpServer> http;
    std::thread serving;
    int port = 0;

    explicit SecondNode(const TestServer& first) {
        server::ServerConfig config = first.settings();
        config.port = 0;
        config.public_origin = "http://127.0.0.1:" + std::to_string(first.port);  // one origin behind a proxy
        if (!config.exchange_log.empty()) config.exchange_log.replace_extension(".second.jsonl");
        auto db = server::Database::connect(config.database_url);
        REQUIRE_MESSAGE(db.ok(), (db.ok() ? "" : db.error().message));
        database = std::move(db).value();
        auto files = server::StaticFiles::load(config.web_dir);
        REQUIRE(files.ok());
        auto regions = core::parse_regions(core::assets::regions_json());
        REQUIRE(regions.ok());
        http = std::make_unique<server::HttpServer>(config, *database, std::move(files).value(), std::move(regions).value());
        auto bound = http->bind();
        REQUIRE(bound.ok());
        port = bound.value();
        serving = std::thread([this] { http->run(); });
    }
    ~SecondNode() {
        http->stop();
        serving.join();
    }
};

struct TwoNodes : Auth {
    std::unique_ptr<SecondNode> second;
    std::string ana;
    TwoNodes() {
        clock.now->store(friday_afternoon);
        second = std::make_unique<SecondNode>(*server);
        ana = sign_in_by_email("ana@demo.store");
    }
    int port_of(int node) const { return node == 0 ? server->port : second->port; }
    httplib::Result create(int node, const json& body, const std::string& key) {
        httplib::Client c("127.0.0.1", port_of(node));
        return c.Post("/api/accounts/lojadaana/tickets", {{"Authorization", "Bearer " + ana}, {"Idempotency-Key", key}},
                      body.dump(), "application/json");
    }
};

}  // namespace

TEST_SUITE("postgresql" * doctest::skip(!TestDatabase::postgres())) {

TEST_CASE("20 parallel creations with one Idempotency-Key spread over two nodes make one ticket") {
    TwoNodes nodes;
    std::vector<httplib::Result> answers(20);
    std::vector<std::thread> clients;
    for (int i = 0; i < 20; ++i)
        clients.emplace_back([&, i] { answers[static_cast<size_t>(i)] = nodes.create(i % 2, question("Currency"), "one-key"); });
    for (auto& t : clients) t.join();
    std::set<std::string> ids;
    int created = 0;
    for (auto& res : answers) {
        REQUIRE(res);
        REQUIRE_MESSAGE((res->status == 201 || res->status == 200), res->body);
        created += res->status == 201;
        ids.insert(json::parse(res->body)["id"].get<std::string>());
    }
    CHECK(created == 1);
    CHECK(ids.size() == 1);
    auto r = nodes.server->database->reader();
    server::Statement count(*r, "SELECT count(*) FROM tickets");
    REQUIRE(count.step());
    CHECK(count.integer(0) == 1);
}

TEST_CASE("ticket numbers stay unique and increasing when two nodes create at once") {
    TwoNodes nodes;
    std::vector<httplib::Result> answers(30);
    std::vector<std::thread> clients;
    for (int i = 0; i < 30; ++i)
        clients.emplace_back([&, i] {
            answers[static_cast<size_t>(i)] = nodes.create(i % 2, question("Ticket " + std::to_string(i)), "key-" + std::to_string(i));
        });
    for (auto& t : clients) t.join();
    std::set<std::int64_t> numbers;
    for (auto& res : answers) {
        REQUIRE(res);
        REQUIRE_MESSAGE(res->status == 201, res->body);
        numbers.insert(json::parse(res->body)["number"].get<std::int64_t>());
    }
    CHECK(numbers.size() == 30);
    CHECK(*numbers.begin() >= 1001);
}

TEST_CASE("one draft file claimed by tickets created at once on two nodes goes to one of them") {
    TwoNodes nodes;
    httplib::Client first("127.0.0.1", nodes.port_of(0));
    httplib::MultipartFormDataItems items{{"file", "the HAR of the failed payment", "payment.har", "application/json"}};
    auto up = first.Post("/api/accounts/lojadaana/attachments", {{"Authorization", "Bearer " + nodes.ana}}, items);
    REQUIRE(up);
    REQUIRE_MESSAGE(up->status == 201, up->body);
    const std::string file = json::parse(up->body)["id"];
    json body = question("Payment fails with the attached HAR");
    body["attachments"] = json::array({file});
    // Creations run in READ COMMITTED on PostgreSQL. Another session holds the file's row while four
    // creations, two on each node, find it unclaimed and reach their claim; once it lets go they claim
    // it one after the other, and only the first finds it still unclaimed: the others are told it is gone.
    auto other_session = server::Database::connect(nodes.server->settings().database_url);
    REQUIRE(other_session.ok());
    std::atomic<bool> holding{false};
    std::thread holder([&] {
        other_session.value()->write([&](server::Connection& c) {
            server::Statement lock(c, "SELECT id FROM attachments WHERE id = ? FOR UPDATE");
            lock.bind(1, file).step();
            holding = true;
            std::this_thread::sleep_for(std::chrono::milliseconds(1500));
            return true;
        });
    });
    while (!holding) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    std::atomic<int> created{0}, gone{0}, other{0};
    std::vector<std::thread> clients;
    for (int i = 0; i < 4; ++i)
        clients.emplace_back([&, i] {
            auto res = nodes.create(i % 2, body, "claim-" + std::to_string(i));
            if (res && res->status == 201) ++created;
            else if (res && res->status == 400 && res->body.find("no longer available") != std::string::npos) ++gone;
            else ++other;
        });
    for (std::thread& t : clients) t.join();
    holder.join();
    CHECK(created == 1);
    CHECK(gone == 3);
    CHECK(other == 0);
}

TEST_CASE("a file uploaded through one node downloads through the other") {
    TwoNodes nodes;
    httplib::Client first("127.0.0.1", nodes.port_of(0)), second("127.0.0.1", nodes.port_of(1));
    const std::string bytes = "order 1234 failed at payment\n" + std::string(70000, 'x');
    httplib::MultipartFormDataItems items{{"file", bytes, "log.txt", "text/plain"}};
    auto up = first.Post("/api/accounts/lojadaana/attachments", {{"Authorization", "Bearer " + nodes.ana}}, items);
    REQUIRE(up);
    REQUIRE_MESSAGE(up->status == 201, up->body);
    const std::string id = json::parse(up->body)["id"];
    auto down = second.Get("/api/attachments/" + id, {{"Authorization", "Bearer " + nodes.ana}});
    REQUIRE(down);
    CHECK(down->status == 200);
    CHECK(down->body == bytes);
}

TEST_CASE("a sign-in started on one node finishes on the other") {
    TwoNodes nodes;
    Auth::Txn t = nodes.start();  // on the first node
    nodes.cli = std::make_unique<httplib::Client>("127.0.0.1", nodes.port_of(1));
    const std::string code = nodes.authorization_code_by_email(t, "bruno@demo.store");  // code, outbox, verify
    auto tokens = nodes.exchange(code, t.verifier);
    REQUIRE(tokens);
    CHECK(tokens->status == 200);
    const std::string token = json::parse(tokens->body)["access_token"];
    nodes.cli = std::make_unique<httplib::Client>("127.0.0.1", nodes.port_of(0));
    CHECK(nodes.me(token)["user"]["email"] == "bruno@demo.store");
}

TEST_CASE("wrong codes sent to two nodes at once count toward one lockout") {
    TwoNodes nodes;
    Auth::Txn t = nodes.start();
    REQUIRE(nodes.post(nodes.path(t, "/email-code"), {{"email", "bruno@demo.store"}})->status == 202);
    const std::string right = nodes.last_code("bruno@demo.store");
    const std::string wrong = right == "000000" ? "111111" : "000000";
    std::vector<int> statuses(10);
    std::vector<std::thread> clients;
    for (int i = 0; i < 10; ++i)
        clients.emplace_back([&, i] {
            httplib::Client c("127.0.0.1", nodes.port_of(i % 2));
            auto res = c.Post(nodes.path(t, "/email-code/verify"), json{{"code", wrong}}.dump(), "application/json");
            statuses[static_cast<size_t>(i)] = res ? res->status : 0;
        });
    for (auto& c : clients) c.join();
    CHECK(std::count(statuses.begin(), statuses.end(), 400) == 4);  // tries 1 to 4; the fifth locks
    CHECK(std::count(statuses.begin(), statuses.end(), 429) == 6);
    httplib::Client second("127.0.0.1", nodes.port_of(1));
    auto after = second.Post(nodes.path(t, "/email-code/verify"), json{{"code", right}}.dump(), "application/json");
    REQUIRE(after);
    CHECK(after->status == 429);
    CHECK(json::parse(after->body)["error"] == "transaction_locked");
}

TEST_CASE("a refresh token reused on another node revokes the family on both") {
    TwoNodes nodes;
    auto tokens = nodes.tokens_by_email("carol@demo.store");
    std::smatch m;
    const std::string header = tokens->get_header_value("Set-Cookie");
    REQUIRE(std::regex_search(header, m, std::regex("portal_refresh=([^;]*)")));
    const std::string first = m[1];
    auto rotated = nodes.refresh(first);  // on the first node
    REQUIRE(rotated->status == 200);
    const std::string rotated_header = rotated->get_header_value("Set-Cookie");
    REQUIRE(std::regex_search(rotated_header, m, std::regex("portal_refresh=([^;]*)")));
    const std::string second_token = m[1];
    nodes.cli = std::make_unique<httplib::Client>("127.0.0.1", nodes.port_of(1));
    CHECK(nodes.refresh(first)->status == 400);  // reuse, on the other node...
    nodes.cli = std::make_unique<httplib::Client>("127.0.0.1", nodes.port_of(0));
    CHECK(nodes.refresh(second_token)->status == 400);  // ...ends the newer one on the first
}

TEST_CASE("a PostgreSQL database newer than the server is refused, not damaged") {
    auto dir = make_temp_dir("pg-newer");
    TestDatabase store(dir);
    {
        auto db = server::Database::connect(store.url);
        REQUIRE(db.ok());
        CHECK(db.value()->engine() == server::Engine::postgresql);
        CHECK(db.value()->schema_version() == server::latest_schema_version());
        REQUIRE(db.value()->exec("INSERT INTO portal_schema (version) VALUES (999)").ok());
    }
    auto newer = server::Database::connect(store.url);
    REQUIRE_FALSE(newer.ok());
    CHECK(newer.error().message.find("newer than this server knows") != std::string::npos);
    std::filesystem::remove_all(dir);
}

TEST_CASE("PostgreSQL writes: concurrent writers each keep, refuse or throw alone; readers refuse any change") {
    auto dir = make_temp_dir("pg-writes");
    TestDatabase store(dir);
    auto opened = server::Database::connect(store.url);
    REQUIRE(opened.ok());
    server::Database& db = *opened.value();
    REQUIRE(db.exec("CREATE TABLE notes (writer BIGINT NOT NULL, n BIGINT NOT NULL)").ok());
    constexpr int writers = 8, each = 25;
    std::atomic<int> committed{0}, refused{0}, thrown{0};
    std::vector<std::thread> threads;
    for (int w = 0; w < writers; ++w)
        threads.emplace_back([&, w] {
            for (int i = 0; i < each; ++i) {
                auto work = [&](server::Connection& c) -> bool {
                    server::Statement insert(c, "INSERT INTO notes (writer, n) VALUES (?, ?)");
                    if (!insert.bind(1, std::int64_t{w}).bind(2, std::int64_t{i}).run()) return false;
                    if (i == 7) throw std::runtime_error("the work failed");
                    return i % 5 != 3;
                };
                try {
                    if (db.write(work)) (i % 5 != 3 ? committed : refused)++;
                } catch (const std::runtime_error&) {
                    thrown++;
                }
            }
        });
    for (auto& t : threads) t.join();
    CHECK(thrown == writers);
    CHECK(refused == writers * (each / 5));
    auto reader = db.reader();
    server::Statement count(*reader, "SELECT count(*), count(DISTINCT writer * 1000 + n) FROM notes");
    REQUIRE(count.step());
    CHECK(count.integer(0) == committed);
    CHECK(count.integer(1) == committed);
    server::Statement refused_rows(*reader, "SELECT count(*) FROM notes WHERE n % 5 = 3 OR n = 7");
    REQUIRE(refused_rows.step());
    CHECK(refused_rows.integer(0) == 0);
    server::Statement write(*reader, "INSERT INTO rate_events (key, at) VALUES ('x', 1)");
    CHECK_FALSE(write.run());
    CHECK(write.error().find("read-only") != std::string::npos);
    std::filesystem::remove_all(dir);
}

}  // TEST_SUITE
