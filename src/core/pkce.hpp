#pragma once
// What the portal needs to start a sign-in as a public OAuth client: SHA-256 and base64url for the
// PKCE code challenge (RFC 7636, S256), in pure C++ so native and wasm compute the same.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace core {

std::array<std::uint8_t, 32> sha256(std::string_view bytes);
std::string base64url(std::string_view bytes);  // no padding

// The S256 challenge of a code verifier: base64url(SHA-256(verifier)).
std::string code_challenge(std::string_view verifier);

}  // namespace core
