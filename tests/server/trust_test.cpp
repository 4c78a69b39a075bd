// The server keeps every write and holds its limits under hostile use (issue 17): sign-in writes beside
// refused ticket creations, keys off the database, limits that survive restarts, sessions that end,
// who sees which ticket, and the retention sweep.
#include <doctest/doctest.h>

#include <arpa/inet.h>
#include <httplib.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <thread>
#include <vector>

#include "auth_client.hpp"
#include "ticket_requests.hpp"
#include "server/identity/auth_service.hpp"
#include "server/identity/demo_data.hpp"
#include "server/identity/jwt.hpp"
#include "server/identity/keys.hpp"
#include "server/retention.hpp"
#include "server/statement.hpp"
#include "server/tickets/ticket_service.hpp"
#include "test_server.hpp"

using nlohmann::json;

namespace {

// Friday 27 November 2026, 14:00 in Sao Paulo: the Brazil team is open.
constexpr std::int64_t friday_afternoon = 1795798800;


// Limits high enough that only the behaviour under test meets one.
void generous(server::ServerConfig& config) {
    config.auth_limits = {{100000, 600}, {100000, 3600}, {100000, 3600}, {100000, 900}, {100000, 900}};
}

std::int64_t scalar(server::Database& db, const std::string& sql) {
    auto r = db.reader();
    server::Statement s(*r, sql.c_str());
    return s.step() ? s.integer(0) : -1;
}

std::string cookie_of(const httplib::Result& res) {
    std::smatch m;
    const std::string header = res->get_header_value("Set-Cookie");
    return std::regex_search(header, m, std::regex("portal_refresh=([^;]*)")) ? std::string(m[1]) : "";
}

// One thread's own client and sign-in steps (httplib's client is not shared between threads).
struct Flow {
    Auth& a;
    httplib::Client cli;
    explicit Flow(Auth& auth) : a(auth), cli("127.0.0.1", auth.server->port) {}
    httplib::Result post(const std::string& path, const json& body) { return cli.Post(path, body.dump(), "application/json"); }
    Auth::Txn start() {
        Auth::Txn t{"", server::crypto::random_token(32), server::crypto::random_token(16)};
        auto res = post("/api/auth/transactions",
                        {{"client_id", "support-portal"}, {"redirect_uri", a.redirect_uri()},
                         {"code_challenge", server::crypto::base64url_encode(server::crypto::sha256(t.verifier))},
                         {"code_challenge_method", "S256"}, {"state", t.state}});
        REQUIRE(res);
        REQUIRE(res->status == 201);
        t.id = json::parse(res->body)["transaction_id"];
        return t;
    }
    std::string last_code(const std::string& to) {
        auto res = cli.Get("/dev/outbox?to=" + core::percent_encode(to));
        REQUIRE(res);
        std::smatch m;
        const std::string text = newest_code_message(json::parse(res->body));
        REQUIRE(std::regex_search(text, m, std::regex("\\b(\\d{6})\\b")));
        return m[1];
    }
    httplib::Result exchange(const std::string& code, const std::string& verifier) {
        return cli.Post("/oauth/token", httplib::Params{{"grant_type", "authorization_code"}, {"code", code},
                                                        {"code_verifier", verifier}, {"client_id", "support-portal"},
                                                        {"redirect_uri", a.redirect_uri()}});
    }
    httplib::Result refresh(const std::string& cookie) {
        return cli.Post("/oauth/token", {{"Cookie", "portal_refresh=" + cookie}}, httplib::Params{{"grant_type", "refresh_token"}});
    }
};

}  // namespace

