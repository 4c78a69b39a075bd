// The portal's one window: it fills the display, owns the scroll the mirror follows, and shows the
// current screen. Also the portal's look.
#include <algorithm>

#include "app/i18n.hpp"
#include "app/screens/screens.hpp"
#include "app/ui/items.hpp"
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
    ImGui::Begin("Support portal", nullptr, flags);
    draw_language_picker(state, events);
    switch (state.screen) {
        case Screen::help_center:
            draw_session_bar(state, events);
            draw_nav(state, events);
            ImGui::Separator();
            draw_help_center(state, events);
            break;
        case Screen::sign_in: draw_sign_in(state, events); break;
        case Screen::new_ticket:
            draw_nav(state, events);
            draw_ticket_form(state, events);
            break;
        case Screen::my_requests:
            draw_nav(state, events);
            draw_my_requests(state, events);
            break;
        case Screen::ticket:
            draw_nav(state, events);
            draw_ticket(state, events);
            break;
    }
    if (items) items->set_scroll({ImGui::GetScrollY(), ImGui::GetScrollMaxY(), ImGui::GetWindowHeight()});
    ImGui::End();
}

const std::string& region_label(core::RegionId region) {
    return tr("region." + std::string(core::region_key(region)));
}

// The three languages, each named in itself, on the first line of every screen, at its right.
void draw_language_picker(const AppState& state, std::vector<Event>& events) {
    static constexpr std::pair<const char*, const char*> choices[] = {
        {"en", "language.en"}, {"es", "language.es"}, {"pt", "language.pt"}};  // each named in itself
    const ImGuiStyle& style = ImGui::GetStyle();
    float width = 0;
    for (const auto& [lang, key] : choices) width += ui::button_width(tr(key).c_str()) + style.ItemSpacing.x;
    const float left = ImGui::GetCursorPosX();
    const float right = ImGui::GetWindowContentRegionMax().x;
    ImGui::SetCursorPosX(std::max(left, right - width + style.ItemSpacing.x));
    for (const auto& [lang, key] : choices) {
        ImGui::PushID(lang);
        if (ui::toggle_button(tr(key).c_str(), state.lang == lang, lang)) events.push_back(LanguagePicked{lang});
        ImGui::PopID();
        ImGui::SameLine();
    }
    ImGui::NewLine();
}

void draw_nav(const AppState& state, std::vector<Event>& events) {
    if (state.session.status != SessionStatus::signed_in) return;
    if (ui::toggle_button(tr("nav.help_center").c_str(), state.screen == Screen::help_center)) events.push_back(HomeOpened{});
    ImGui::SameLine();
    if (ui::toggle_button(tr("nav.new_ticket").c_str(), state.screen == Screen::new_ticket)) events.push_back(NewTicketOpened{});
    ImGui::SameLine();
    if (ui::toggle_button(tr("nav.my_requests").c_str(), state.screen == Screen::my_requests || state.screen == Screen::ticket))
        events.push_back(MyRequestsOpened{});
    ImGui::Separator();
}

}  // namespace app
