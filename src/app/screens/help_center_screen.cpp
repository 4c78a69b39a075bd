// The first screen: choose the store's region, see its Help Center articles.
#include <string>

#include "app/i18n.hpp"
#include "app/screens/screens.hpp"
#include "app/ui/widgets.hpp"
#include "core/ticket.hpp"
#include "imgui.h"

namespace app {

namespace {

// Whether `folded_needle` (already folded) is in `haystack`, accents and case aside.
bool contains_folded(std::string_view haystack, const std::string& folded_needle) {
    return core::search_fold(haystack).find(folded_needle) != std::string::npos;
}

}  // namespace

void draw_help_center(const AppState& state, std::vector<Event>& events) {
    const float em = ui::em();
    ui::heading(tr("home.title"), 1);
    ui::muted_text(tr("home.intro"));
    ImGui::Dummy(ImVec2(0, 0.5f * em));

    ui::heading(tr("home.region"), 2);
    for (core::RegionId region : core::all_regions) {
        const std::string& label = region_label(region);
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
        draw_sla_preview(state, state.answers);
        ImGui::PopTextWrapPos();
        ImGui::EndTable();
    }
    ImGui::Dummy(ImVec2(0, 0.5f * em));

    ui::heading(tr("home.help_center"), 2);
    if (!state.help_error.empty()) {
        ui::text(tr("home.articles_failed", {{"reason", state.help_error}}), ui::Role::status);
        return;
    }
    if (auto text = ui::text_field(tr("home.search").c_str(), state.article_filter, {.input_type = "search"}))
        events.push_back(ArticleFilterChanged{*text});
    ImGui::Dummy(ImVec2(0, 0.25f * em));

    if (!state.region) ui::muted_text(tr("home.pick_region"));
    // Without a region only the global articles show; articles_for(brazil) would add Brazil's.
    auto articles = core::articles_for(state.help, state.region.value_or(core::RegionId::brazil), state.lang);
    int shown = 0;
    const std::string filter = core::search_fold(state.article_filter);
    for (const core::ArticleView& view : articles) {
        if (!state.region && view.article->region) continue;
        if (!filter.empty() && !contains_folded(view.title, filter) && !contains_folded(view.summary, filter))
            continue;
        ++shown;
        ImGui::PushID(view.article->id.c_str());
        ImGui::BeginGroup();
        if (ui::link(view.title, view.url)) events.push_back(ArticleOpened{std::string(view.url)});
        if (view.english_only) {
            ImGui::SameLine();
            ui::muted_text(tr("home.english_only"));
        }
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + 40 * em);
        ui::text(view.summary);
        ImGui::PopTextWrapPos();
        ImGui::EndGroup();
        ImGui::PopID();
        ImGui::Dummy(ImVec2(0, 0.5f * em));
    }
    if (shown == 0) ui::text(tr("home.no_match", {{"query", state.article_filter}}), ui::Role::status);
}

}  // namespace app
