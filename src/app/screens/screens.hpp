#pragma once
// Screens draw a const AppState with Dear ImGui and report what the user did as Events.
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "app/i18n.hpp"
#include "imgui.h"

#include "app/event.hpp"
#include "app/state.hpp"

namespace app {

// Draws the whole portal for one frame inside the current ImGui frame (fills the display).
void draw(const AppState& state, std::vector<Event>& events);

void draw_help_center(const AppState& state, std::vector<Event>& events);
// A few short choices: a segmented control when they fit on the line, else a radio per line. Returns
// the index chosen this frame, or -1.
int choice_row(const char* group, std::span<const std::string> labels, int selected);
// choice_row over an enum's values, labelled "<group>.<value>" in the catalog: the value chosen.
template <class Enum, size_t N>
std::optional<Enum> choose(const char* group, const Enum (&values)[N], std::optional<Enum> chosen) {
    std::string labels[N];
    int selected = -1;
    for (size_t i = 0; i < N; ++i) {
        labels[i] = label_of(std::string(group) + ".", values[i]);
        if (chosen == values[i]) selected = static_cast<int>(i);
    }
    const int picked = choice_row(group, labels, selected);
    if (picked < 0) return std::nullopt;
    return values[static_cast<size_t>(picked)];
}
void draw_answers(const AppState& state, std::vector<Event>& events);
void draw_sla_preview(const AppState& state, const core::Answers& answers);
// The shell (shell.cpp): the top bar on every screen, the menu it opened, the language choice.
void draw_top_bar(const AppState& state, std::vector<Event>& events);
void draw_menu(const AppState& state, std::vector<Event>& events);
void draw_language_picker(const AppState& state, std::vector<Event>& events);
void draw_ticket_form(const AppState& state, std::vector<Event>& events);
// The form's priority and deadline (form_panel.cpp): beside it at `at` (window coordinates), `width`
// wide, sticky above `form_bottom`; or, on a phone, a bar at the bottom of the view drawn before the
// form (it returns its height).
void draw_side_panel(const AppState& state, std::vector<Event>& events, ImVec2 at, float width, float form_bottom);
float draw_priority_bar(const AppState& state, std::vector<Event>& events);
void draw_my_requests(const AppState& state, std::vector<Event>& events);
void draw_ticket(const AppState& state, std::vector<Event>& events);
// One message of a thread (thread_messages.cpp): who wrote it, as what, when, its words and files.
struct Message {
    std::string id, author;
    core::CommentRole role = core::CommentRole::requester;
    std::string_view body;
    core::UtcSeconds at = 0;
    std::span<const core::StoredAttachment> files;
};
void draw_message(const AppState& state, const Message& message, std::vector<Event>& events);
// A message's words: every message of a thread is drawn through here (wrapping, selection, links).
void draw_message_body(std::string_view body);
// Why the signed-in user cannot open tickets on `account`, and who can grant the missing resource.
void draw_missing_resource(const AppState& state, const Account& account);
// An instant in the user's own time zone, in the portal's language ("Fri, Nov 27, 14:00").
std::string user_time(const AppState& state, core::UtcSeconds instant);
// A region's name in the portal's language ("Brasil").
const std::string& region_label(core::RegionId region);
void draw_sign_in(const AppState& state, std::vector<Event>& events);
// What the session says on the Help Center: checking, why it could not be checked, no account yet.
void draw_session_notices(const AppState& state);

}  // namespace app
