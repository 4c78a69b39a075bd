// The identity API end to end against the in-process server: every sign-in path, and the attacks.
#include <doctest/doctest.h>

#include <httplib.h>

#include <atomic>
#include <nlohmann/json.hpp>
#include <regex>

#include "core/url.hpp"
#include "auth_client.hpp"
#include "server/identity/crypto.hpp"
#include "test_server.hpp"

using nlohmann::json;

namespace {

std::string cookie_value(const httplib::Result& res) {
    std::string header = res->get_header_value("Set-Cookie");
    auto start = header.find("portal_refresh=") + 15;
    return header.substr(start, header.find(';') - start);
}

}  // namespace

TEST_CASE("email code: the code from the outbox signs Ana in; /api/me lists her accounts and rights") {
    Auth a;
    std::string token = a.sign_in_by_email("ana@demo.store");
    json me = a.me(token);
    CHECK(me["user"]["email"] == "ana@demo.store");
    REQUIRE(me["accounts"].size() == 2);
    for (auto& account : me["accounts"]) CHECK(account["can_open_tickets"] == true);
    auto brazil = std::find_if(me["accounts"].begin(), me["accounts"].end(), [](auto& x) { return x["id"] == "lojadaana"; });
    REQUIRE(brazil != me["accounts"].end());
    CHECK((*brazil)["region"] == "brazil");
    CHECK((*brazil)["resources"] == json{{{"product", "VTEX - Support"}, {"resource", "Open Support Ticket"}}});
}

TEST_CASE("password + SMS signs Bruno in; without the resource he may not open Brazil tickets") {
    Auth a;
    auto t = a.start();
    auto pw = a.post(a.path(t, "/password"), {{"email", "bruno@demo.store"}, {"password", "demo-password-2"}});
    REQUIRE(pw->status == 200);
    CHECK(json::parse(pw->body) == json{{"mfa_required", true}, {"methods", {"sms"}}});
    REQUIRE(a.cli->Post(a.path(t, "/sms"), "", "application/json")->status == 202);
    auto mfa = a.post(a.path(t, "/mfa"), {{"method", "sms"}, {"code", a.last_code("+5511900000002")}});
    REQUIRE(mfa->status == 200);
    auto tokens = a.exchange(json::parse(mfa->body)["code"], t.verifier);
    REQUIRE(tokens->status == 200);
    json me = a.me(json::parse(tokens->body)["access_token"]);
    REQUIRE(me["accounts"].size() == 1);
    CHECK(me["accounts"][0]["id"] == "lojadaana");
    CHECK(me["accounts"][0]["can_open_tickets"] == false);
    CHECK(me["accounts"][0]["resources"].empty());
}

TEST_CASE("password + TOTP computed from the seeded secret signs Ana in; the same code never works twice") {
    Auth a;
    auto secret = server::crypto::base32_decode("JBSWY3DPEHPK3PXP");
    REQUIRE(secret);
    const std::string code = server::crypto::totp(*secret, *a.clock.now / 30);
    auto t = a.start();
    auto pw = a.post(a.path(t, "/password"), {{"email", "ana@demo.store"}, {"password", "demo-password-1"}});
    REQUIRE(pw->status == 200);
    CHECK(json::parse(pw->body)["methods"] == json{"totp"});
    auto mfa = a.post(a.path(t, "/mfa"), {{"method", "totp"}, {"code", code}});
    REQUIRE(mfa->status == 200);
    CHECK(a.exchange(json::parse(mfa->body)["code"], t.verifier)->status == 200);

    // Replay: the same code in a new sign-in is refused.
    auto t2 = a.start();
    REQUIRE(a.post(a.path(t2, "/password"), {{"email", "ana@demo.store"}, {"password", "demo-password-1"}})->status == 200);
    auto replay = a.post(a.path(t2, "/mfa"), {{"method", "totp"}, {"code", code}});
    CHECK(replay->status == 400);
    CHECK(json::parse(replay->body)["error"] == "invalid_code");
    // The next step's code works (one step of drift is accepted).
    auto next = a.post(a.path(t2, "/mfa"), {{"method", "totp"}, {"code", server::crypto::totp(*secret, *a.clock.now / 30 + 1)}});
    CHECK(next->status == 200);
}

