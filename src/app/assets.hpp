#pragma once
// The UI's fonts compiled into the binary (subset from Debian's DejaVu at build time).
#include <string_view>

namespace app::assets {
std::string_view font_ttf();       // DejaVu Sans, subset at build time
std::string_view font_bold_ttf();  // DejaVu Sans Bold, subset likewise
}
