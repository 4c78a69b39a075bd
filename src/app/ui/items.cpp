#include "app/ui/items.hpp"

#include <cstring>

#include "imgui.h"
#include "imgui_internal.h"

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

void ItemCollector::attach(ImGuiContext* ctx) {
    ctx->TestEngineHookItems = true;
    ctx->TestEngine = this;
}

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
                              &item.lang})
        text->clear();  // keeps its memory
    item.x = item.y = item.w = item.h = 0;
    item.checked = item.toggle = item.disabled = item.multiline = false;
    item.level = 0;
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
}

std::optional<ExternalText> ItemCollector::take_external_text(ImGuiID id) {
    auto it = external_texts.find(id);
    if (it == external_texts.end()) return std::nullopt;
    ExternalText text = std::move(it->second);
    external_texts.erase(it);
    return text;
}

std::optional<float> ItemCollector::take_scroll_request() {
    auto request = scroll_request;
    scroll_request.reset();
    return request;
}

void ItemCollector::on_item_add(ImGuiContext* ctx, ImGuiID id, float x0, float y0, float x1, float y1,
                                bool disabled) {
    ImGuiWindow* window = ctx->CurrentWindow;
    if (window && id == window->ID) return;  // the window itself, not an item
    const ImVec2 scroll = window ? window->RootWindow->Scroll : ImVec2(0, 0);
    Item& item = add();
    item.id = id;
    item.x = x0 + scroll.x;
    item.y = y0 + scroll.y;
    item.w = x1 - x0;
    item.h = y1 - y0;
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

void ItemCollector::on_item_info(ImGuiID id, const char* label, int flags) {
    Item* item = added(id);
    if (!item) return;
    auto annotation = annotations.find(id);
    if (item->label.empty()) item->label = visible_label(label);
    if (annotation == annotations.end() || !annotation->second.role) {
        if (flags & ImGuiItemStatusFlags_Checkable) {
            item->role = Role::checkbox;
            item->checked = (flags & ImGuiItemStatusFlags_Checked) != 0;
        } else if (flags & ImGuiItemStatusFlags_Inputable) {
            item->role = Role::textbox;
        }
    }
}

ItemCollector* current_collector() {
    ImGuiContext* ctx = ImGui::GetCurrentContext();
    return ctx ? static_cast<ItemCollector*>(ctx->TestEngine) : nullptr;
}

}  // namespace ui

// Dear ImGui's item hooks, declared in imgui_internal.h.
void ImGuiTestEngineHook_ItemAdd(ImGuiContext* ctx, ImGuiID id, const ImRect& bb, const ImGuiLastItemData* data) {
    if (auto* collector = static_cast<ui::ItemCollector*>(ctx->TestEngine))
        collector->on_item_add(ctx, id, bb.Min.x, bb.Min.y, bb.Max.x, bb.Max.y,
                               data && (data->InFlags & ImGuiItemFlags_Disabled));
}

void ImGuiTestEngineHook_ItemInfo(ImGuiContext* ctx, ImGuiID id, const char* label, ImGuiItemStatusFlags flags) {
    if (auto* collector = static_cast<ui::ItemCollector*>(ctx->TestEngine)) collector->on_item_info(id, label, flags);
}

void ImGuiTestEngineHook_Log(ImGuiContext*, const char*, ...) {}

const char* ImGuiTestEngine_FindItemDebugLabel(ImGuiContext*, ImGuiID) { return nullptr; }
