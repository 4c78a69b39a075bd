#pragma once
// Text as a web page shows it: wrapped at words, with its web and email addresses as links, and
// described to the page's mirror (font, line height, wrap width, links) so that a selectable copy of
// the words lies exactly over the drawn ones (find in page, select and copy, real <a> links).
#include <string_view>

#include "app/ui/items.hpp"
#include "app/ui/text_layout.hpp"
#include "imgui.h"

namespace ui {

// A message a person wrote (a ticket's description, a reply): wrapped at the current wrap position
// (or the window's edge), its addresses drawn as links that open in a new tab.
void rich_text(std::string_view text);

// Fills in how the current font draws `item`'s words, the item starting at `screen_pos`: its size,
// weight, line height and the width its lines wrap at.
void describe_text(Item& item, ImVec2 screen_pos);

// The CSS font-size that draws the current font as Dear ImGui draws it (CSS sizes by the em, Dear ImGui
// by ascent plus descent): its words in the page lie over the canvas's.
float css_font_size();

// The current font's advance for one character, as Dear ImGui measures text.
Advance font_advance();

}  // namespace ui
