#pragma once
// Each frame's items, collected from Dear ImGui's item hooks (IMGUI_ENABLE_TEST_ENGINE; no test-engine
// library): id, role, accessible name, value, rectangle and state. One list feeds the headless UI tests
// and the browser's semantics mirror.
#include <algorithm>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/links.hpp"

struct ImGuiContext;
typedef unsigned int ImGuiID;

namespace ui {

// file: a button that opens the browser's file chooser (the mirror makes it an <input type=file>).
enum class Role { button, checkbox, radio, textbox, link, heading, text, status, tab, slider, file };
const char* role_name(Role role);

struct Item {
    ImGuiID id = 0;
    Role role = Role::button;
    std::string label;         // the visible label, without any "##id" suffix
    std::string value;         // a text field's text
    std::string href;          // a link's target
    std::string input_type;    // text fields: "text", "email", "password", "search", "tel"
    std::string autocomplete;  // text fields: the autocomplete token for password managers
    std::string group;         // radio buttons: the group they belong to; tabs: their tablist's name
    std::string lang;          // a label in another language than the page's (the language picker)
    // More about it than its name, shown on hover and keyboard focus (the exact time behind "2 h ago"):
    // the mirror gives it to its element as a description (title, aria-describedby).
    std::string description;
    // Display (CSS) pixels in the page's scrolled content: the screen position plus the portal window's
    // scroll, so items scrolled out of view still have a place (the mirror scrolls like the canvas).
    float x = 0, y = 0, w = 0, h = 0;
    bool checked = false;      // checkbox, radio, tab (selected), toggle button (pressed)
    bool toggle = false;       // a button that stays pressed (aria-pressed)
    bool disabled = false;
    bool multiline = false;
    int level = 0;             // headings: 1..3
    // Words as drawn, for the page to lay its selectable copy exactly over them (CSS pixels): the font's
    // size and weight, the line height, the width lines wrap at (0: never), and for text areas the
    // padding around the text and how far it is scrolled.
    float font_px = 0, line_px = 0, wrap_w = 0, pad_x = 0, pad_y = 0, scroll_y = 0;
    int weight = 0;
    std::vector<core::TextLink> links;  // text: the words that link somewhere (byte offsets in the label)

    bool operator==(const Item&) const = default;
};

// What a widget helper knows that the hooks do not (role beyond the flags, value, href, ...).
struct Annotation {
    std::optional<Role> role;
    std::optional<std::string> label;
    std::string value, href, input_type, autocomplete, group, lang;
    bool toggle = false, checked = false, multiline = false;
};

// Text the page typed into a mirrored field, to be applied by the field on its next frame.
struct ExternalText {
    std::string text;
    int selection_start = 0, selection_end = 0;
};

class ItemCollector {
public:
    // Installs the hooks on `ctx` (sets TestEngineHookItems and TestEngine).
    void attach(ImGuiContext* ctx);
    void begin_frame();
    // Items of the last finished frame, in submission order (= reading and Tab order).
    const std::vector<Item>& items() const { return frame_items; }
    // Items of the frame being built (for drawing over them before Render).
    std::span<const Item> current() const { return {building.data(), built}; }
    void end_frame();

    void annotate(ImGuiID id, Annotation annotation) { annotations[id] = std::move(annotation); }
    // A new item of this frame, all fields empty. Non-interactive items (text, headings, status lines)
    // are added by their helpers directly. Items are recycled from frame to frame: filling one in
    // assigns into strings that kept their memory, so a steady screen allocates nothing for them.
    Item& add();
    // This frame's item `id`, once Dear ImGui has added it (a helper that knows more about it than
    // the hooks fills it in there, without an Annotation); null when it was not added.
    Item* added(ImGuiID id);
    // This frame's items from the `first`th on (current().size() before a widget: the widget's own).
    std::span<Item> added_since(size_t first) { return {building.data() + first, built - first}; }

    void set_external_text(ImGuiID id, ExternalText text) { external_texts[id] = std::move(text); }

    // The portal window's vertical scroll: reported each frame by the screen that owns the window,
    // and requested by the page when its mirror scrolls (a focus, a screen reader, a test's click).
    struct Scroll {
        float y = 0, max_y = 0, view_height = 0;
        float covered_bottom = 0;  // the height of a bar fixed over the view's bottom (cover_bottom())
        bool operator==(const Scroll&) const = default;
    };
    void set_scroll(Scroll value) { scroll_state = value; }
    // A bar fixed over the bottom of the view this frame (the phone's priority bar), `height` tall: what
    // the browser scrolls into view (a focus, find in page) stops above it. Taken by the portal window.
    void cover_bottom(float height) { covering = std::max(covering, height); }
    float take_covered_bottom() { return std::exchange(covering, 0.0f); }
    const Scroll& scroll() const { return scroll_state; }
    void request_scroll(float y) { scroll_request = y; }
    std::optional<float> take_scroll_request();
    std::optional<ExternalText> take_external_text(ImGuiID id);
    // Enter (Ctrl+Enter in a text area) pressed in the page's copy of field `id`: the field reports it
    // (ui::field_submitted) on its next frame, after any text typed before it.
    void request_submit(ImGuiID id) { submits.push_back(id); }
    bool take_submit(ImGuiID id);

    // Called by the hooks (imgui_internals.cpp): a rectangle in the page's scrolled content, and the
    // role the item's status flags tell (a checkbox, checked or not, or a text input).
    void on_item_add(ImGuiID id, float x, float y, float w, float h, bool disabled);
    void on_item_info(ImGuiID id, const char* label, std::optional<Role> flagged_role, bool checked);

private:
    std::vector<Item> building, frame_items;  // building: the first `built` are this frame's, the rest spares
    size_t built = 0;
    std::unordered_map<ImGuiID, Annotation> annotations;
    std::unordered_map<ImGuiID, ExternalText> external_texts;
    std::vector<ImGuiID> submits;
    Scroll scroll_state;
    std::optional<float> scroll_request;
    float covering = 0;
};

// The collector attached to the current ImGui context, or null.
ItemCollector* current_collector();

// Strips a "##id" or "###id" suffix from a label.
std::string visible_label(const char* label);

}  // namespace ui
