#pragma once
// SHA-256 (FIPS 180-4) and HMAC-SHA-256 (RFC 2104), in pure C++: the one implementation the portal
// (native and wasm: the PKCE challenge, core::RandomStream) and the server (tokens, signatures, file
// digests) share, so both sides compute the same bytes.
#include <cstddef>
#include <string>
#include <string_view>

namespace core {

inline constexpr size_t sha256_bytes = 32;

// The digest as 32 raw bytes.
std::string sha256(std::string_view bytes);
// The MAC as 32 raw bytes; a key longer than SHA-256's 64-byte block is hashed first, as RFC 2104 says.
std::string hmac_sha256(std::string_view key, std::string_view message);

}  // namespace core
