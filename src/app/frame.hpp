#pragma once
// One displayed frame of the portal, the same for the browser runner and the headless tests: draw,
// apply what the user did through update(), and when anything happened draw once more, so that an
// answer and everything that depends on it change in the same displayed frame.
#include "app/event.hpp"
#include "app/state.hpp"
#include "app/ui/items.hpp"

namespace app {

struct FrameResult {
    Effects effects;              // for the runner to execute
    ImGuiID active_text_id = 0;   // the text field being edited, if any
    bool changed = false;         // events were applied: more frames may be needed to settle
};

// Call between the platform's NewFrame preparations and rendering ImGui::GetDrawData().
FrameResult run_frame(AppState& state, ui::ItemCollector& items, ImGuiID focus_ring_id = 0);

}  // namespace app
