#pragma once
// The UI's fonts compiled into the binary: Inter in three weights, instanced from Debian's
// fonts-inter-variable and subset at build time (CMakeLists.txt, font_unicodes; tools/font-instance.py),
// carried as one pack (tools/font-pack.py) and unpacked into TrueType fonts when first asked for
// (src/app/ui/font_pack.hpp).
#include <string_view>

namespace app::assets {
std::string_view font_regular();   // Inter Regular (400)
std::string_view font_medium();    // Inter Medium (500)
std::string_view font_semibold();  // Inter SemiBold (600)
}