TEST_CASE("sign-in writes are never undone by refused ticket creations running beside them") {
    Auth a(generous);
    a.clock.now->store(friday_afternoon);
    const std::string ana = a.sign_in_by_email("ana@demo.store");
    const std::string bruno = a.sign_in_by_email("bruno@demo.store");  // lacks the resource: every creation refused
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(4);
    auto running = [&] { return std::chrono::steady_clock::now() < until; };
    std::atomic<int> accepted{0}, refused{0}, lockouts{0}, used_codes{0}, rotations{0}, replays{0};
    std::atomic<int> failures{0};
    std::vector<std::string> problems;
    std::mutex problems_mutex;
    auto fail = [&](const std::string& what) {
        failures++;
        std::lock_guard<std::mutex> guard(problems_mutex);
        if (problems.size() < 10) problems.push_back(what);
    };
    std::vector<std::thread> threads;
    // Ticket creations, accepted and refused, as fast as they go.
    for (int w = 0; w < 2; ++w)
        threads.emplace_back([&, w] {
            httplib::Client cli("127.0.0.1", a.server->port);
            for (int i = 0; i < 5000 && running(); ++i) {
                const bool mine = (i + w) % 2 == 0;
                httplib::Headers h{{"Authorization", "Bearer " + (mine ? ana : bruno)},
                                   {"Idempotency-Key", "mix-" + std::to_string(w) + "-" + std::to_string(i)}};
                auto res = cli.Post("/api/accounts/lojadaana/tickets", h, incident_request().dump(), "application/json");
                if (!res) continue;
                if (res->status == 201) accepted++;
                else if (res->status == 403) refused++;
                else fail("ticket creation answered " + std::to_string(res->status));
            }
        });
    // Wrong codes up to the lockout: the sixth try must find the transaction locked.
    threads.emplace_back([&] {
        Flow f(a);
        for (int i = 0; i < 200 && running(); ++i) {
            auto t = f.start();
            f.post("/api/auth/transactions/" + t.id + "/email-code", {{"email", "carol@demo.store"}});
            for (int n = 1; n <= 5; ++n) {
                auto res = f.post("/api/auth/transactions/" + t.id + "/email-code/verify", {{"code", "000000"}});
                const int expected = n < 5 ? 400 : 429;
                if (res && res->status != expected && !(res->status == 200))
                    fail("wrong code " + std::to_string(n) + " answered " + std::to_string(res->status));
            }
            auto locked = f.post("/api/auth/transactions/" + t.id + "/email-code/verify", {{"code", "000000"}});
            if (locked && locked->status == 429) lockouts++;
            else fail("a sixth wrong code was not refused as locked");
        }
    });
    // Codes used once: a code, its authorization code and a refresh token, each a second time.
    threads.emplace_back([&] {
        Flow f(a);
        for (int i = 0; i < 200 && running(); ++i) {
            auto t = f.start();
            if (f.post("/api/auth/transactions/" + t.id + "/email-code", {{"email", "ana@demo.store"}})->status != 202) {
                fail("a code was not sent");
                continue;
            }
            const std::string code = f.last_code("ana@demo.store");
            auto verified = f.post("/api/auth/transactions/" + t.id + "/email-code/verify", {{"code", code}});
            if (!verified || verified->status != 200) {
                fail("a right code was refused");
                continue;
            }
            auto again = f.post("/api/auth/transactions/" + t.id + "/email-code/verify", {{"code", code}});
            if (again && again->status != 409) fail("a used code answered " + std::to_string(again->status));
            const std::string authorization = json::parse(verified->body)["code"];
            auto tokens = f.exchange(authorization, t.verifier);
            if (!tokens || tokens->status != 200) {
                fail("an authorization code was refused");
                continue;
            }
            // Rotation, then reuse of the rotated token: the whole family ends.
            const std::string first = cookie_of(tokens);
            auto rotated = f.refresh(first);
            if (!rotated || rotated->status != 200) {
                fail("a refresh was refused");
                continue;
            }
            const std::string second = cookie_of(rotated);
            if (f.refresh(first)->status != 400) fail("a rotated refresh token worked again");
            if (f.refresh(second)->status != 400) fail("a family survived the reuse of one of its tokens");
            rotations++;
            // A second use of the authorization code is refused (and ends what its first use made).
            if (f.exchange(authorization, t.verifier)->status != 400) fail("an authorization code worked twice");
            used_codes++;
        }
    });
    // TOTP: each code once, across transactions (the clock moves a step between rounds).
    threads.emplace_back([&] {
        Flow f(a);
        auto secret = server::crypto::base32_decode("JBSWY3DPEHPK3PXP");
        REQUIRE(secret);
        for (int i = 0; i < 8 && running(); ++i) {
            const std::string code = server::crypto::totp(*secret, *a.clock.now / 30 + 1);
            for (int use = 0; use < 2; ++use) {
                auto t = f.start();
                auto pw = f.post("/api/auth/transactions/" + t.id + "/password",
                                 {{"email", "ana@demo.store"}, {"password", "demo-password-1"}});
                if (!pw || pw->status != 200) {
                    fail("a right password was refused");
                    break;
                }
                auto mfa = f.post("/api/auth/transactions/" + t.id + "/mfa", {{"method", "totp"}, {"code", code}});
                if (use == 0 && (!mfa || mfa->status != 200)) fail("a fresh TOTP code was refused");
                if (use == 1 && mfa && mfa->status == 200) fail("a TOTP code worked twice");
                if (use == 1 && mfa && mfa->status == 400) replays++;
            }
            a.clock.advance(30);
        }
    });
    for (auto& t : threads) t.join();
    for (const std::string& p : problems) MESSAGE(p);
    CHECK(failures.load() == 0);
    CHECK(accepted.load() > 0);
    CHECK(refused.load() > 0);
    CHECK(lockouts.load() > 0);
    CHECK(used_codes.load() > 0);
    CHECK(rotations.load() > 0);
    CHECK(replays.load() > 0);
    // Every acknowledged write is there: each accepted ticket and each locked transaction.
    CHECK(scalar(*a.server->database, "SELECT count(*) FROM tickets") == accepted.load());
    CHECK(scalar(*a.server->database, "SELECT count(*) FROM auth_transactions WHERE failed_attempts = 5") == lockouts.load());
    CHECK(scalar(*a.server->database, "SELECT count(*) FROM authorization_codes WHERE used = 1") >= used_codes.load());
    MESSAGE("tickets accepted " << accepted.load() << ", refused " << refused.load() << "; lockouts " << lockouts.load()
                                << ", codes used " << used_codes.load() << ", rotations " << rotations.load()
                                << ", TOTP replays refused " << replays.load());
}

