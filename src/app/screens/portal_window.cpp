// The portal's one window: it fills the display, owns the scroll the mirror follows, and shows the
// shell (shell.cpp) around the current screen, in the centred content column.
#include "app/i18n.hpp"
#include "app/screens/screens.hpp"
#include "app/ui/controls.hpp"
#include "app/ui/items.hpp"
#include "app/ui/layout.hpp"
#include "app/ui/theme.hpp"
#include "app/ui/widgets.hpp"
#include "imgui.h"

namespace app {

void draw(const AppState& state, std::vector<Event>& events) {
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->WorkPos);
    ImGui::SetNextWindowSize(viewport->WorkSize);
    ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                             ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;
    ui::ItemCollector* items = ui::current_collector();
    if (items)
        if (auto y = items->take_scroll_request()) ImGui::SetNextWindowScroll(ImVec2(-1.0f, *y));
    // The top bar runs from edge to edge; the screens' margins are the content column's.
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::Begin("Support portal", nullptr, flags);
    ImGui::PopStyleVar();
    draw_top_bar(state, events);
    ui::begin_column();
    draw_menu(state, events);
    switch (state.screen) {
        case Screen::help_center: draw_help_center(state, events); break;
        case Screen::sign_in: draw_sign_in(state, events); break;
        case Screen::new_ticket: draw_ticket_form(state, events); break;
        case Screen::my_requests: draw_my_requests(state, events); break;
        case Screen::ticket: draw_ticket(state, events); break;
    }
    ImGui::Dummy(ImVec2(0, ui::space(8)));
    ui::end_column();
    // Over everything, where the reader looks last: a passing confirmation while the state keeps it.
    if (!state.toast.text.empty()) ui::toast(tr(state.toast.text));
    if (items)
        items->set_scroll({ImGui::GetScrollY(), ImGui::GetScrollMaxY(), ImGui::GetWindowHeight(), items->take_covered_bottom()});
    ImGui::End();
}

const std::string& region_label(core::RegionId region) {
    return tr("region." + std::string(core::region_key(region)));
}

}  // namespace app
