// The ticket API against the in-process server: creation that never duplicates, the list with its
// filters and paging, the thread (replies, reopening, survey), attachments, and isolation between
// accounts. Support's side goes through the same TicketService the admin command uses.
#include <doctest/doctest.h>

#include <httplib.h>

#include <nlohmann/json.hpp>

#include <set>
#include <thread>
#include <vector>

#include "auth_client.hpp"
#include "core/time.hpp"
#include "raw_socket.hpp"
#include "server/statement.hpp"
#include "server/tickets/ticket_service.hpp"
#include "test_server.hpp"

using nlohmann::json;

namespace {

// The answer to an upload's head alone (its Content-Length says `size`), read until the server closes.
std::string answer_to_upload_head(int port, const std::string& token, const std::string& path, size_t size) {
    int fd = raw::connect_from(port);
    REQUIRE(raw::send_all(fd, "POST " + path + " HTTP/1.1\r\nHost: portal\r\nAuthorization: Bearer " + token +
                                  "\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: " +
                                  std::to_string(size) + "\r\n\r\n"));
    const std::string answer = raw::receive(fd, std::chrono::seconds(5));
    close(fd);
    return answer;
}

// Friday 27 November 2026, 14:00 in Sao Paulo (17:00Z): the Brazil team is open.
constexpr std::int64_t friday_afternoon = 1795798800;

json incident() {
    return json{{"kind", "incident"}, {"title", "Checkout fails"}, {"description", "Every order fails at payment."},
                {"users", "buyers"}, {"impact", "critical"}, {"environment", "production"},
                {"experience", "advanced"}, {"cc", {"ops@loja.com.br"}}, {"attachments", json::array()}};
}

struct Desk : Auth {
    std::string ana, bruno, carol;
    Desk() {
        clock.now->store(friday_afternoon);
        ana = sign_in_by_email("ana@demo.store");
        bruno = sign_in_by_email("bruno@demo.store");
        carol = sign_in_by_email("carol@demo.store");
    }
    httplib::Headers bearer(const std::string& token, const std::string& key = "") {
        httplib::Headers h{{"Authorization", "Bearer " + token}};
        if (!key.empty()) h.emplace("Idempotency-Key", key);
        return h;
    }
    httplib::Result create(const std::string& token, const std::string& account, const json& body, const std::string& key) {
        return cli->Post("/api/accounts/" + account + "/tickets", bearer(token, key), body.dump(), "application/json");
    }
    json created(const std::string& token, const std::string& account, const json& body, const std::string& key) {
        auto res = create(token, account, body, key);
        REQUIRE(res);
        REQUIRE_MESSAGE(res->status == 201, res->body);
        return json::parse(res->body);
    }
    httplib::Result get(const std::string& token, const std::string& path) { return cli->Get(path, bearer(token)); }
    json ok(const httplib::Result& res, int status = 200) {
        REQUIRE(res);
        REQUIRE_MESSAGE(res->status == status, res->body);
        return json::parse(res->body);
    }
    httplib::Result post(const std::string& token, const std::string& path, const json& body) {
        return cli->Post(path, bearer(token), body.dump(), "application/json");
    }
    httplib::Result upload(const std::string& token, const std::string& path, const std::string& name, const std::string& bytes) {
        httplib::MultipartFormDataItems items{{"file", bytes, name, "application/octet-stream"}};
        return cli->Post(path, bearer(token), items);
    }
    // Time passes; access tokens last 15 minutes, so Ana signs in again.
    void later(std::int64_t seconds) {
        clock.advance(seconds);
        ana = sign_in_by_email("ana@demo.store");
    }
    server::TicketService& support() { return server->http->ticket_service(); }
};

}  // namespace