TEST_CASE("keys live off the database: a 0600 key file, key ids in tokens, rotation, private data folder") {
    Auth a;
    const auto data = a.server->dir / "data";
    struct stat info {};
    REQUIRE(::stat((data / "keys.json").c_str(), &info) == 0);
    CHECK((info.st_mode & 0777) == 0600);
    REQUIRE(::stat(data.c_str(), &info) == 0);
    CHECK((info.st_mode & 0777) == 0700);
    // No secret is in the database: the table that held the signing key is gone.
    if (TestDatabase::postgres()) {
        CHECK(scalar(*a.server->database, "SELECT count(*) FROM information_schema.tables WHERE table_name = 'server_keys'") == 0);
    } else {
        REQUIRE(::stat((data / "portal.sqlite3").c_str(), &info) == 0);
        CHECK((info.st_mode & 0777) == 0600);
        CHECK(scalar(*a.server->database, "SELECT count(*) FROM sqlite_master WHERE name = 'server_keys'") == 0);
    }

    const std::string before = a.sign_in_by_email("ana@demo.store");
    std::ifstream in(data / "keys.json");
    auto keys = server::parse_key_set(std::string(std::istreambuf_iterator<char>(in), {}));
    REQUIRE(keys.ok());
    const auto header = json::parse(*server::crypto::base64url_decode(before.substr(0, before.find('.'))));
    CHECK(header["kid"] == keys.value().current().id);

    // A token signed with any other key, even one that names the right id, is refused.
    server::AccessClaims claims{"u-ana", *a.clock.now, *a.clock.now + 600, "x", "family"};
    a.me(server::sign_access_token(claims, keys.value().current().id, std::string(32, 'k')), 401);

    // Rotation: new tokens carry the new key's id; the old key still verifies what it signed.
    auto rotated = server::KeyRing::rotate(data / "keys.json", *a.clock.now, server::AuthService::access_token_seconds);
    REQUIRE(rotated.ok());
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));  // the ring rereads the file on an unknown key id
    const std::string after = a.sign_in_by_email("ana@demo.store");
    a.me(after);
    a.me(before);
    const auto new_header = json::parse(*server::crypto::base64url_decode(after.substr(0, after.find('.'))));
    CHECK(new_header["kid"] != header["kid"]);
    // A key file others may read is refused at start, with the fix in the message.
    ::chmod((data / "keys.json").c_str(), 0644);
    server::KeyRing ring;
    auto opened = ring.open(data / "keys.json", *a.clock.now);
    REQUIRE_FALSE(opened.ok());
    CHECK(opened.error().message.find("chmod 600") != std::string::npos);
}

