#include "headless_ui.hpp"

#include <algorithm>

#include "app/ui/fonts.hpp"
#include "app/ui/style.hpp"
#include "app/ui/imgui_internals.hpp"
#include "app/frame.hpp"
#include "app/screens/screens.hpp"
#include "app/update.hpp"
#include "core/i18n.hpp"
#include "imgui.h"

HeadlessUi::HeadlessUi(app::AppState initial) : state(std::move(initial)) {
    context = ImGui::CreateContext();
    ImGui::SetCurrentContext(context);
    collector.attach(context);
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.LogFilename = nullptr;
    io.DisplaySize = ImVec2(1280, 800);
    io.DeltaTime = 1.0f / 60.0f;
    ui::load_fonts(1.0f);
    unsigned char* pixels = nullptr;
    int width = 0, height = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &width, &height);  // the atlas exists; no renderer needed
    ui::apply_style();
    frame();
}

HeadlessUi::~HeadlessUi() { ImGui::DestroyContext(context); }

void HeadlessUi::frame() {
    ImGui::SetCurrentContext(context);
    if (pending_activation) {
        ui::internals::activate_item(*pending_activation);
        pending_activation.reset();
    }
    for (app::Effect& effect : app::run_frame(state, collector).effects) effects.push_back(std::move(effect));
}

void HeadlessUi::frames(int count) {
    for (int i = 0; i < count; ++i) frame();
}

const ui::Item* HeadlessUi::find(std::string_view label, std::optional<ui::Role> role) const {
    for (const ui::Item& item : items())
        if (item.label == label && (!role || item.role == *role)) return &item;
    return nullptr;
}

bool HeadlessUi::click(std::string_view label, std::optional<ui::Role> role) {
    const ui::Item* item = find(label, role);
    if (!item) return false;
    click_once(*item);
    frame();
    return true;
}

void HeadlessUi::click_once(const ui::Item& target) {
    // Like a browser test's click: scroll the item into view first, then press at its centre.
    ui::Item item = target;
    const auto& scroll = collector.scroll();
    if (item.y < scroll.y || item.y + item.h > scroll.y + scroll.view_height) {
        collector.request_scroll(std::max(0.0f, item.y - scroll.view_height / 3));
        frames(2);
        for (const ui::Item& now : items())
            if (now.id == target.id) item = now;
    }
    ImVec2 centre(item.x + item.w / 2, item.y - collector.scroll().y + item.h / 2);
    ImGuiIO& io = ImGui::GetIO();
    io.AddMousePosEvent(centre.x, centre.y);
    frame();  // the hovered window follows the position one frame later
    frame();
    io.AddMouseButtonEvent(0, true);
    frame();
    io.AddMouseButtonEvent(0, false);
    frame();
}

bool HeadlessUi::activate(std::string_view label, std::optional<ui::Role> role) {
    const ui::Item* item = find(label, role);
    if (!item) return false;
    pending_activation = item->id;
    frames(2);
    return true;
}

bool HeadlessUi::type(std::string_view label, std::string_view text) {
    const ui::Item* item = find(label, ui::Role::textbox);
    if (!item) return false;
    int end = static_cast<int>(text.size());
    collector.set_external_text(item->id, ui::ExternalText{std::string(text), end, end});
    frames(2);
    return true;
}

bool HeadlessUi::submit(std::string_view label) {
    const ui::Item* item = find(label, ui::Role::textbox);
    if (!item) return false;
    collector.request_submit(item->id);
    frames(2);
    return true;
}

void HeadlessUi::press_key(int imgui_key, bool ctrl) {
    ImGuiIO& io = ImGui::GetIO();
    if (ctrl) io.AddKeyEvent(ImGuiMod_Ctrl, true);
    io.AddKeyEvent(static_cast<ImGuiKey>(imgui_key), true);
    io.AddKeyEvent(static_cast<ImGuiKey>(imgui_key), false);
    if (ctrl) io.AddKeyEvent(ImGuiMod_Ctrl, false);
    frames(6);  // Dear ImGui applies queued input one change per frame
}

bool HeadlessUi::open_user_menu() {
    if (state.menu == app::Menu::user) return true;
    const std::string prefix = core::translate(state.lang, "shell.user_menu", {{"name", ""}});
    for (const ui::Item& item : items())
        if (item.role == ui::Role::button && item.label.rfind(prefix, 0) == 0) {
            click_once(item);
            frame();
            return state.menu == app::Menu::user;
        }
    return false;
}

bool HeadlessUi::pick_language(std::string_view name) {
    if (!has(name, ui::Role::button) && state.session.status == app::SessionStatus::signed_in) open_user_menu();
    return click(name, ui::Role::button);
}
