#pragma once
// base64url (RFC 4648 section 5) without padding, as JWTs, PKCE and random tokens write bytes: the
// one encoder and decoder of the portal and the server.
#include <optional>
#include <string>
#include <string_view>

namespace core {

std::string base64url(std::string_view bytes);

// The bytes `text` spells, or nothing when it is not the one spelling base64url() gives them: a
// character outside the alphabet (padding and white space included), a length of 4n+1, or bits set
// past the last byte. A token therefore has exactly one accepted spelling.
std::optional<std::string> base64url_decode(std::string_view text);

}  // namespace core