TEST_CASE("codes in clear only in --dev: without a relay, production refuses to send and writes no outbox") {
    Auth a([](server::ServerConfig& c) { c.dev = false; });
    REQUIRE(server::seed_demo_data(*a.server->database).ok());
    auto t = a.start();
    auto res = a.post(a.path(t, "/email-code"), {{"email", "ana@demo.store"}});
    CHECK(res->status == 503);
    CHECK(json::parse(res->body)["error"] == "delivery_unavailable");
    CHECK(a.cli->Get("/dev/outbox?to=ana@demo.store")->status == 404);
    CHECK(scalar(*a.server->database, "SELECT count(*) FROM outbox") == 0);
}

TEST_CASE("limits hold: starts per address, sends per folded email, wrong passwords per account, across restarts") {
    Auth a([](server::ServerConfig& c) {
        generous(c);
        c.auth_limits.starts_per_address = {20, 600};
        c.auth_limits.sends_per_recipient = {3, 3600};
        c.auth_limits.wrong_per_account = {4, 900};
    });
    // Sends: the upper-case, spaced spelling is the same address.
    auto t = a.start();
    for (const char* spelling : {"ana@demo.store", "ANA@demo.store", " Ana@Demo.Store "})
        CHECK(a.post(a.path(t, "/email-code"), {{"email", spelling}})->status == 202);
    auto fourth = a.post(a.path(t, "/email-code"), {{"email", "ANA@DEMO.STORE"}});
    CHECK(fourth->status == 429);
    CHECK(json::parse(fourth->body)["retry_after"].get<int>() > 0);

    // Wrong passwords count against the account from any transaction; then even the right one waits.
    for (int i = 0; i < 4; ++i) {
        auto ti = a.start();
        CHECK(a.post(a.path(ti, "/password"), {{"email", "Carol@demo.store"}, {"password", "wrong"}})->status == 401);
    }
    a.server->restart();  // counted in the database: a restart forgets nothing
    a.cli = std::make_unique<httplib::Client>("127.0.0.1", a.server->port);
    auto tl = a.start();
    auto locked = a.post(a.path(tl, "/password"), {{"email", "carol@demo.store"}, {"password", "demo-password-3"}});
    CHECK(locked->status == 429);
    CHECK(json::parse(locked->body)["error"] == "account_locked");
    CHECK(json::parse(locked->body)["message"].get<std::string>().find("minutes") != std::string::npos);
    a.clock.advance(901);
    auto tu = a.start();
    CHECK(a.post(a.path(tu, "/password"), {{"email", "carol@demo.store"}, {"password", "demo-password-3"}})->status == 200);

    // Starts per address: 20 in ten minutes (the 6 made above have left the window; one was made since).
    int started = 0, last = 0;
    for (int i = 0; i < 40; ++i) {
        last = a.post("/api/auth/transactions", {{"client_id", "support-portal"}, {"redirect_uri", a.redirect_uri()},
                                                 {"code_challenge", std::string(43, 'A')}, {"code_challenge_method", "S256"},
                                                 {"state", "s"}})->status;
        if (last == 201) ++started;
        else break;
    }
    CHECK(started == 19);
    CHECK(last == 429);
}

