#pragma once
// The frame's items as the page's semantics mirror reads them (web/mirror/):
// {"items":[{id, role, label, x, y, w, h, font, line, wrap, links, ...}], "active": id, "scroll": {y, height}}.
// Written straight into a string, once per drawn frame: building it from JSON objects cost more than
// Dear ImGui's whole frame on a list screen.
#include <functional>
#include <string>

#include "app/ui/items.hpp"

namespace ui {

// `typed(id)`: text the page typed into that field which still waits behind a click, shown in place
// of the field's value (null: none).
std::string mirror_json(const ItemCollector& items, ImGuiID active_text_id,
                        const std::function<const std::string*(ImGuiID)>& typed);

// Appends `text` as a JSON string; bytes that are not UTF-8 become U+FFFD.
void append_json_string(std::string& out, std::string_view text);

}  // namespace ui
