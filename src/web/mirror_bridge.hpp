#pragma once
// The bridge between the item list and the page's semantics mirror (web/mirror.js), and the calls the
// page makes back into the portal (pointer, clicks, typed text, focus).
#include <deque>
#include <string>
#include <vector>

#include "app/ui/items.hpp"

namespace web {

// Sends the frame's items to the mirror when they differ from the last frame's.
void publish_mirror(const ui::ItemCollector& items, ImGuiID active_text_id);
std::string mirror_json(const ui::ItemCollector& items, ImGuiID active_text_id);

// Set by the page, read by the runner each frame.
struct PageInput {
    std::deque<ImGuiID> activations;  // DOM clicks on mirror elements, one applied per frame
    ImGuiID dom_focus_id = 0;  // the mirror element that has DOM focus, 0 for none
};
PageInput& page_input();
void request_frames(int count);
int take_frame_request();

}  // namespace web
