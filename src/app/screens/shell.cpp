// The app shell, the same on every screen: a top bar with the product mark and name, the sections as
// tabs, the account switcher (more than one account) and the user menu (initials → language and Sign
// out). Signed out, the bar holds the product, the language and Sign in. On a phone the tabs take a
// row of their own with short labels, so nothing is cut off at 320 px.
#include <algorithm>
#include <cmath>
#include <functional>
#include <vector>

#include "app/i18n.hpp"
#include "app/screens/screens.hpp"
#include "app/ui/controls.hpp"
#include "app/ui/fonts.hpp"
#include "app/ui/items.hpp"
#include "app/ui/layout.hpp"
#include "app/ui/widgets.hpp"
#include "imgui.h"

namespace app {

namespace {

const ui::Colours& colours() { return ui::theme().colour; }

// The mark: a rounded accent square with the product's letter, drawn with shapes; then the name.
void draw_product(bool show_name) {
    const float size = ui::px(28);
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(size, size));
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(pos, ImVec2(pos.x + size, pos.y + size), colours().accent, ui::px(ui::theme().radius.small_px + 2));
    ui::push_type(ui::Type::action);
    const std::string& letter = tr("shell.mark");
    const ImVec2 letters = ImGui::CalcTextSize(letter.c_str());
    draw->AddText(ImVec2(std::round(pos.x + (size - letters.x) / 2), std::round(pos.y + (size - letters.y) / 2)),
                  colours().on_accent, letter.c_str());
    ui::pop_type();
    if (!show_name) return;
    ImGui::SameLine(0, ui::space(2));
    const float line = ui::line_height(ui::Type::display3);
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + (size - line) / 2);
    ui::styled_text(tr("shell.product"), ui::Type::display3);
}

// The sections. `short_labels`: the phone's (the accessible name stays the whole section's name, which
// contains the short one).
void draw_tabs(const AppState& state, std::vector<Event>& events, bool short_labels, float width) {
    struct Section {
        const char* key;
        const char* short_key;
        bool selected;
        Event event;
    };
    const Section sections[] = {
        {"nav.help_center", "nav.short.help_center", state.screen == Screen::help_center, HomeOpened{}},
        {"nav.new_ticket", "nav.short.new_ticket", state.screen == Screen::new_ticket, NewTicketOpened{}},
        {"nav.my_requests", "nav.short.my_requests", state.screen == Screen::my_requests || state.screen == Screen::ticket,
         MyRequestsOpened{}},
    };
    if (!short_labels) {
        // The full labels in a row; where they do not fit the room left beside the bar's other controls
        // (long words, a wide account switcher), the short ones share it in thirds instead.
        float needed = 2 * ui::space(1);
        ui::push_type(ui::Type::action);
        for (const Section& s : sections) needed += ImGui::CalcTextSize(tr(s.key).c_str()).x + 2 * ui::space(3);
        ui::pop_type();
        short_labels = needed > width;
    }
    const float start = ImGui::GetCursorPosX();
    for (size_t i = 0; i < std::size(sections); ++i) {
        const Section& s = sections[i];
        if (short_labels) {
            // Each an equal share of the row, its label centred in it.
            ImGui::SetCursorPosX(start + width * static_cast<float>(i) / 3);
            const std::string& shown = tr(s.short_key);
            const float label_width = ImGui::CalcTextSize(shown.c_str()).x + 2 * ui::space(3);
            ImGui::SetCursorPosX(ImGui::GetCursorPosX() + std::max(0.0f, (width / 3 - label_width) / 2));
            const std::string label = shown + "##" + s.key;
            if (ui::tab(label.c_str(), s.selected, tr("shell.nav"))) events.push_back(s.event);
            if (ui::ItemCollector* items = ui::current_collector())
                if (ui::Item* item = items->added(ImGui::GetItemID())) item->label = tr(s.key);
        } else if (ui::tab(tr(s.key).c_str(), s.selected, tr("shell.nav"))) {
            events.push_back(s.event);
        }
        if (i + 1 < std::size(sections)) ImGui::SameLine(0, short_labels ? 0 : ui::space(1));
    }
}

std::string account_label(const Account& account) { return account.name + " \xC2\xB7 " + region_label(account.region); }

}  // namespace

