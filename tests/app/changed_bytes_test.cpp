// The renderer's changed-span finder (src/web/changed_bytes.hpp): what it leaves out of an upload must be
// what the GPU's buffer holds already, or the canvas shows stale vertices.
#include <doctest/doctest.h>

#include <random>
#include <vector>

#include "web/changed_bytes.hpp"

namespace {

using Bytes = std::vector<unsigned char>;

// The buffer after writing `now`'s span over `held` (grown or cut to `now`'s size, as the renderer does).
Bytes after_upload(Bytes held, const Bytes& now, web::ByteSpan span) {
    held.resize(now.size());
    for (std::size_t i = span.first; i < span.end; ++i) held[i] = now[i];
    return held;
}

web::ByteSpan span_of(const Bytes& held, const Bytes& now) {
    return web::changed_bytes(held.data(), held.size(), now.data(), now.size());
}

}  // namespace

TEST_CASE("the changed span of a buffer: nothing, one byte, both ends, growth, shrinking") {
    Bytes held(100);
    for (std::size_t i = 0; i < held.size(); ++i) held[i] = static_cast<unsigned char>(i * 7);
    CHECK(span_of(held, held).empty());

    Bytes one = held;
    one[37] ^= 1;
    CHECK(span_of(held, one).first == 37);
    CHECK(span_of(held, one).end == 38);

    Bytes ends = held;
    ends[0] ^= 1;
    ends[99] ^= 1;
    CHECK(span_of(held, ends).first == 0);
    CHECK(span_of(held, ends).end == 100);

    Bytes grown = held;
    grown.push_back(1);
    grown.push_back(2);
    CHECK(span_of(held, grown).first == 100);  // the same first 100 bytes, then two new ones
    CHECK(span_of(held, grown).end == 102);

    Bytes cut(held.begin(), held.begin() + 50);
    CHECK(span_of(held, cut).empty());  // the first 50 bytes are as held; the rest is no longer drawn
    cut[49] ^= 1;
    CHECK(span_of(held, cut).first == 49);
    CHECK(span_of(held, cut).end == 50);

    CHECK(span_of(Bytes{}, Bytes{}).empty());
    CHECK(span_of(Bytes{}, held).end == 100);
}

TEST_CASE("after any change, writing only the changed span leaves the buffer equal to the new contents") {
    std::mt19937 random(20261129);
    for (int round = 0; round < 2000; ++round) {
        Bytes held(random() % 300);
        for (auto& b : held) b = static_cast<unsigned char>(random() % 4);  // few values: long equal runs
        Bytes now = held;
        now.resize(random() % 2 ? held.size() : random() % 300, 0);
        const int changes = static_cast<int>(random() % 4);
        for (int c = 0; c < changes && !now.empty(); ++c) now[random() % now.size()] = static_cast<unsigned char>(random() % 4);
        const web::ByteSpan span = span_of(held, now);
        CAPTURE(round);
        REQUIRE(after_upload(held, now, span) == now);
        // And it is the smallest such span: its first and last bytes did change (or lie past the old end).
        if (!span.empty()) {
            CHECK((span.first >= held.size() || held[span.first] != now[span.first]));
            CHECK((span.end - 1 >= held.size() || held[span.end - 1] != now[span.end - 1]));
        }
    }
}