TEST_CASE("sessions end when they end: sign-out and refresh reuse refuse the access tokens at once") {
    Auth a;
    auto tokens = a.tokens_by_email("ana@demo.store");
    const std::string access = json::parse(tokens->body)["access_token"];
    // The scheme in any case; a 401 says how to authenticate.
    CHECK(a.cli->Get("/api/me", {{"Authorization", "bearer " + access}})->status == 200);
    auto anonymous = a.cli->Get("/api/me");
    CHECK(anonymous->status == 401);
    CHECK(anonymous->get_header_value("WWW-Authenticate").rfind("Bearer realm=", 0) == 0);
    auto bad = a.cli->Get("/api/me", {{"Authorization", "Bearer x.y.z"}});
    CHECK(bad->get_header_value("WWW-Authenticate").find("error=\"invalid_token\"") != std::string::npos);

    CHECK(a.cli->Post("/oauth/revoke", {{"Cookie", "portal_refresh=" + cookie_of(tokens)}}, "", "text/plain")->status == 200);
    auto ended = a.me(access, 401);
    CHECK(ended["error"] == "session_ended");

    auto other = a.tokens_by_email("carol@demo.store");
    const std::string carol = json::parse(other->body)["access_token"];
    const std::string first = cookie_of(other);
    REQUIRE(a.refresh(first)->status == 200);
    REQUIRE(a.refresh(first)->status == 400);  // reuse: the family is revoked
    a.me(carol, 401);
}

TEST_CASE("the cookie endpoints refuse requests from another origin") {
    Auth a;
    auto tokens = a.tokens_by_email("ana@demo.store");
    const std::string cookie = "portal_refresh=" + cookie_of(tokens);
    auto foreign = a.cli->Post("/oauth/token", {{"Cookie", cookie}, {"Origin", "https://evil.example"}},
                               httplib::Params{{"grant_type", "refresh_token"}});
    CHECK(foreign->status == 403);
    CHECK(json::parse(foreign->body)["error"] == "forbidden_origin");
    CHECK(a.cli->Post("/oauth/revoke", {{"Cookie", cookie}, {"Origin", "https://evil.example"}}, "", "text/plain")->status == 403);
    const std::string own = "http://127.0.0.1:" + std::to_string(a.server->port);
    CHECK(a.cli->Post("/oauth/token", {{"Cookie", cookie}, {"Origin", own}}, httplib::Params{{"grant_type", "refresh_token"}})
              ->status == 200);
}

