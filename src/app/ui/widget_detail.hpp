#pragma once
// What widgets.cpp, controls.cpp and field.cpp share to tell the item collector about what they draw
// (not for screens).
#include <optional>
#include <string_view>

#include "app/ui/controls.hpp"
#include "app/ui/items.hpp"
#include "imgui.h"

namespace ui::detail {

// Describes item `id` before Dear ImGui adds it (role, label, value, ...).
void annotate(ImGuiID id, Annotation annotation);
// Registers a non-interactive item (text, heading, status) at the last item's rectangle. Its id is the
// content's, or `id` when the caller has one already.
void add_static(std::string_view content, Role role, int level, std::optional<ImGuiID> id = std::nullopt);
// The same at a rectangle of the screen (words drawn inside a larger item, or over everything).
void add_static_at(std::string_view content, Role role, ImVec2 min, ImVec2 max);

// A button of `kind` described by `annotation` (a plain button, a toggle, a file chooser). `pressed`: a
// toggle's state (drawn as a selected choice while set). True when activated.
bool draw_button(const char* label, ButtonKind kind, const ButtonOptions& options, Annotation annotation,
                 std::optional<bool> pressed = std::nullopt);

}  // namespace ui::detail
