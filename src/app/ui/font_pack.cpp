#include "app/ui/font_pack.hpp"

#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

// The pack's layout is written down where it is made: tools/font-pack.py.
namespace ui {

namespace {

constexpr int weights = 3;  // 400, 500 (interpolated), 600
constexpr int regular = 0, medium = 1, semibold = 2;
constexpr std::size_t stream_count = 9;

struct Reader {
    static constexpr std::int64_t limit = 1 << 24;
    std::string_view bytes;
    std::size_t at = 0;
    bool ok = true;

    std::string_view take(std::size_t n) {
        if (!ok || n > bytes.size() - at) {
            ok = false;
            return {};
        }
        const std::string_view out = bytes.substr(at, n);
        at += n;
        return out;
    }
    std::uint32_t little(std::size_t n) {
        const std::string_view b = take(n);
        std::uint32_t value = 0;
        for (std::size_t i = b.size(); i-- > 0;) value = (value << 8) | static_cast<unsigned char>(b[i]);
        return value;
    }
    // A LEB128 varint holding a zigzag-encoded value; beyond 2^24 either way is an error (no font unit is
    // near it, and sums of two stay far inside an int).
    int number() {
        std::uint64_t value = 0;
        for (int shift = 0; ok; shift += 7) {
            if (at >= bytes.size() || shift > 35) {
                ok = false;
                break;
            }
            const auto byte = static_cast<unsigned char>(bytes[at++]);
            value |= static_cast<std::uint64_t>(byte & 0x7F) << shift;
            if (byte < 0x80) break;
        }
        const std::int64_t decoded = static_cast<std::int64_t>(value >> 1) ^ -static_cast<std::int64_t>(value & 1);
        if (!ok || decoded < -limit || decoded > limit) {
            ok = false;
            return 0;
        }
        return static_cast<int>(decoded);
    }
};

struct Box {
    int x_min = 0, y_min = 0, x_max = 0, y_max = 0;
    bool empty = true;
    void add(int x, int y) {
        if (empty) {
            *this = {x, y, x, y, false};
            return;
        }
        x_min = std::min(x_min, x), x_max = std::max(x_max, x);
        y_min = std::min(y_min, y), y_max = std::max(y_max, y);
    }
};

// Halfway, rounded half up, as tools/font-pack.py rounds it.
int midpoint(int a, int b) {
    const long long sum = static_cast<long long>(a) + b + 1;
    return static_cast<int>(sum >= 0 ? sum / 2 : -((-sum + 1) / 2));
}

// A coordinate or an advance in weight `w`, from Regular's and how far SemiBold moved it.
int in_weight(int value, int move, int w) {
    return w == regular ? value : w == semibold ? value + move : midpoint(value, value + move);
}

bool fits_16(int value) { return value >= -32768 && value <= 32767; }

void put16(std::string& out, unsigned value) {
    out += static_cast<char>((value >> 8) & 0xFF);
    out += static_cast<char>(value & 0xFF);
}
void put32(std::string& out, std::uint32_t value) {
    put16(out, value >> 16);
    put16(out, value & 0xFFFF);
}
void set16(std::string& out, std::size_t at, unsigned value) {
    out[at] = static_cast<char>((value >> 8) & 0xFF);
    out[at + 1] = static_cast<char>(value & 0xFF);
}

std::uint32_t checksum(std::string_view data) {
    std::uint32_t sum = 0;
    for (std::size_t i = 0; i < data.size(); i += 4) {
        std::uint32_t word = 0;
        for (std::size_t k = 0; k < 4; ++k) word = (word << 8) | (i + k < data.size() ? static_cast<unsigned char>(data[i + k]) : 0u);
        sum += word;
    }
    return sum;
}

struct Tables {
    std::string glyf, loca, hmtx;
};

// One pass over the glyphs in weight `w`. Without `out`, it finds each glyph's box (a composite's needs
// its components'); with it, it writes the glyf, loca and hmtx tables: contours' ends, no instructions,
// flags and coordinates each in their shortest form (no repeated flags), a composite's components at
// 16-bit offsets. False on anything a pack from font-pack.py would not hold.
bool read_glyphs(std::array<Reader, stream_count> streams, int w, std::vector<Box>& boxes, Tables* out) {
    auto& [kinds, contours, flags, xs, ys, moves_x, moves_y, components, metrics] = streams;
    const std::size_t count = boxes.size();
    for (std::size_t g = 0; g < count; ++g) {
        const int kind = kinds.number();
        if (kind < -0xFFFF || kind > 0xFFFF) return false;
        Box box;
        std::string body;  // what follows the record's contour count and box
        if (kind > 0) {
            std::string point_flags, x_bytes, y_bytes;
            int points = 0;
            for (int c = 0; c < kind && contours.ok; ++c) {
                const int n = contours.number();
                if (n <= 0 || points > 0xFFFF - n) return false;
                points += n;
                put16(body, static_cast<unsigned>(points - 1));
            }
            put16(body, 0);  // no instructions
            const std::string_view stored_flags = flags.take(static_cast<std::size_t>(points));
            int x = 0, y = 0, move_x = 0, move_y = 0, last[2] = {0, 0};
            for (std::size_t p = 0; p < stored_flags.size(); ++p) {
                x += xs.number(), y += ys.number(), move_x += moves_x.number(), move_y += moves_y.number();
                // Regular's and SemiBold's point within a glyph's 16 bits (Medium's lies between them).
                if (!fits_16(x) || !fits_16(y) || !fits_16(x + move_x) || !fits_16(y + move_y)) return false;
                const int at[2] = {in_weight(x, move_x, w), in_weight(y, move_y, w)};
                box.add(at[0], at[1]);
                unsigned flag = static_cast<unsigned char>(stored_flags[p]) & 0xC1u;  // on-curve, overlap
                for (int axis = 0; axis < 2; ++axis) {
                    const int d = at[axis] - last[axis];
                    const unsigned short_bit = axis ? 0x04u : 0x02u, same_bit = axis ? 0x20u : 0x10u;
                    std::string& bytes = axis ? y_bytes : x_bytes;
                    if (d == 0) {
                        flag |= same_bit;
                    } else if (d > -256 && d < 256) {
                        flag |= short_bit | (d > 0 ? same_bit : 0u);
                        bytes += static_cast<char>(d > 0 ? d : -d);
                    } else {
                        put16(bytes, static_cast<std::uint16_t>(d));
                    }
                    last[axis] = at[axis];
                }
                point_flags += static_cast<char>(flag);
            }
            body += point_flags + x_bytes + y_bytes;
        }
        for (int c = 0; c < -kind && components.ok; ++c) {
            const int glyph = components.number(), component_flags = components.number();
            const int x = components.number(), y = components.number(), move_x = components.number(),
                      move_y = components.number();
            if (glyph < 0 || static_cast<std::size_t>(glyph) >= count || component_flags < 0 || component_flags > 0xFFFF) return false;
            if (!fits_16(x) || !fits_16(y) || !fits_16(x + move_x) || !fits_16(y + move_y)) return false;
            const int at[2] = {in_weight(x, move_x, w), in_weight(y, move_y, w)};
            const Box& part = boxes[static_cast<std::size_t>(glyph)];  // components are simple glyphs
            if (!part.empty) {
                box.add(part.x_min + at[0], part.y_min + at[1]);
                box.add(part.x_max + at[0], part.y_max + at[1]);
            }
            const bool more = c + 1 < -kind;
            put16(body, static_cast<unsigned>(component_flags) | 0x0001 /* 16-bit arguments */ | 0x0002 /* offsets */ |
                            (more ? 0x0020u : 0u));
            put16(body, static_cast<unsigned>(glyph));
            put16(body, static_cast<std::uint16_t>(at[0]));
            put16(body, static_cast<std::uint16_t>(at[1]));
        }
        const int advance = metrics.number(), move = metrics.number(), medium_off = metrics.number();
        int bearing_offset[3] = {};
        for (int& b : bearing_offset) b = metrics.number();
        for (const Reader& s : streams)
            if (!s.ok) return false;
        if (!out) {
            if (kind > 0) boxes[g] = box;
            continue;
        }
        const int width = in_weight(advance, move, w) + (w == medium ? medium_off : 0);
        const int bearing = (box.empty ? 0 : box.x_min) + bearing_offset[w];
        if (width < 0 || width > 0xFFFF || !fits_16(bearing)) return false;
        put32(out->loca, static_cast<std::uint32_t>(out->glyf.size()));
        if (!box.empty) {
            put16(out->glyf, static_cast<unsigned>(kind > 0 ? kind : -1));
            for (int v : {box.x_min, box.y_min, box.x_max, box.y_max}) put16(out->glyf, static_cast<std::uint16_t>(v));
            out->glyf += body;
            out->glyf.append((4 - out->glyf.size() % 4) % 4, '\0');
        }
        put16(out->hmtx, static_cast<unsigned>(width));
        put16(out->hmtx, static_cast<std::uint16_t>(bearing));
    }
    if (out) put32(out->loca, static_cast<std::uint32_t>(out->glyf.size()));
    for (const Reader& s : streams)
        if (s.at != s.bytes.size()) return false;  // more in a stream than its glyphs use
    return true;
}

// The font: the pack's tables of this weight with the three rebuilt, in the order of their tags; head
// says loca's offsets are long and carries the whole font's checksum, hhea gives every glyph a metric.
std::optional<std::string> write_font(std::vector<std::pair<std::string_view, std::string_view>> tables, const Tables& rebuilt,
                                      std::size_t glyph_count) {
    for (const auto& added : {std::pair<std::string_view, std::string_view>{"glyf", rebuilt.glyf}, {"loca", rebuilt.loca},
                              {"hmtx", rebuilt.hmtx}}) {
        auto at = tables.begin();
        while (at != tables.end() && at->first < added.first) ++at;
        tables.insert(at, added);
    }
    const auto count = static_cast<unsigned>(tables.size());
    unsigned power = 1, selector = 0;
    while (power * 2 <= count) power *= 2, ++selector;
    std::string font;
    put32(font, 0x00010000);
    put16(font, count);
    put16(font, power * 16);
    put16(font, selector);
    put16(font, count * 16 - power * 16);
    std::string data;
    std::size_t head_at = 0;
    bool hhea = false;
    for (const auto& [tag, bytes] : tables) {
        std::string table(bytes);
        if (tag == "head" && table.size() >= 54) {
            set16(table, 8, 0), set16(table, 10, 0);  // checkSumAdjustment, set once the font is whole
            set16(table, 50, 1);                      // indexToLocFormat: long
            head_at = 12 + 16 * static_cast<std::size_t>(count) + data.size();
        }
        if (tag == "hhea" && table.size() >= 36) {
            set16(table, 34, static_cast<unsigned>(glyph_count));  // numberOfHMetrics
            hhea = true;
        }
        if (tag == "maxp" && (table.size() < 6 ||
                              (static_cast<std::size_t>(static_cast<unsigned char>(table[4])) << 8 | static_cast<unsigned char>(table[5])) != glyph_count))
            return std::nullopt;
        font += tag;
        put32(font, checksum(table));
        put32(font, static_cast<std::uint32_t>(12 + 16 * static_cast<std::size_t>(count) + data.size()));
        put32(font, static_cast<std::uint32_t>(table.size()));
        data += table;
        data.append((4 - data.size() % 4) % 4, '\0');
    }
    if (!head_at || !hhea) return std::nullopt;
    font += data;
    const std::uint32_t adjustment = 0xB1B0AFBAu - checksum(font);
    set16(font, head_at + 8, adjustment >> 16);
    set16(font, head_at + 10, adjustment & 0xFFFF);
    return font;
}

}  // namespace

std::optional<std::array<std::string, 3>> unpack_fonts(std::string_view pack) {
    Reader in{pack};
    if (in.take(4) != "IFP1") return std::nullopt;
    const std::size_t glyph_count = in.little(2);
    if (!in.ok || glyph_count == 0) return std::nullopt;
    std::vector<std::pair<std::string_view, std::string_view>> tables[weights];
    for (auto& weight_tables : tables) {
        const std::uint32_t count = in.little(1);
        for (std::uint32_t i = 0; i < count && in.ok; ++i) {
            const std::string_view tag = in.take(4);
            weight_tables.emplace_back(tag, in.take(in.little(4)));
        }
    }
    std::array<Reader, stream_count> streams;
    for (Reader& s : streams) s.bytes = in.take(in.little(4));
    if (!in.ok || in.at != pack.size()) return std::nullopt;

    std::array<std::string, 3> fonts;
    for (int w = 0; w < weights; ++w) {
        std::vector<Box> boxes(glyph_count);
        Tables rebuilt;
        if (!read_glyphs(streams, w, boxes, nullptr) || !read_glyphs(streams, w, boxes, &rebuilt)) return std::nullopt;
        std::optional<std::string> font = write_font(tables[w], rebuilt, glyph_count);
        if (!font) return std::nullopt;
        fonts[static_cast<std::size_t>(w)] = std::move(*font);
    }
    return fonts;
}

}  // namespace ui
