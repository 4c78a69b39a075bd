#include "core/sha256.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>

namespace core {

namespace {

constexpr size_t block_bytes = 64;

// FIPS 180-4 section 4.2.2: the first 32 bits of the fractional parts of the cube roots of the first
// 64 primes.
constexpr std::uint32_t k[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

constexpr std::uint32_t rotr(std::uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }

// The hash fed in pieces, so that a large input (an uploaded file) is read in place instead of copied
// to be padded, and HMAC hashes its padded key and the message without joining them.
class Sha256 {
public:
    void update(std::string_view bytes) {
        const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
        size_t left = bytes.size();
        total += left;
        if (buffered > 0) {
            const size_t take = std::min(left, block_bytes - buffered);
            std::memcpy(buffer.data() + buffered, p, take);
            buffered += take, p += take, left -= take;
            if (buffered < block_bytes) return;
            compress(buffer.data());
            buffered = 0;
        }
        for (; left >= block_bytes; p += block_bytes, left -= block_bytes) compress(p);
        std::memcpy(buffer.data(), p, left);
        buffered = left;
    }

    // FIPS 180-4 section 5.1.1: a 1 bit, zeros up to 56 bytes into a block, the length in bits (64-bit
    // big-endian).
    std::string finish() {
        const std::uint64_t bits = total * 8;
        unsigned char tail[block_bytes * 2] = {0x80};
        const size_t padding = (buffered < 56 ? 56 : 120) - buffered;
        for (size_t i = 0; i < 8; ++i) tail[padding + i] = static_cast<unsigned char>(bits >> (56 - 8 * i));
        update(std::string_view(reinterpret_cast<const char*>(tail), padding + 8));
        std::string out(sha256_bytes, '\0');
        for (size_t i = 0; i < sha256_bytes; ++i) out[i] = static_cast<char>(h[i / 4] >> (24 - 8 * (i % 4)));
        return out;
    }

private:
    void compress(const unsigned char* block) {
        std::uint32_t w[64];
        for (int i = 0; i < 16; ++i) {
            const unsigned char* q = block + i * 4;
            w[i] = (std::uint32_t{q[0]} << 24) | (std::uint32_t{q[1]} << 16) | (std::uint32_t{q[2]} << 8) | q[3];
        }
        for (int i = 16; i < 64; ++i) {
            const std::uint32_t s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
            const std::uint32_t s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16] + s0 + w[i - 7] + s1;
        }
        std::uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
        for (int i = 0; i < 64; ++i) {
            const std::uint32_t t1 = hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + k[i] + w[i];
            const std::uint32_t t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
            hh = g, g = f, f = e, e = d + t1, d = c, c = b, b = a, a = t1 + t2;
        }
        h[0] += a, h[1] += b, h[2] += c, h[3] += d, h[4] += e, h[5] += f, h[6] += g, h[7] += hh;
    }

    // FIPS 180-4 section 5.3.3: the first 32 bits of the fractional parts of the square roots of the
    // first 8 primes.
    std::uint32_t h[8] = {
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    std::array<unsigned char, block_bytes> buffer{};
    size_t buffered = 0;
    std::uint64_t total = 0;
};

}  // namespace

std::string sha256(std::string_view bytes) {
    Sha256 hash;
    hash.update(bytes);
    return hash.finish();
}

std::string hmac_sha256(std::string_view key, std::string_view message) {
    std::string block(block_bytes, '\0');
    const std::string hashed_key = key.size() > block_bytes ? sha256(key) : std::string(key);
    std::memcpy(block.data(), hashed_key.data(), hashed_key.size());
    for (char& c : block) c ^= 0x36;
    Sha256 inner;
    inner.update(block);
    inner.update(message);
    const std::string inner_digest = inner.finish();
    for (char& c : block) c ^= 0x36 ^ 0x5c;  // the inner pad undone, the outer one applied
    Sha256 outer;
    outer.update(block);
    outer.update(inner_digest);
    return outer.finish();
}

}  // namespace core