TEST_CASE("a ticket gets the preview's priority and deadline; the same Idempotency-Key returns it, never a second") {
    Desk d;
    json ticket = d.created(d.ana, "lojadaana", incident(), "key-1");
    CHECK(ticket["number"] == 1001);
    CHECK(ticket["account"] == "lojadaana");
    CHECK(ticket["kind"] == "incident");
    CHECK(ticket["title"] == "Checkout fails");
    CHECK(ticket["status"] == "open");
    CHECK(ticket["opened_at"] == "2026-11-27T17:00:00Z");
    // The same answers and instant through the preview API give the same priority and deadline.
    auto preview = d.Auth::post("/api/sla/preview", {{"region", "brazil"}, {"opened_at", "2026-11-27T17:00:00Z"},
                                                     {"answers", {{"kind", "incident"}, {"users", "buyers"}, {"impact", "critical"}}}});
    json expected = json::parse(preview->body);
    CHECK(ticket["priority"] == expected["priority"]);
    CHECK(ticket["priority"] == "urgent");
    CHECK(ticket["due_at"] == expected["due_at"]);
    CHECK(ticket["due_at"] == "2026-11-27T18:00:00Z");

    auto again = d.create(d.ana, "lojadaana", incident(), "key-1");
    REQUIRE(again->status == 200);
    CHECK(json::parse(again->body)["id"] == ticket["id"]);
    json other = incident();
    other["title"] = "Something else";
    auto reused = d.create(d.ana, "lojadaana", other, "key-1");
    CHECK(reused->status == 422);
    CHECK(json::parse(reused->body)["error"] == "idempotency_key_reused");
    auto no_key = d.create(d.ana, "lojadaana", incident(), "");
    CHECK(no_key->status == 400);
    CHECK(json::parse(no_key->body)["error"] == "idempotency_key_required");
    json list = d.ok(d.get(d.ana, "/api/accounts/lojadaana/tickets"));
    CHECK(list["tickets"].size() == 1);
}

TEST_CASE("concurrent submissions: each key opens one ticket, the same key sent at once opens exactly one") {
    Desk d;
    const int port = d.server->port;
    auto submit = [&](const std::string& key, const json& body) {
        httplib::Client own("127.0.0.1", port);  // one connection per thread, as browsers would
        auto res = own.Post("/api/accounts/lojadaana/tickets", d.bearer(d.ana, key), body.dump(), "application/json");
        return res ? std::pair{res->status, res->body} : std::pair{0, httplib::to_string(res.error())};
    };
    std::vector<std::pair<int, std::string>> answers(24), same(12);
    std::vector<std::thread> threads;
    for (size_t i = 0; i < answers.size(); ++i)
        threads.emplace_back([&, i] { answers[i] = submit("parallel-" + std::to_string(i), incident()); });
    for (size_t i = 0; i < same.size(); ++i) threads.emplace_back([&, i] { same[i] = submit("one-key", incident()); });
    for (auto& t : threads) t.join();
    std::set<std::int64_t> numbers;
    // The message names the pair, not its binding: clang 14 (the fuzz preset) cannot capture a structured
    // binding in the lambda CHECK_MESSAGE makes.
    for (auto& answer : answers) {
        auto& [status, body] = answer;
        CHECK_MESSAGE(status == 201, answer.second);
        if (status == 201) numbers.insert(json::parse(body)["number"].get<std::int64_t>());
    }
    CHECK(numbers.size() == answers.size());
    int first = 0;
    std::set<std::string> ids;
    for (auto& answer : same) {
        auto& [status, body] = answer;
        CHECK_MESSAGE((status == 201 || status == 200), answer.second);
        first += status == 201;
        if (status == 200 || status == 201) ids.insert(json::parse(body)["id"].get<std::string>());
    }
    CHECK(first == 1);
    CHECK(ids.size() == 1);
    json list = d.ok(d.get(d.ana, "/api/accounts/lojadaana/tickets?limit=200"));
    CHECK(list["tickets"].size() == answers.size() + 1);
}