TEST_CASE("who sees what: drafts need the resource and a quota; members without it see only their tickets") {
    Auth a;
    a.clock.now->store(friday_afternoon);
    const std::string ana = a.sign_in_by_email("ana@demo.store"), bruno = a.sign_in_by_email("bruno@demo.store");
    auto upload = [&](const std::string& token, const std::string& name) {
        httplib::MultipartFormDataItems items{{"file", "bytes of " + name, name, "text/plain"}};
        return a.cli->Post("/api/accounts/lojadaana/attachments", {{"Authorization", "Bearer " + token}}, items);
    };
    auto refused = upload(bruno, "notes.txt");
    CHECK(refused->status == 403);
    CHECK(json::parse(refused->body)["error"] == "missing_resource");
    for (int i = 0; i < server::TicketService::draft_quota_files; ++i) REQUIRE(upload(ana, "f" + std::to_string(i) + ".txt")->status == 201);
    auto over = upload(ana, "one-more.txt");
    CHECK(over->status == 429);
    CHECK(json::parse(over->body)["error"] == "draft_quota");

    auto create = [&](const json& body, const std::string& key) {
        auto res = a.cli->Post("/api/accounts/lojadaana/tickets", {{"Authorization", "Bearer " + ana}, {"Idempotency-Key", key}},
                               body.dump(), "application/json");
        REQUIRE(res->status == 201);
        return json::parse(res->body);
    };
    json plain = create(incident_request(), "w1");
    json copying = incident_request();
    copying["cc"] = {"BRUNO@demo.store"};
    json copied = create(copying, "w2");
    auto list = json::parse(a.cli->Get("/api/accounts/lojadaana/tickets", {{"Authorization", "Bearer " + bruno}})->body);
    REQUIRE(list["tickets"].size() == 1);
    CHECK(list["tickets"][0]["id"] == copied["id"]);
    const std::string hidden = "/api/tickets/" + plain["id"].get<std::string>();
    CHECK(a.cli->Post(hidden + "/comments", {{"Authorization", "Bearer " + bruno}}, json{{"body", "hi"}}.dump(), "application/json")
              ->status == 404);
    CHECK(a.cli->Post("/api/tickets/" + copied["id"].get<std::string>() + "/comments", {{"Authorization", "Bearer " + bruno}},
                      json{{"body", "I was copied"}}.dump(), "application/json")->status == 201);
    auto all = json::parse(a.cli->Get("/api/accounts/lojadaana/tickets", {{"Authorization", "Bearer " + ana}})->body);
    CHECK(all["tickets"].size() == 2);
}

TEST_CASE("retention: a flood of sign-ins, limits and drafts is purged back to size once it expires") {
    Auth a([](server::ServerConfig& c) {
        generous(c);
        c.sweep_seconds = 0;  // swept by hand, with the test's clock
    });
    a.clock.now->store(friday_afternoon);
    server::Database& db = *a.server->database;
    const std::string ana = a.sign_in_by_email("ana@demo.store");
    auto tables = [&] {
        std::vector<std::int64_t> counts;
        for (const char* table : {"auth_transactions", "authorization_codes", "refresh_tokens", "rate_events", "outbox",
                                  "ticket_idempotency", "attachments"})
            counts.push_back(scalar(db, std::string("SELECT count(*) FROM ") + table));
        return counts;
    };
    // The stored files: on disk beside SQLite, rows of attachment_files on PostgreSQL.
    auto folder_files = [&] {
        if (TestDatabase::postgres()) return static_cast<int>(scalar(db, "SELECT count(*) FROM attachment_files"));
        int n = 0;
        std::error_code ec;
        for (auto it = std::filesystem::recursive_directory_iterator(a.server->dir / "data/attachments", ec);
             it != std::filesystem::recursive_directory_iterator(); ++it)
            n += it->is_regular_file() ? 1 : 0;
        return n;
    };
    // What must stay: a ticket with its file.
    httplib::MultipartFormDataItems kept{{"file", "kept bytes", "kept.txt", "text/plain"}};
    auto kept_file = json::parse(a.cli->Post("/api/accounts/lojadaana/attachments", {{"Authorization", "Bearer " + ana}}, kept)->body);
    json body = incident_request();
    body["attachments"] = json::array({kept_file["id"]});
    REQUIRE(a.cli->Post("/api/accounts/lojadaana/tickets", {{"Authorization", "Bearer " + ana}, {"Idempotency-Key", "keep"}},
                        body.dump(), "application/json")->status == 201);
    a.clock.advance(2 * 24 * 3600);
    REQUIRE(server::sweep(db, a.server->dir / "data/attachments", *a.clock.now));
    const auto baseline = tables();
    const int baseline_files = folder_files();

    // The flood: sign-ins in every state, sends, drafts never attached, replayed keys.
    const std::string fresh = a.sign_in_by_email("ana@demo.store");
    for (int i = 0; i < 40; ++i) {
        auto t = a.start();
        a.post(a.path(t, "/email-code"), {{"email", "carol@demo.store"}});
        a.post(a.path(t, "/email-code/verify"), {{"code", "000000"}});
        httplib::MultipartFormDataItems draft{{"file", "draft " + std::to_string(i), "d.txt", "text/plain"}};
        if (i < 20) a.cli->Post("/api/accounts/lojadaana/attachments", {{"Authorization", "Bearer " + fresh}}, draft);
        a.cli->Post("/api/accounts/lojadaana/tickets", {{"Authorization", "Bearer " + fresh}, {"Idempotency-Key", "f" + std::to_string(i)}},
                    incident_request().dump(), "application/json");
    }
    a.tokens_by_email("carol@demo.store");
    const auto flooded = tables();
    for (size_t i = 0; i < flooded.size(); ++i) CHECK(flooded[i] > baseline[i]);
    CHECK(folder_files() > baseline_files);

    // Not yet: a sweep now removes nothing that is still alive (the drafts are minutes old).
    server::SweepCounts early;
    REQUIRE(server::sweep(db, a.server->dir / "data/attachments", *a.clock.now, &early));
    CHECK(early.draft_files == 0);
    CHECK(early.idempotency_keys == 0);

    a.clock.advance(31 * 24 * 3600 + 7200);  // past the refresh tokens' 30 days
    server::SweepCounts swept;
    REQUIRE(server::sweep(db, a.server->dir / "data/attachments", *a.clock.now, &swept));
    const auto after = tables();
    // Tickets keep their idempotency-free rows and attachments; everything transient is gone.
    CHECK(after[0] == 0);
    CHECK(after[1] == 0);
    CHECK(after[2] == 0);
    CHECK(after[3] == 0);
    CHECK(after[4] == 0);
    CHECK(after[5] == 0);
    CHECK(after[6] == baseline[6]);
    CHECK(folder_files() == baseline_files);
    CHECK(swept.draft_files == 20);
    CHECK(swept.files_removed == 20);
    CHECK(scalar(db, "SELECT count(*) FROM tickets") == 41);
}