TEST_CASE("RFC 6238 test vector: HMAC-SHA1 at T = 59 s gives 287082") {
    CHECK(server::crypto::totp("12345678901234567890", 59 / 30) == "287082");
    CHECK(server::crypto::totp("12345678901234567890", 1111111109 / 30) == "081804");
}

TEST_CASE("brute force: five wrong codes lock the sign-in, even for the right code after") {
    Auth a;
    auto t = a.start();
    REQUIRE(a.post(a.path(t, "/email-code"), {{"email", "ana@demo.store"}})->status == 202);
    const std::string right = a.last_code("ana@demo.store");
    const std::string wrong = right == "000000" ? "111111" : "000000";
    for (int i = 1; i <= 4; ++i) {
        auto res = a.post(a.path(t, "/email-code/verify"), {{"code", wrong}});
        CHECK(res->status == 400);
        CHECK(json::parse(res->body)["tries_left"] == 5 - i);
    }
    auto fifth = a.post(a.path(t, "/email-code/verify"), {{"code", wrong}});
    CHECK(fifth->status == 429);
    auto after = a.post(a.path(t, "/email-code/verify"), {{"code", right}});
    CHECK(after->status == 429);
    CHECK(json::parse(after->body)["error"] == "transaction_locked");
}

TEST_CASE("an expired code is refused (time injected), and a resend replaces the old code") {
    Auth a;
    auto t = a.start();
    REQUIRE(a.post(a.path(t, "/email-code"), {{"email", "ana@demo.store"}})->status == 202);
    const std::string first = a.last_code("ana@demo.store");
    a.clock.advance(10 * 60 + 1);
    auto expired = a.post(a.path(t, "/email-code/verify"), {{"code", first}});
    CHECK(expired->status == 400);
    CHECK(json::parse(expired->body)["error"] == "code_expired");
    REQUIRE(a.post(a.path(t, "/email-code"), {{"email", "ana@demo.store"}})->status == 202);
    const std::string second = a.last_code("ana@demo.store");
    if (second != first) CHECK(a.post(a.path(t, "/email-code/verify"), {{"code", first}})->status == 400);
    CHECK(a.post(a.path(t, "/email-code/verify"), {{"code", second}})->status == 200);
}

TEST_CASE("no account enumeration: an unknown email gets the same answer and no message") {
    Auth a;
    auto t = a.start();
    auto known = a.post(a.path(t, "/email-code"), {{"email", "ana@demo.store"}});
    auto t2 = a.start();
    auto unknown = a.post(a.path(t2, "/email-code"), {{"email", "nobody@demo.store"}});
    CHECK(known->status == unknown->status);
    CHECK(known->body == unknown->body);
    auto outbox = json::parse(a.cli->Get("/dev/outbox?to=nobody@demo.store")->body);
    CHECK(outbox["messages"].empty());
    auto wrong_password = a.post(a.path(t, "/password"), {{"email", "ana@demo.store"}, {"password", "nope"}});
    auto wrong_email = a.post(a.path(t2, "/password"), {{"email", "nobody@demo.store"}, {"password", "nope"}});
    CHECK(wrong_password->status == 401);
    CHECK(wrong_email->status == 401);
    CHECK(json::parse(wrong_password->body)["error"] == json::parse(wrong_email->body)["error"]);
}

TEST_CASE("sending codes is rate limited per email") {
    Auth a;
    int accepted = 0, limited = 0;
    for (int i = 0; i < 7; ++i) {
        auto t = a.start();
        int status = a.post(a.path(t, "/email-code"), {{"email", "carol@demo.store"}})->status;
        accepted += status == 202;
        limited += status == 429;
    }
    CHECK(accepted == 5);
    CHECK(limited == 2);
}

TEST_CASE("token endpoint: wrong verifier, wrong redirect_uri, a reused code") {
    Auth a;
    auto t = a.start();
    const std::string code = a.authorization_code_by_email(t, "ana@demo.store");
    auto bad_verifier = a.exchange(code, "not-the-verifier-not-the-verifier-not-the-verifier");
    CHECK(bad_verifier->status == 400);
    CHECK(json::parse(bad_verifier->body)["error"] == "invalid_grant");
    auto bad_redirect = a.exchange(code, t.verifier, "https://evil.example/callback.html");
    CHECK(bad_redirect->status == 400);
    auto good = a.exchange(code, t.verifier);
    REQUIRE(good->status == 200);
    const std::string refresh = cookie_value(good);
    auto again = a.exchange(code, t.verifier);
    CHECK(again->status == 400);
    // The reuse revoked what the first exchange produced.
    CHECK(a.refresh(refresh)->status == 400);
}

