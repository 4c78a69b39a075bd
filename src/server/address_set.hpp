#pragma once
// Addresses given as exact IPs or CIDR blocks ("10.0.0.5", "10.0.0.0/8", "::1", "fd00::/8"): the
// reverse proxies whose X-Forwarded-For counts (--trusted-proxy). An IPv4 address seen through an
// IPv6 socket (::ffff:10.0.0.5) is the IPv4 address.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace server {

class AddressSet {
public:
    // False (and nothing added) when `text` is neither an address nor a CIDR block.
    bool add(std::string_view text);
    bool contains(std::string_view address) const;
    bool empty() const { return blocks.empty(); }

private:
    struct Block {
        std::array<std::uint8_t, 16> bytes{};
        int length = 0;  // 4 or 16
        int prefix = 0;  // leading bits that must match
    };
    std::vector<Block> blocks;
};

// The client of a request that came from `peer` with these X-Forwarded-For header values (in the
// order received): when the peer is trusted, the right-most entry that is not (an untrusted hop may
// have written anything to its left); when every hop is trusted, the left-most; otherwise the peer.
std::string forwarded_client(const std::string& peer, const std::vector<std::string>& forwarded_for,
                             const AddressSet& trusted);

}  // namespace server
