// The ticket form in sections (cards): what is needed (the kind as choice cards), what happened, its
// context; each field's problem under the field; the draft is saved as it is typed (by update), so
// nothing typed or chosen is lost. The priority and deadline stand beside the form on a wide screen,
// sticky while the page scrolls; on a phone they are a bar at the bottom that expands (form_panel.cpp).
#include <algorithm>

#include "app/i18n.hpp"
#include "app/screens/screens.hpp"
#include "app/ui/controls.hpp"
#include "app/ui/items.hpp"
#include "app/ui/layout.hpp"
#include "app/ui/widgets.hpp"
#include "imgui.h"

namespace app {

namespace {

// The first problem with `field` after a submit attempt ("" when none), in the reader's language.
std::string error_of(const TicketForm& form, const char* field) {
    for (const core::FieldError& e : form.errors)
        if (e.field == field) return tr(e.message);
    return {};
}

void errors_for(const TicketForm& form, const char* field) {
    for (const core::FieldError& e : form.errors)
        if (e.field == field) ui::field_error(tr(e.message));
}

void gap(int step = 3) { ImGui::Dummy(ImVec2(0, ui::space(step))); }

void label(const std::string& text) { ui::styled_text(text, ui::Type::emphasis); }

void draw_attachments(const AppState& state, std::vector<Event>& events) {
    const TicketForm& form = state.form;
    label(tr("form.attachments", {{"max", std::to_string(state.limits.max_files)},
                                  {"size", core::format_bytes(state.limits.max_file_bytes, state.lang)}}));
    for (const core::AttachmentRef& a : form.fields.attachments) {
        ImGui::PushID(a.id.c_str());
        ui::tag(a.name + " \xC2\xB7 " + core::format_bytes(a.size, state.lang));
        ImGui::SameLine(0, ui::space(1));
        if (ui::button(tr("form.remove_file", {{"file", a.name}}).c_str(), ui::ButtonKind::tertiary)) events.push_back(AttachmentRemoved{a.id});
        ImGui::PopID();
    }
    for (const PendingFile& p : uploads_to(state, "")) ui::muted_text(tr("form.uploading", {{"file", p.name}}));
    for (const core::Text& e : form.file_errors) ui::field_error(tr(e));
    errors_for(form, "attachments");
    ui::file_button(tr("form.attach").c_str(), files_target());
}

void draw_confirmation(const AppState& state, const Confirmation& c, std::vector<Event>& events) {
    ui::page_header(tr("confirmation.title", {{"number", std::to_string(c.number)}}));
    ui::alert(ui::Tone::success, {}, tr("confirmation.deadline", {{"priority", label_of("priority.", c.priority)},
                                                                  {"time", user_time(state, c.due_at)},
                                                                  {"zone", state.environment.clock.label(c.due_at)}}));
    gap();
    if (ui::button(tr("confirmation.see").c_str(), ui::ButtonKind::primary)) events.push_back(TicketOpened{c.id});
    ImGui::SameLine();
    if (ui::button(tr("confirmation.another").c_str())) events.push_back(NewTicketAgain{});
}

// The kind as choice cards, each with its one-line explanation: two a row where they fit.
void draw_kinds(const TicketForm& form, std::vector<Event>& events) {
    const core::TicketFields& f = form.fields;
    static constexpr core::RequestKind kinds[] = {core::RequestKind::question, core::RequestKind::incident,
                                                  core::RequestKind::setup, core::RequestKind::financial};
    const float avail = ImGui::GetContentRegionAvail().x;
    const bool two = avail >= ui::px(440);
    const float gap_x = ui::space(2);
    const float width = two ? (avail - gap_x) / 2 : avail;
    for (size_t i = 0; i < std::size(kinds); ++i) {
        if (two && i % 2 == 1) ImGui::SameLine(0, gap_x);
        const std::string key(core::key(kinds[i]));
        if (ui::choice_card(label_of("kind.", kinds[i]), tr("form.kind_line." + key), "kind", form.kind_chosen && f.kind == kinds[i],
                            width / ui::px(1)))
            events.push_back(FormChoice{.kind = kinds[i]});
    }
}

void draw_details(const AppState& state, std::vector<Event>& events) {
    const TicketForm& form = state.form;
    const core::TicketFields& f = form.fields;
    if (f.kind == core::RequestKind::financial) {
        ui::muted_text(tr("form.name", {{"name", state.session.name}}));
        label(tr("form.subject"));
        const auto& subjects = core::financial_subjects();
        for (size_t i = 0; i < subjects.size(); ++i) {
            // The subject goes to support as its English wire value; the reader sees it in their language.
            const std::string& subject = tr("financial.subject." + std::to_string(i + 1));
            if (ui::radio(subject.c_str(), "subject", f.title == subjects[i]))
                events.push_back(FormFieldChanged{FormField::title, std::string(subjects[i])});
        }
        errors_for(form, "title");
        gap();
        const std::string error = error_of(form, "description");
        if (auto text = ui::field(tr("form.what_happened").c_str(), f.description, {.lines = 6, .error = error}))
            events.push_back(FormFieldChanged{FormField::description, *text});
        return;
    }
    const std::string title_error = error_of(form, "title");
    if (auto text = ui::field(tr("form.field.title").c_str(), f.title, {.error = title_error}))
        events.push_back(FormFieldChanged{FormField::title, *text});
    gap(2);
    const std::string description_error = error_of(form, "description");
    const std::string& hint = tr("form.evidence");
    if (auto text = ui::field(tr("form.field.description").c_str(), f.description,
                              {.lines = 6, .hint = hint, .error = description_error}))
        events.push_back(FormFieldChanged{FormField::description, *text});
}

void draw_context(const AppState& state, std::vector<Event>& events) {
    const TicketForm& form = state.form;
    const core::TicketFields& f = form.fields;
    if (f.kind == core::RequestKind::incident) {
        label(tr("request.who"));
        static constexpr core::UsersAffected users[] = {core::UsersAffected::admin, core::UsersAffected::buyers,
                                                        core::UsersAffected::all};
        if (auto v = choose("users", users, f.users)) events.push_back(FormChoice{.users = v});
        errors_for(form, "users");
        gap(2);
        label(tr("request.what"));
        static constexpr core::Impact impacts[] = {core::Impact::auxiliary, core::Impact::important, core::Impact::critical};
        if (auto v = choose("impact", impacts, f.impact)) events.push_back(FormChoice{.impact = v});
        errors_for(form, "impact");
        gap(2);
    }
    label(tr("form.environment"));
    static constexpr core::Environment environments[] = {core::Environment::production, core::Environment::sandbox};
    if (auto v = choose("environment", environments, f.environment)) events.push_back(FormChoice{.environment = v});
    errors_for(form, "environment");
    gap(2);
    label(tr("form.experience"));
    static constexpr core::Experience levels[] = {core::Experience::beginner, core::Experience::intermediate,
                                                  core::Experience::advanced};
    if (auto v = choose("experience", levels, f.experience)) events.push_back(FormChoice{.experience = v});
    errors_for(form, "experience");
    gap(2);
    const std::string agency_error = error_of(form, "agency");
    if (auto text = ui::field(tr("form.agency").c_str(), f.agency, {.error = agency_error}))
        events.push_back(FormFieldChanged{FormField::agency, *text});
    gap(2);
    const std::string cc_error = error_of(form, "cc");
    if (auto text = ui::field(tr("form.cc").c_str(), form.cc_text, {.input_type = "email", .error = cc_error}))
        events.push_back(FormFieldChanged{FormField::cc, *text});
}

void draw_submit(const AppState& state, std::vector<Event>& events) {
    const TicketForm& form = state.form;
    const std::string& submit = tr("form.submit");
    const float width = ui::button_width(submit.c_str());
    // What stopped the last Submit stands just above the button, where the reader is looking.
    if (!form.submit_error.empty()) ui::alert(ui::Tone::critical, {}, tr(form.submit_error));
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + std::max(0.0f, ImGui::GetContentRegionAvail().x - width));
    if (ui::button(submit.c_str(), ui::ButtonKind::primary, {.disabled = form.submitting})) events.push_back(SubmitClicked{});
    if (form.submitting) ui::spinner(tr("form.sending"));
    if (form.draft_unsaved) ui::field_error(tr("form.draft_unsaved"));
}

void draw_fields(const AppState& state, std::vector<Event>& events) {
    const TicketForm& form = state.form;
    const core::TicketFields& f = form.fields;
    if (!f.follow_up_of.empty()) {
        ui::alert(ui::Tone::info, {}, tr("form.follow_up", {{"ticket", form.follow_up_label.empty() ? f.follow_up_of : form.follow_up_label}}));
        if (ui::button(tr("form.follow_up_remove").c_str(), ui::ButtonKind::tertiary)) events.push_back(FollowUpRemoved{});
        gap();
    }
    ui::begin_card("##kind");
    ui::heading(tr("form.section.kind"), 2);
    draw_kinds(form, events);
    errors_for(form, "kind");
    ui::end_card();
    gap(4);
    ui::begin_card("##details");
    ui::heading(tr("form.section.details"), 2);
    draw_details(state, events);
    // The technical questions come once a technical kind is chosen; until then files go with the details.
    const bool technical = form.kind_chosen && f.kind != core::RequestKind::financial;
    if (!technical) {
        gap();
        draw_attachments(state, events);
    }
    ui::end_card();
    if (technical) {
        gap(4);
        ui::begin_card("##context");
        ui::heading(tr("form.section.context"), 2);
        draw_context(state, events);
        gap();
        draw_attachments(state, events);
        ui::end_card();
    }
    gap(4);
    draw_submit(state, events);
}

}  // namespace

