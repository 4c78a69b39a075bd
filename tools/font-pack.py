#!/usr/bin/python3
"""font-pack.py REGULAR.ttf MEDIUM.ttf SEMIBOLD.ttf OUT.bin: the three weights of the portal's Inter in one
pack the portal turns back into three fonts at start (src/app/ui/font_pack.cpp reads it).

The three weights come from one variable font (tools/font-instance.py), so every glyph has the same
contours, points and components in each, only moved; and the wght axis is linear between Inter's masters,
so Medium (500) is, to half a unit of a 1000-unit em, the midpoint of Regular (400) and SemiBold (600).
The pack keeps Regular's outlines, SemiBold's as how far each point moved from Regular's, and none of
Medium's: the portal interpolates it, as a variable font is drawn. Each kind of number (flags, x, y, the
moves, the components, the metrics) goes in a stream of its own, which compresses far better than the
glyf tables' interleaved records (the same idea as WOFF2's glyf transform): 24 KB brotli for the three
fonts becomes 12. Every other table (head, hhea, maxp, OS/2, cmap, name, post) is kept as it was, for
each weight, byte for byte.

Layout (integers little-endian; a "number" is a LEB128 varint of the zigzag-encoded value):
  "IFP1", u16 glyph count
  3 x (u8 table count, then per table: 4-byte tag, u32 length, the table's bytes)   400, 500, 600
  9 x (u32 length, stream)   kinds, contours, flags, x, y, moves x, moves y, components, metrics
where, per glyph in order:
  kinds:      a number: 0 no outline, n > 0 a simple glyph of n contours, -n a composite of n components
  contours:   per contour, its point count
  flags:      per point, its flag byte (on-curve bit, overlap bit) as stored in glyf
  x, y:       per point, Regular's coordinate minus the previous point's (0 before a glyph's first)
  moves x, y: per point, SemiBold's coordinate minus Regular's, minus the same for the previous point
  components: per component, glyph index, flags (without the encoding's own bits), Regular's x and y,
              SemiBold's x and y minus Regular's
  metrics:    Regular's advance, SemiBold's minus Regular's, Medium's minus the midpoint of the two
              (rounded half up), then for 400, 500, 600 the left side bearing minus the outline's xMin
A glyph the pack cannot hold (one whose points or components differ between the weights, a nested or
transformed component, a component flag other than KEPT_COMPONENT_FLAGS, instructions) stops the build
with its name.
"""
import struct
import sys

from fontTools.ttLib import TTFont

# Set by the glyf table's encoding and written again when the portal rebuilds it.
COMPONENT_ENCODING_FLAGS = 0x0001 | 0x0002 | 0x0020 | 0x0100  # ARG_1_AND_2_ARE_WORDS, XY values, MORE, INSTRUCTIONS
# What a component may say beyond its glyph and offset (the portal refuses a pack with anything else):
# ROUND_XY_TO_GRID, USE_MY_METRICS, OVERLAP_COMPOUND, SCALED_COMPONENT_OFFSET, UNSCALED_COMPONENT_OFFSET.
KEPT_COMPONENT_FLAGS = 0x0004 | 0x0200 | 0x0400 | 0x0800 | 0x1000
REBUILT_TABLES = ('glyf', 'loca', 'hmtx')  # what the portal rebuilds from the streams


def number(value, out):
    value = (value << 1) ^ (value >> 63)  # zigzag: small magnitudes of either sign stay small
    while value >= 0x80:
        out.append((value & 0x7F) | 0x80)
        value >>= 7
    out.append(value)


def midpoint(a, b):
    return (a + b + 1) // 2  # rounded half up, as the portal rounds it


def x_min(name, regular, semibold=None):
    """The left edge of a glyph's outline: Regular's or SemiBold's as stored, or (both given) Medium's as the
    portal interpolates it."""
    r = regular['glyf'][name]
    if r.numberOfContours == 0:
        return 0
    if r.isComposite():
        # Components without an outline take no room (fontTools' bounds and the portal's box alike).
        s = semibold['glyf'][name] if semibold else r
        edges = [x_min(a.glyphName, regular, semibold) + midpoint(a.x, b.x) if semibold else
                 x_min(a.glyphName, regular) + a.x
                 for a, b in zip(r.components, s.components) if regular['glyf'][a.glyphName].numberOfContours != 0]
        return min(edges) if edges else 0
    if semibold is None:
        return min(x for x, _ in r.coordinates)
    return min(midpoint(x, sx) for (x, _), (sx, _) in zip(r.coordinates, semibold['glyf'][name].coordinates))


