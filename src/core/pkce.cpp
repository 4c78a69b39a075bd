#include "core/pkce.hpp"

#include "core/base64url.hpp"
#include "core/sha256.hpp"

namespace core {

std::string code_challenge(std::string_view verifier) { return base64url(sha256(verifier)); }

}  // namespace core
