// The icons of controls.hpp, drawn with Dear ImGui's shapes in a square: no icon font to ship.
#include <algorithm>
#include <array>

#include "app/ui/controls.hpp"
#include "imgui.h"

namespace ui {

void draw_icon(Icon icon, float x, float y, float size, Colour colour) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float s = size, t = std::max(1.0f, s / 12);  // the stroke
    const ImVec2 c(x + s / 2, y + s / 2);
    const auto at = [&](float fx, float fy) { return ImVec2(x + fx * s, y + fy * s); };
    switch (icon) {
        case Icon::info:
        case Icon::critical:
            // A filled circle with a letter cut out: "i" for information, "!" for a problem.
            draw->AddCircleFilled(c, s / 2, colour, 24);
            {
                const Colour cut = theme().colour.surface;
                const bool info = icon == Icon::info;
                draw->AddRectFilled(at(0.45f, info ? 0.42f : 0.22f), at(0.55f, info ? 0.76f : 0.58f), cut, t / 2);
                draw->AddCircleFilled(at(0.5f, info ? 0.28f : 0.72f), s * 0.065f, cut, 12);
            }
            break;
        case Icon::warning:
            draw->AddTriangleFilled(at(0.5f, 0.06f), at(0.97f, 0.92f), at(0.03f, 0.92f), colour);
            draw->AddRectFilled(at(0.455f, 0.36f), at(0.545f, 0.66f), theme().colour.surface, t / 2);
            draw->AddCircleFilled(at(0.5f, 0.77f), s * 0.06f, theme().colour.surface, 12);
            break;
        case Icon::success:
            draw->AddCircleFilled(c, s / 2, colour, 24);
            draw->AddPolyline(std::array{at(0.28f, 0.52f), at(0.44f, 0.67f), at(0.72f, 0.36f)}.data(), 3,
                              theme().colour.surface, 0, t * 1.4f);
            break;
        case Icon::check:
            draw->AddPolyline(std::array{at(0.18f, 0.52f), at(0.4f, 0.74f), at(0.82f, 0.28f)}.data(), 3, colour, 0,
                              t * 1.4f);
            break;
        case Icon::inbox:
            draw->AddRect(at(0.1f, 0.2f), at(0.9f, 0.82f), colour, s * 0.08f, 0, t);
            draw->AddPolyline(std::array{at(0.1f, 0.55f), at(0.34f, 0.55f), at(0.4f, 0.66f), at(0.6f, 0.66f),
                                         at(0.66f, 0.55f), at(0.9f, 0.55f)}.data(),
                              6, colour, 0, t);
            break;
        case Icon::search:
            draw->AddCircle(at(0.42f, 0.42f), s * 0.28f, colour, 24, t * 1.2f);
            draw->AddLine(at(0.63f, 0.63f), at(0.88f, 0.88f), colour, t * 1.4f);
            break;
        case Icon::document:
            draw->AddPolyline(std::array{at(0.62f, 0.08f), at(0.2f, 0.08f), at(0.2f, 0.92f), at(0.8f, 0.92f),
                                         at(0.8f, 0.26f), at(0.62f, 0.08f), at(0.62f, 0.26f), at(0.8f, 0.26f)}.data(),
                              8, colour, 0, t);
            break;
        case Icon::chevron_down:
            draw->AddPolyline(std::array{at(0.25f, 0.38f), at(0.5f, 0.63f), at(0.75f, 0.38f)}.data(), 3, colour, 0,
                              t * 1.3f);
            break;
        case Icon::chevron_left:
            draw->AddPolyline(std::array{at(0.62f, 0.25f), at(0.37f, 0.5f), at(0.62f, 0.75f)}.data(), 3, colour, 0,
                              t * 1.3f);
            break;
        case Icon::close:
            draw->AddLine(at(0.25f, 0.25f), at(0.75f, 0.75f), colour, t * 1.3f);
            draw->AddLine(at(0.75f, 0.25f), at(0.25f, 0.75f), colour, t * 1.3f);
            break;
        case Icon::plus:
            draw->AddRectFilled(at(0.2f, 0.5f - 0.05f), at(0.8f, 0.5f + 0.05f), colour);
            draw->AddRectFilled(at(0.5f - 0.05f, 0.2f), at(0.5f + 0.05f, 0.8f), colour);
            break;
        case Icon::menu:
            for (float row : {0.28f, 0.5f, 0.72f}) draw->AddRectFilled(at(0.18f, row - 0.04f), at(0.82f, row + 0.04f), colour);
            break;
    }
}

}  // namespace ui