TEST_CASE("validation names each field; Brazil needs the resource; other accounts' tickets do not exist for you") {
    Desk d;
    json bad = incident();
    bad.erase("impact");
    bad["title"] = "";
    auto res = d.create(d.ana, "lojadaana", bad, "k");
    REQUIRE(res->status == 400);
    json body = json::parse(res->body);
    CHECK(body["error"] == "invalid_ticket");
    CHECK(body["fields"] == json{{{"field", "title"}, {"message", "Give the ticket a title."},
                                  {"key", "ticket.error.title_missing"}, {"values", json::object()}},
                                 {{"field", "impact"}, {"message", "Choose what the problem affects."},
                                  {"key", "ticket.error.impact_missing"}, {"values", json::object()}}});
    bad["title"] = std::string(151, 'x');
    json long_title = json::parse(d.create(d.ana, "lojadaana", bad, "k-long")->body)["fields"][0];
    CHECK(long_title["key"] == "ticket.error.title_long");
    CHECK(long_title["values"] == json{{"max", "150"}, {"has", "151"}});
    bad["title"] = "Checkout\nfails";
    json two_lines = json::parse(d.create(d.ana, "lojadaana", bad, "k-lines")->body)["fields"][0];
    CHECK(two_lines["field"] == "title");
    CHECK(two_lines["key"] == "ticket.error.title_one_line");
    json padded = incident();
    padded["title"] = "  Checkout fails\n";
    CHECK(d.created(d.ana, "lojadaana", padded, "k-padded")["title"] == "Checkout fails");  // kept as shown
    CHECK(d.create(d.ana, "lojadaana", json{{"kind", "incident"}, {"impact", 3}}, "k")->status == 400);
    CHECK(d.cli->Post("/api/accounts/lojadaana/tickets", d.bearer(d.ana, "k2"), "{not json", "application/json")->status == 400);

    auto denied = d.create(d.bruno, "lojadaana", incident(), "k3");
    REQUIRE(denied->status == 403);
    CHECK(json::parse(denied->body)["error"] == "missing_resource");
    CHECK(json::parse(denied->body)["message"].get<std::string>().find("Open Support Ticket") != std::string::npos);

    json ticket = d.created(d.ana, "lojadaana", incident(), "k4");
    const std::string path = "/api/tickets/" + ticket["id"].get<std::string>();
    // Bruno is on lojadaana without the resource: he sees his own tickets and those that copy him, not
    // this one. Carol is not on it: 404 for everything, as for an unknown id.
    CHECK(d.get(d.bruno, path)->status == 404);
    json copying = incident();
    copying["cc"] = json::array({"  Bruno@Demo.Store "});
    json copied = d.created(d.ana, "lojadaana", copying, "k4-cc");
    CHECK(d.get(d.bruno, "/api/tickets/" + copied["id"].get<std::string>())->status == 200);
    auto hidden = d.get(d.carol, path);
    CHECK(hidden->status == 404);
    CHECK(d.get(d.carol, "/api/tickets/t_doesnotexist")->status == 404);
    CHECK(json::parse(hidden->body)["message"] == "There is no ticket " + ticket["id"].get<std::string>() + " on your accounts.");
    CHECK(d.get(d.carol, "/api/accounts/lojadaana/tickets")->status == 404);
    CHECK(d.create(d.carol, "lojadaana", incident(), "k5")->status == 404);
    CHECK(d.post(d.carol, path + "/comments", {{"body", "hi"}})->status == 404);
    CHECK(d.post(d.carol, path + "/reopen", json::object())->status == 404);
    CHECK(d.post(d.carol, path + "/survey", {{"rating", "good"}})->status == 404);
    CHECK(d.upload(d.carol, path + "/attachments", "a.txt", "x")->status == 404);
    CHECK(d.upload(d.carol, "/api/accounts/lojadaana/attachments", "a.txt", "x")->status == 404);
    CHECK(d.get("", path)->status == 401);
    CHECK(d.get("not-a-token", path)->status == 401);
}

