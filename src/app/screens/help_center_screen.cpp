// The first screen: the Help Center, led by its search, with the region's articles as cards, then "When
// will support answer?": the answers that decide a ticket's priority and the deadline they would get.
#include <algorithm>
#include <string>

#include "app/i18n.hpp"
#include "app/screens/screens.hpp"
#include "app/ui/controls.hpp"
#include "app/ui/layout.hpp"
#include "app/ui/widgets.hpp"
#include "core/ticket.hpp"
#include "imgui.h"

namespace app {

namespace {

// Whether `folded_needle` (already folded) is in `haystack`, accents and case aside.
bool contains_folded(std::string_view haystack, const std::string& folded_needle) {
    return core::search_fold(haystack).find(folded_needle) != std::string::npos;
}

void draw_regions(const AppState& state, std::vector<Event>& events) {
    ui::styled_text(tr("home.region"), ui::Type::emphasis, 0, ui::Role::heading, 2);
    const float start = ImGui::GetCursorPosX();
    const float right = start + ImGui::GetContentRegionAvail().x;
    float x = start;
    bool first = true;
    for (core::RegionId region : core::all_regions) {
        const std::string& label = region_label(region);
        const float w = ui::button_width(label.c_str());
        if (!first) {
            // Beside the last one when it fits; else on a line of its own.
            if (x + ui::space(2) + w <= right) {
                ImGui::SameLine(0, ui::space(2));
                x += ui::space(2);
            } else {
                x = start;
            }
        }
        if (ui::toggle_button(label.c_str(), state.region == region)) events.push_back(RegionChosen{region});
        x += w;
        first = false;
    }
}

void draw_articles(const AppState& state, std::vector<Event>& events) {
    if (!state.help_error.empty()) {
        ui::alert(ui::Tone::critical, {}, tr("home.articles_failed", {{"reason", state.help_error}}));
        return;
    }
    if (!state.region) ui::muted_text(tr("home.pick_region", {{"section", tr("home.explorer.title")}}));
    // Without a region only the global articles show; articles_for(brazil) would add Brazil's.
    auto articles = core::articles_for(state.help, state.region.value_or(core::RegionId::brazil), state.lang);
    const std::string filter = core::search_fold(state.article_filter);
    const bool two = ui::current_width() != ui::Width::narrow;
    const float avail = ImGui::GetContentRegionAvail().x;
    const float gap = ui::space(4);
    const float card = two ? (avail - gap) / 2 : avail;
    int shown = 0;
    for (const core::ArticleView& view : articles) {
        if (!state.region && view.article->region) continue;
        if (!filter.empty() && !contains_folded(view.title, filter) && !contains_folded(view.summary, filter))
            continue;
        if (two && shown % 2 == 1) ImGui::SameLine(0, gap);
        ++shown;
        ui::begin_card(view.article->id.c_str(), {.width_px = card / ui::px(1), .padding_px = 16});
        if (ui::link(view.title, view.url)) events.push_back(ArticleOpened{std::string(view.url)});
        if (view.english_only) ui::tag(tr("home.english_only"));
        ui::muted_text(view.summary);
        ui::end_card();
    }
    if (shown == 0) ui::empty_state(ui::Icon::search, tr("home.no_match", {{"query", state.article_filter}}));
}

// "When will support answer?": what a ticket would be asked, and the deadline its answers give.
void draw_explorer(const AppState& state, std::vector<Event>& events) {
    ui::begin_card("##explorer");
    ui::heading(tr("home.explorer.title"), 2);
    ui::muted_text(tr("home.explorer.intro"));
    ImGui::Dummy(ImVec2(0, ui::space(2)));
    draw_regions(state, events);
    ImGui::Dummy(ImVec2(0, ui::space(3)));
    const float avail = ImGui::GetContentRegionAvail().x;
    if (ui::current_width() == ui::Width::narrow) {
        draw_answers(state, events);
        ImGui::Dummy(ImVec2(0, ui::space(4)));
        draw_sla_preview(state, state.answers);
    } else {
        const float gap = ui::space(6);
        const float left = (avail - gap) / 2;
        ImGui::BeginGroup();
        const float x = ImGui::GetCursorPosX();
        ImGui::PushTextWrapPos(x + left);
        draw_answers(state, events);
        ImGui::PopTextWrapPos();
        ImGui::EndGroup();
        ImGui::SameLine(0, gap);
        ImGui::BeginGroup();
        draw_sla_preview(state, state.answers);
        ImGui::EndGroup();
    }
    ui::end_card();
}

}  // namespace

void draw_help_center(const AppState& state, std::vector<Event>& events) {
    ui::page_header(tr("home.help_center"), tr("home.lead"));
    draw_session_notices(state);
    const Account* account = chosen_account(state);
    if (account && !account->can_open_tickets) draw_missing_resource(state, *account);
    if (state.help_error.empty())
        if (auto text = ui::field(tr("home.search").c_str(), state.article_filter, {.input_type = "search"}))
            events.push_back(ArticleFilterChanged{*text});
    ImGui::Dummy(ImVec2(0, ui::space(2)));
    draw_articles(state, events);
    ImGui::Dummy(ImVec2(0, ui::space(6)));
    draw_explorer(state, events);
}

}  // namespace app
