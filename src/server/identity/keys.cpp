#include "server/identity/keys.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "server/identity/crypto.hpp"

namespace server {

using nlohmann::json;

namespace {

constexpr auto recheck_every = std::chrono::seconds(1);
constexpr auto recheck_unknown_every = std::chrono::milliseconds(100);

SigningKey new_key(std::int64_t now) {
    return SigningKey{"k" + crypto::random_token(9), crypto::random_bytes(32), now, std::nullopt};
}

core::Result<std::string> read_private(const std::filesystem::path& file) {
    struct stat info {};
    if (::stat(file.c_str(), &info) != 0)
        return core::Error{"keys", "cannot read the key file " + file.string() + ": " + std::strerror(errno)};
    if (info.st_mode & (S_IRWXG | S_IRWXO))
        return core::Error{"keys", "the key file " + file.string() + " may be read by others: chmod 600 it (and "
                                   "rotate the keys if anyone else could have read them)"};
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in) return core::Error{"keys", "cannot read the key file " + file.string()};
    return text.str();
}

// Written whole to a temporary file of mode 0600, fsynced, then renamed over the old one.
core::Result<bool> write_private(const std::filesystem::path& file, const std::string& text) {
    const std::string temp = file.string() + ".new";
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) return core::Error{"keys", "cannot write the key file " + temp + ": " + std::strerror(errno)};
    ::fchmod(fd, 0600);
    const bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
    ::close(fd);
    if (!written || ::rename(temp.c_str(), file.c_str()) != 0) {
        ::unlink(temp.c_str());
        return core::Error{"keys", "cannot write the key file " + file.string() + ": " + std::strerror(errno)};
    }
    return true;
}

}  // namespace

const SigningKey* KeySet::find(std::string_view id) const {
    for (const SigningKey& key : signing)
        if (key.id == id) return &key;
    return nullptr;
}

std::string key_set_json(const KeySet& keys) {
    json list = json::array();
    for (const SigningKey& k : keys.signing)
        list.push_back({{"kid", k.id}, {"secret", crypto::base64url_encode(k.secret)}, {"created_at", k.created_at},
                        {"retired_at", k.retired_at ? json(*k.retired_at) : json(nullptr)}});
    return json{{"code_key", crypto::base64url_encode(keys.code_key)}, {"signing_keys", list}}.dump(2) + "\n";
}

core::Result<KeySet> parse_key_set(std::string_view text) {
    const json doc = json::parse(text, nullptr, false);
    auto bad = [](const std::string& why) { return core::Error{"keys", "the keys are not valid: " + why}; };
    if (!doc.is_object() || !doc.contains("code_key") || !doc["code_key"].is_string()) return bad("code_key is missing");
    KeySet keys;
    auto code_key = crypto::base64url_decode(doc["code_key"].get<std::string>());
    if (!code_key || code_key->size() < 32) return bad("code_key must be 32 bytes or more, base64url");
    keys.code_key = *code_key;
    if (!doc.contains("signing_keys") || !doc["signing_keys"].is_array() || doc["signing_keys"].empty())
        return bad("signing_keys must list at least one key");
    for (const json& k : doc["signing_keys"]) {
        if (!k.is_object() || !k.contains("kid") || !k["kid"].is_string() || !k.contains("secret") || !k["secret"].is_string())
            return bad("each signing key needs a kid and a secret");
        auto secret = crypto::base64url_decode(k["secret"].get<std::string>());
        if (!secret || secret->size() < 32) return bad("a signing key's secret must be 32 bytes or more, base64url");
        SigningKey key{k["kid"].get<std::string>(), *secret, 0, std::nullopt};
        if (k.contains("created_at") && k["created_at"].is_number_integer()) key.created_at = k["created_at"].get<std::int64_t>();
        if (k.contains("retired_at") && k["retired_at"].is_number_integer()) key.retired_at = k["retired_at"].get<std::int64_t>();
        if (key.id.empty() || keys.find(key.id)) return bad("key ids must be present and distinct");
        keys.signing.push_back(std::move(key));
    }
    return keys;
}

