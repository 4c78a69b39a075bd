// The sign-in screen (email code; password with an authenticator app or a text message), the session's
// notices on the home screen and the License Manager alert.
#include "app/i18n.hpp"
#include "app/screens/screens.hpp"
#include "app/ui/controls.hpp"
#include "app/ui/text_area.hpp"
#include "app/ui/widgets.hpp"
#include "imgui.h"

namespace app {

namespace {

// Enter in the field submits its step (`submit`), as in a web form, unless the flow is busy.
void field(const std::string& label, const std::string& value, SignInField which, const ui::TextFieldOptions& options,
           std::vector<Event>& events, const core::SignInFlow& flow, Event submit) {
    if (auto text = ui::text_field(label.c_str(), value, options)) events.push_back(SignInFieldChanged{which, *text});
    if (ui::field_submitted() && !flow.busy()) events.push_back(std::move(submit));
}

void busy_or(const core::SignInFlow& flow, const std::string& label, Event event, std::vector<Event>& events) {
    ImGui::BeginDisabled(flow.busy());
    if (ui::button(label.c_str())) events.push_back(std::move(event));
    ImGui::EndDisabled();
    if (flow.busy()) {
        ImGui::SameLine();
        ui::muted_text(tr("common.please_wait"));
    }
}

}  // namespace

void draw_sign_in(const AppState& state, std::vector<Event>& events) {
    const core::SignInFlow& flow = state.sign_in;
    const float em = ui::em();
    if (ui::button(tr("common.back").c_str(), ui::ButtonKind::tertiary)) events.push_back(HomeOpened{});
    ImGui::Dummy(ImVec2(0, 0.5f * em));
    ui::page_header(tr("sign_in.title"), tr("sign_in.intro"));
    ImGui::Dummy(ImVec2(0, 0.5f * em));
    busy_or(flow, tr("sign_in.google"), GoogleClicked{}, events);
    if (flow.step == core::SignInStep::google && flow.popup_path) {
        ImGui::SameLine();
        if (ui::button(tr("sign_in.google_reopen").c_str())) events.push_back(GoogleWindowReopened{});
    }
    ImGui::Dummy(ImVec2(0, 0.25f * em));
    ui::muted_text(tr("sign_in.or_email"));
    if (ui::toggle_button(tr("sign_in.method.email_code").c_str(), flow.method == core::SignInMethod::email_code))
        events.push_back(SignInMethodChosen{core::SignInMethod::email_code});
    // Side by side where both fit the line, else the second goes below the first (long words, a narrow phone).
    const float password_width = ui::button_width(tr("sign_in.method.password").c_str());
    if (ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x + password_width <=
        ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x)
        ImGui::SameLine();
    if (ui::toggle_button(tr("sign_in.method.password").c_str(), flow.method == core::SignInMethod::password))
        events.push_back(SignInMethodChosen{core::SignInMethod::password});
    ImGui::Dummy(ImVec2(0, 0.5f * em));

    const ui::TextFieldOptions email_options{.input_type = "email", .autocomplete = "username"};
    const ui::TextFieldOptions code_options{.input_type = "text", .autocomplete = "one-time-code", .width_em = 8};
    if (flow.method == core::SignInMethod::email_code) {
        field(tr("sign_in.email"), flow.email, SignInField::email, email_options, events, flow, SendCodeClicked{});
        busy_or(flow, tr(flow.step == core::SignInStep::code ? "sign_in.send_new_code" : "sign_in.send_code"), SendCodeClicked{},
                events);
        if (flow.step == core::SignInStep::code) {
            ImGui::Dummy(ImVec2(0, 0.25f * em));
            field(tr("sign_in.code"), flow.code, SignInField::code, code_options, events, flow, VerifyCodeClicked{});
            busy_or(flow, tr("sign_in.verify"), VerifyCodeClicked{}, events);
        }
    } else if (flow.step != core::SignInStep::factor) {
        field(tr("sign_in.email"), flow.email, SignInField::email, email_options, events, flow, PasswordSubmitted{});
        field(tr("sign_in.password"), flow.password, SignInField::password,
              ui::TextFieldOptions{.input_type = "password", .autocomplete = "current-password"}, events, flow,
              PasswordSubmitted{});
        busy_or(flow, tr("sign_in.submit"), PasswordSubmitted{}, events);
    } else {
        ui::text(tr("sign_in.second_factor"));
        for (core::Factor f : flow.factors) {
            const std::string& label = tr(f == core::Factor::totp ? "sign_in.factor.totp" : "sign_in.factor.sms");
            if (ui::toggle_button(label.c_str(), flow.factor == f)) events.push_back(FactorChosen{f});
            ImGui::SameLine();
        }
        ImGui::NewLine();
        field(tr("sign_in.code"), flow.code, SignInField::code, code_options, events, flow, VerifyFactorClicked{});
        busy_or(flow, tr("sign_in.verify"), VerifyFactorClicked{}, events);
        if (flow.factor == core::Factor::sms && flow.sms_sent) {
            ImGui::SameLine();
            if (ui::button(tr("sign_in.send_new_text").c_str())) events.push_back(FactorChosen{core::Factor::sms});
        }
    }
    ImGui::Dummy(ImVec2(0, 0.25f * em));
    if (!flow.error.empty()) ui::strong_text(tr(flow.error), ui::Role::status, ui::theme().colour.critical);
    else if (!flow.notice.empty()) ui::text(tr(flow.notice), ui::Role::status);
}

void draw_missing_resource(const AppState& state, const Account& account) {
    const core::LicenseResource& needed = state.session.ticket_resource;
    ui::alert(ui::Tone::warning, tr("access.missing.title", {{"account", account.name}}),
              tr("access.missing.what", {{"resource", needed.resource}, {"product", needed.product}}) + "\n\n" +
                  tr("access.missing.who", {{"account", account.id}}));
}

void draw_session_notices(const AppState& state) {
    const Session& session = state.session;
    switch (session.status) {
        case SessionStatus::checking: ui::muted_text(tr("session.checking")); break;
        case SessionStatus::signed_out:
            if (!session.error.empty()) ui::alert(ui::Tone::critical, {}, tr(session.error));
            break;
        case SessionStatus::signed_in:
            if (session.accounts.empty()) ui::alert(ui::Tone::info, {}, tr("session.no_account"));
            break;
    }
}

}  // namespace app
