// The answers that decide a ticket's priority, and beside them the live preview: the priority and why,
// the first-response deadline in the user's zone and the team's, whether the team is open, and how long
// until the deadline. It reads the same core functions the server runs.
#include "app/i18n.hpp"
#include "app/screens/screens.hpp"
#include "app/ui/fonts.hpp"
#include "app/ui/widgets.hpp"
#include "core/sla.hpp"
#include "imgui.h"

namespace app {

namespace {

template <class Enum, size_t N, class Make>
void radio_group(const char* group, const Enum (&values)[N], std::optional<Enum> chosen, std::vector<Event>& events,
                 Make make) {
    for (Enum value : values) {
        const std::string& label = label_of(std::string(group) + ".", value);
        if (ui::radio(label.c_str(), group, chosen == value)) events.push_back(make(value));
    }
}

}  // namespace

std::string user_time(const AppState& state, core::UtcSeconds instant) {
    return core::format_day_time(instant + state.environment.clock.offset_at(instant), state.lang, state.locale);
}

void draw_answers(const AppState& state, std::vector<Event>& events) {
    ui::heading(tr("request.title"), 2);
    ui::text(tr("form.what_needed"), ui::Role::text);
    static constexpr core::RequestKind kinds[] = {core::RequestKind::question, core::RequestKind::incident,
                                                  core::RequestKind::setup, core::RequestKind::financial};
    radio_group("kind", kinds, std::optional(state.answers.kind), events, [](auto v) { return Event{RequestKindChosen{v}}; });
    if (state.answers.kind != core::RequestKind::incident) return;
    ImGui::Dummy(ImVec2(0, 0.25f * ui::em()));
    ui::text(tr("request.who"), ui::Role::text);
    static constexpr core::UsersAffected users[] = {core::UsersAffected::admin, core::UsersAffected::buyers,
                                                    core::UsersAffected::all};
    radio_group("users", users, state.answers.users, events, [](auto v) { return Event{UsersAffectedChosen{v}}; });
    ImGui::Dummy(ImVec2(0, 0.25f * ui::em()));
    ui::text(tr("request.what"), ui::Role::text);
    static constexpr core::Impact impacts[] = {core::Impact::auxiliary, core::Impact::important, core::Impact::critical};
    radio_group("impact", impacts, state.answers.impact, events, [](auto v) { return Event{ImpactChosen{v}}; });
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
    ui::text(tr("preview.due_user", {{"time", user_time(state, preview.due_at)}, {"zone", state.environment.clock.zone_name}}),
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