TEST_CASE("a transaction for another redirect_uri or without S256 is refused") {
    Auth a;
    json base = {{"client_id", "support-portal"}, {"redirect_uri", a.redirect_uri()},
                 {"code_challenge", server::crypto::base64url_encode(server::crypto::sha256("v"))},
                 {"code_challenge_method", "S256"}, {"state", "s"}};
    json other = base;
    other["redirect_uri"] = "https://evil.example/callback.html";
    CHECK(a.post("/api/auth/transactions", other)->status == 400);
    json plain = base;
    plain["code_challenge_method"] = "plain";
    CHECK(a.post("/api/auth/transactions", plain)->status == 400);
    json client = base;
    client["client_id"] = "someone-else";
    CHECK(a.post("/api/auth/transactions", client)->status == 400);
    CHECK(a.cli->Post("/api/auth/transactions", "{not json", "application/json")->status == 400);
}

TEST_CASE("refresh tokens rotate; reusing an old one revokes the whole family") {
    Auth a;
    auto tokens = a.tokens_by_email("ana@demo.store");
    std::string header = tokens->get_header_value("Set-Cookie");
    CHECK(header.find("HttpOnly") != std::string::npos);
    CHECK(header.find("Secure") != std::string::npos);
    CHECK(header.find("Path=/oauth") != std::string::npos);
    const std::string first = cookie_value(tokens);
    auto rotated = a.refresh(first);
    REQUIRE(rotated->status == 200);
    const std::string second = cookie_value(rotated);
    CHECK(second != first);
    CHECK(a.me(json::parse(rotated->body)["access_token"])["user"]["email"] == "ana@demo.store");
    CHECK(a.refresh(first)->status == 400);   // reuse of the rotated token...
    CHECK(a.refresh(second)->status == 400);  // ...ends the newer one too
}

TEST_CASE("access tokens: alg none, a changed payload, expiry, and another user's token") {
    Auth a;
    const std::string ana = a.sign_in_by_email("ana@demo.store");
    const std::string carol = a.sign_in_by_email("carol@demo.store");
    CHECK(a.me(carol)["user"]["email"] == "carol@demo.store");  // a token reads only its own user

    const size_t dot1 = ana.find('.'), dot2 = ana.find('.', dot1 + 1);
    json payload = json::parse(*server::crypto::base64url_decode(ana.substr(dot1 + 1, dot2 - dot1 - 1)));
    const std::string none_header = server::crypto::base64url_encode(R"({"alg":"none","typ":"JWT"})");
    payload["sub"] = "u-carol";
    const std::string changed = server::crypto::base64url_encode(payload.dump());
    CHECK(a.me(none_header + "." + changed + ".", 401)["error"] == "invalid_token");
    CHECK(a.me(ana.substr(0, dot1) + "." + changed + ana.substr(dot2), 401)["error"] == "invalid_token");
    CHECK(a.me("garbage", 401)["error"] == "invalid_token");
    auto missing = a.cli->Get("/api/me");
    CHECK(missing->status == 401);
    a.clock.advance(15 * 60 + 1);
    CHECK(a.me(ana, 401)["error"] == "invalid_token");
}

TEST_CASE("sign-out revokes the refresh token and clears the cookie") {
    Auth a;
    const std::string refresh = cookie_value(a.tokens_by_email("ana@demo.store"));
    auto out = a.cli->Post("/oauth/revoke", {{"Cookie", "portal_refresh=" + refresh}}, "", "application/json");
    REQUIRE(out->status == 200);
    CHECK(out->get_header_value("Set-Cookie").find("Max-Age=0") != std::string::npos);
    CHECK(a.refresh(refresh)->status == 400);
}

TEST_CASE("the dev outbox exists only in dev mode") {
    TestServer plain;
    httplib::Client cli("127.0.0.1", plain.port);
    CHECK(cli.Get("/dev/outbox?to=ana@demo.store")->status == 404);
}