def pack(paths, target):
    fonts = [TTFont(p) for p in paths]
    order = fonts[0].getGlyphOrder()
    for path, font in zip(paths, fonts):
        if font.getGlyphOrder() != order:
            sys.exit(f'{path}: not the same glyphs as {paths[0]}')
        if 'glyf' not in font:
            sys.exit(f'{path}: no TrueType outlines')
    regular, medium, semibold = fonts
    kinds, contours, flags, xs, ys, moves_x, moves_y, components, metrics = (bytearray() for _ in range(9))
    for name in order:
        r, m, s = (f['glyf'][name] for f in fonts)
        if any(hasattr(g, 'program') and g.program.getBytecode() for g in (r, m, s)):
            sys.exit(f'{name}: instructions')
        if r.isComposite():
            if not (m.isComposite() and s.isComposite() and len(r.components) == len(m.components) == len(s.components)):
                sys.exit(f'{name}: not the same components in every weight')
            number(-len(r.components), kinds)
            for a, b in zip(r.components, s.components):
                if (a.glyphName != b.glyphName or a.flags != b.flags or hasattr(a, 'transform') or hasattr(b, 'transform')
                        or a.flags & ~COMPONENT_ENCODING_FLAGS & ~KEPT_COMPONENT_FLAGS):
                    sys.exit(f'{name}: a component the pack cannot hold')
                if regular['glyf'][a.glyphName].isComposite():
                    sys.exit(f'{name}: a composite of composites')
                for value in (order.index(a.glyphName), a.flags & ~COMPONENT_ENCODING_FLAGS, a.x, a.y, b.x - a.x, b.y - a.y):
                    number(value, components)
        elif r.numberOfContours > 0:
            same = all(g.numberOfContours == r.numberOfContours and list(g.endPtsOfContours) == list(r.endPtsOfContours)
                       and list(g.flags) == list(r.flags) for g in (m, s))
            if not same:
                sys.exit(f'{name}: not the same points in every weight')
            number(r.numberOfContours, kinds)
            previous = -1
            for end in r.endPtsOfContours:
                number(end - previous, contours)
                previous = end
            flags += bytes(r.flags)
            last_x = last_y = last_dx = last_dy = 0
            for (x, y), (sx, sy) in zip(r.coordinates, s.coordinates):
                number(x - last_x, xs)
                number(y - last_y, ys)
                number(sx - x - last_dx, moves_x)
                number(sy - y - last_dy, moves_y)
                last_x, last_y, last_dx, last_dy = x, y, sx - x, sy - y
        else:
            if m.numberOfContours != 0 or s.numberOfContours != 0:
                sys.exit(f'{name}: an outline in one weight only')
            number(0, kinds)
        advance = [f['hmtx'][name][0] for f in fonts]
        for value in (advance[0], advance[2] - advance[0], advance[1] - midpoint(advance[0], advance[2]),
                      regular['hmtx'][name][1] - x_min(name, regular),
                      medium['hmtx'][name][1] - x_min(name, regular, semibold),
                      semibold['hmtx'][name][1] - x_min(name, semibold)):
            number(value, metrics)

    out = bytearray(b'IFP1')
    out += struct.pack('<H', len(order))
    for font in fonts:
        tables = [tag for tag in sorted(font.reader.keys()) if tag not in REBUILT_TABLES]
        out.append(len(tables))
        for tag in tables:
            data = font.reader[tag]
            out += tag.encode('latin-1') + struct.pack('<I', len(data)) + data
    for stream in (kinds, contours, flags, xs, ys, moves_x, moves_y, components, metrics):
        out += struct.pack('<I', len(stream)) + stream
    with open(target, 'wb') as f:
        f.write(out)


if __name__ == '__main__':
    if len(sys.argv) != 5:
        sys.exit(__doc__.splitlines()[0])
    pack(sys.argv[1:4], sys.argv[4])
