#include "app/ui/imgui_internals.hpp"

#include <cstring>

#include "app/ui/items.hpp"
#include "imgui_internal.h"

static_assert(IMGUI_VERSION_NUM == 19010,
              "written against Dear ImGui 1.90.1; check each use below before upgrading");

namespace ui::internals {

ImVec2 content_scroll(ImGuiWindow* window);

// TestEngine is the hooks' user pointer and TestEngineHookItems their switch: the context's only way
// to have item hooks without the test-engine library.
void attach_item_hooks(ImGuiContext* ctx, ItemCollector* collector) {
    ctx->TestEngineHookItems = true;
    ctx->TestEngine = collector;
}

ItemCollector* attached_collector() {
    ImGuiContext* ctx = ImGui::GetCurrentContext();
    return ctx ? static_cast<ItemCollector*>(ctx->TestEngine) : nullptr;
}

// The public API says whether an item is active, not which one: a field needs to know it is the one
// being edited, the runner which field the mirror's input stands for.
ImGuiID active_id() { return ImGui::GetActiveID(); }

// No public call activates an item by id; the mirror's clicks and keys name items by id.
void activate_item(ImGuiID id) { ImGui::ActivateItemByID(id); }

// The public API cannot see the queue: Dear ImGui spreads a press and release that came together over
// two frames, and the runner draws until the queue is empty.
bool input_queued() { return GImGui->InputEventsQueue.Size > 0; }

// The public API sizes only the window being drawn; the runner asks after Render, for the embedding page.
std::optional<float> content_height(const char* window_name) {
    if (ImGuiWindow* window = ImGui::FindWindowByName(window_name))
        return window->ContentSize.y + 2 * window->WindowPadding.y;
    return std::nullopt;
}

// The public GetScrollY is the current window's; a child window's items count from its root's scroll.
ImVec2 root_window_scroll() { return content_scroll(ImGui::GetCurrentWindow()); }

// An overlay (a window named "overlay:...", fixed over the page: the phone's priority bar) does not
// scroll; its items sit in the page's content at the page's scroll, as the last frame reported it.
ImVec2 content_scroll(ImGuiWindow* window) {
    if (!window) return ImVec2(0, 0);
    ImGuiWindow* root = window->RootWindow;
    if (std::strncmp(root->Name, "overlay:", 8) == 0)
        if (ItemCollector* collector = attached_collector()) return ImVec2(0, collector->scroll().y);
    return root->Scroll;
}

// The public API pushes and pops a wrap position but cannot read it.
float text_wrap_pos() { return ImGui::GetCurrentWindow()->DC.TextWrapPos; }

// A line measured once and drawn from kept glyphs takes its place the way TextUnformatted would
// (baseline offset, item size, clipping), which only the internal layout calls do.
bool add_text_line(ImVec2 size, ImVec2& pos) {
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    pos = ImVec2(window->DC.CursorPos.x, window->DC.CursorPos.y + window->DC.CurrLineTextBaseOffset);
    ImGui::ItemSize(size, 0.0f);
    return ImGui::ItemAdd(ImRect(pos, ImVec2(pos.x + size.x, pos.y + size.y)), 0);
}

// The window's GetID(int) is internal; the kept line's hash is its id without a string to hash again.
ImGuiID id_of_number(int n) { return ImGui::GetCurrentWindow()->GetID(n); }

// The public API has no way to end the content region before the window's edge on the right (only
// Indent, on the left); tables do it through these same rectangles.
ContentRight narrow_content_right(float right) {
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    const ContentRight previous{window->WorkRect.Max.x, window->ContentRegionRect.Max.x};
    window->WorkRect.Max.x = ImMin(window->WorkRect.Max.x, right);
    window->ContentRegionRect.Max.x = ImMin(window->ContentRegionRect.Max.x, right);
    return previous;
}

void restore_content_right(ContentRight previous) {
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    window->WorkRect.Max.x = previous.work;
    window->ContentRegionRect.Max.x = previous.content;
}

// The helpers below are declared in imgui_internal.h only.
ImGuiID hash_text(std::string_view text) { return ImHashStr(text.data(), text.size()); }

int decode_utf8(unsigned int& c, const char* text, const char* end) { return ImTextCharFromUtf8(&c, text, end); }

// The write cursors are ImDrawList's internal members: kept glyphs are copied in whole, without
// PrimWriteVtx's per-vertex calls.
unsigned int next_vertex_index(const ImDrawList& list) { return list._VtxCurrentIdx; }

void write_reserved(ImDrawList& list, const ImDrawVert* vertices, int vertex_count, const ImDrawIdx* indices,
                    int index_count) {
    std::memcpy(list._VtxWritePtr, vertices, static_cast<size_t>(vertex_count) * sizeof(ImDrawVert));
    std::memcpy(list._IdxWritePtr, indices, static_cast<size_t>(index_count) * sizeof(ImDrawIdx));
    list._VtxWritePtr += vertex_count;
    list._IdxWritePtr += index_count;
    list._VtxCurrentIdx += static_cast<unsigned int>(vertex_count);
}

}  // namespace ui::internals

