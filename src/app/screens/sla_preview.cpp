// The answers that decide a ticket's priority, and beside them the live preview: the priority and why,
// the first-response deadline in the user's zone and the team's, whether the team is open, and how long
// until the deadline. It reads the same core functions the server runs.
#include "app/i18n.hpp"
#include "app/screens/screens.hpp"
#include "app/ui/fonts.hpp"
#include "app/ui/layout.hpp"
#include "app/ui/widgets.hpp"
#include "core/sla.hpp"
#include "imgui.h"

namespace app {

namespace {

}  // namespace

std::string user_time(const AppState& state, core::UtcSeconds instant) {
    return core::format_day_time(instant + state.environment.clock.offset_at(instant), state.lang, state.locale);
}

int choice_row(const char* group, std::span<const std::string> labels, int selected) {
    // A segmented control when the labels fit on one line of the column; else one radio per line
    // (Portuguese and Spanish labels run longer, and a phone is narrow).
    float natural = 0;
    ui::push_type(ui::Type::emphasis);
    for (const std::string& label : labels) natural += ImGui::CalcTextSize(label.c_str()).x + 2 * ui::px(ui::theme().control.padding_x_px);
    ui::pop_type();
    if (natural <= ImGui::GetContentRegionAvail().x) return ui::segmented(group, labels, selected);
    int chosen = -1;
    for (size_t i = 0; i < labels.size(); ++i)
        if (ui::radio(labels[i].c_str(), group, static_cast<int>(i) == selected)) chosen = static_cast<int>(i);
    return chosen;
}

void draw_answers(const AppState& state, std::vector<Event>& events) {
    ui::styled_text(tr("form.what_needed"), ui::Type::emphasis);
    static constexpr core::RequestKind kinds[] = {core::RequestKind::question, core::RequestKind::incident,
                                                  core::RequestKind::setup, core::RequestKind::financial};
    if (auto kind = choose("kind", kinds, std::optional(state.answers.kind))) events.push_back(RequestKindChosen{*kind});
    if (state.answers.kind != core::RequestKind::incident) return;
    ImGui::Dummy(ImVec2(0, ui::space(2)));
    ui::styled_text(tr("request.who"), ui::Type::emphasis);
    static constexpr core::UsersAffected users[] = {core::UsersAffected::admin, core::UsersAffected::buyers,
                                                    core::UsersAffected::all};
    if (auto v = choose("users", users, state.answers.users)) events.push_back(UsersAffectedChosen{*v});
    ImGui::Dummy(ImVec2(0, ui::space(2)));
    ui::styled_text(tr("request.what"), ui::Type::emphasis);
    static constexpr core::Impact impacts[] = {core::Impact::auxiliary, core::Impact::important, core::Impact::critical};
    if (auto v = choose("impact", impacts, state.answers.impact)) events.push_back(ImpactChosen{*v});
}

void draw_sla_preview(const AppState& state, const core::Answers& answers) {
    ui::heading(tr("preview.title"), 2);
    if (!state.regions_error.empty()) {
        ui::text(tr("preview.calendars_failed", {{"reason", state.regions_error}}), ui::Role::status);
        return;
    }
    auto decision = core::derive_priority(answers);
    if (!decision) {
        ui::text(tr(answers.users ? "preview.need_impact" : "preview.need_users"), ui::Role::status);
        return;
    }
    const core::Priority priority = decision.value().priority;
    static constexpr ui::Tone tones[] = {ui::Tone::critical, ui::Tone::warning, ui::Tone::info, ui::Tone::neutral};
    ui::strong_text(tr("preview.priority", {{"priority", label_of("priority.", priority)}}), ui::Role::status,
                    ui::tone_text(tones[static_cast<size_t>(priority)]));
    ui::muted_text(tr(decision.value().reason));
    if (!state.region) {
        ui::text(tr("preview.need_region"), ui::Role::status);
        return;
    }
    const core::SupportRegion& region = state.regions.get(*state.region);
    const core::SlaPreview preview = core::preview_sla(region, priority, state.now);
    const core::TimeZone& team_zone = *region.zone;
    ImGui::Dummy(ImVec2(0, 0.25f * ui::em()));
    ui::text(tr("preview.due_user", {{"time", user_time(state, preview.due_at)}, {"zone", state.environment.clock.label(preview.due_at)}}),
             ui::Role::status);
    ui::muted_text(tr("preview.due_team", {{"time", core::format_day_time(team_zone.to_local(preview.due_at), state.lang, state.locale)},
                                           {"zone", std::string(team_zone.name())}}));
    ui::text(tr("preview.time_left", {{"left", core::format_duration(preview.due_at - state.now, state.lang)}}), ui::Role::text);
    const bool around_the_clock = region.always_open[static_cast<size_t>(priority)];
    if (preview.team.open) {
        ui::text(tr("preview.team_open", {{"time", core::format_time(team_zone.to_local(*preview.team.closes_at), state.lang, state.locale)}}),
                 ui::Role::text);
    } else if (preview.team.next_open) {
        ui::text(tr("preview.team_closed", {{"time", user_time(state, *preview.team.next_open)}}), ui::Role::text);
    }
    if (around_the_clock)
        ui::muted_text(tr("preview.around_the_clock", {{"priority", label_of("priority.", priority)},
                                                       {"region", region_label(*state.region)}}));
    if (priority == core::Priority::urgent) {
        ImGui::Dummy(ImVec2(0, 0.25f * ui::em()));
        ui::heading(tr("preview.urgent_means"), 3);
        for (const core::UrgentScenario& scenario : core::urgent_checklist()) {
            std::string line = "\xE2\x80\xA2 " + tr(scenario.title) + ": ";
            for (size_t i = 0; i < scenario.examples.size(); ++i) line += (i ? "; " : "") + tr(scenario.examples[i]);
            ui::text(line);
        }
    }
}

}  // namespace app