core::Result<bool> KeyRing::open(const std::filesystem::path& file, std::int64_t now) {
    if (!crypto::init()) return core::Error{"crypto", "libsodium could not start"};
    std::lock_guard<std::mutex> guard(mutex);
    if (const char* env = std::getenv("PORTAL_KEYS"); env && *env) {
        auto keys = parse_key_set(env);
        if (!keys) return core::Error{"keys", "PORTAL_KEYS: " + keys.error().message};
        path.clear();
        loaded = std::make_shared<const KeySet>(std::move(keys).value());
        return true;
    }
    std::error_code ec;
    if (!std::filesystem::exists(file, ec)) {
        // The data folder is made by the SQLite store when there is one; on PostgreSQL it holds the key
        // alone, and is the server's alone too.
        if (file.has_parent_path() && !std::filesystem::exists(file.parent_path(), ec)) {
            std::filesystem::create_directories(file.parent_path(), ec);
            if (ec) return core::Error{"keys", "cannot create " + file.parent_path().string() + ": " + ec.message()};
            std::filesystem::permissions(file.parent_path(), std::filesystem::perms::owner_all, ec);
        }
        KeySet fresh{crypto::random_bytes(32), {new_key(now)}};
        if (auto written = write_private(file, key_set_json(fresh)); !written) return written.error();
    }
    auto text = read_private(file);
    if (!text) return text.error();
    auto keys = parse_key_set(text.value());
    if (!keys) return core::Error{"keys", file.string() + ": " + keys.error().message};
    path = file;
    loaded = std::make_shared<const KeySet>(std::move(keys).value());
    seen_time = std::filesystem::last_write_time(file, ec);
    checked = std::chrono::steady_clock::now();
    return true;
}

core::Result<std::string> KeyRing::rotate(const std::filesystem::path& file, std::int64_t now, std::int64_t token_seconds) {
    if (!crypto::init()) return core::Error{"crypto", "libsodium could not start"};
    auto text = read_private(file);
    if (!text) return text.error();
    auto parsed = parse_key_set(text.value());
    if (!parsed) return parsed.error();
    KeySet keys = std::move(parsed).value();
    keys.signing.back().retired_at = now;
    std::vector<SigningKey> kept;
    for (SigningKey& k : keys.signing)
        if (!k.retired_at || *k.retired_at + token_seconds > now) kept.push_back(std::move(k));
    kept.push_back(new_key(now));
    keys.signing = std::move(kept);
    if (auto written = write_private(file, key_set_json(keys)); !written) return written.error();
    return "new signing key " + keys.current().id + "; " + std::to_string(keys.signing.size() - 1) +
           " older key(s) still verify the tokens they signed";
}

std::shared_ptr<const KeySet> KeyRing::keys(bool unknown_key_seen) {
    std::lock_guard<std::mutex> guard(mutex);
    if (path.empty()) return loaded;
    const auto now = std::chrono::steady_clock::now();
    if (now - checked < (unknown_key_seen ? recheck_unknown_every : recheck_every)) return loaded;
    checked = now;
    std::error_code ec;
    const auto time = std::filesystem::last_write_time(path, ec);
    if (ec || time == seen_time) return loaded;
    // A file being replaced, or broken by hand, leaves the keys as they were: the log says why.
    auto text = read_private(path);
    auto keys = text ? parse_key_set(text.value()) : core::Result<KeySet>(text.error());
    if (!keys) {
        std::fprintf(stderr, "portal-server: keys: %s (keeping the keys read before)\n", keys.error().message.c_str());
        return loaded;
    }
    seen_time = time;
    loaded = std::make_shared<const KeySet>(std::move(keys).value());
    return loaded;
}

}  // namespace server