TEST_CASE("the list filters by status, searches titles and numbers, and pages with a cursor") {
    Desk d;
    for (int i = 0; i < 7; ++i) {
        json t = incident();
        t["title"] = (i % 2 ? "Payment " : "Catalog ") + std::to_string(i);
        d.created(d.ana, "anashop-us", t, "k" + std::to_string(i));
    }
    json page1 = d.ok(d.get(d.ana, "/api/accounts/anashop-us/tickets?limit=3"));
    REQUIRE(page1["tickets"].size() == 3);
    CHECK(page1["tickets"][0]["number"] == 1007);
    REQUIRE(page1["next_cursor"].is_string());
    json page2 = d.ok(d.get(d.ana, "/api/accounts/anashop-us/tickets?limit=3&cursor=" + page1["next_cursor"].get<std::string>()));
    CHECK(page2["tickets"][0]["number"] == 1004);
    json page3 = d.ok(d.get(d.ana, "/api/accounts/anashop-us/tickets?limit=3&cursor=" + page2["next_cursor"].get<std::string>()));
    CHECK(page3["tickets"].size() == 1);
    CHECK(page3["next_cursor"].is_null());
    CHECK(d.ok(d.get(d.ana, "/api/accounts/anashop-us/tickets?q=payment"))["tickets"].size() == 3);
    CHECK(d.ok(d.get(d.ana, "/api/accounts/anashop-us/tickets?q=1002"))["tickets"][0]["title"] == "Payment 1");
    // As the list shows it, and with the spaces a search box picks up.
    for (const char* typed : {"%231002", "%20%231002%20", "%201002"}) {
        CAPTURE(typed);
        json found = d.ok(d.get(d.ana, std::string("/api/accounts/anashop-us/tickets?q=") + typed));
        REQUIRE(found["tickets"].size() == 1);
        CHECK(found["tickets"][0]["title"] == "Payment 1");
    }
    CHECK(d.ok(d.get(d.ana, "/api/accounts/anashop-us/tickets?q=%20payment%20"))["tickets"].size() == 3);
    CHECK(d.ok(d.get(d.ana, "/api/accounts/anashop-us/tickets?q=100%25"))["tickets"].empty());  // % is literal
    REQUIRE(d.support().set_status("1003", "solved").ok());
    REQUIRE(d.support().agent_reply("1004", "Which order?", "Marta").ok());
    CHECK(d.ok(d.get(d.ana, "/api/accounts/anashop-us/tickets?status=solved"))["tickets"].size() == 1);
    CHECK(d.ok(d.get(d.ana, "/api/accounts/anashop-us/tickets?status=awaiting_reply"))["tickets"][0]["number"] == 1004);
    CHECK(d.ok(d.get(d.ana, "/api/accounts/anashop-us/tickets?status=open"))["tickets"].size() == 5);
    d.later(30 * 24 * 3600);  // long past the reopen window: solved becomes closed
    CHECK(d.ok(d.get(d.ana, "/api/accounts/anashop-us/tickets?status=solved"))["tickets"].empty());
    CHECK(d.ok(d.get(d.ana, "/api/accounts/anashop-us/tickets?status=closed"))["tickets"][0]["number"] == 1003);
    for (const char* bad : {"?status=pending", "?limit=0", "?limit=500", "?cursor=abc"})
        CHECK_MESSAGE(d.get(d.ana, std::string("/api/accounts/anashop-us/tickets") + bad)->status == 400, bad);
    // Accents and case aside: what a person types finds what was written with or without them.
    json accented = incident();
    accented["title"] = "Promoção não aplica no CARRINHO";
    d.created(d.ana, "anashop-us", accented, "accented");
    for (const char* typed : {"promocao", "PROMO%C3%87%C3%83O", "nao%20aplica", "carrinho", "Carri"}) {
        CAPTURE(typed);
        json found = d.ok(d.get(d.ana, std::string("/api/accounts/anashop-us/tickets?q=") + typed));
        REQUIRE(found["tickets"].size() == 1);
        CHECK(found["tickets"][0]["number"] == 1008);
    }
}

