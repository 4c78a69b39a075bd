#include "app/ui/focus_ring.hpp"

#include "app/ui/theme.hpp"
#include "imgui.h"

namespace ui {

void draw_focus_ring(const ItemCollector& items, ImGuiID focused_id) {
    if (!focused_id) return;
    for (const Item& item : items.current()) {
        if (item.id != focused_id) continue;
        // LOOK.md: 1 px in focus_inner against the control, then a 2 px ring, both outside it. Items
        // count from the top of the scrolled page; the ring is drawn where the item is on screen.
        const Controls& sizes = theme().control;
        const float inner = px(sizes.focus_inner_px), ring = px(sizes.focus_ring_px);
        const ImVec2 min(item.x, item.y - items.scroll().y), max(item.x + item.w, item.y + item.h - items.scroll().y);
        const float radius = px(theme().radius.small_px);
        ImDrawList* draw = ImGui::GetForegroundDrawList();
        const float a = inner / 2, b = inner + ring / 2;  // the centre lines of the two strokes
        draw->AddRect(ImVec2(min.x - a, min.y - a), ImVec2(max.x + a, max.y + a), theme().colour.focus_inner, radius + a,
                      0, inner);
        draw->AddRect(ImVec2(min.x - b, min.y - b), ImVec2(max.x + b, max.y + b), theme().colour.focus_ring, radius + b, 0,
                      ring);
        return;
    }
}

}  // namespace ui
