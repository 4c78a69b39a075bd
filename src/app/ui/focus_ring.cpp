#include "app/ui/focus_ring.hpp"

#include <algorithm>

#include "app/ui/theme.hpp"
#include "imgui.h"

namespace ui {

namespace {

// What a pointer's hover shows as a tooltip, shown to the keyboard too: under the focused item (over it
// when there is no room below), at its left edge, kept on the display.
void draw_description(const std::string& text, ImVec2 min, ImVec2 max) {
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    const ImVec2 pad(px(8), px(4));  // a tooltip's, not a window's
    const ImVec2 size = ImGui::CalcTextSize(text.data(), text.data() + text.size());
    const float w = size.x + 2 * pad.x, h = size.y + 2 * pad.y, gap = px(theme().control.focus_ring_px) + px(4);
    float x = std::clamp(min.x, 0.0f, std::max(0.0f, display.x - w));
    float y = max.y + gap;
    if (y + h > display.y) y = std::max(0.0f, min.y - gap - h);
    ImDrawList* draw = ImGui::GetForegroundDrawList();
    draw->AddRectFilled(ImVec2(x, y), ImVec2(x + w, y + h), theme().colour.surface, px(theme().radius.small_px));
    draw->AddRect(ImVec2(x, y), ImVec2(x + w, y + h), theme().colour.border, px(theme().radius.small_px));
    draw->AddText(ImVec2(x + pad.x, y + pad.y), theme().colour.text, text.data(), text.data() + text.size());
}

}  // namespace

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
        if (!item.description.empty()) draw_description(item.description, min, max);
        return;
    }
}

}  // namespace ui
