// sla_tool: the same SLA code, built natively and as wasm (run under node), for the parity test and the
// bench.
//   sla_tool parity COUNT SEED FILE   one line per pseudo-random (region, priority, instant) case, into FILE
//                                     (a file, not stdout: node cuts a wasm program's piped stdout at exit)
//   sla_tool bench SECONDS        first_response_due computations per second
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "core/assets.hpp"
#include "core/sla.hpp"

namespace {

// splitmix64: the same sequence on every platform (std distributions are not).
struct Random {
    std::uint64_t state;
    std::uint64_t next() {
        std::uint64_t z = (state += 0x9e3779b97f4a7c15ull);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
        return z ^ (z >> 31);
    }
};

constexpr core::UtcSeconds range_start = 1577836800;  // 2020-01-01
constexpr core::UtcSeconds range_span = 15ll * 365 * 86400;

struct Case {
    core::RegionId region;
    core::Priority priority;
    core::UtcSeconds opened_at;
};

Case draw(Random& random) {
    return Case{core::all_regions[random.next() % core::all_regions.size()],
                core::all_priorities[random.next() % core::all_priorities.size()],
                range_start + static_cast<core::UtcSeconds>(random.next() % range_span)};
}

}  // namespace

int main(int argc, char** argv) {
    auto regions = core::parse_regions(core::assets::regions_json());
    if (!regions) {
        std::fprintf(stderr, "sla_tool: %s\n", regions.error().message.c_str());
        return 1;
    }
    if (argc == 5 && std::strcmp(argv[1], "parity") == 0) {
        const long count = std::atol(argv[2]);
        Random random{std::strtoull(argv[3], nullptr, 10)};
        std::string out;
        out.reserve(static_cast<size_t>(count) * 48);
        for (long i = 0; i < count; ++i) {
            Case c = draw(random);
            auto preview = core::preview_sla(regions.value().get(c.region), c.priority, c.opened_at);
            char line[128];
            std::snprintf(line, sizeof line, "%s %s %lld %lld %d %lld\n", core::region_key(c.region).data(),
                          core::key(c.priority).data(), static_cast<long long>(c.opened_at),
                          static_cast<long long>(preview.due_at), preview.team.open ? 1 : 0,
                          static_cast<long long>(preview.team.next_open.value_or(0)));
            out += line;
        }
        std::FILE* file = std::fopen(argv[4], "wb");
        if (!file || std::fwrite(out.data(), 1, out.size(), file) != out.size() || std::fclose(file) != 0) {
            std::perror(argv[4]);
            return 1;
        }
        return 0;
    }
    if (argc == 3 && std::strcmp(argv[1], "bench") == 0) {
        const double seconds = std::atof(argv[2]);
        Random random{42};
        Case cases[4096];
        for (Case& c : cases) c = draw(random);
        using clock = std::chrono::steady_clock;
        const auto start = clock::now();
        std::uint64_t done = 0, checksum = 0;
        while (std::chrono::duration<double>(clock::now() - start).count() < seconds) {
            for (const Case& c : cases)
                checksum += static_cast<std::uint64_t>(
                    core::first_response_due(regions.value().get(c.region), c.priority, c.opened_at));
            done += std::size(cases);
        }
        const double elapsed = std::chrono::duration<double>(clock::now() - start).count();
        std::printf("%.0f computations/s (checksum %llu)\n", static_cast<double>(done) / elapsed,
                    static_cast<unsigned long long>(checksum % 1000));
        return 0;
    }
    std::fprintf(stderr, "usage: sla_tool parity COUNT SEED FILE | sla_tool bench SECONDS\n");
    return 2;
}
