// The ticket form: the technical kind with every field of the brief, or the short financial form;
// the priority and deadline preview beside it; each field's problem beside the field; the draft is
// saved as it is typed (by update), so nothing typed or chosen is lost.
#include <algorithm>

#include "app/i18n.hpp"
#include "app/screens/screens.hpp"
#include "app/ui/widgets.hpp"
#include "imgui.h"

namespace app {

namespace {

void errors_for(const TicketForm& form, const char* field) {
    for (const core::FieldError& e : form.errors)
        if (e.field == field) ui::field_error(tr(e.message));
}

template <class Enum, size_t N, class Make>
void choices(const char* group, const Enum (&values)[N], std::optional<Enum> chosen, std::vector<Event>& events, Make make) {
    for (Enum value : values) {
        const std::string& label = label_of(std::string(group) + ".", value);
        if (ui::radio(label.c_str(), group, chosen == value)) events.push_back(make(value));
    }
}

void gap(float ems = 0.35f) { ImGui::Dummy(ImVec2(0, ems * ui::em())); }

void draw_attachments(const AppState& state, std::vector<Event>& events) {
    const TicketForm& form = state.form;
    ui::text(tr("form.attachments", {{"max", std::to_string(state.limits.max_files)},
                                     {"size", core::format_bytes(state.limits.max_file_bytes, state.lang)}}));
    for (const core::AttachmentRef& a : form.fields.attachments) {
        ImGui::PushID(a.id.c_str());
        ui::text(a.name + " (" + core::format_bytes(a.size, state.lang) + ")");
        ImGui::SameLine();
        if (ui::button(tr("form.remove_file", {{"file", a.name}}).c_str())) events.push_back(AttachmentRemoved{a.id});
        ImGui::PopID();
    }
    for (const PendingFile& p : uploads_to(state, "")) ui::muted_text(tr("form.uploading", {{"file", p.name}}));
    for (const core::Text& e : form.file_errors) ui::field_error(tr(e));
    errors_for(form, "attachments");
    ui::file_button(tr("form.attach").c_str(), files_target());
}

void draw_confirmation(const AppState& state, const Confirmation& c, std::vector<Event>& events) {
    ui::heading(tr("confirmation.title", {{"number", std::to_string(c.number)}}), 1);
    ui::text(tr("confirmation.deadline", {{"priority", label_of("priority.", c.priority)},
                                          {"time", user_time(state, c.due_at)},
                                          {"zone", state.environment.clock.zone_name}}),
             ui::Role::status);
    gap();
    if (ui::button(tr("confirmation.see").c_str())) events.push_back(TicketOpened{c.id});
    ImGui::SameLine();
    if (ui::button(tr("confirmation.another").c_str())) events.push_back(NewTicketAgain{});
}

}  // namespace

void draw_ticket_form(const AppState& state, std::vector<Event>& events) {
    if (state.confirmation) return draw_confirmation(state, *state.confirmation, events);
    const TicketForm& form = state.form;
    const core::TicketFields& f = form.fields;
    const Account* account = chosen_account(state);
    ui::heading(tr(f.kind == core::RequestKind::financial ? "form.title_financial" : "form.title"), 1);
    if (!account) {
        ui::text(tr("session.no_account"), ui::Role::status);
        return;
    }
    if (!f.follow_up_of.empty()) {
        ui::text(tr("form.follow_up", {{"ticket", form.follow_up_label.empty() ? f.follow_up_of : form.follow_up_label}}),
                 ui::Role::status);
        if (ui::button(tr("form.follow_up_remove").c_str())) events.push_back(FollowUpRemoved{});
    }
    const float em = ui::em();
    if (!ImGui::BeginTable("##form", 2, ImGuiTableFlags_SizingStretchProp)) return;
    ImGui::TableSetupColumn("fields", ImGuiTableColumnFlags_WidthFixed, 30 * em);
    ImGui::TableSetupColumn("preview", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + 29 * em);

    ui::heading(tr("form.account"), 2);
    for (const Account& a : state.session.accounts) {
        std::string label = a.name + " (" + region_label(a.region) + ")";
        if (ui::radio(label.c_str(), "account", a.id == account->id)) events.push_back(AccountChosen{a.id});
    }
    if (!account->can_open_tickets) draw_missing_resource(state, *account);
    gap();
    ui::heading(tr("form.what_needed"), 2);
    static constexpr core::RequestKind kinds[] = {core::RequestKind::question, core::RequestKind::incident,
                                                  core::RequestKind::setup, core::RequestKind::financial};
    choices("kind", kinds, std::optional(f.kind), events, [](auto v) { return Event{FormChoice{.kind = v}}; });
    gap();

    if (f.kind == core::RequestKind::financial) {
        ui::text(tr("form.name", {{"name", state.session.name}}));
        ui::heading(tr("form.subject"), 2);
        const auto& subjects = core::financial_subjects();
        for (size_t i = 0; i < subjects.size(); ++i) {
            // The subject goes to support as its English wire value; the reader sees it in their language.
            const std::string& label = tr("financial.subject." + std::to_string(i + 1));
            if (ui::radio(label.c_str(), "subject", f.title == subjects[i]))
                events.push_back(FormFieldChanged{FormField::title, std::string(subjects[i])});
        }
        errors_for(form, "title");
        gap();
        if (auto text = ui::text_field(tr("form.what_happened").c_str(), f.description, {.width_em = 28, .height_em = 8}))
            events.push_back(FormFieldChanged{FormField::description, *text});
        errors_for(form, "description");
    } else {
        if (auto text = ui::text_field(tr("form.field.title").c_str(), f.title, {.width_em = 28}))
            events.push_back(FormFieldChanged{FormField::title, *text});
        errors_for(form, "title");
        gap();
        if (auto text = ui::text_field(tr("form.field.description").c_str(), f.description, {.width_em = 28, .height_em = 8}))
            events.push_back(FormFieldChanged{FormField::description, *text});
        ui::muted_text(tr("form.evidence"));
        errors_for(form, "description");
        gap();
        if (f.kind == core::RequestKind::incident) {
            ui::heading(tr("request.who"), 2);
            static constexpr core::UsersAffected users[] = {core::UsersAffected::admin, core::UsersAffected::buyers,
                                                            core::UsersAffected::all};
            choices("users", users, f.users, events, [](auto v) { return Event{FormChoice{.users = v}}; });
            errors_for(form, "users");
            ui::heading(tr("request.what"), 2);
            static constexpr core::Impact impacts[] = {core::Impact::auxiliary, core::Impact::important, core::Impact::critical};
            choices("impact", impacts, f.impact, events, [](auto v) { return Event{FormChoice{.impact = v}}; });
            errors_for(form, "impact");
            gap();
        }
        ui::heading(tr("form.environment"), 2);
        static constexpr core::Environment environments[] = {core::Environment::production, core::Environment::sandbox};
        choices("environment", environments, f.environment, events, [](auto v) { return Event{FormChoice{.environment = v}}; });
        errors_for(form, "environment");
        ui::heading(tr("form.experience"), 2);
        static constexpr core::Experience levels[] = {core::Experience::beginner, core::Experience::intermediate,
                                                      core::Experience::advanced};
        choices("experience", levels, f.experience, events, [](auto v) { return Event{FormChoice{.experience = v}}; });
        errors_for(form, "experience");
        gap();
        if (auto text = ui::text_field(tr("form.agency").c_str(), f.agency, {.width_em = 28}))
            events.push_back(FormFieldChanged{FormField::agency, *text});
        errors_for(form, "agency");
        if (auto text = ui::text_field(tr("form.cc").c_str(), form.cc_text, {.input_type = "email", .width_em = 28}))
            events.push_back(FormFieldChanged{FormField::cc, *text});
        errors_for(form, "cc");
        gap();
        draw_attachments(state, events);
    }
    gap(0.6f);
    if (form.submitting) {
        ImGui::BeginDisabled();
        ui::button(tr("form.submit").c_str());
        ImGui::EndDisabled();
        ImGui::SameLine();
        ui::muted_text(tr("form.sending"));
    } else if (ui::button(tr("form.submit").c_str())) {
        events.push_back(SubmitClicked{});
    }
    if (!form.submit_error.empty()) ui::field_error(tr(form.submit_error));
    if (form.draft_unsaved) ui::field_error(tr("form.draft_unsaved"));
    ImGui::PopTextWrapPos();

    ImGui::TableSetColumnIndex(1);
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + 30 * em);
    // Suggestions stand beside the form, not in it: they appear while typing and must not move the
    // fields under the pointer.
    if (f.kind != core::RequestKind::financial && !form.suggestions.empty() && core::utf8_length(f.title) >= 3 && state.region) {
        ui::muted_text(tr("form.suggestions"));
        for (const core::ArticleView& view : core::articles_for(state.help, *state.region, state.lang)) {
            if (std::find(form.suggestions.begin(), form.suggestions.end(), view.article->id) == form.suggestions.end())
                continue;
            if (ui::link(view.title, view.url)) events.push_back(ArticleOpened{std::string(view.url)});
        }
        ImGui::Dummy(ImVec2(0, 0.5f * em));
    }
    draw_sla_preview(state, core::answers_of(f));
    ImGui::PopTextWrapPos();
    ImGui::EndTable();
}

}  // namespace app