void draw_top_bar(const AppState& state, std::vector<Event>& events) {
    const ui::Width width = ui::current_width();
    const bool narrow = width == ui::Width::narrow;
    const bool signed_in = state.session.status == SessionStatus::signed_in;
    const float bar = ui::px(ui::theme().layout.top_bar_px);
    const float full = ImGui::GetWindowWidth();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(ImVec2(origin.x, origin.y), ImVec2(origin.x + full, origin.y + bar), colours().surface);
    draw->AddRectFilled(ImVec2(origin.x, origin.y + bar - ui::px(1)), ImVec2(origin.x + full, origin.y + bar), colours().border);

    const float margin = ui::px(narrow ? 16 : 24);
    const float middle = origin.y + (bar - ui::px(28)) / 2;
    ImGui::SetCursorScreenPos(ImVec2(origin.x + margin, middle));
    // On the narrowest phones the name gives way to the actions at the right.
    draw_product(full >= ui::px(360) || !signed_in);
    float left_end = ImGui::GetItemRectMax().x + ui::space(6);

    // The right side, measured first so the tabs know their room, from the right edge leftwards; its
    // controls are drawn afterwards from left to right, so that Tab and reading go in visual order.
    float right = origin.x + full - margin;
    std::vector<std::function<void()>> right_side;  // right to left
    const float control = ui::control_height();
    const float control_y = origin.y + (bar - control) / 2;
    if (signed_in) {
        const float avatar = std::max(ui::px(32), ui::touch() ? control : 0.0f);
        right -= avatar;
        right_side.push_back([&state, &events, avatar, spot = ImVec2(right, origin.y + (bar - avatar) / 2)] {
            ImGui::SetCursorScreenPos(spot);
            const std::string who = state.session.name.empty() ? state.session.email : state.session.name;
            const std::string menu = tr("shell.user_menu", {{"name", who}}) + "##user";
            ImGui::PushID("user");
            const ImVec2 at = ImGui::GetCursorScreenPos();
            ui::avatar(ui::initials(who), ui::Tone::accent, avatar / ui::px(1));
            ImGui::SetCursorScreenPos(at);
            const bool open = state.menu == Menu::user;
            if (ImGui::InvisibleButton(menu.c_str(), ImVec2(avatar, avatar))) events.push_back(MenuToggled{Menu::user});
            if (ui::ItemCollector* items = ui::current_collector())
                if (ui::Item* item = items->added(ImGui::GetItemID())) {
                    item->role = ui::Role::button;
                    item->label = ui::visible_label(menu.c_str());
                    item->toggle = true;
                    item->checked = open;
                }
            if (ImGui::IsItemHovered()) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
            ImGui::PopID();
        });
        const Account* chosen = chosen_account(state);
        if (state.session.accounts.size() > 1 && chosen && !narrow) {
            const std::string label = account_label(*chosen) + "##accounts";
            const float w = ui::button_width(label.c_str(), {.icon = ui::Icon::chevron_down, .icon_after = true});
            right -= ui::space(4) + w;
            if (right > left_end) right_side.push_back([&events, label, chosen, at = ImVec2(right, control_y)] {
                ImGui::SetCursorScreenPos(at);
                if (ui::button(label.c_str(), ui::ButtonKind::tertiary, {.icon = ui::Icon::chevron_down, .icon_after = true}))
                    events.push_back(MenuToggled{Menu::accounts});
                if (ui::ItemCollector* items = ui::current_collector())
                    if (ui::Item* item = items->added(ImGui::GetItemID()))
                        item->label = tr("shell.account_switch", {{"account", account_label(*chosen)}});
            });
        }
        if (!narrow) {
            ImGui::SetCursorScreenPos(ImVec2(left_end, origin.y + (bar - std::max(control, ui::px(40))) / 2));
            draw_tabs(state, events, false, right - left_end);
        }
    } else if (state.session.status == SessionStatus::signed_out && state.screen != Screen::sign_in) {
        const std::string& sign_in = tr("session.sign_in");
        const float w = ui::button_width(sign_in.c_str());
        right -= w;
        right_side.push_back([&events, &sign_in, at = ImVec2(right, control_y)] {
            ImGui::SetCursorScreenPos(at);
            if (ui::button(sign_in.c_str(), ui::ButtonKind::primary)) events.push_back(SignInOpened{});
        });
    }
    if (!signed_in && !state.host_language && !narrow) {
        // Signed out on a wider screen, the three languages stand in the bar itself.
        static constexpr const char* langs[] = {"pt", "es", "en"};  // right to left
        for (const char* lang : langs) {
            const std::string& name = tr(std::string("language.") + lang);
            const float w = ui::button_width(name.c_str());
            if (right - ui::space(1) - w <= left_end) break;
            right -= ui::space(1) + w;
            right_side.push_back([&state, &events, &name, lang, at = ImVec2(right, control_y)] {
                ImGui::SetCursorScreenPos(at);
                ImGui::PushID(lang);
                if (ui::toggle_button(name.c_str(), state.lang == lang, lang)) events.push_back(LanguagePicked{lang});
                ImGui::PopID();
            });
        }
    } else if (!signed_in && !state.host_language) {
        // Signed out on a phone, the language stays within reach behind one button.
        const std::string label = tr("shell.language") + ": " + tr("language." + state.lang) + "##language";
        const float w = ui::button_width(label.c_str(), {.icon = ui::Icon::chevron_down, .icon_after = true});
        if (right - ui::space(2) - w > left_end) {
            right -= ui::space(2) + w;
            right_side.push_back([&events, label, at = ImVec2(right, control_y)] {
                ImGui::SetCursorScreenPos(at);
                if (ui::button(label.c_str(), ui::ButtonKind::tertiary, {.icon = ui::Icon::chevron_down, .icon_after = true}))
                    events.push_back(MenuToggled{Menu::language});
            });
        } else {
            right_side.push_back([&events, label, at = ImVec2(right - control, control_y)] {
                ImGui::SetCursorScreenPos(at);
                if (ui::icon_button(label.c_str(), ui::Icon::menu)) events.push_back(MenuToggled{Menu::language});
            });
        }
    }
    for (auto draw_control = right_side.rbegin(); draw_control != right_side.rend(); ++draw_control) (*draw_control)();
    ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + bar));
    if (signed_in && narrow) {
        // The phone's second row: the three sections, each a third of the width.
        const float row = std::max(control, ui::px(44));
        const ImVec2 at = ImGui::GetCursorScreenPos();
        draw->AddRectFilled(at, ImVec2(at.x + full, at.y + row), colours().surface);
        draw->AddRectFilled(ImVec2(at.x, at.y + row - ui::px(1)), ImVec2(at.x + full, at.y + row), colours().border);
        ImGui::SetCursorScreenPos(ImVec2(at.x + ui::space(2), at.y + (row - std::max(control, ui::px(40))) / 2));
        draw_tabs(state, events, true, full - 2 * ui::space(2));
        ImGui::SetCursorScreenPos(ImVec2(at.x, at.y + row));
    }
    ImGui::Dummy(ImVec2(0, ui::space(narrow ? 4 : 6)));
}

