#include "app/frame.hpp"

#include <algorithm>

#include "app/i18n.hpp"
#include "app/screens/screens.hpp"
#include "app/ui/focus_ring.hpp"
#include "app/ui/fonts.hpp"
#include "app/ui/imgui_internals.hpp"
#include "app/ui/style.hpp"
#include "app/ui/theme.hpp"
#include "app/ui/widgets.hpp"
#include "app/update.hpp"
#include "imgui.h"

namespace app {

namespace {

// A language switch that could not happen (its catalog did not arrive), said at the foot of the view
// over whatever screen is shown, in the language the portal stays in, until the next switch.
void draw_language_problem(const AppState& state) {
    if (state.language_problem.empty()) return;
    const ImGuiIO& io = ImGui::GetIO();
    const float em = ImGui::GetFontSize();
    const float width = std::min(io.DisplaySize.x - em, 36.0f * em);
    ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x * 0.5f, io.DisplaySize.y - 0.5f * em), ImGuiCond_Always, ImVec2(0.5f, 1.0f));
    ImGui::SetNextWindowSize(ImVec2(width, 0.0f));  // 0: the height follows the wrapped text
    constexpr ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings |
                                       ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav;
    if (ImGui::Begin("##language_problem", nullptr, flags)) ui::text(tr(state.language_problem), ui::Role::status);
    ImGui::End();
}

}  // namespace

FrameResult run_frame(AppState& state, ui::ItemCollector& items, ImGuiID focus_ring_id) {
    FrameResult result;
    ImGuiIO& io = ImGui::GetIO();
    if (ui::theme().dark != state.dark || ui::touch() != state.touch) {  // the page chose other colours or sizes
        ui::use_theme(state.dark);
        ui::use_touch(state.touch);
        ui::apply_style();
    }
    for (int pass = 0; pass < 2; ++pass) {
        if (pass == 1) io.DeltaTime = 1e-4f;  // the same instant, drawn again
        items.begin_frame();
        use_language(state.lang);
        ImGui::NewFrame();
        std::vector<Event> events;
        draw(state, events);
        draw_language_problem(state);
        ui::draw_focus_ring(items, focus_ring_id);
        ImGui::Render();
        const ImGuiID active = ui::internals::active_id();
        result.active_text_id = (active && io.WantTextInput) ? active : 0;
        items.end_frame();
        for (const Event& event : events)
            for (Effect& effect : update(state, event)) result.effects.push_back(std::move(effect));
        if (events.empty()) break;
        result.changed = true;
    }
    return result;
}

}  // namespace app
