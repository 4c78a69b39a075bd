#pragma once
// Dear ImGui without a renderer: the portal's screens drawn into an item list, driven by injected
// pointer and text input, with the Effects app::update asks for. "Click the item labelled X, expect Y".
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/event.hpp"
#include "app/state.hpp"
#include "app/ui/items.hpp"

struct ImGuiContext;

class HeadlessUi {
public:
    explicit HeadlessUi(app::AppState initial = app::initial_state());
    ~HeadlessUi();
    HeadlessUi(const HeadlessUi&) = delete;
    HeadlessUi& operator=(const HeadlessUi&) = delete;

    // Draws one frame, then applies its events through app::update; effects accumulate in `effects`.
    void frame();
    void frames(int count);

    const std::vector<ui::Item>& items() const { return collector.items(); }
    const ui::ItemCollector& item_collector() const { return collector; }
    // The visible item with this label (and role, if given); nullptr when there is none.
    const ui::Item* find(std::string_view label, std::optional<ui::Role> role = std::nullopt) const;
    bool has(std::string_view label, std::optional<ui::Role> role = std::nullopt) const { return find(label, role); }

    // A person's click: move over the item's centre, press, release (one input change per frame).
    // Returns false when no visible item has that label.
    bool click(std::string_view label, std::optional<ui::Role> role = std::nullopt);
    // Press and release over the item, and stop at the frame that sees the release: what changed must
    // already show in that frame.
    void click_once(const ui::Item& item);
    // What the page does for a keyboard or screen-reader activation of a mirror element.
    bool activate(std::string_view label, std::optional<ui::Role> role = std::nullopt);
    // Opens the shell's user menu (the initials at the top right) when signed in: the language choice and
    // Sign out are there. False when there is no such button.
    bool open_user_menu();
    // Picks a language as a reader does: in the top bar when signed out, in the user menu when signed in.
    bool pick_language(std::string_view name);
    // What the page does when its mirror input's text changes.
    bool type(std::string_view label, std::string_view text);
    // What the page does on Enter (Ctrl+Enter in a textarea) in its copy of the field.
    bool submit(std::string_view label);
    // The field's editor on the canvas: click it, then keys as Dear ImGui gets them from SDL.
    void press_key(int imgui_key, bool ctrl = false);

    app::AppState state;
    app::Effects effects;

private:
    ImGuiContext* context = nullptr;
    ui::ItemCollector collector;
    std::optional<unsigned int> pending_activation;
};
