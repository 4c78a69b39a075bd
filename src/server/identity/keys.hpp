#pragma once
// The server's secrets, kept off the database: the keys that sign access tokens (each with an id that
// tokens carry in their header, so that a rotated key still verifies the tokens it signed until they
// expire) and the key that hashes one-time codes. They live in a key file of mode 0600 beside the
// database (created on first start), or come whole from the environment (PORTAL_KEYS, the file's
// JSON) where the operators keep secrets elsewhere. Every node of a cluster reads the same keys.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace server {

struct SigningKey {
    std::string id;      // "kid" in a token's header
    std::string secret;  // 32 random bytes
    std::int64_t created_at = 0;
    std::optional<std::int64_t> retired_at;  // when a newer key took over signing
};

struct KeySet {
    std::string code_key;  // HMAC key of one-time codes (never rotated: codes live 10 minutes)
    std::vector<SigningKey> signing;  // the last is the one that signs

    const SigningKey& current() const { return signing.back(); }
    const SigningKey* find(std::string_view id) const;
};

std::string key_set_json(const KeySet& keys);
core::Result<KeySet> parse_key_set(std::string_view text);

class KeyRing {
public:
    // Reads the environment's PORTAL_KEYS when set, else the key file (created with fresh keys when
    // missing; refused when anyone but the owner may read it). Before it succeeds there are no keys.
    core::Result<bool> open(const std::filesystem::path& file, std::int64_t now);
    // Adds a new signing key to the file and retires the current one; keys retired longer ago than
    // `token_seconds` (no token they signed is still valid) are dropped. Running servers pick the new
    // key up within seconds.
    static core::Result<std::string> rotate(const std::filesystem::path& file, std::int64_t now, std::int64_t token_seconds);

    // The keys as last read; the file is looked at again at most once a second, sooner when a
    // token names a key this node has not seen (another node may have rotated).
    std::shared_ptr<const KeySet> keys(bool unknown_key_seen = false);

private:
    std::filesystem::path path;  // empty: from the environment, never reread
    std::mutex mutex;
    std::shared_ptr<const KeySet> loaded;
    std::filesystem::file_time_type seen_time{};
    std::chrono::steady_clock::time_point checked{};
};

}  // namespace server
