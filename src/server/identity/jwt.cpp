#include "server/identity/jwt.hpp"

#include <nlohmann/json.hpp>

#include "server/identity/crypto.hpp"

namespace server {

namespace {

core::Error refused(const std::string& why) {
    return core::Error{"invalid_token", "The sign-in has expired or is not valid (" + why + "). Sign in again."};
}
}  // namespace

std::string sign_access_token(const AccessClaims& claims, std::string_view key_id, std::string_view key) {
    const nlohmann::json header = {{"alg", "HS256"}, {"typ", "JWT"}, {"kid", key_id}};
    nlohmann::json payload = {{"iss", token_issuer},          {"aud", token_audience},
                              {"sub", claims.subject},        {"iat", claims.issued_at},
                              {"exp", claims.expires_at},     {"jti", claims.token_id},
                              {"sid", claims.session}};
    std::string signing_input = crypto::base64url_encode(header.dump()) + "." + crypto::base64url_encode(payload.dump());
    return signing_input + "." + crypto::base64url_encode(crypto::hmac_sha256(key, signing_input));
}

core::Result<AccessClaims> verify_access_token(std::string_view token,
                                               const std::function<const std::string*(std::string_view)>& key_for,
                                               std::int64_t now) {
    const size_t first = token.find('.');
    const size_t second = first == std::string_view::npos ? first : token.find('.', first + 1);
    if (second == std::string_view::npos || token.find('.', second + 1) != std::string_view::npos)
        return refused("malformed");
    auto header = crypto::base64url_decode(token.substr(0, first));
    if (!header) return refused("malformed header");
    nlohmann::json h = nlohmann::json::parse(*header, nullptr, false);
    if (!h.is_object() || !h.contains("alg") || h["alg"] != "HS256") return refused("unexpected algorithm");
    if (!h.contains("kid") || !h["kid"].is_string()) return refused("no key id");
    const std::string* key = key_for(h["kid"].get<std::string>());
    if (!key) return refused("unknown key");
    auto signature = crypto::base64url_decode(token.substr(second + 1));
    const std::string expected = crypto::hmac_sha256(*key, token.substr(0, second));
    if (!signature || !crypto::equal(*signature, expected)) return refused("bad signature");
    auto payload = crypto::base64url_decode(token.substr(first + 1, second - first - 1));
    nlohmann::json p = payload ? nlohmann::json::parse(*payload, nullptr, false) : nlohmann::json();
    if (!p.is_object() || !p.contains("sub") || !p["sub"].is_string() || !p.contains("exp") ||
        !p["exp"].is_number_integer() || !p.contains("iat") || !p["iat"].is_number_integer() || !p.contains("sid") ||
        !p["sid"].is_string())
        return refused("malformed claims");
    // A claim of another type refuses the token rather than throwing out of the request (a 500).
    auto text = [&p](const char* name) {
        const auto it = p.find(name);
        return it != p.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    if (text("iss") != token_issuer || text("aud") != token_audience) return refused("wrong issuer");
    AccessClaims claims{p["sub"].get<std::string>(), p["iat"].get<std::int64_t>(), p["exp"].get<std::int64_t>(),
                        text("jti"), p["sid"].get<std::string>()};
    if (claims.expires_at <= now) return refused("expired");
    return claims;
}

}  // namespace server
