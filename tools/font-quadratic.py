#!/usr/bin/python3
"""font-quadratic.py IN.otf OUT.ttf [MAX_ERROR]: an OpenType font with CFF (cubic) outlines rewritten
with TrueType (quadratic) outlines, for the portal's font atlas.

Dear ImGui's rasterizer (stb_truetype) reads both, but it interprets a CFF glyph's charstring twice (once
for its box, once for its shape) and flattens cubic curves: the atlas of the seven type styles took
75-80 ms to build at start in headless Chromium from CFF, 25-30 ms from these quadratic outlines. The
curves are approximated by fontTools' cu2qu within MAX_ERROR font units (default 4: 4/2816 of the em in
Inter, 0.1 px at 72 px); the glyph names are dropped (post format 3) and so are the layout
tables, which Dear ImGui never reads. The three weights grow by about 3 KB brotli in all. Run by the build
(CMakeLists.txt) with Debian's python3-fonttools.
"""
import sys

from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable


def to_quadratic(source, target, max_error):
    font = TTFont(source)
    if 'CFF ' not in font:
        sys.exit(f'{source}: no CFF outlines to convert')
    order = font.getGlyphOrder()
    glyphs = font.getGlyphSet()
    glyf = newTable('glyf')
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyphs)
        # TrueType contours run clockwise, CFF's counter-clockwise: reversed as they are converted.
        glyphs[name].draw(Cu2QuPen(pen, max_error, reverse_direction=True))
        glyf[name] = pen.glyph()
    del font['CFF ']
    for table in ('GDEF', 'GPOS', 'GSUB'):
        if table in font:
            del font[table]
    font['glyf'] = glyf
    font['loca'] = newTable('loca')
    maxp = newTable('maxp')
    maxp.tableVersion = 0x00010000
    for field in ('maxZones', 'maxTwilightPoints', 'maxStorage', 'maxFunctionDefs', 'maxInstructionDefs',
                  'maxStackElements', 'maxSizeOfInstructions', 'maxComponentElements'):
        setattr(maxp, field, 0)
    maxp.maxZones = 1
    font['maxp'] = maxp  # the point and contour counts are recomputed as the font is written
    font['head'].glyphDataFormat = 0
    font['post'].formatType = 3.0
    font.sfntVersion = '\x00\x01\x00\x00'
    font.save(target)


if __name__ == '__main__':
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__.splitlines()[0])
    to_quadratic(sys.argv[1], sys.argv[2], float(sys.argv[3]) if len(sys.argv) == 4 else 4.0)
