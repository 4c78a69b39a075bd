#include "core/random_stream.hpp"

#include <algorithm>

#include "core/sha256.hpp"

namespace core {

namespace {

constexpr std::uint64_t reseed_interval = std::uint64_t{1} << 48;  // SP 800-90A table 2
constexpr size_t max_request_bytes = 65536;                      // 2^19 bits, the same table

}  // namespace

RandomStream::RandomStream(std::string_view seed) { reseed(seed); }

// Instantiate and Reseed differ only in the starting K and V, which an unseeded stream still holds:
// one function serves both (SP 800-90A sections 10.1.2.3 and 10.1.2.4).
void RandomStream::reseed(std::string_view entropy) {
    if (entropy.empty()) return;
    update(entropy);
    reseed_counter = 1;
}

bool RandomStream::seeded() const { return reseed_counter != 0 && reseed_counter <= reseed_interval; }

std::string RandomStream::next(size_t count) {
    const std::uint64_t calls = count / max_request_bytes + (count % max_request_bytes != 0);
    if (!seeded() || count == 0 || reseed_counter - 1 + calls > reseed_interval) return {};
    std::string out;
    out.reserve(count + sha256_bytes);
    while (out.size() < count) {
        // One generate call (section 10.1.2.5): V chained through HMAC until the request is covered,
        // then K and V updated so that what was returned cannot be recomputed from the new state.
        const size_t end = std::min(count, out.size() + max_request_bytes);
        while (out.size() < end) {
            value = hmac_sha256(key, value);
            out += value;
        }
        out.resize(end);
        update({});
        ++reseed_counter;
    }
    return out;
}

// HMAC_DRBG_Update (section 10.1.2.2).
void RandomStream::update(std::string_view provided) {
    key = hmac_sha256(key, value + '\x00' + std::string(provided));
    value = hmac_sha256(key, value);
    if (provided.empty()) return;
    key = hmac_sha256(key, value + '\x01' + std::string(provided));
    value = hmac_sha256(key, value);
}

}  // namespace core
