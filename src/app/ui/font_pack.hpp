#pragma once
// The portal's three Inter weights travel as one pack (tools/font-pack.py writes it at build time):
// Regular's outlines, how far SemiBold moved each point, and every other table as it was. unpack_fonts
// turns it back into three TrueType fonts, Medium interpolated halfway between the two as a variable
// font draws it, for Dear ImGui's rasterizer and the browser alike.
#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace ui {

// The fonts of weights 400, 500 and 600, in that order; nothing when the pack is not one
// font-pack.py wrote (wrong signature, a stream cut short, a number out of range).
std::optional<std::array<std::string, 3>> unpack_fonts(std::string_view pack);

}  // namespace ui
