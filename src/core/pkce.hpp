#pragma once
// What the portal needs to start a sign-in as a public OAuth client: the PKCE code challenge (RFC 7636,
// S256), over core's SHA-256 and base64url so that native and wasm compute the same.
#include <string>
#include <string_view>

namespace core {

// The S256 challenge of a code verifier: base64url(SHA-256(verifier)).
std::string code_challenge(std::string_view verifier);

}  // namespace core
