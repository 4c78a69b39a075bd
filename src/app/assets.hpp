#pragma once
// The UI's fonts compiled into the binary: Inter in three weights, instanced from Debian's
// fonts-inter-variable and subset at build time (CMakeLists.txt, font_unicodes; tools/font-instance.py),
// carried as one pack (tools/font-pack.py) and unpacked into TrueType fonts when first asked for
// (src/app/ui/font_pack.hpp).
#include <string_view>

namespace app::assets {
// Inter in `weight`: Regular below 500, Medium below 600, SemiBold from 600.
std::string_view font(int weight);
}
