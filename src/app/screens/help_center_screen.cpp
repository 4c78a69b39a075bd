// The first screen: choose the store's region, see its Help Center articles.
#include <algorithm>
#include <cctype>

#include "app/screens/screens.hpp"
#include "app/ui/widgets.hpp"
#include "imgui.h"

namespace app {

namespace {

bool contains_folded(std::string_view haystack, std::string_view needle) {
    auto fold = [](unsigned char c) { return static_cast<char>(std::tolower(c)); };
    auto it = std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end(),
                          [&](char a, char b) { return fold(static_cast<unsigned char>(a)) == fold(static_cast<unsigned char>(b)); });
    return it != haystack.end();
}

}  // namespace

void draw_help_center(const AppState& state, std::vector<Event>& events) {
    const float em = ui::em();
    ui::heading("VTEX Support", 1);
    ui::muted_text("Choose your store's region to see its support terms and Help Center articles.");
    ImGui::Dummy(ImVec2(0, 0.5f * em));

    ui::heading("Region", 2);
    for (core::RegionId region : core::all_regions) {
        std::string label(core::region_name(region));
        if (ui::toggle_button(label.c_str(), state.region == region)) events.push_back(RegionChosen{region});
        ImGui::SameLine();
    }
    ImGui::NewLine();
    ImGui::Dummy(ImVec2(0, 0.5f * em));

    // Until the ticket form exists, the answers that decide priority and the live preview stand here.
    if (ImGui::BeginTable("##request", 2, ImGuiTableFlags_SizingStretchProp)) {
        ImGui::TableSetupColumn("answers", ImGuiTableColumnFlags_WidthFixed, 22 * em);
        ImGui::TableSetupColumn("preview", ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(0);
        draw_answers(state, events);
        ImGui::TableSetColumnIndex(1);
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + 36 * em);
        draw_sla_preview(state);
        ImGui::PopTextWrapPos();
        ImGui::EndTable();
    }
    ImGui::Dummy(ImVec2(0, 0.5f * em));

    ui::heading("Help Center", 2);
    if (!state.help_error.empty()) {
        ui::text("The Help Center articles could not be loaded: " + state.help_error, ui::Role::status);
        return;
    }
    if (auto text = ui::text_field("Search articles", state.article_filter, {.input_type = "search"}))
        events.push_back(ArticleFilterChanged{*text});
    ImGui::Dummy(ImVec2(0, 0.25f * em));

    if (!state.region) ui::muted_text("Pick a region above to also see the article for it.");
    // Without a region only the global articles show; articles_for(brazil) would add Brazil's.
    auto articles = core::articles_for(state.help, state.region.value_or(core::RegionId::brazil), state.lang);
    int shown = 0;
    for (const core::ArticleView& view : articles) {
        if (!state.region && view.article->region) continue;
        if (!state.article_filter.empty() && !contains_folded(view.title, state.article_filter) &&
            !contains_folded(view.summary, state.article_filter))
            continue;
        ++shown;
        ImGui::PushID(view.article->id.c_str());
        ImGui::BeginGroup();
        if (ui::link(view.title, view.url)) events.push_back(ArticleOpened{std::string(view.url)});
        if (view.english_only) {
            ImGui::SameLine();
            ui::muted_text("(English only)");
        }
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + 40 * em);
        ui::text(view.summary);
        ImGui::PopTextWrapPos();
        ImGui::EndGroup();
        ImGui::PopID();
        ImGui::Dummy(ImVec2(0, 0.5f * em));
    }
    if (shown == 0) ui::text("No article matches \"" + state.article_filter + "\".", ui::Role::status);
}

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
    switch (state.screen) {
        case Screen::help_center:
            draw_session_bar(state, events);
            ImGui::Separator();
            draw_help_center(state, events);
            break;
        case Screen::sign_in: draw_sign_in(state, events); break;
    }
    if (items) items->set_scroll({ImGui::GetScrollY(), ImGui::GetScrollMaxY(), ImGui::GetWindowHeight()});
    ImGui::End();
}

void apply_style(float font_size) {
    ImGuiStyle& style = ImGui::GetStyle();
    ImGui::StyleColorsLight(&style);
    const float em = font_size;
    style.WindowPadding = ImVec2(1.5f * em, 1.5f * em);
    style.FramePadding = ImVec2(0.6f * em, 0.4f * em);
    style.ItemSpacing = ImVec2(0.6f * em, 0.5f * em);
    style.FrameRounding = 0.3f * em;
    style.WindowRounding = 0;
    style.WindowBorderSize = 0;
    style.FrameBorderSize = 1;
    style.Colors[ImGuiCol_WindowBg] = ImVec4(0.97f, 0.97f, 0.98f, 1);
    style.Colors[ImGuiCol_Button] = ImVec4(0.90f, 0.91f, 0.94f, 1);
    style.Colors[ImGuiCol_ButtonHovered] = ImVec4(0.80f, 0.84f, 0.95f, 1);
    style.Colors[ImGuiCol_ButtonActive] = ImVec4(0.70f, 0.76f, 0.92f, 1);
}

}  // namespace app
