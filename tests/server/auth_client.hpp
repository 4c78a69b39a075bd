#pragma once
// A client of the in-process server's identity API: a controllable clock, and every sign-in path up to
// an access token. Shared by the identity and ticket tests.
#include <doctest/doctest.h>

#include <httplib.h>

#include <atomic>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <regex>

#include "core/url.hpp"
#include "server/identity/crypto.hpp"
#include "test_server.hpp"

struct Clock {
    std::shared_ptr<std::atomic<std::int64_t>> now = std::make_shared<std::atomic<std::int64_t>>(1772802000);
    void advance(std::int64_t seconds) { *now += seconds; }
};

// The body of the newest sign-in message in a /dev/outbox answer: the emails about tickets ("[#1001] …")
// land there too in development.
inline std::string newest_code_message(const nlohmann::json& outbox) {
    for (const nlohmann::json& message : outbox["messages"])
        if (message["subject"].get<std::string>().rfind("[#", 0) != 0) return message["body"];
    FAIL("no code in the dev outbox");
    return "";
}

struct Auth {
    Clock clock;
    std::unique_ptr<TestServer> server;
    std::unique_ptr<httplib::Client> cli;

    explicit Auth(const std::function<void(server::ServerConfig&)>& adjust = {}) {
        server::ServerConfig config;
        config.dev = true;
        if (adjust) adjust(config);
        auto now = clock.now;
        config.clock = [now] { return now->load(); };
        server = std::make_unique<TestServer>(config);
        cli = std::make_unique<httplib::Client>("127.0.0.1", server->port);
    }
    std::string redirect_uri() const { return "http://127.0.0.1:" + std::to_string(server->port) + "/callback.html"; }

    httplib::Result post(const std::string& path, const nlohmann::json& body) {
        return cli->Post(path, body.dump(), "application/json");
    }

    struct Txn {
        std::string id, verifier, state;
    };
    Txn start() {
        Txn t{"", server::crypto::random_token(32), server::crypto::random_token(16)};
        auto res = post("/api/auth/transactions", {{"client_id", "support-portal"}, {"redirect_uri", redirect_uri()},
                                                   {"code_challenge", server::crypto::base64url_encode(server::crypto::sha256(t.verifier))},
                                                   {"code_challenge_method", "S256"}, {"state", t.state}});
        REQUIRE(res);
        REQUIRE(res->status == 201);
        auto body = nlohmann::json::parse(res->body);
        CHECK(body["methods"] == nlohmann::json{"email_code", "google", "password"});
        t.id = body["transaction_id"];
        return t;
    }
    std::string path(const Txn& t, const std::string& rest) { return "/api/auth/transactions/" + t.id + rest; }

    std::string last_code(const std::string& to) {
        auto res = cli->Get("/dev/outbox?to=" + core::percent_encode(to));
        REQUIRE(res);
        REQUIRE(res->status == 200);
        std::smatch m;
        const std::string text = newest_code_message(nlohmann::json::parse(res->body));
        REQUIRE(std::regex_search(text, m, std::regex("\\b(\\d{6})\\b")));
        return m[1];
    }

    // Exchanges an authorization code; returns the token response (and the refresh cookie).
    httplib::Result exchange(const std::string& code, const std::string& verifier, std::string redirect = "") {
        httplib::Params form{{"grant_type", "authorization_code"}, {"code", code}, {"code_verifier", verifier},
                             {"client_id", "support-portal"}, {"redirect_uri", redirect.empty() ? redirect_uri() : redirect}};
        return cli->Post("/oauth/token", form);
    }
    httplib::Result refresh(const std::string& cookie_value) {
        return cli->Post("/oauth/token", {{"Cookie", "portal_refresh=" + cookie_value}}, httplib::Params{{"grant_type", "refresh_token"}});
    }
    nlohmann::json me(const std::string& access_token, int expect_status = 200) {
        auto res = cli->Get("/api/me", {{"Authorization", "Bearer " + access_token}});
        REQUIRE(res);
        CHECK(res->status == expect_status);
        return nlohmann::json::parse(res->body);
    }

    // The email-code path for `email` up to the authorization code.
    std::string authorization_code_by_email(const Txn& t, const std::string& email) {
        REQUIRE(post(path(t, "/email-code"), {{"email", email}})->status == 202);
        auto verified = post(path(t, "/email-code/verify"), {{"code", last_code(email)}});
        REQUIRE(verified->status == 200);
        auto body = nlohmann::json::parse(verified->body);
        CHECK(body["state"] == t.state);
        return body["code"];
    }
    // ...and through the token endpoint: the token response (access token, refresh cookie).
    httplib::Result tokens_by_email(const std::string& email) {
        Txn t = start();
        auto tokens = exchange(authorization_code_by_email(t, email), t.verifier);
        REQUIRE(tokens->status == 200);
        return tokens;
    }
    std::string sign_in_by_email(const std::string& email) {
        return nlohmann::json::parse(tokens_by_email(email)->body)["access_token"];
    }
};