void draw_ticket_form(const AppState& state, std::vector<Event>& events) {
    if (state.confirmation) return draw_confirmation(state, *state.confirmation, events);
    const core::TicketFields& f = state.form.fields;
    const Account* account = chosen_account(state);
    const std::string subtitle = account ? account->name + " \xC2\xB7 " + region_label(account->region) : std::string();
    ui::page_header(tr(f.kind == core::RequestKind::financial ? "form.title_financial" : "form.title"), subtitle);
    if (!account) {
        ui::alert(ui::Tone::info, {}, tr("session.no_account"));
        return;
    }
    // Without the resource the form would only be refused after Submit: the alert says who can grant
    // it, and no field is offered.
    if (!account->can_open_tickets) {
        draw_missing_resource(state, *account);
        return;
    }
    const bool beside = ui::panel_beside(ui::current_width());
    if (!beside) {
        const float bar = draw_priority_bar(state, events);
        if (ui::ItemCollector* items = ui::current_collector()) items->cover_bottom(bar);
        draw_fields(state, events);
        ImGui::Dummy(ImVec2(0, bar));  // the end of the form scrolls clear of the bar
        return;
    }
    const float avail = ImGui::GetContentRegionAvail().x;
    const float panel = ui::px(ui::side_panel_width(avail / ui::px(1), ui::theme().layout));
    const float gap_x = ui::space(4);
    const float top = ImGui::GetCursorPosY();
    const float left = ImGui::GetCursorPosX();
    ui::begin_part(avail - panel - gap_x);  // the form's column ends where the panel's gap begins
    draw_fields(state, events);
    ui::end_part();
    const float bottom = ImGui::GetCursorPosY();
    draw_side_panel(state, events, ImVec2(left + avail - panel, top), panel, bottom);
    ImGui::SetCursorPosY(bottom);
}

}  // namespace app
