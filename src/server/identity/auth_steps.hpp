#pragma once
// Inside AuthService only: a message to deliver after the commit, and the refusals that the service's
// parts (auth_*.cpp, one concept each) share; their store is identity_store.hpp.
#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "server/identity/auth_service.hpp"

namespace server {

struct AuthService::Delivery {
    std::string recipient, channel, subject, body;
};

namespace identity {

// A step's text member, 1 to `max` bytes; none when absent, of another type, empty or longer.
std::optional<std::string> string_field(const nlohmann::json& body, const char* name, size_t max = 512);
Reply rate_limited(const std::string& message, std::int64_t wait);
Reply account_locked(std::int64_t wait);
// 503 for a step the store did not take, saying `message`; `cause` (the store's words) goes to the
// operator's log, not to the user.
Reply storage_failed(const std::string& cause = "",
                     const char* message = "The sign-in could not be saved right now. Try again in a moment.");

}  // namespace identity

}  // namespace server
