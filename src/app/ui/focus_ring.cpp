#include "app/ui/focus_ring.hpp"

#include "app/ui/widgets.hpp"
#include "imgui.h"

namespace ui {

void draw_focus_ring(const ItemCollector& items, ImGuiID focused_id) {
    if (!focused_id) return;
    for (const Item& item : items.current()) {
        if (item.id != focused_id) continue;
        const float pad = 0.15f * ImGui::GetFontSize();
        ImGui::GetForegroundDrawList()->AddRect(ImVec2(item.x - pad, item.y - pad),
                                                ImVec2(item.x + item.w + pad, item.y + item.h + pad),
                                                ui::palette().focus, 0.3f * ImGui::GetFontSize(), 0, 2.0f);
        return;
    }
}

}  // namespace ui
