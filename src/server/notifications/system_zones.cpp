#include "server/notifications/system_zones.hpp"

#include <cstdint>
#include <fstream>
#include <iterator>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace server {

namespace {

struct LoadedZone {
    std::string name;
    std::vector<core::ZoneTransition> transitions;
    std::optional<core::TimeZone> zone;
};

std::int64_t big_endian(const std::string& bytes, size_t at, size_t width) {
    std::uint64_t value = 0;
    for (size_t i = 0; i < width; ++i) value = (value << 8) | static_cast<unsigned char>(bytes[at + i]);
    if (width == 4) return static_cast<std::int32_t>(static_cast<std::uint32_t>(value));
    return static_cast<std::int64_t>(value);
}

// RFC 8536: the version 2+ block (64-bit times) when there is one, else version 1's. The transitions with
// each one's UTC offset, the first offset from before them all; nullopt for what is not TZif.
std::optional<std::vector<core::ZoneTransition>> parse_tzif(const std::string& bytes) {
    struct Header {
        std::int64_t isut, isstd, leap, time, type, chars;
    };
    auto header_at = [&](size_t at) -> std::optional<Header> {
        if (bytes.size() < at + 44 || bytes.compare(at, 4, "TZif") != 0) return std::nullopt;
        Header h{};
        std::int64_t* fields[] = {&h.isut, &h.isstd, &h.leap, &h.time, &h.type, &h.chars};
        for (size_t i = 0; i < 6; ++i) *fields[i] = big_endian(bytes, at + 20 + 4 * i, 4);
        for (std::int64_t* f : fields)
            if (*f < 0 || *f > 100000) return std::nullopt;
        return h;
    };
    auto first = header_at(0);
    if (!first) return std::nullopt;
    size_t at = 44;
    size_t time_width = 4;
    Header h = *first;
    if (bytes[4] >= '2') {  // skip version 1's block: the second header and its 64-bit data follow
        at += h.time * 4 + h.time + h.type * 6 + h.chars + h.leap * 8 + h.isstd + h.isut;
        auto second = header_at(at);
        if (!second) return std::nullopt;
        h = *second;
        at += 44;
        time_width = 8;
    }
    const size_t times = at, indices = times + h.time * time_width, types = indices + h.time;
    if (h.type < 1 || bytes.size() < types + h.type * 6) return std::nullopt;
    auto offset_of = [&](std::int64_t type) { return static_cast<std::int32_t>(big_endian(bytes, types + type * 6, 4)); };
    std::vector<core::ZoneTransition> table;
    table.push_back({std::numeric_limits<std::int64_t>::min(), offset_of(0)});  // before the first transition
    for (std::int64_t i = 0; i < h.time; ++i) {
        const auto type = static_cast<unsigned char>(bytes[indices + i]);
        if (type >= h.type) return std::nullopt;
        const std::int64_t when = big_endian(bytes, times + i * time_width, time_width);
        if (when <= table.back().begins) continue;  // out of order: not a table this code can trust
        table.push_back({when, offset_of(type)});
    }
    return table;
}

}  // namespace

std::optional<std::vector<core::ZoneTransition>> read_tzif(const std::filesystem::path& file) {
    std::error_code error;
    if (!std::filesystem::is_regular_file(file, error) || std::filesystem::file_size(file, error) > 1 << 20) return std::nullopt;
    std::ifstream in(file, std::ios::binary);
    if (!in) return std::nullopt;
    return parse_tzif(std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>()));
}

bool plausible_zone_name(std::string_view name) {
    if (name.empty() || name.size() > 64 || name.front() == '/' || name.find("..") != std::string_view::npos) return false;
    for (char c : name) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '/' ||
                        c == '_' || c == '+' || c == '-';
        if (!ok) return false;
    }
    return true;
}

const core::TimeZone* find_zone(std::string_view name, const std::filesystem::path& root) {
    if (const core::TimeZone* built_in = core::find_time_zone(name)) return built_in;
    if (!plausible_zone_name(name)) return nullptr;
    static std::mutex mutex;
    // The zones read so far. A name that is no zone here is not kept: a request may name any, and
    // keeping each would grow the map without bound (and let nonsense crowd out real zones); asking
    // again costs a stat. The real zones are a few hundred.
    static std::map<std::string, std::unique_ptr<LoadedZone>, std::less<>> loaded;
    std::lock_guard<std::mutex> guard(mutex);
    const std::string key = (root / name).string();
    if (auto it = loaded.find(key); it != loaded.end()) return &*it->second->zone;
    auto table = loaded.size() < 1000 ? read_tzif(root / name) : std::nullopt;
    if (!table) return nullptr;
    auto zone = std::make_unique<LoadedZone>();
    zone->name = std::string(name);
    zone->transitions = std::move(*table);
    zone->zone.emplace(zone->name, zone->transitions);
    return &*loaded.emplace(key, std::move(zone)).first->second->zone;
}

}  // namespace server
