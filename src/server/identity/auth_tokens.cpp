// The token endpoint (authorization code + PKCE, rotating refresh tokens with reuse detection),
// sign-out, access tokens and GET /api/me.
#include <strings.h>

#include "core/pkce.hpp"
#include "server/identity/auth_service.hpp"
#include "server/identity/crypto.hpp"
#include "server/identity/jwt.hpp"
#include "server/identity/license_grants.hpp"
#include "server/statement.hpp"

namespace server {

using nlohmann::json;

namespace {

Reply invalid_grant(const std::string& message) { return error_reply(400, "invalid_grant", message); }

constexpr int refresh_token_seconds = 30 * 24 * 3600;

// RFC 6750 §3: a 401 says which scheme it wants and, for a token that was sent, why it was refused.
Reply unauthenticated(const char* code, const std::string& message, bool token_sent) {
    Reply reply = error_reply(401, code, message);
    std::string challenge = "Bearer realm=\"support-portal\"";
    if (token_sent) challenge += ", error=\"invalid_token\"";
    reply.headers.emplace_back("WWW-Authenticate", challenge);
    return reply;
}

void revoke_family(Connection& c, const std::string& family) {
    Statement revoke(c, "UPDATE refresh_tokens SET revoked = 1 WHERE family_id = ?");
    revoke.bind(1, family).run();
}

}  // namespace

Reply AuthService::issue_tokens(Connection& c, const std::string& user_id, const std::string& family_id) {
    const std::int64_t now = settings.clock();
    const std::string refresh = crypto::random_token(32);
    Statement insert(c, "INSERT INTO refresh_tokens (token_hash, family_id, user_id, expires_at) VALUES (?, ?, ?, ?)");
    if (!insert.bind(1, crypto::hex(crypto::sha256(refresh))).bind(2, family_id).bind(3, user_id)
             .bind(4, now + refresh_token_seconds).run())
        return error_reply(503, "storage", "The sign-in could not be completed. Try again in a moment.");
    AccessClaims claims{user_id, now, now + access_token_seconds, crypto::random_token(12), family_id};
    const auto keys = key_ring.keys();
    Reply reply{200, {{"access_token", sign_access_token(claims, keys->current().id, keys->current().secret)},
                      {"token_type", "Bearer"}, {"expires_in", access_token_seconds}}};
    reply.set_cookie = refresh_cookie_header(refresh, refresh_token_seconds);
    return reply;
}

Reply AuthService::token(const std::function<std::string(const char*)>& form, const std::string& refresh_value) {
    const std::string grant = form("grant_type");
    if (grant == "authorization_code") {
        const std::string code = form("code"), verifier = form("code_verifier");
        if (code.empty() || verifier.empty())
            return error_reply(400, "invalid_request", "code and code_verifier are required.");
        if (form("client_id") != client_id) return error_reply(400, "invalid_client", "client_id: not this portal.");
        const std::string hash = crypto::hex(crypto::sha256(code));
        const std::string computed = core::code_challenge(verifier);
        return write([&](Connection& c, bool&) {
            Statement q(c, "SELECT user_id, redirect_uri, code_challenge, expires_at, used, COALESCE(family_id, '')"
                           " FROM authorization_codes WHERE code_hash = ?");
            if (!q.bind(1, hash).step()) return invalid_grant("This sign-in code is not valid. Sign in again.");
            if (q.integer(4)) {
                // A code used twice: someone else may hold it. Revoke what the first use produced.
                revoke_family(c, q.text(5));
                return invalid_grant("This sign-in code was already used. Sign in again.");
            }
            if (q.integer(3) <= settings.clock()) return invalid_grant("This sign-in code has expired. Sign in again.");
            if (form("redirect_uri") != q.text(1)) return invalid_grant("redirect_uri: does not match the sign-in.");
            if (!crypto::equal(computed, q.text(2))) return invalid_grant("code_verifier: does not match the sign-in.");
            const std::string user_id = q.text(0), family = crypto::random_token(16);
            Statement used(c, "UPDATE authorization_codes SET used = 1, family_id = ? WHERE code_hash = ?");
            used.bind(1, family).bind(2, hash).run();
            return issue_tokens(c, user_id, family);
        });
    }
    if (grant == "refresh_token") {
        const std::string& refresh = refresh_value;
        if (refresh.empty()) return invalid_grant("You are not signed in on this browser. Sign in.");
        const std::string hash = crypto::hex(crypto::sha256(refresh));
        return write([&](Connection& c, bool&) {
            Statement q(c, "SELECT family_id, user_id, expires_at, used, revoked FROM refresh_tokens"
                           " WHERE token_hash = ?");
            if (!q.bind(1, hash).step()) return invalid_grant("Your session is not valid. Sign in again.");
            const std::string family = q.text(0), user_id = q.text(1);
            if (q.integer(3) || q.integer(4)) {
                // Reuse of a rotated token: the family is compromised, end every session in it (its
                // access tokens included: authenticate() looks the family up).
                revoke_family(c, family);
                return invalid_grant("Your session has ended. Sign in again.");
            }
            if (q.integer(2) <= settings.clock()) return invalid_grant("Your session has expired. Sign in again.");
            Statement rotate(c, "UPDATE refresh_tokens SET used = 1 WHERE token_hash = ?");
            rotate.bind(1, hash).run();
            return issue_tokens(c, user_id, family);
        });
    }
    if (grant.empty())
        return error_reply(400, "invalid_request", "grant_type is required: authorization_code or refresh_token.");
    return error_reply(400, "unsupported_grant_type", "grant_type: authorization_code or refresh_token.");
}

Reply AuthService::revoke(const std::string& refresh_value) {
    if (!refresh_value.empty()) {
        const std::string hash = crypto::hex(crypto::sha256(refresh_value));
        Reply done = write([&](Connection& c, bool&) {
            Statement revoke(c, "UPDATE refresh_tokens SET revoked = 1 WHERE family_id ="
                                " (SELECT family_id FROM refresh_tokens WHERE token_hash = ?)");
            revoke.bind(1, hash).run();
            return Reply{200};
        });
        if (done.status != 200) return done;
    }
    Reply reply{200, {{"signed_out", true}}};
    reply.set_cookie = refresh_cookie_header("", 0);
    return reply;
}

std::variant<std::string, Reply> AuthService::authenticate(const std::string& header) {
    auto claims = authenticate_claims(header);
    if (auto* reply = std::get_if<Reply>(&claims)) return *reply;
    return std::get<AccessClaims>(claims).subject;
}

bool AuthService::session_alive(const std::string& session) {
    auto r = db.reader();
    Statement alive(*r, "SELECT 1 FROM refresh_tokens WHERE family_id = ? AND revoked = 0 LIMIT 1");
    return alive.bind(1, session).step();
}

std::variant<AccessClaims, Reply> AuthService::authenticate_claims(const std::string& header) {
    // The scheme is case-insensitive (RFC 9110 §11.1).
    constexpr std::string_view bearer = "bearer ";
    if (header.size() <= bearer.size() || strncasecmp(header.c_str(), bearer.data(), bearer.size()) != 0)
        return unauthenticated("unauthenticated", "Sign in to continue.", false);
    std::string_view token = std::string_view(header).substr(bearer.size());
    while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
    auto keys = key_ring.keys();
    auto key_for = [this, &keys](std::string_view id) -> const std::string* {
        const SigningKey* key = keys->find(id);
        if (!key) {
            keys = key_ring.keys(true);  // signed with a key another node made: read the keys again
            key = keys->find(id);
        }
        return key ? &key->secret : nullptr;
    };
    auto claims = verify_access_token(token, key_for, settings.clock());
    if (!claims) return unauthenticated(claims.error().code.c_str(), claims.error().message, true);
    // A signed-out session, or one whose refresh token was reused, ends its access tokens too: each
    // request looks its session up (an indexed read), so none outlives it by more than that read.
    if (!session_alive(claims.value().session))
        return unauthenticated("session_ended", "This session has ended. Sign in again.", true);
    return claims.value();
}

Reply AuthService::me(const std::string& authorization_header) {
    auto who = authenticate(authorization_header);
    if (auto* reply = std::get_if<Reply>(&who)) return *reply;
    const std::string& user_id = std::get<std::string>(who);
    auto r = db.reader();
    Statement user(*r, "SELECT id, email, name FROM users WHERE id = ?");
    if (!user.bind(1, user_id).step())
        return unauthenticated("unauthenticated", "This user no longer exists. Sign in again.", true);
    // Which License Manager resource opens tickets (this server's configuration), for the portal to name it.
    const core::LicenseResource& needed = settings.ticket_resource;
    json body = {{"user", {{"id", user.text(0)}, {"email", user.text(1)}, {"name", user.text(2)}}},
                 {"ticket_resource", {{"product", needed.product}, {"resource", needed.resource}}},
                 {"accounts", json::array()}};
    Statement accounts(*r, "SELECT DISTINCT a.id, a.name, a.region FROM accounts a JOIN memberships m"
                           " ON m.account_id = a.id WHERE m.user_id = ? ORDER BY a.name");
    accounts.bind(1, user_id);
    while (accounts.step()) {
        const std::string account = accounts.text(0), region = accounts.text(2);
        const std::vector<core::LicenseResource> granted = granted_resources(*r, user_id, account);
        json list = json::array();
        for (const core::LicenseResource& g : granted)
            list.push_back({{"product", g.product}, {"resource", g.resource}});
        const auto known = core::parse_region(region);
        const bool can_open = known && core::can_open_tickets(*known, granted, settings.ticket_resource);
        body["accounts"].push_back({{"id", account}, {"name", accounts.text(1)}, {"region", region},
                                    {"resources", list}, {"can_open_tickets", can_open}});
    }
    return Reply{200, body};
}

}  // namespace server
