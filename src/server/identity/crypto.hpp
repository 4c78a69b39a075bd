#pragma once
// The few cryptographic primitives the identity service needs: SHA-256, HMAC-SHA-256 and base64url
// from core (the same code as the portal's), randomness, constant-time comparison and argon2id from
// libsodium, and OpenSSL for the HMAC-SHA1 that TOTP is defined with. Nothing here logs its inputs.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace server::crypto {

// Call once before anything else (sodium_init); false when the library cannot start.
bool init();

std::string random_bytes(size_t count);
// A URL-safe random identifier of `bytes` random bytes (base64url, no padding).
std::string random_token(size_t bytes = 32);
// A uniformly random 6-digit code, "000000".."999999".
std::string random_digits(int count = 6);

// core::base64url and core::base64url_decode (one accepted spelling per token).
std::string base64url_encode(std::string_view bytes);
std::optional<std::string> base64url_decode(std::string_view text);
std::optional<std::string> base32_decode(std::string_view text);  // RFC 4648, as TOTP secrets are written
// base64 as RFC 4648 section 4 writes it, with its padding: MIME's encoded words, CSP's script hashes.
std::string base64_encode(std::string_view bytes);

// core::sha256 and core::hmac_sha256: 32 raw bytes.
std::string sha256(std::string_view bytes);
std::string hmac_sha256(std::string_view key, std::string_view message);
std::string hex(std::string_view bytes);
// Compares in time independent of where the inputs differ.
bool equal(std::string_view a, std::string_view b);

// argon2id (libsodium's interactive limits); the result is a self-describing string.
std::optional<std::string> hash_password(std::string_view password);
bool verify_password(std::string_view hash, std::string_view password);

// RFC 6238 TOTP: 6 digits, 30-second steps, HMAC-SHA1, for the given step (unix time / 30).
std::string totp(std::string_view secret, std::int64_t step);

}  // namespace server::crypto
