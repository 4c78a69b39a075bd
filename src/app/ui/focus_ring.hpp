#pragma once
// The mirror is invisible, so the browser's own focus ring is too: draw one on the canvas around the
// item whose mirror element has DOM focus (keyboard users must see where they are).
#include "app/ui/items.hpp"

namespace ui {
void draw_focus_ring(const ItemCollector& items, ImGuiID focused_id);
}
