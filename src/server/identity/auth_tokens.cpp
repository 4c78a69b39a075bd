// The token endpoint (authorization code + PKCE, rotating refresh tokens with reuse detection),
// sign-out, access tokens and GET /api/me.
#include <strings.h>

#include "core/pkce.hpp"
#include "server/identity/auth_service.hpp"
#include "server/identity/crypto.hpp"
#include "server/identity/jwt.hpp"
#include "server/identity/auth_steps.hpp"

namespace server {

using nlohmann::json;

namespace {

Reply invalid_grant(const std::string& message) { return error_reply(Outcome::invalid, "invalid_grant", message); }

constexpr int refresh_token_seconds = 30 * 24 * 3600;

// RFC 6750 §3: a 401 says which scheme it wants and, for a token that was sent, why it was refused.
Reply unauthenticated(const char* code, const std::string& message, bool token_sent) {
    Reply reply = error_reply(Outcome::unauthenticated, code, message);
    std::string challenge = "Bearer realm=\"support-portal\"";
    if (token_sent) challenge += ", error=\"invalid_token\"";
    reply.headers.emplace_back("WWW-Authenticate", challenge);
    return reply;
}

}  // namespace

Reply AuthService::issue_tokens(Connection& c, const std::string& user_id, const std::string& family_id) {
    const std::int64_t now = settings.clock();
    const std::string refresh = crypto::random_token(32);
    if (!IdentityStore(c).add_refresh_token(crypto::hex(crypto::sha256(refresh)), family_id, user_id,
                                            now + refresh_token_seconds).empty())
        return error_reply(Outcome::unavailable, "storage",
                           "The sign-in could not be completed. Try again in a moment.");
    AccessClaims claims{user_id, now, now + access_token_seconds, crypto::random_token(12), family_id};
    const auto keys = key_ring.keys();
    Reply reply{Outcome::ok, {{"access_token", sign_access_token(claims, keys->current().id, keys->current().secret)},
                      {"token_type", "Bearer"}, {"expires_in", access_token_seconds}}};
    reply.set_cookie = refresh_cookie_header(refresh, refresh_token_seconds);
    return reply;
}

Reply AuthService::token(const std::function<std::string(const char*)>& form, const std::string& refresh_value) {
    const std::string grant = form("grant_type");
    if (grant == "authorization_code") {
        const std::string code = form("code"), verifier = form("code_verifier");
        if (code.empty() || verifier.empty())
            return error_reply(Outcome::invalid, "invalid_request", "code and code_verifier are required.");
        if (form("client_id") != client_id)
            return error_reply(Outcome::invalid, "invalid_client", "client_id: not this portal.");
        const std::string hash = crypto::hex(crypto::sha256(code));
        const std::string computed = core::code_challenge(verifier);
        return write([&](Connection& c, bool&) {
            IdentityStore store(c);
            const auto q = store.authorization_code(hash);
            if (!q) return invalid_grant("This sign-in code is not valid. Sign in again.");
            if (q->used) {
                // A code used twice: someone else may hold it. Revoke what the first use produced.
                if (const std::string failed = store.revoke_family(q->family_id); !failed.empty())
                    return identity::storage_failed(failed);
                return invalid_grant("This sign-in code was already used. Sign in again.");
            }
            if (q->expires_at <= settings.clock())
                return invalid_grant("This sign-in code has expired. Sign in again.");
            if (form("redirect_uri") != q->redirect_uri)
                return invalid_grant("redirect_uri: does not match the sign-in.");
            if (!crypto::equal(computed, q->code_challenge))
                return invalid_grant("code_verifier: does not match the sign-in.");
            const std::string family = crypto::random_token(16);
            if (const std::string failed = store.use_authorization_code(hash, family); !failed.empty())
                return identity::storage_failed(failed);
            return issue_tokens(c, q->user_id, family);
        });
    }
    if (grant == "refresh_token") {
        const std::string& refresh = refresh_value;
        if (refresh.empty()) return invalid_grant("You are not signed in on this browser. Sign in.");
        const std::string hash = crypto::hex(crypto::sha256(refresh));
        return write([&](Connection& c, bool&) {
            IdentityStore store(c);
            const auto q = store.refresh_token(hash);
            if (!q) return invalid_grant("Your session is not valid. Sign in again.");
            if (q->used || q->revoked) {
                // Reuse of a rotated token: the family is compromised, end every session in it (its
                // access tokens included: authenticate() looks the family up).
                if (const std::string failed = store.revoke_family(q->family_id); !failed.empty())
                    return identity::storage_failed(failed);
                return invalid_grant("Your session has ended. Sign in again.");
            }
            if (q->expires_at <= settings.clock()) return invalid_grant("Your session has expired. Sign in again.");
            if (const std::string failed = store.use_refresh_token(hash); !failed.empty())
                return identity::storage_failed(failed);
            return issue_tokens(c, q->user_id, q->family_id);
        });
    }
    if (grant.empty())
        return error_reply(Outcome::invalid, "invalid_request",
                           "grant_type is required: authorization_code or refresh_token.");
    return error_reply(Outcome::invalid, "unsupported_grant_type", "grant_type: authorization_code or refresh_token.");
}

Reply AuthService::revoke(const std::string& refresh_value) {
    if (!refresh_value.empty()) {
        const std::string hash = crypto::hex(crypto::sha256(refresh_value));
        Reply done = write([&](Connection& c, bool&) {
            const std::string failed = IdentityStore(c).revoke_family_of(hash);
            return failed.empty() ? Reply{Outcome::ok} : identity::storage_failed(failed);
        });
        if (done.outcome != Outcome::ok) return done;
    }
    Reply reply{Outcome::ok, {{"signed_out", true}}};
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
    return IdentityStore(*r).family_alive(session);
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
    IdentityStore store(*r);
    const auto user = store.user(user_id);
    if (!user) return unauthenticated("unauthenticated", "This user no longer exists. Sign in again.", true);
    // Which License Manager resource opens tickets (this server's configuration), for the portal to name it.
    const core::LicenseResource& needed = settings.ticket_resource;
    json body = {{"user", {{"id", user->id}, {"email", user->email}, {"name", user->name}}},
                 {"ticket_resource", {{"product", needed.product}, {"resource", needed.resource}}},
                 {"accounts", json::array()}};
    for (const AccountRow& account : store.accounts_of(user_id)) {
        const std::string& region = account.region;
        const std::vector<core::LicenseResource> granted = store.granted_resources(user_id, account.id);
        json list = json::array();
        for (const core::LicenseResource& g : granted)
            list.push_back({{"product", g.product}, {"resource", g.resource}});
        const auto known = core::parse_region(region);
        const bool can_open = known && core::can_open_tickets(*known, granted, settings.ticket_resource);
        body["accounts"].push_back({{"id", account.id}, {"name", account.name}, {"region", region},
                                    {"resources", list}, {"can_open_tickets", can_open}});
    }
    return Reply{Outcome::ok, body};
}

}  // namespace server
