// The sign-in screen (email code; password with an authenticator app or a text message) and the session
// bar and License Manager notice on the home screen.
#include "app/screens/screens.hpp"
#include "app/ui/widgets.hpp"
#include "imgui.h"

namespace app {

namespace {

void field(const char* label, const std::string& value, SignInField which, const ui::TextFieldOptions& options,
           std::vector<Event>& events) {
    if (auto text = ui::text_field(label, value, options)) events.push_back(SignInFieldChanged{which, *text});
}

void busy_or(const core::SignInFlow& flow, const char* label, Event event, std::vector<Event>& events) {
    ImGui::BeginDisabled(flow.busy());
    if (ui::button(label)) events.push_back(std::move(event));
    ImGui::EndDisabled();
    if (flow.busy()) {
        ImGui::SameLine();
        ui::muted_text("Please wait\xE2\x80\xA6");
    }
}

}  // namespace

void draw_sign_in(const AppState& state, std::vector<Event>& events) {
    const core::SignInFlow& flow = state.sign_in;
    const float em = ui::em();
    if (ui::button("Back")) events.push_back(HomeOpened{});
    ImGui::Dummy(ImVec2(0, 0.5f * em));
    ui::heading("Sign in to VTEX Support", 1);
    ui::muted_text("Use the email registered on your store.");
    ImGui::Dummy(ImVec2(0, 0.5f * em));
    busy_or(flow, "Continue with Google", GoogleClicked{}, events);
    if (flow.step == core::SignInStep::google && flow.popup_path) {
        ImGui::SameLine();
        if (ui::button("Open the Google window")) events.push_back(GoogleWindowReopened{});
    }
    ImGui::Dummy(ImVec2(0, 0.25f * em));
    ui::muted_text("Or sign in with your store email:");
    if (ui::toggle_button("With an email code", flow.method == core::SignInMethod::email_code))
        events.push_back(SignInMethodChosen{core::SignInMethod::email_code});
    ImGui::SameLine();
    if (ui::toggle_button("With a password", flow.method == core::SignInMethod::password))
        events.push_back(SignInMethodChosen{core::SignInMethod::password});
    ImGui::Dummy(ImVec2(0, 0.5f * em));

    const ui::TextFieldOptions email_options{.input_type = "email", .autocomplete = "username"};
    const ui::TextFieldOptions code_options{.input_type = "text", .autocomplete = "one-time-code", .width_em = 8};
    if (flow.method == core::SignInMethod::email_code) {
        field("Email", flow.email, SignInField::email, email_options, events);
        busy_or(flow, flow.step == core::SignInStep::code ? "Send a new code" : "Send code", SendCodeClicked{}, events);
        if (flow.step == core::SignInStep::code) {
            ImGui::Dummy(ImVec2(0, 0.25f * em));
            field("Code", flow.code, SignInField::code, code_options, events);
            busy_or(flow, "Verify", VerifyCodeClicked{}, events);
        }
    } else if (flow.step != core::SignInStep::factor) {
        field("Email", flow.email, SignInField::email, email_options, events);
        field("Password", flow.password, SignInField::password,
              ui::TextFieldOptions{.input_type = "password", .autocomplete = "current-password"}, events);
        busy_or(flow, "Sign in", PasswordSubmitted{}, events);
    } else {
        ui::text("Confirm it is you with a second factor.");
        for (core::Factor f : flow.factors) {
            const char* label = f == core::Factor::totp ? "Authenticator app" : "Text message (SMS)";
            if (ui::toggle_button(label, flow.factor == f)) events.push_back(FactorChosen{f});
            ImGui::SameLine();
        }
        ImGui::NewLine();
        field("Code", flow.code, SignInField::code, code_options, events);
        busy_or(flow, "Verify", VerifyFactorClicked{}, events);
        if (flow.factor == core::Factor::sms && flow.sms_sent) {
            ImGui::SameLine();
            if (ui::button("Send a new text")) events.push_back(FactorChosen{core::Factor::sms});
        }
    }
    ImGui::Dummy(ImVec2(0, 0.25f * em));
    if (!flow.error.empty()) ui::strong_text(flow.error, ui::Role::status, ui::palette().error);
    else if (!flow.notice.empty()) ui::text(flow.notice, ui::Role::status);
}

void draw_missing_resource(const Account& account) {
    ImGui::Dummy(ImVec2(0, 0.25f * ui::em()));
    ui::heading("You cannot open tickets for " + account.name + " yet", 2);
    ui::text("Opening tickets on Brazil accounts needs the License Manager resource \"Open Support Ticket\" "
             "(product \"VTEX - Support\") through one of your roles on this account.",
             ui::Role::status);
    ui::text("Who can grant it: a user with the role \"Owner (Admin Super)\" or \"User Administrator - "
             "Restricted\" on " + account.id + ", in the Admin under Account settings > User roles.");
}

void draw_session_bar(const AppState& state, std::vector<Event>& events) {
    const Session& session = state.session;
    switch (session.status) {
        case SessionStatus::checking: ui::muted_text("Checking your sign-in\xE2\x80\xA6"); break;
        case SessionStatus::signed_out:
            if (ui::button("Sign in")) events.push_back(SignInOpened{});
            ImGui::SameLine();
            ui::muted_text("Sign in to open and follow tickets.");
            if (!session.error.empty()) ui::text(session.error, ui::Role::status);
            break;
        case SessionStatus::signed_in: {
            ui::text("Signed in as " + session.email);
            ImGui::SameLine();
            if (ui::button("Sign out")) events.push_back(SignOutClicked{});
            if (session.accounts.empty()) {
                ui::text("Your user is on no store account yet. Ask your store's administrator to add you.", ui::Role::status);
                break;
            }
            ui::text("Account");
            for (const Account& account : session.accounts) {
                std::string label = account.name + " (" + std::string(core::region_name(account.region)) + ")";
                if (ui::toggle_button(label.c_str(), account.id == session.account_id))
                    events.push_back(AccountChosen{account.id});
                ImGui::SameLine();
            }
            ImGui::NewLine();
            const Account* account = chosen_account(state);
            if (account && !account->can_open_tickets) draw_missing_resource(*account);
            break;
        }
    }
}

}  // namespace app
