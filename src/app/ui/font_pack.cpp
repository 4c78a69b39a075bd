#include "app/ui/font_pack.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <utility>
#include <vector>

// The pack's layout is written down where it is made: tools/font-pack.py.
namespace ui {

namespace {

constexpr int weights = 3;  // 400, 500 (interpolated), 600
constexpr int regular = 0, medium = 1, semibold = 2;
constexpr std::size_t stream_count = 9;
// The component flags a pack may carry: ROUND_XY_TO_GRID, USE_MY_METRICS, OVERLAP_COMPOUND and the two
// offset-scaling bits. Those that shape the record (16-bit arguments, offsets, more components, a scale,
// instructions) are the writer's own; a pack with any of them, or an unknown one, is refused.
constexpr int kept_component_flags = 0x0004 | 0x0200 | 0x0400 | 0x0800 | 0x1000;

struct Reader {
    static constexpr std::uint32_t limit = 1 << 24;
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
        std::uint32_t value = 0;
        for (unsigned shift = 0;; shift += 7) {
            if (at >= bytes.size() || shift > 21) {  // four bytes hold 2^25
                ok = false;
                return 0;
            }
            const auto byte = static_cast<unsigned char>(bytes[at++]);
            value |= static_cast<std::uint32_t>(byte & 0x7F) << shift;
            if (byte < 0x80) break;
        }
        if (value > 2 * limit) {
            ok = false;
            return 0;
        }
        return static_cast<int>(value >> 1) ^ -static_cast<int>(value & 1);
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

// Big-endian bytes into a buffer sized beforehand.
struct Writer {
    char* at;
    void u8(unsigned v) { *at++ = static_cast<char>(v); }
    void u16(unsigned v) { at[0] = static_cast<char>((v >> 8) & 0xFF), at[1] = static_cast<char>(v & 0xFF), at += 2; }
    void u32(std::uint32_t v) { u16(v >> 16), u16(v & 0xFFFF); }
};

std::uint32_t checksum(std::string_view data) {
    std::uint32_t sum = 0;
    for (std::size_t i = 0; i < data.size(); i += 4) {
        std::uint32_t word = 0;
        for (std::size_t k = 0; k < 4; ++k)
            word = (word << 8) | (i + k < data.size() ? static_cast<unsigned char>(data[i + k]) : 0u);
        sum += word;
    }
    return sum;
}

struct Component {
    int glyph = 0;
    unsigned flags = 0;
    std::int16_t x[weights] = {}, y[weights] = {};
};

// Every glyph of the pack, read once: its points in all three weights (Medium interpolated), its
// components, its metrics and its box.
struct Glyphs {
    struct Glyph {
        int contours = 0;          // > 0: a simple glyph; 0: no outline or a composite
        std::size_t first_end = 0, first_point = 0, points = 0, first_component = 0, components = 0;
        int advance[weights] = {}, bearing_offset[weights] = {};  // left side bearing minus the box's x_min
        Box box[weights];
    };
    std::vector<Glyph> glyphs;
    std::vector<std::uint16_t> ends;  // each contour's last point, glyph by glyph
    std::string_view flags;           // each point's stored flag byte (on-curve, overlap)
    std::vector<std::int16_t> x[weights], y[weights];
    std::vector<Component> components;
};

// Reads the streams into `out`; false on anything a pack from font-pack.py would not hold.
bool read_glyphs(std::array<Reader, stream_count>& streams, std::size_t count, Glyphs& out) {
    auto& [kinds, contours, flags, xs, ys, moves_x, moves_y, components, metrics] = streams;
    out.glyphs.resize(count);
    out.flags = flags.bytes;
    for (int w = 0; w < weights; ++w) {  // a point per flag byte
        out.x[w].resize(flags.bytes.size());
        out.y[w].resize(flags.bytes.size());
    }
    for (std::size_t g = 0; g < count; ++g) {
        Glyphs::Glyph& glyph = out.glyphs[g];
        const int kind = kinds.number();
        if (kind < -0x7FFF || kind > 0x7FFF) return false;  // a glyph's contour count is a signed 16-bit number
        if (kind > 0) {
            glyph.contours = kind;
            glyph.first_end = out.ends.size();
            glyph.first_point = flags.at;
            int points = 0;
            for (int c = 0; c < kind && contours.ok; ++c) {
                const int n = contours.number();
                if (n <= 0 || points > 0xFFFF - n) return false;
                points += n;
                out.ends.push_back(static_cast<std::uint16_t>(points - 1));
            }
            glyph.points = static_cast<std::size_t>(points);
            if (flags.take(glyph.points).size() != glyph.points) return false;
            int x = 0, y = 0, move_x = 0, move_y = 0;
            for (std::size_t p = glyph.first_point; p < glyph.first_point + glyph.points; ++p) {
                x += xs.number(), y += ys.number(), move_x += moves_x.number(), move_y += moves_y.number();
                // Regular's and SemiBold's point within a glyph's 16 bits (Medium's lies between them).
                if (!fits_16(x) || !fits_16(y) || !fits_16(x + move_x) || !fits_16(y + move_y)) return false;
                const int at[weights][2] = {{x, y},
                                            {midpoint(x, x + move_x), midpoint(y, y + move_y)},
                                            {x + move_x, y + move_y}};
                for (int w = 0; w < weights; ++w) {
                    out.x[w][p] = static_cast<std::int16_t>(at[w][0]);
                    out.y[w][p] = static_cast<std::int16_t>(at[w][1]);
                    glyph.box[w].add(at[w][0], at[w][1]);
                }
            }
        } else if (kind < 0) {
            glyph.first_component = out.components.size();
            glyph.components = static_cast<std::size_t>(-kind);
            for (int c = 0; c < -kind; ++c) {
                Component component;
                component.glyph = components.number();
                const int component_flags = components.number();
                const int x = components.number(), y = components.number(), move_x = components.number(),
                          move_y = components.number();
                if (!components.ok || component.glyph < 0 || static_cast<std::size_t>(component.glyph) >= count ||
                    component_flags < 0 || (component_flags & ~kept_component_flags) || !fits_16(x) || !fits_16(y) ||
                    !fits_16(x + move_x) || !fits_16(y + move_y))
                    return false;
                component.flags = static_cast<unsigned>(component_flags);
                for (int w = 0; w < weights; ++w) {
                    component.x[w] = static_cast<std::int16_t>(in_weight(x, move_x, w));
                    component.y[w] = static_cast<std::int16_t>(in_weight(y, move_y, w));
                }
                out.components.push_back(component);
            }
        }
        const int advance = metrics.number(), move = metrics.number(), medium_off = metrics.number();
        for (int w = 0; w < weights; ++w) {
            glyph.advance[w] = in_weight(advance, move, w) + (w == medium ? medium_off : 0);
            glyph.bearing_offset[w] = metrics.number();
            if (glyph.advance[w] < 0 || glyph.advance[w] > 0xFFFF) return false;
        }
        for (const Reader& r : streams)
            if (!r.ok) return false;
    }
    for (const Reader& r : streams)
        if (r.at != r.bytes.size()) return false;  // more in a stream than its glyphs use
    // A composite's box: its components' outlines where they are placed. Components are simple glyphs
    // (font-pack.py makes sure): one that is not, or names its own glyph, is refused.
    for (Glyphs::Glyph& glyph : out.glyphs)
        for (std::size_t c = glyph.first_component; c < glyph.first_component + glyph.components; ++c) {
            const Component& component = out.components[c];
            const Glyphs::Glyph& part = out.glyphs[static_cast<std::size_t>(component.glyph)];
            if (part.components) return false;
            for (int w = 0; w < weights; ++w)
                if (!part.box[w].empty) {
                    glyph.box[w].add(part.box[w].x_min + component.x[w], part.box[w].y_min + component.y[w]);
                    glyph.box[w].add(part.box[w].x_max + component.x[w], part.box[w].y_max + component.y[w]);
                }
        }
    return true;
}

struct Tables {
    std::string glyf, loca, hmtx;
};

// A point's move along one axis, in its shortest form: none (the "same" bit), a byte and its sign (the
// "short" bit, "same" meaning positive), or 16 bits. Returns the flag bits that say which.
unsigned coordinate(int d, unsigned short_bit, unsigned same_bit, Writer& out) {
    if (d == 0) return same_bit;
    if (d > -256 && d < 256) {
        out.u8(static_cast<unsigned>(d > 0 ? d : -d));
        return short_bit | (d > 0 ? same_bit : 0u);
    }
    out.u16(static_cast<std::uint16_t>(d));
    return 0;
}

// The glyf, loca and hmtx tables of weight `w`: contours' ends, no instructions, flags and coordinates
// each in their shortest form (no repeated flags), a composite's components at 16-bit offsets.
std::optional<Tables> write_glyphs(const Glyphs& in, int w) {
    Tables out;
    std::size_t bound = 0;
    for (const Glyphs::Glyph& g : in.glyphs)
        bound += 10 + 2 * static_cast<std::size_t>(g.contours) + 2 + 5 * g.points + 8 * g.components + 3;
    out.glyf.resize(bound);
    out.loca.resize(4 * (in.glyphs.size() + 1));
    out.hmtx.resize(4 * in.glyphs.size());
    Writer glyf{out.glyf.data()}, loca{out.loca.data()}, hmtx{out.hmtx.data()};
    std::size_t most_points = 0;
    for (const Glyphs::Glyph& g : in.glyphs) most_points = std::max(most_points, g.points);
    std::string coordinates(4 * most_points, '\0');  // a glyph's x bytes in the first half, its y bytes in the second
    for (const Glyphs::Glyph& g : in.glyphs) {
        const Box& box = g.box[w];
        const int bearing = (box.empty ? 0 : box.x_min) + g.bearing_offset[w];
        if (!fits_16(bearing)) return std::nullopt;
        hmtx.u16(static_cast<unsigned>(g.advance[w]));
        hmtx.u16(static_cast<std::uint16_t>(bearing));
        const char* const start = out.glyf.data();
        loca.u32(static_cast<std::uint32_t>(glyf.at - start));
        if (box.empty) continue;  // no outline: a zero-length record
        glyf.u16(g.contours > 0 ? static_cast<unsigned>(g.contours) : 0xFFFFu);
        for (int v : {box.x_min, box.y_min, box.x_max, box.y_max}) glyf.u16(static_cast<std::uint16_t>(v));
        for (std::size_t c = 0; c < g.components; ++c) {
            const Component& component = in.components[g.first_component + c];
            const bool more = c + 1 < g.components;
            glyf.u16(component.flags | 0x0001 /* 16-bit arguments */ | 0x0002 /* offsets */ | (more ? 0x0020u : 0u));
            glyf.u16(static_cast<unsigned>(component.glyph));
            glyf.u16(static_cast<std::uint16_t>(component.x[w]));
            glyf.u16(static_cast<std::uint16_t>(component.y[w]));
        }
        if (g.contours > 0) {
            for (std::size_t e = 0; e < static_cast<std::size_t>(g.contours); ++e) glyf.u16(in.ends[g.first_end + e]);
            glyf.u16(0);  // no instructions
            char* const x_bytes = coordinates.data();
            char* const y_bytes = coordinates.data() + 2 * most_points;
            Writer xs{x_bytes}, ys{y_bytes};
            int last_x = 0, last_y = 0;
            for (std::size_t p = g.first_point; p < g.first_point + g.points; ++p) {
                unsigned flag = static_cast<unsigned char>(in.flags[p]) & 0xC1u;  // on-curve, overlap
                const int dx = in.x[w][p] - last_x, dy = in.y[w][p] - last_y;
                last_x = in.x[w][p], last_y = in.y[w][p];
                flag |= coordinate(dx, 0x02, 0x10, xs) | coordinate(dy, 0x04, 0x20, ys);
                glyf.u8(flag);
            }
            const auto x_length = static_cast<std::size_t>(xs.at - x_bytes);
            const auto y_length = static_cast<std::size_t>(ys.at - y_bytes);
            std::memcpy(glyf.at, x_bytes, x_length);
            std::memcpy(glyf.at + x_length, y_bytes, y_length);
            glyf.at += x_length + y_length;
        }
        while ((glyf.at - start) % 4) glyf.u8(0);
    }
    out.glyf.resize(static_cast<std::size_t>(glyf.at - out.glyf.data()));
    loca.u32(static_cast<std::uint32_t>(out.glyf.size()));
    return out;
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
    std::size_t size = 12 + 16 * static_cast<std::size_t>(count);
    for (const auto& table : tables) size += (table.second.size() + 3) / 4 * 4;
    std::string font(size, '\0');
    Writer directory{font.data()};
    directory.u32(0x00010000);
    directory.u16(count);
    directory.u16(power * 16);
    directory.u16(selector);
    directory.u16(count * 16 - power * 16);
    std::size_t offset = 12 + 16 * static_cast<std::size_t>(count), head_at = 0;
    bool hhea = false;
    for (const auto& [tag, bytes] : tables) {
        char* const table = font.data() + offset;
        std::memcpy(table, bytes.data(), bytes.size());
        if (tag == "head" && bytes.size() >= 54) {
            Writer{table + 8}.u32(0);  // checkSumAdjustment, set once the font is whole
            Writer{table + 50}.u16(1);  // indexToLocFormat: long
            head_at = offset;
        }
        if (tag == "hhea" && bytes.size() >= 36) {
            Writer{table + 34}.u16(static_cast<unsigned>(glyph_count));  // numberOfHMetrics
            hhea = true;
        }
        if (tag == "maxp") {
            const std::size_t glyphs = bytes.size() < 6 ? 0 : static_cast<std::size_t>(
                static_cast<unsigned char>(bytes[4]) << 8 | static_cast<unsigned char>(bytes[5]));
            if (glyphs != glyph_count) return std::nullopt;  // numGlyphs
        }
        for (const char c : tag) directory.u8(static_cast<unsigned char>(c));
        directory.u32(checksum({table, bytes.size()}));
        directory.u32(static_cast<std::uint32_t>(offset));
        directory.u32(static_cast<std::uint32_t>(bytes.size()));
        offset += (bytes.size() + 3) / 4 * 4;
    }
    if (!head_at || !hhea) return std::nullopt;
    Writer{font.data() + head_at + 8}.u32(0xB1B0AFBAu - checksum(font));
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

    Glyphs glyphs;
    if (!read_glyphs(streams, glyph_count, glyphs)) return std::nullopt;
    std::array<std::string, 3> fonts;
    for (int w = 0; w < weights; ++w) {
        const std::optional<Tables> rebuilt = write_glyphs(glyphs, w);
        std::optional<std::string> font = rebuilt ? write_font(tables[w], *rebuilt, glyph_count) : std::nullopt;
        if (!font) return std::nullopt;
        fonts[static_cast<std::size_t>(w)] = std::move(*font);
    }
    return fonts;
}

}  // namespace ui