TEST_CASE("sign-in never waits for another user's message delivery: a relay that hangs holds up only its own request") {
    // A relay that takes the connection and never greets: the code's delivery waits on it.
    const int relay = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::bind(relay, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    REQUIRE(::listen(relay, 4) == 0);
    socklen_t length = sizeof address;
    ::getsockname(relay, reinterpret_cast<sockaddr*>(&address), &length);
    Auth a([&](server::ServerConfig& c) { c.smtp_relay = "127.0.0.1:" + std::to_string(ntohs(address.sin_port)); });
    std::atomic<bool> delivered{false};
    std::thread slow([&] {
        Flow f(a);
        auto t = f.start();
        auto res = f.post("/api/auth/transactions/" + t.id + "/email-code", {{"email", "ana@demo.store"}});
        delivered = true;
        CHECK(res->status == 502);
    });
    // Once the relay has the connection, the slow request is inside its delivery.
    pollfd waiting{relay, POLLIN, 0};
    REQUIRE(::poll(&waiting, 1, 5000) == 1);
    const int held = ::accept(relay, nullptr, nullptr);
    REQUIRE(held >= 0);
    // Meanwhile another person signs in, password and a code by text message, and reads /api/me.
    auto t = a.start();
    REQUIRE(a.post(a.path(t, "/password"), {{"email", "bruno@demo.store"}, {"password", "demo-password-2"}})->status == 200);
    REQUIRE(a.post(a.path(t, "/sms"), json::object())->status == 202);
    auto mfa = a.post(a.path(t, "/mfa"), {{"method", "sms"}, {"code", a.last_code("+5511900000002")}});
    REQUIRE(mfa->status == 200);
    auto tokens = a.exchange(json::parse(mfa->body)["code"], t.verifier);
    REQUIRE(tokens->status == 200);
    a.me(json::parse(tokens->body)["access_token"]);
    CHECK_FALSE(delivered.load());  // all of that while the first request still waited on the relay
    ::close(held);
    ::close(relay);
    slow.join();
    CHECK(delivered.load());
}