// Dear ImGui's item hooks, declared in imgui_internal.h and called for every item while
// TestEngineHookItems is set. Positions go to the collector in the page's scrolled content.
void ImGuiTestEngineHook_ItemAdd(ImGuiContext* ctx, ImGuiID id, const ImRect& bb, const ImGuiLastItemData* data) {
    auto* collector = static_cast<ui::ItemCollector*>(ctx->TestEngine);
    if (!collector) return;
    ImGuiWindow* window = ctx->CurrentWindow;
    if (window && id == window->ID) return;  // the window itself, not an item
    const ImVec2 scroll = ui::internals::content_scroll(window);
    collector->on_item_add(id, bb.Min.x + scroll.x, bb.Min.y + scroll.y, bb.Max.x - bb.Min.x, bb.Max.y - bb.Min.y,
                           data && (data->InFlags & ImGuiItemFlags_Disabled));
}

// The status flags tell checkboxes and text inputs apart from buttons.
void ImGuiTestEngineHook_ItemInfo(ImGuiContext* ctx, ImGuiID id, const char* label, ImGuiItemStatusFlags flags) {
    auto* collector = static_cast<ui::ItemCollector*>(ctx->TestEngine);
    if (!collector) return;
    std::optional<ui::Role> role;
    if (flags & ImGuiItemStatusFlags_Checkable) role = ui::Role::checkbox;
    else if (flags & ImGuiItemStatusFlags_Inputable) role = ui::Role::textbox;
    collector->on_item_info(id, label, role, (flags & ImGuiItemStatusFlags_Checked) != 0);
}

void ImGuiTestEngineHook_Log(ImGuiContext*, const char*, ...) {}

const char* ImGuiTestEngine_FindItemDebugLabel(ImGuiContext*, ImGuiID) { return nullptr; }

namespace ui::internals {

// The editor's state is internal; the public callback sees it only while the field is edited and only
// inside InputText, too early to draw the wrapped text after it.
std::optional<TextEditing> text_editing(ImGuiID id) {
    ImGuiInputTextState* state = ImGui::GetInputTextState(id);
    if (!state || ImGui::GetActiveID() != id) return std::nullopt;
    return TextEditing{state->Stb.cursor, state->Stb.select_start, state->Stb.select_end, state->CursorAnim};
}

void set_text_cursor(ImGuiID id, int at) {
    ImGuiInputTextState* state = ImGui::GetInputTextState(id);
    if (!state || ImGui::GetActiveID() != id) return;
    state->Stb.cursor = state->Stb.select_start = state->Stb.select_end = at;
    state->Stb.has_preferred_x = 0;
    state->CursorClamp();
    state->CursorAnimReset();
}

void deactivate_item(ImGuiID id) {
    if (ImGui::GetActiveID() == id) ImGui::ClearActiveID();
}

// Key ownership of the wheel is how Dear ImGui 1.90 lets a widget keep it from the window's scrolling.
void claim_mouse_wheel(ImGuiID id) { ImGui::SetKeyOwner(ImGuiKey_MouseWheelY, id); }

float wrap_width_at(ImVec2 screen_pos) {
    const ImGuiWindow* window = ImGui::GetCurrentWindowRead();
    return ImGui::CalcWrapWidthForPos(screen_pos, window->DC.TextWrapPos < 0 ? 0.0f : window->DC.TextWrapPos);
}

}  // namespace ui::internals