TEST_CASE("the thread: agent replies, the user replies, support solves, the user rates; reopen within 27 business hours") {
    Desk d;
    json ticket = d.created(d.ana, "lojadaana", incident(), "k");
    const std::string path = "/api/tickets/" + ticket["id"].get<std::string>();
    REQUIRE(d.support().agent_reply(ticket["id"], "Which order number fails?", "Marta (VTEX Support)").ok());
    json thread = d.ok(d.get(d.ana, path));
    CHECK(thread["status"] == "awaiting_reply");
    REQUIRE(thread["comments"].size() == 1);
    CHECK(thread["comments"][0]["author"] == "Marta (VTEX Support)");
    CHECK(thread["comments"][0]["role"] == "agent");
    CHECK(thread["survey"]["status"] == "none");
    CHECK(d.post(d.ana, path + "/comments", {{"body", "  "}})->status == 400);
    thread = d.ok(d.post(d.ana, path + "/comments", {{"body", "Order 1234-01"}}), 201);
    CHECK(thread["status"] == "open");
    CHECK(thread["comments"][1]["author"] == "Ana Souza");
    CHECK(d.post(d.ana, path + "/reopen", json::object())->status == 409);  // not solved
    CHECK(d.post(d.ana, path + "/survey", {{"rating", "good"}})->status == 409);

    REQUIRE(d.support().set_status("1001", "solved").ok());
    thread = d.ok(d.get(d.ana, path));
    CHECK(thread["status"] == "solved");
    CHECK(thread["reopen_until"] == "2026-12-02T17:00:00Z");  // Fri 14:00 + 27 business hours = Wed 14:00 (BRT)
    CHECK(thread["survey"]["status"] == "pending");
    auto no_reason = d.post(d.ana, path + "/survey", {{"rating", "bad"}});
    CHECK(no_reason->status == 400);
    CHECK(json::parse(no_reason->body)["error"] == "reason_required");
    CHECK(d.post(d.ana, path + "/survey", {{"rating", "meh"}})->status == 400);
    thread = d.ok(d.post(d.ana, path + "/survey", {{"rating", "bad"}, {"reason", "Took long"}}), 201);
    CHECK(thread["survey"]["status"] == "reviewed");
    CHECK(thread["survey"]["rating"] == "bad");
    CHECK(d.post(d.ana, path + "/survey", {{"rating", "good"}})->status == 409);

    d.later(3 * 24 * 3600);  // Monday 14:00: still inside the window
    thread = d.ok(d.post(d.ana, path + "/reopen", json::object()));
    CHECK(thread["status"] == "open");
    REQUIRE(d.support().set_status("1001", "solved").ok());
    d.later(5 * 24 * 3600);  // Saturday: 27 business hours have passed
    thread = d.ok(d.get(d.ana, path));
    CHECK(thread["status"] == "closed");
    auto late = d.post(d.ana, path + "/reopen", json::object());
    CHECK(late->status == 409);
    CHECK(json::parse(late->body)["error"] == "ticket_closed");
    CHECK(d.post(d.ana, path + "/comments", {{"body", "hello?"}})->status == 409);
    // A follow-up links the closed ticket.
    json follow = incident();
    follow["follow_up_of"] = ticket["id"];
    json next = d.created(d.ana, "lojadaana", follow, "k-follow");
    json followed = d.ok(d.get(d.ana, "/api/tickets/" + next["id"].get<std::string>()));
    CHECK(followed["follow_up_of"] == ticket["id"]);
    CHECK(followed["follow_up_number"] == ticket["number"]);  // as people name it
    CHECK(thread["follow_up_number"].is_null());
    json not_closed = incident();
    not_closed["follow_up_of"] = next["id"];
    CHECK(d.create(d.ana, "lojadaana", not_closed, "k-follow-2")->status == 400);
}

