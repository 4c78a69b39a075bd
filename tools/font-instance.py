#!/usr/bin/python3
"""font-instance.py VARIABLE.ttf WEIGHT UNICODES OUT.ttf: one weight of a variable TrueType font, cut to the
given characters, for the portal's font atlas.

The portal's Inter comes from Debian's fonts-inter-variable (the same Inter 4.0 as fonts-inter's static
files, whose outlines are CFF): its outlines are already quadratic (TrueType), which Dear ImGui's
rasterizer (stb_truetype) reads about three times faster than CFF at start, and its accented letters are
composites (a base letter and an accent, each stored once). The weight is instanced from the wght axis
(fontTools.varLib.instancer), the characters kept as pyftsubset keeps them (UNICODES in its syntax:
U+0020-007E,U+00A0,...), the layout tables, hinting and glyph names dropped (Dear ImGui reads none of
them), and the em scaled from Inter's 2816 units to 1000 (fontTools.ttLib.scaleUpem): coordinates then
fit in a byte more often, and the three weights compress to 24 KB brotli instead of 29. A unit of a
1000-unit em is 0.05 px at the largest size drawn (24 px on a screen of devicePixelRatio 2), the em of
the Type 1 and CFF fonts type has long been drawn with. Run by the build (CMakeLists.txt) with Debian's
python3-fonttools.
"""
import sys

from fontTools import subset
from fontTools.ttLib import TTFont
from fontTools.ttLib.scaleUpem import scale_upem
from fontTools.varLib import instancer

UNITS_PER_EM = 1000


def instance(source, weight, unicodes, target):
    font = TTFont(source)
    if 'fvar' not in font or 'glyf' not in font:
        sys.exit(f'{source}: not a variable TrueType font')
    axes = {axis.axisTag: axis for axis in font['fvar'].axes}
    if 'wght' not in axes or not axes['wght'].minValue <= weight <= axes['wght'].maxValue:
        sys.exit(f'{source}: no weight {weight} on its wght axis')
    options = subset.Options()
    options.layout_features = []
    options.hinting = False
    options.glyph_names = False
    options.name_IDs = []
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=subset.parse_unicodes(unicodes))
    subsetter.subset(font)
    # Every axis pinned (wght to the weight, any other at its default): a static font comes out.
    font = instancer.instantiateVariableFont(font, {tag: (weight if tag == 'wght' else None) for tag in axes})
    for table in ('GDEF', 'GPOS', 'GSUB', 'STAT', 'DSIG'):
        if table in font:
            del font[table]
    font['post'].formatType = 3.0
    scale_upem(font, UNITS_PER_EM)
    font.recalcTimestamp = False  # the variable font's own date: the same bytes at every build
    font.save(target)


if __name__ == '__main__':
    if len(sys.argv) != 5:
        sys.exit(__doc__.splitlines()[0])
    instance(sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4])
