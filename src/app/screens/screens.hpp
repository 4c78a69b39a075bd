#pragma once
// Screens draw a const AppState with Dear ImGui and report what the user did as Events.
#include <vector>

#include "app/event.hpp"
#include "app/state.hpp"

namespace app {

// Draws the whole portal for one frame inside the current ImGui frame (fills the display).
void draw(const AppState& state, std::vector<Event>& events);

void draw_help_center(const AppState& state, std::vector<Event>& events);
void draw_answers(const AppState& state, std::vector<Event>& events);
void draw_sla_preview(const AppState& state, const core::Answers& answers);
void draw_nav(const AppState& state, std::vector<Event>& events);
void draw_language_picker(const AppState& state, std::vector<Event>& events);
void draw_ticket_form(const AppState& state, std::vector<Event>& events);
void draw_my_requests(const AppState& state, std::vector<Event>& events);
void draw_ticket(const AppState& state, std::vector<Event>& events);
// Why the signed-in user cannot open tickets on `account`, and who can grant the missing resource.
void draw_missing_resource(const AppState& state, const Account& account);
// An instant in the user's own time zone, in the portal's language ("Fri, Nov 27, 14:00").
std::string user_time(const AppState& state, core::UtcSeconds instant);
// A region's name in the portal's language ("Brasil").
const std::string& region_label(core::RegionId region);
void draw_sign_in(const AppState& state, std::vector<Event>& events);
void draw_session_bar(const AppState& state, std::vector<Event>& events);
// "Account" and a button per account of the signed-in user, the chosen one pressed.
void draw_account_buttons(const AppState& state, std::vector<Event>& events);

}  // namespace app