TEST_CASE("survey expires after 27 business hours; support's priority change moves the deadline") {
    Desk d;
    json ticket = d.created(d.ana, "anashop-us", incident(), "k");
    REQUIRE(d.support().set_priority("1001", "low").ok());
    json thread = d.ok(d.get(d.ana, "/api/tickets/" + ticket["id"].get<std::string>()));
    CHECK(thread["priority"] == "low");
    CHECK(thread["due_at"] == "2026-11-27T18:00:00Z");  // US: 1 h in business hours
    CHECK_FALSE(d.support().set_priority("1001", "asap").ok());
    CHECK_FALSE(d.support().set_status("9999", "solved").ok());
    REQUIRE(d.support().set_status("1001", "solved").ok());
    d.later(10 * 24 * 3600);
    auto late = d.post(d.ana, "/api/tickets/" + ticket["id"].get<std::string>() + "/survey", {{"rating", "good"}});
    CHECK(late->status == 409);
    CHECK(json::parse(late->body)["error"] == "survey_expired");
}

TEST_CASE("attachments: stored by content, refused when too large or of the wrong type, linked once to a ticket") {
    Desk d;
    json limits = d.ok(d.cli->Get("/api/limits"));
    CHECK(limits["attachments"]["max_file_bytes"] == 10 * 1024 * 1024);
    json a = d.ok(d.upload(d.ana, "/api/accounts/lojadaana/attachments", "network.har", "{\"log\":{}}"), 201);
    CHECK(a["name"] == "network.har");
    CHECK(a["size"] == 10);
    CHECK(a["sha256"] == "7f959f83ac84e60f296a95caeab65b3f9c65c33b48fed012ef357acd741cadef");
    const std::string digest = a["sha256"];
    if (TestDatabase::postgres()) {  // the bytes are a row there, for every node
        auto r = d.server->database->reader();
        server::Statement stored(*r, "SELECT bytes FROM attachment_files WHERE sha256 = ?");
        REQUIRE(stored.bind(1, digest).step());
        CHECK(stored.blob(0) == "{\"log\":{}}");
    } else {
        CHECK(std::filesystem::exists(d.server->dir / "data/attachments" / digest.substr(0, 2) / digest));
    }
    json same = d.ok(d.upload(d.ana, "/api/accounts/lojadaana/attachments", "copy.har", "{\"log\":{}}"), 201);
    CHECK(same["sha256"] == a["sha256"]);
    CHECK(same["id"] != a["id"]);

    auto wrong = d.upload(d.ana, "/api/accounts/lojadaana/attachments", "movie.mp4", "xxxx");
    CHECK(wrong->status == 400);
    CHECK(json::parse(wrong->body)["message"].get<std::string>().find("cannot be attached") != std::string::npos);
    auto big = d.upload(d.ana, "/api/accounts/lojadaana/attachments", "huge.zip", std::string(10 * 1024 * 1024 + 1, 'x'));
    CHECK(big->status == 413);
    CHECK(json::parse(big->body)["message"].get<std::string>().find("10.0 MB") != std::string::npos);
    // A body over the upload limit is refused from its head, before it is sent (a client that reads the
    // answer only once all of it is sent sees the connection closed instead; browsers read the answer).
    const std::string oversized_body = answer_to_upload_head(d.server->port, d.ana, "/api/accounts/lojadaana/attachments",
                                                             11 * 1024 * 1024);
    CHECK(oversized_body.rfind("HTTP/1.1 413", 0) == 0);
    CHECK(oversized_body.find("Compress it") != std::string::npos);
    auto not_multipart = d.cli->Post("/api/accounts/lojadaana/attachments", d.bearer(d.ana), "raw", "text/plain");
    CHECK(not_multipart->status == 400);

    json body = incident();
    body["attachments"] = json::array({a["id"]});  // `= {a["id"]}` is the id itself, not a list, under clang
    json ticket = d.created(d.ana, "lojadaana", body, "k");
    json thread = d.ok(d.get(d.ana, "/api/tickets/" + ticket["id"].get<std::string>()));
    REQUIRE(thread["attachments"].size() == 1);
    CHECK(thread["attachments"][0]["name"] == "network.har");
    auto download = d.get(d.ana, "/api/attachments/" + a["id"].get<std::string>());
    CHECK(download->status == 200);
    CHECK(download->body == "{\"log\":{}}");
    CHECK(d.get(d.carol, "/api/attachments/" + a["id"].get<std::string>())->status == 404);
    // A large file comes back byte for byte, streamed from disk in pieces.
    std::string large(3 * 1024 * 1024 + 17, '\0');
    for (size_t i = 0; i < large.size(); ++i) large[i] = static_cast<char>((i * 131 + i / 7) & 0xFF);
    json stored = d.ok(d.upload(d.ana, "/api/accounts/lojadaana/attachments", "trace.log", large), 201);
    auto fetched = d.get(d.ana, "/api/attachments/" + stored["id"].get<std::string>());
    REQUIRE(fetched->status == 200);
    CHECK(fetched->get_header_value("Content-Length") == std::to_string(large.size()));
    CHECK(fetched->body == large);
    // An attachment belongs to one ticket: a second ticket cannot take it.
    auto twice = d.create(d.ana, "lojadaana", body, "k-other");
    CHECK(twice->status == 400);
    json more = d.ok(d.upload(d.ana, "/api/tickets/" + ticket["id"].get<std::string>() + "/attachments", "shot.png", "PNG"), 201);
    CHECK(d.ok(d.get(d.ana, "/api/tickets/" + ticket["id"].get<std::string>()))["attachments"].size() == 2);
    CHECK(more["name"] == "shot.png");
}

