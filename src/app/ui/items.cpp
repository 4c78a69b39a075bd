#include "app/ui/items.hpp"

#include <algorithm>
#include <cstring>

#include "app/ui/imgui_internals.hpp"

namespace ui {

const char* role_name(Role role) {
    switch (role) {
        case Role::button: return "button";
        case Role::checkbox: return "checkbox";
        case Role::radio: return "radio";
        case Role::textbox: return "textbox";
        case Role::link: return "link";
        case Role::heading: return "heading";
        case Role::text: return "text";
        case Role::status: return "status";
        case Role::tab: return "tab";
        case Role::slider: return "slider";
        case Role::file: return "file";
    }
    return "button";
}

std::string visible_label(const char* label) {
    const char* end = std::strstr(label, "##");
    return end ? std::string(label, end) : std::string(label);
}

void ItemCollector::attach(ImGuiContext* ctx) { internals::attach_item_hooks(ctx, this); }

void ItemCollector::begin_frame() { built = 0; }

Item& ItemCollector::add() {
    if (built == building.size()) {
        building.emplace_back();
        return building[built++];
    }
    Item& item = building[built++];
    item.id = 0;
    item.role = Role::button;
    for (std::string* text : {&item.label, &item.value, &item.href, &item.input_type, &item.autocomplete, &item.group,
                              &item.lang, &item.description})
        text->clear();  // keeps its memory
    item.x = item.y = item.w = item.h = 0;
    item.checked = item.toggle = item.disabled = item.multiline = false;
    item.level = 0;
    item.font_px = item.line_px = item.wrap_w = item.pad_x = item.pad_y = item.scroll_y = 0;
    item.weight = 0;
    item.links.clear();
    return item;
}

Item* ItemCollector::added(ImGuiID id) {
    for (size_t i = built; i-- > 0;)
        if (building[i].id == id) return &building[i];
    return nullptr;
}

void ItemCollector::end_frame() {
    // Items that never got a label (windows, scrollbars, clipped widgets) are not shown to anyone.
    const auto shown = [](const Item& item) { return !item.label.empty() && item.w > 0 && item.h > 0; };
    size_t count = 0;
    for (size_t i = 0; i < built; ++i) count += shown(building[i]);
    frame_items.resize(count);
    auto out = frame_items.begin();
    for (size_t i = 0; i < built; ++i)
        if (shown(building[i])) *out++ = building[i];  // copied into strings that kept their memory
    built = 0;
    annotations.clear();
    submits.clear();  // an Enter for a field this frame did not draw submits nothing later
}

std::optional<ExternalText> ItemCollector::take_external_text(ImGuiID id) {
    auto it = external_texts.find(id);
    if (it == external_texts.end()) return std::nullopt;
    ExternalText text = std::move(it->second);
    external_texts.erase(it);
    return text;
}

bool ItemCollector::take_submit(ImGuiID id) {
    const auto it = std::find(submits.begin(), submits.end(), id);
    if (it == submits.end()) return false;
    submits.erase(it);
    return true;
}

std::optional<float> ItemCollector::take_scroll_request() {
    auto request = scroll_request;
    scroll_request.reset();
    return request;
}

void ItemCollector::on_item_add(ImGuiID id, float x, float y, float w, float h, bool disabled) {
    Item& item = add();
    item.id = id;
    item.x = x;
    item.y = y;
    item.w = w;
    item.h = h;
    item.disabled = disabled;
    if (auto it = annotations.find(id); it != annotations.end()) {
        const Annotation& a = it->second;
        if (a.role) item.role = *a.role;
        if (a.label) item.label = *a.label;
        item.value = a.value;
        item.href = a.href;
        item.input_type = a.input_type;
        item.autocomplete = a.autocomplete;
        item.group = a.group;
        item.lang = a.lang;
        item.toggle = a.toggle;
        item.checked = a.checked;
        item.multiline = a.multiline;
    }
}

void ItemCollector::on_item_info(ImGuiID id, const char* label, std::optional<Role> flagged_role, bool checked) {
    Item* item = added(id);
    if (!item) return;
    auto annotation = annotations.find(id);
    if (item->label.empty()) item->label = visible_label(label);
    if ((annotation == annotations.end() || !annotation->second.role) && flagged_role) {
        item->role = *flagged_role;
        if (*flagged_role == Role::checkbox) item->checked = checked;
    }
}

ItemCollector* current_collector() { return internals::attached_collector(); }

}  // namespace ui
