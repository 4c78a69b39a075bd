// The new-ticket form's priority and first-response deadline while the form is filled in: a panel
// beside the form that stays in view as the page scrolls (wide), or a bar at the bottom of a phone's
// screen with the priority and the deadline, which expands to the whole preview when tapped.
#include <algorithm>

#include "app/i18n.hpp"
#include "app/screens/screens.hpp"
#include "app/ui/controls.hpp"
#include "app/ui/layout.hpp"
#include "app/ui/widgets.hpp"
#include "core/sla.hpp"
#include "imgui.h"

namespace app {

namespace {

// The suggestions for the title, beside the form: they appear while typing and must not move the
// fields under the pointer.
void draw_suggestions(const AppState& state, std::vector<Event>& events) {
    const TicketForm& form = state.form;
    const core::TicketFields& f = form.fields;
    if (f.kind == core::RequestKind::financial || form.suggestions.empty() || core::utf8_length(f.title) < 3 || !state.region)
        return;
    ui::muted_text(tr("form.suggestions"));
    for (const core::ArticleView& view : core::articles_for(state.help, *state.region, state.lang)) {
        if (std::find(form.suggestions.begin(), form.suggestions.end(), view.article->id) == form.suggestions.end())
            continue;
        if (ui::link(view.title, view.url)) events.push_back(ArticleOpened{std::string(view.url)});
    }
    ImGui::Dummy(ImVec2(0, ui::space(3)));
}

constexpr ui::Tone priority_tones[] = {ui::Tone::critical, ui::Tone::warning, ui::Tone::info, ui::Tone::neutral};

float bar_height = 0;  // as last drawn: where this frame's bar begins

// The priority and deadline the answers give; none before the kind is chosen (a default kind's would
// be a guess shown as a fact).
void draw_priority(const AppState& state) {
    if (!state.form.kind_chosen) {
        ui::styled_text(tr("form.priority_after_kind"), ui::Type::body, ui::theme().colour.text_soft, ui::Role::status);
        return;
    }
    draw_sla_preview(state, core::answers_of(state.form.fields));
}

}  // namespace

void draw_side_panel(const AppState& state, std::vector<Event>& events, ImVec2 at, float width, float form_bottom) {
    static float panel_height = 0;  // as last drawn
    const float view = ImGui::GetWindowHeight(), scroll = ImGui::GetScrollY();
    float y = at.y;
    // Sticky: under the top of the view while the form scrolls past, never below the form's end, and
    // only when the whole panel fits in the view.
    if (panel_height > 0 && panel_height + ui::space(8) < view) {
        y = std::max(at.y, scroll + ui::space(6));
        y = std::max(at.y, std::min(y, form_bottom - panel_height));
    }
    ImGui::SetCursorPos(ImVec2(at.x, y));
    const float top = ImGui::GetCursorScreenPos().y;
    ui::begin_card("##panel", {.width_px = width / ui::px(1)});
    draw_suggestions(state, events);
    draw_priority(state);
    ui::end_card();
    panel_height = ImGui::GetItemRectMax().y - top;
}

float draw_priority_bar(const AppState& state, std::vector<Event>& events) {
    // A window of its own over the page, fixed at the bottom of the view: it stays above the fields that
    // scroll under it (a multi-line field is a window too, and takes the pointer from the page's items).
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    const float width = viewport->WorkSize.x;
    // Folded, its height is known before drawing (a line of the priority and deadline, the button), so it
    // sits exactly at the bottom in the first frame; expanded, it takes the preview's height as measured.
    const float folded = 2 * ui::space(3) + ui::line_height(ui::Type::body) + ui::space(3) + ui::control_height();
    const float height = state.summary_open && bar_height > 0 ? bar_height : folded;
    ImGui::SetNextWindowPos(ImVec2(viewport->WorkPos.x, viewport->WorkPos.y + viewport->WorkSize.y - height));
    if (state.summary_open) ImGui::SetNextWindowSizeConstraints(ImVec2(width, 0), ImVec2(width, viewport->WorkSize.y * 0.8f));
    else ImGui::SetNextWindowSize(ImVec2(width, height));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(ui::px(16), ui::space(3)));
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                                   ImGuiWindowFlags_NoFocusOnAppearing |
                                   (state.summary_open ? ImGuiWindowFlags_AlwaysAutoResize : 0);
    ImGui::Begin("overlay:priority", nullptr, flags);
    ImGui::PopStyleVar();
    const ImVec2 pos = ImGui::GetWindowPos();
    const ImVec2 size = ImGui::GetWindowSize();
    const ui::Colours& c = ui::theme().colour;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(pos, ImVec2(pos.x + size.x, pos.y + size.y), c.surface);
    draw->AddRectFilled(pos, ImVec2(pos.x + size.x, pos.y + ui::px(1)), c.border_strong);
    if (state.summary_open) {
        draw_suggestions(state, events);
        draw_priority(state);
        ImGui::Dummy(ImVec2(0, ui::space(2)));
    } else if (!state.form.kind_chosen) {
        ui::styled_text(tr("form.priority_after_kind"), ui::Type::caption, ui::theme().colour.text_soft);
    } else if (auto decision = core::derive_priority(core::answers_of(state.form.fields))) {
        const core::Priority priority = decision.value().priority;
        ui::tag(label_of("priority.", priority), priority_tones[static_cast<size_t>(priority)]);
        if (state.region) {
            const core::SlaPreview preview = core::preview_sla(state.regions.get(*state.region), priority, state.now);
            ImGui::SameLine(0, ui::space(2));
            ui::styled_text(tr("form.summary_due", {{"time", user_time(state, preview.due_at)}}), ui::Type::caption);
        }
    }
    const std::string& toggle = tr(state.summary_open ? "form.summary_close" : "form.summary_open");
    if (ui::button(toggle.c_str(), ui::ButtonKind::secondary, {.width_px = -1})) events.push_back(SummaryToggled{});
    bar_height = ImGui::GetWindowSize().y;
    ImGui::End();
    return bar_height;
}

}  // namespace app