// The open menu, under the bar at the right of the column (the column's width on a phone).
void draw_menu(const AppState& state, std::vector<Event>& events) {
    if (state.menu == Menu::none) return;
    const bool narrow = ui::current_width() == ui::Width::narrow;
    const float avail = ImGui::GetContentRegionAvail().x;
    const float width = narrow ? avail : std::min(avail, ui::px(320));
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + avail - width);
    ui::begin_card("##menu", {.width_px = width / ui::px(1), .padding_px = 16});
    if (state.menu == Menu::accounts || (state.menu == Menu::user && narrow && state.session.accounts.size() > 1)) {
        ui::styled_text(tr("session.account"), ui::Type::emphasis);
        for (const Account& account : state.session.accounts) {
            const std::string label = account_label(account);
            if (ui::radio(label.c_str(), "account", account.id == state.session.account_id))
                events.push_back(AccountChosen{account.id});
        }
    }
    if (state.menu == Menu::user) {
        ui::styled_text(state.session.name.empty() ? state.session.email : state.session.name, ui::Type::emphasis);
        if (!state.session.name.empty()) ui::styled_text(state.session.email, ui::Type::caption, colours().text_soft);
    }
    if ((state.menu == Menu::user || state.menu == Menu::language) && !state.host_language) {
        ImGui::Dummy(ImVec2(0, ui::space(1)));
        draw_language_picker(state, events);
    }
    if (state.menu == Menu::user) {
        ImGui::Dummy(ImVec2(0, ui::space(1)));
        if (ui::button(tr("session.sign_out").c_str(), ui::ButtonKind::secondary, {.width_px = -1}))
            events.push_back(SignOutClicked{});
    }
    ui::end_card();
    ImGui::Dummy(ImVec2(0, ui::space(3)));
}

// The three languages, each named in itself (a segmented choice labelled "Language").
void draw_language_picker(const AppState& state, std::vector<Event>& events) {
    static constexpr const char* langs[] = {"en", "es", "pt"};
    ui::styled_text(tr("shell.language"), ui::Type::emphasis);
    for (size_t i = 0; i < std::size(langs); ++i) {
        ImGui::PushID(langs[i]);
        const std::string& name = tr(std::string("language.") + langs[i]);
        if (ui::toggle_button(name.c_str(), state.lang == langs[i], langs[i])) events.push_back(LanguagePicked{langs[i]});
        ImGui::PopID();
        if (i + 1 < std::size(langs)) ImGui::SameLine(0, ui::space(1));
    }
}

}  // namespace app
