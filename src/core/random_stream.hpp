#pragma once
// Random bytes for secrets made in core and the app (PKCE verifiers, state, idempotency keys) without
// touching the outside world: HMAC_DRBG of NIST SP 800-90A Rev. 1 (section 10.1.2) over
// core::hmac_sha256, without prediction resistance, additional input or personalization of its own.
// The runner seeds it once from the platform (the web runner: 48 bytes of crypto.getRandomValues, i.e.
// 256 bits of entropy and a 128-bit nonce for SHA-256's strength); tests seed it with fixed bytes and
// get the same stream every time.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace core {

class RandomStream {
public:
    // Not seeded: next() gives nothing until reseed() brings entropy, so a runner that forgot to seed
    // shows up as empty secrets instead of predictable ones.
    RandomStream() = default;
    // Instantiate with `seed` as the seed material (entropy input || nonce || personalization string).
    // An empty seed leaves the stream unseeded.
    explicit RandomStream(std::string_view seed);
    // Mixes fresh entropy in (SP 800-90A Reseed); on an unseeded stream it is the first seed. Empty:
    // nothing changes.
    void reseed(std::string_view entropy);
    // `count` random bytes, or an empty string while the stream is not seeded. Requests above the
    // standard's 64 KiB per call are served as several generate calls, one after another.
    std::string next(size_t count);
    // True once seeded, until 2^48 generate calls ask for a reseed (SP 800-90A's reseed interval).
    bool seeded() const;

private:
    void update(std::string_view provided);

    std::string key = std::string(32, '\x00');    // K
    std::string value = std::string(32, '\x01');  // V
    std::uint64_t reseed_counter = 0;             // 0: never seeded
};

}  // namespace core
