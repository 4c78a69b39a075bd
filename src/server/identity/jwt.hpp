#pragma once
// Access tokens: JWTs signed with HS256 under one of the server's keys, named by `kid` in the header.
// The algorithm is pinned: a token whose header names any other algorithm (none included) is refused
// before its signature is looked at.
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace server {

struct AccessClaims {
    std::string subject;     // the user id
    std::int64_t issued_at = 0;
    std::int64_t expires_at = 0;
    std::string token_id;    // jti
    std::string session;     // sid: the refresh-token family the token came from (sign-out ends it)
};

inline constexpr std::string_view token_issuer = "portal-server";
inline constexpr std::string_view token_audience = "support-portal";

std::string sign_access_token(const AccessClaims& claims, std::string_view key_id, std::string_view key);
// `key_for(kid)` is the secret of that key, or null when there is no such key.
core::Result<AccessClaims> verify_access_token(std::string_view token,
                                               const std::function<const std::string*(std::string_view)>& key_for,
                                               std::int64_t now);

}  // namespace server
