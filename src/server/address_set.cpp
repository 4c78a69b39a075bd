#include "server/address_set.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <optional>

namespace server {

namespace {

struct Parsed {
    std::array<std::uint8_t, 16> bytes{};
    int length = 0;
};

std::optional<Parsed> parse_ip(std::string_view text) {
    if (text.empty() || text.size() >= INET6_ADDRSTRLEN) return std::nullopt;
    const std::string address(text);
    Parsed parsed;
    if (inet_pton(AF_INET, address.c_str(), parsed.bytes.data()) == 1) {
        parsed.length = 4;
        return parsed;
    }
    if (inet_pton(AF_INET6, address.c_str(), parsed.bytes.data()) != 1) return std::nullopt;
    parsed.length = 16;
    static constexpr std::uint8_t v4_mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    if (std::memcmp(parsed.bytes.data(), v4_mapped, sizeof v4_mapped) == 0) {
        std::memmove(parsed.bytes.data(), parsed.bytes.data() + 12, 4);
        parsed.length = 4;
    }
    return parsed;
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

}  // namespace

bool AddressSet::add(std::string_view text) {
    const auto slash = text.find('/');
    auto ip = parse_ip(text.substr(0, slash));
    if (!ip) return false;
    Block block{ip->bytes, ip->length, ip->length * 8};
    if (slash != std::string_view::npos) {
        const std::string_view bits = text.substr(slash + 1);
        int prefix = -1;
        if (bits.empty() || std::from_chars(bits.data(), bits.data() + bits.size(), prefix).ptr != bits.data() + bits.size() ||
            prefix < 0 || prefix > block.length * 8)
            return false;
        block.prefix = prefix;
    }
    blocks.push_back(block);
    return true;
}

bool AddressSet::contains(std::string_view address) const {
    auto ip = parse_ip(address);
    if (!ip) return false;
    return std::any_of(blocks.begin(), blocks.end(), [&](const Block& block) {
        if (block.length != ip->length) return false;
        const int whole = block.prefix / 8, rest = block.prefix % 8;
        if (std::memcmp(block.bytes.data(), ip->bytes.data(), static_cast<std::size_t>(whole)) != 0) return false;
        if (rest == 0) return true;
        const auto mask = static_cast<std::uint8_t>(0xff << (8 - rest));
        return (block.bytes[static_cast<std::size_t>(whole)] & mask) == (ip->bytes[static_cast<std::size_t>(whole)] & mask);
    });
}

std::string forwarded_client(const std::string& peer, const std::vector<std::string>& forwarded_for,
                             const AddressSet& trusted) {
    if (forwarded_for.empty() || !trusted.contains(peer)) return peer;
    std::vector<std::string_view> hops;
    for (const std::string& value : forwarded_for) {
        std::string_view rest = value;
        while (!rest.empty()) {
            const auto comma = rest.find(',');
            if (auto hop = trim(rest.substr(0, comma)); !hop.empty()) hops.push_back(hop);
            rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
        }
    }
    if (hops.empty()) return peer;
    for (auto hop = hops.rbegin(); hop != hops.rend(); ++hop)
        if (!trusted.contains(*hop)) return std::string(*hop);
    return std::string(hops.front());
}

}  // namespace server
