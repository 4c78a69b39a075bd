#pragma once
// RS256 as an OpenID provider does it, for the ID-token tests (google_test.cpp and the fuzz target
// fuzz_id_token): an RSA key's public half as a JWK, and tokens signed with the key.
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "server/identity/crypto.hpp"

namespace rs256 {

// One of the key's numbers (OSSL_PKEY_PARAM_RSA_N, _E), big-endian.
inline std::string key_number(EVP_PKEY* key, const char* name) {
    BIGNUM* value = nullptr;
    EVP_PKEY_get_bn_param(key, name, &value);
    std::string bytes(static_cast<size_t>(BN_num_bytes(value)), '\0');
    BN_bn2bin(value, reinterpret_cast<unsigned char*>(bytes.data()));
    BN_free(value);
    return bytes;
}

// `members` (kid, alg, ...) with the key's public half: kty, n and e.
inline nlohmann::json public_jwk(EVP_PKEY* key, nlohmann::json members) {
    using server::crypto::base64url_encode;
    members["kty"] = "RSA";
    members["n"] = base64url_encode(key_number(key, OSSL_PKEY_PARAM_RSA_N));
    members["e"] = base64url_encode(key_number(key, OSSL_PKEY_PARAM_RSA_E));
    return members;
}

// header.payload.signature, each base64url: the header and payload as given, signed with `key`.
inline std::string sign(EVP_PKEY* key, std::string_view header, std::string_view payload) {
    using server::crypto::base64url_encode;
    const std::string input = base64url_encode(header) + "." + base64url_encode(payload);
    EVP_MD_CTX* md = EVP_MD_CTX_new();
    size_t length = 0;
    EVP_DigestSignInit(md, nullptr, EVP_sha256(), nullptr, key);
    EVP_DigestSign(md, nullptr, &length, reinterpret_cast<const unsigned char*>(input.data()), input.size());
    std::string signature(length, '\0');
    EVP_DigestSign(md, reinterpret_cast<unsigned char*>(signature.data()), &length,
                   reinterpret_cast<const unsigned char*>(input.data()), input.size());
    EVP_MD_CTX_free(md);
    signature.resize(length);
    return input + "." + base64url_encode(signature);
}

}  // namespace rs256
