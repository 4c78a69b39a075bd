#pragma once
// Inside AuthService only: a sign-in transaction as its row holds it, a message to deliver after the
// commit, and the refusals that the service's parts (auth_*.cpp, one concept each) share.
#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "server/identity/auth_service.hpp"

namespace server {

struct AuthService::Transaction {
    std::string id, client_id, redirect_uri, code_challenge, state, stage, user_id;
    std::int64_t expires_at = 0, failed_attempts = 0;
    std::optional<std::string> email_code_hash, email_code_user, sms_code_hash;
    std::int64_t email_code_expires = 0, sms_code_expires = 0;
    bool completed = false;
};

struct AuthService::Delivery {
    std::string recipient, channel, subject, body;
};

namespace identity {

// A step's text member, 1 to `max` bytes; none when absent, of another type, empty or longer.
std::optional<std::string> string_field(const nlohmann::json& body, const char* name, size_t max = 512);
Reply rate_limited(const std::string& message, std::int64_t wait);
Reply account_locked(std::int64_t wait);
Reply storage_failed();

}  // namespace identity

}  // namespace server
