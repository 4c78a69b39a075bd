// The token endpoint (authorization code + PKCE, rotating refresh tokens with reuse detection),
// sign-out, and GET /api/me.
#include "server/identity/auth_service.hpp"
#include "server/identity/crypto.hpp"
#include "server/identity/jwt.hpp"
#include "server/statement.hpp"

namespace server {

using nlohmann::json;

namespace {

Reply invalid_grant(const std::string& message) { return error_reply(400, "invalid_grant", message); }

constexpr int refresh_token_seconds = 30 * 24 * 3600;

}  // namespace

Reply AuthService::issue_tokens(const std::string& user_id, const std::string& family_id) {
    const std::int64_t now = settings.clock();
    const std::string refresh = crypto::random_token(32);
    Statement insert(db, "INSERT INTO refresh_tokens (token_hash, family_id, user_id, expires_at) VALUES (?, ?, ?, ?)");
    if (!insert.bind(1, crypto::hex(crypto::sha256(refresh))).bind(2, family_id).bind(3, user_id)
             .bind(4, now + refresh_token_seconds).run())
        return error_reply(503, "storage", "The sign-in could not be completed. Try again in a moment.");
    AccessClaims claims{user_id, now, now + access_token_seconds, crypto::random_token(12)};
    Reply reply{200, {{"access_token", sign_access_token(claims, signing_key)}, {"token_type", "Bearer"},
                      {"expires_in", access_token_seconds}}};
    reply.set_cookie = refresh_cookie_header(refresh, refresh_token_seconds);
    return reply;
}

Reply AuthService::token(const std::function<std::string(const char*)>& form, const std::string& refresh_value) {
    const std::string grant = form("grant_type");
    std::lock_guard<std::mutex> guard(mutex);
    if (grant == "authorization_code") {
        const std::string code = form("code"), verifier = form("code_verifier");
        if (code.empty() || verifier.empty()) return error_reply(400, "invalid_request", "code and code_verifier are required.");
        if (form("client_id") != client_id) return error_reply(401, "invalid_client", "client_id: not this portal.");
        Statement q(db, "SELECT user_id, redirect_uri, code_challenge, expires_at, used, COALESCE(family_id, '')"
                                 " FROM authorization_codes WHERE code_hash = ?");
        const std::string hash = crypto::hex(crypto::sha256(code));
        if (!q.bind(1, hash).step()) return invalid_grant("This sign-in code is not valid. Sign in again.");
        if (q.integer(4)) {
            // A code used twice: someone else may hold it. Revoke what the first use produced.
            Statement revoke(db, "UPDATE refresh_tokens SET revoked = 1 WHERE family_id = ?");
            revoke.bind(1, q.text(5)).run();
            return invalid_grant("This sign-in code was already used. Sign in again.");
        }
        if (q.integer(3) <= settings.clock()) return invalid_grant("This sign-in code has expired. Sign in again.");
        if (form("redirect_uri") != q.text(1)) return invalid_grant("redirect_uri: does not match the sign-in.");
        const std::string computed = crypto::base64url_encode(crypto::sha256(verifier));
        if (!crypto::equal(computed, q.text(2))) return invalid_grant("code_verifier: does not match the sign-in.");
        const std::string user_id = q.text(0), family = crypto::random_token(16);
        Statement used(db, "UPDATE authorization_codes SET used = 1, family_id = ? WHERE code_hash = ?");
        used.bind(1, family).bind(2, hash).run();
        return issue_tokens(user_id, family);
    }
    if (grant == "refresh_token") {
        const std::string refresh = refresh_value.empty() ? form("refresh_token") : refresh_value;
        if (refresh.empty()) return invalid_grant("You are not signed in on this browser. Sign in.");
        const std::string hash = crypto::hex(crypto::sha256(refresh));
        Statement q(db, "SELECT family_id, user_id, expires_at, used, revoked FROM refresh_tokens WHERE token_hash = ?");
        if (!q.bind(1, hash).step()) return invalid_grant("Your session is not valid. Sign in again.");
        const std::string family = q.text(0), user_id = q.text(1);
        if (q.integer(3) || q.integer(4)) {
            // Reuse of a rotated token: the family is compromised, end every session in it.
            Statement revoke(db, "UPDATE refresh_tokens SET revoked = 1 WHERE family_id = ?");
            revoke.bind(1, family).run();
            return invalid_grant("Your session has ended. Sign in again.");
        }
        if (q.integer(2) <= settings.clock()) return invalid_grant("Your session has expired. Sign in again.");
        Statement rotate(db, "UPDATE refresh_tokens SET used = 1 WHERE token_hash = ?");
        rotate.bind(1, hash).run();
        return issue_tokens(user_id, family);
    }
    return error_reply(400, "unsupported_grant_type", "grant_type: authorization_code or refresh_token.");
}

Reply AuthService::revoke(const std::string& refresh_value) {
    std::lock_guard<std::mutex> guard(mutex);
    if (!refresh_value.empty()) {
        Statement revoke(db, "UPDATE refresh_tokens SET revoked = 1 WHERE family_id ="
                                      " (SELECT family_id FROM refresh_tokens WHERE token_hash = ?)");
        revoke.bind(1, crypto::hex(crypto::sha256(refresh_value))).run();
    }
    Reply reply{200, {{"signed_out", true}}};
    reply.set_cookie = refresh_cookie_header("", 0);
    return reply;
}

std::variant<std::string, Reply> AuthService::authenticate(const std::string& header) {
    constexpr std::string_view bearer = "Bearer ";
    if (header.rfind(bearer, 0) != 0) {
        Reply reply = error_reply(401, "unauthenticated", "Sign in to continue.");
        return reply;
    }
    auto claims = verify_access_token(std::string_view(header).substr(bearer.size()), signing_key, settings.clock());
    if (!claims) return Reply{401, {{"error", claims.error().code}, {"message", claims.error().message}}};
    return claims.value().subject;
}

Reply AuthService::me(const std::string& authorization_header) {
    auto who = authenticate(authorization_header);
    if (auto* reply = std::get_if<Reply>(&who)) return *reply;
    const std::string& user_id = std::get<std::string>(who);
    std::lock_guard<std::mutex> guard(mutex);
    Statement user(db, "SELECT id, email, name FROM users WHERE id = ?");
    if (!user.bind(1, user_id).step()) return error_reply(401, "unauthenticated", "This user no longer exists. Sign in again.");
    json body = {{"user", {{"id", user.text(0)}, {"email", user.text(1)}, {"name", user.text(2)}}},
                 {"accounts", json::array()}};
    Statement accounts(db, "SELECT DISTINCT a.id, a.name, a.region FROM accounts a JOIN memberships m"
                                    " ON m.account_id = a.id WHERE m.user_id = ? ORDER BY a.name");
    accounts.bind(1, user_id);
    while (accounts.step()) {
        const std::string account = accounts.text(0), region = accounts.text(2);
        Statement resources(db, "SELECT DISTINCT r.product, r.resource FROM memberships m JOIN role_resources r"
                                         " ON r.role_id = m.role_id WHERE m.user_id = ? AND m.account_id = ?"
                                         " ORDER BY r.product, r.resource");
        resources.bind(1, user_id).bind(2, account);
        json list = json::array();
        bool has_ticket_resource = false;
        while (resources.step()) {
            list.push_back({{"product", resources.text(0)}, {"resource", resources.text(1)}});
            has_ticket_resource |= resources.text(0) == "VTEX - Support" && resources.text(1) == "Open Support Ticket";
        }
        // The License Manager resource is required for Brazil accounts only.
        const bool can_open = region != "brazil" || has_ticket_resource;
        body["accounts"].push_back({{"id", account}, {"name", accounts.text(1)}, {"region", region},
                                    {"resources", list}, {"can_open_tickets", can_open}});
    }
    return Reply{200, body};
}

}  // namespace server