TEST_CASE("a file's name: raw bytes become UTF-8, a long name keeps its end whole, the download carries the name") {
    Desk d;
    json ticket = d.created(d.ana, "lojadaana", incident(), "names");
    const std::string path = "/api/tickets/" + ticket["id"].get<std::string>();
    // A multipart file name is bytes, not JSON: one that is not UTF-8 is stored with U+FFFD in their place,
    // and the ticket stays readable (before, its thread answered 500 from then on).
    json latin1 = d.ok(d.upload(d.ana, path + "/attachments", "relat\xF3rio.txt", "x"), 201);
    CHECK(latin1["name"] == "relat\xEF\xBF\xBDrio.txt");
    // Cut to its last 200 bytes between two characters: 'x', 2-byte characters and ".json" put byte 200
    // from the end inside one.
    std::string long_name = "x";
    for (int i = 0; i < 150; ++i) long_name += "\xC3\xA9";
    json cut = d.ok(d.upload(d.ana, path + "/attachments", long_name + ".json", "{}"), 201);
    const std::string cut_name = cut["name"];
    CHECK(cut_name.size() == 199);
    CHECK(cut_name.substr(cut_name.size() - 9) == "\xC3\xA9\xC3\xA9.json");
    json thread = d.ok(d.get(d.ana, path));
    REQUIRE(thread["attachments"].size() == 2);
    for (const json& a : thread["attachments"]) CHECK((a["name"] == latin1["name"] || a["name"] == cut["name"]));

    json accents = d.ok(d.upload(d.ana, path + "/attachments", "relat\xC3\xB3rio final.pdf", "%PDF"), 201);
    auto download = d.get(d.ana, "/api/attachments/" + accents["id"].get<std::string>());
    REQUIRE(download->status == 200);
    // (cpp-httplib's client percent-decodes header values as it reads them: on the wire the name after
    // UTF-8'' is relat%C3%B3rio%20final.pdf; the browser test sees the name Chromium saves under.)
    CHECK(download->get_header_value("Content-Disposition") ==
          "attachment; filename=\"relat_rio final.pdf\"; filename*=UTF-8''relat\xC3\xB3rio final.pdf");
    CHECK(download->get_header_value("Content-Type") == "application/pdf");
}
