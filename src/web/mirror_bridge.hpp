#pragma once
// The bridge between the item list and the page's semantics mirror (web/mirror/), and what the page did
// to the mirror (clicks, typed text, focus; exports.cpp records it) for the runner to apply.
#include <optional>
#include <string>
#include <vector>

#include "app/ui/items.hpp"

namespace web {

// Sends the frame's items to the mirror when they differ from the last frame's.
void publish_mirror(const ui::ItemCollector& items, ImGuiID active_text_id);

// What the page did to a mirror element: a DOM click (an activation) or new text in a field.
struct PageAction {
    ImGuiID id = 0;
    std::optional<ui::ExternalText> text;  // none: an activation, or a submit
    bool submit = false;                    // Enter in the field (ui::field_submitted)
};

// Set by the page, read by the runner each frame.
struct PageInput {
    // In the order they happened. A frame applies one activation (Dear ImGui activates one item per
    // frame) or the texts up to the next activation, never both: text typed after a click reaches the
    // portal after what the click did (a field typed right after choosing an account keeps its text).
    std::vector<PageAction> actions;  // a few at most: taken from the front
    ImGuiID dom_focus_id = 0;  // the mirror element that has DOM focus, 0 for none
};
PageInput& page_input();

}  // namespace web
