#include "app/ui/text_area.hpp"

#include <algorithm>
#include <cmath>

#include "app/ui/imgui_internals.hpp"
#include "app/ui/items.hpp"
#include "app/ui/rich_text.hpp"
#include "app/ui/text_layout.hpp"
#include "core/utf8.hpp"

namespace ui {

namespace {

bool last_submitted = false;

// The editor counts characters as Dear ImGui does: one for each code point, one for each stray byte.
size_t byte_of_character(const std::string& text, int character) {
    size_t at = 0;
    for (int i = 0; i < character && at < text.size(); ++i) {
        const size_t n = core::decode_utf8(text, at).length;
        at += n ? n : 1;
    }
    return at;
}

int character_of_byte(const std::string& text, size_t byte) {
    int character = 0;
    for (size_t at = 0; at < byte && at < text.size(); ++character) {
        const size_t n = core::decode_utf8(text, at).length;
        at += n ? n : 1;
    }
    return character;
}

}  // namespace

bool text_area(const char* label, std::string& buffer, TextAreaSize size, ImGuiInputTextFlags flags,
               ImGuiInputTextCallback callback, void* user_data) {
    const ImGuiStyle& style = ImGui::GetStyle();
    const ImGuiID id = ImGui::GetID(label);
    const ImVec2 pad = style.FramePadding;
    const float inner_width = std::max(1.0f, size.width - 2 * pad.x);
    const float line_height = ImGui::GetTextLineHeight();
    const Advance advance = font_advance();

    // The height follows the text as it was before this frame's typing; the next frame catches up.
    std::vector<TextLine> lines = wrap_text(buffer, inner_width, advance);
    const float content_height = line_height * static_cast<float>(lines.size());
    const float height = std::clamp(content_height + 2 * pad.y, size.min_height, std::max(size.min_height, size.max_height));

    const ImU32 text_colour = ImGui::GetColorU32(ImGuiCol_Text);
    const ImU32 selection_colour = ImGui::GetColorU32(ImGuiCol_TextSelectedBg);
    ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(0, 0, 0, 0));
    ImGui::PushStyleColor(ImGuiCol_TextSelectedBg, IM_COL32(0, 0, 0, 0));
    ImGui::PushStyleVar(ImGuiStyleVar_ScrollbarSize, 0.0f);
    ItemCollector* collector = current_collector();
    const size_t items_before = collector ? collector->current().size() : 0;
    const bool edited = ImGui::InputTextMultiline(label, buffer.data(), buffer.capacity() + 1, ImVec2(size.width, height),
                                                  flags | ImGuiInputTextFlags_NoHorizontalScroll, callback, user_data);
    ImGui::PopStyleVar();
    ImGui::PopStyleColor(2);
    const ImVec2 frame_min = ImGui::GetItemRectMin(), frame_max = ImGui::GetItemRectMax();
    const ImVec2 text_min(frame_min.x + pad.x, frame_min.y + pad.y);

    lines = wrap_text(buffer, inner_width, advance);
    const float view_height = height - 2 * pad.y;
    const float max_scroll = std::max(0.0f, line_height * static_cast<float>(lines.size()) - view_height);
    // Read here and written back at the end: a reference into the storage would move when the other
    // key is first inserted (it is a sorted vector), and then read the other value's bytes.
    ImGuiStorage* storage = ImGui::GetStateStorage();
    const ImGuiID scroll_key = ImGui::GetID("##wrapped_scroll"), caret_key = ImGui::GetID("##wrapped_caret");
    float scroll = storage->GetFloat(scroll_key, 0.0f);
    int last_caret = storage->GetInt(caret_key, -1);

    const bool hovered = ImGui::IsWindowHovered(ImGuiHoveredFlags_ChildWindows) &&
                         ImGui::IsMouseHoveringRect(frame_min, frame_max);
    if (hovered && max_scroll > 0) {
        internals::claim_mouse_wheel(id);
        scroll -= ImGui::GetIO().MouseWheel * 3 * line_height;
    }

    std::optional<internals::TextEditing> editing = internals::text_editing(id);
    // A click on the canvas places the caret where the wrapped text shows it (the editor's own layout
    // does not wrap).
    if (editing && hovered && ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
        const ImVec2 mouse = ImGui::GetIO().MousePos;
        const float row = (mouse.y - text_min.y + scroll) / line_height;
        const size_t l = std::min(lines.size() - 1, static_cast<size_t>(std::max(0.0f, row)));
        const size_t at = offset_at(buffer, lines[l], mouse.x - text_min.x, advance);
        internals::set_text_cursor(id, character_of_byte(buffer, at));
        editing = internals::text_editing(id);
    }
    size_t caret = 0, select_from = 0, select_to = 0;
    if (editing) {
        caret = byte_of_character(buffer, editing->cursor);
        select_from = byte_of_character(buffer, std::min(editing->select_start, editing->select_end));
        select_to = byte_of_character(buffer, std::max(editing->select_start, editing->select_end));
        // The caret moved (typing, keys, the page's selection): its line comes into view.
        if (static_cast<int>(caret) != last_caret) {
            const float caret_top = line_height * static_cast<float>(line_of(lines, caret));
            scroll = std::clamp(scroll, caret_top + line_height - view_height, caret_top);
        }
        last_caret = static_cast<int>(caret);
    } else {
        last_caret = -1;
    }
    scroll = std::clamp(scroll, 0.0f, max_scroll);
    storage->SetFloat(scroll_key, scroll);
    storage->SetInt(caret_key, last_caret);

    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->PushClipRect(ImVec2(frame_min.x + 1, frame_min.y + 1), ImVec2(frame_max.x - 1, frame_max.y - 1), true);
    ImFont* font = ImGui::GetFont();
    const float font_size = ImGui::GetFontSize();
    const size_t first = static_cast<size_t>(scroll / line_height);
    for (size_t l = first; l < lines.size(); ++l) {
        const TextLine& line = lines[l];
        const float y = text_min.y + line_height * static_cast<float>(l) - scroll;
        if (y > frame_max.y) break;
        if (select_to > select_from && select_from <= line.end && select_to > line.begin) {
            const size_t a = std::max(select_from, line.begin), b = std::min(select_to, line.end);
            float x1 = caret_x(buffer, line, a, advance), x2 = caret_x(buffer, line, b, advance);
            if (select_to > line.end) x2 += advance(U' ') * 0.5f;  // the line's end is selected too
            draw->AddRectFilled(ImVec2(text_min.x + x1, y), ImVec2(text_min.x + x2, y + line_height), selection_colour);
        }
        draw->AddText(font, font_size, ImVec2(text_min.x, y), text_colour, buffer.data() + line.begin,
                      buffer.data() + line.end);
    }
    if (editing && select_from == select_to) {
        const bool blink_on = !ImGui::GetIO().ConfigInputTextCursorBlink || editing->blink <= 0.0f ||
                              std::fmod(editing->blink, 1.20f) <= 0.80f;
        if (blink_on) {
            const size_t l = line_of(lines, caret);
            const float x = text_min.x + caret_x(buffer, lines[l], caret, advance);
            const float y = text_min.y + line_height * static_cast<float>(l) - scroll;
            draw->AddLine(ImVec2(x + 0.5f, y), ImVec2(x + 0.5f, y + line_height - 0.5f), text_colour);
        }
    }
    draw->PopClipRect();

    // The editor adds its id twice (its frame, then its child window): both say how the text is laid out.
    if (collector) {
        for (Item& item : collector->added_since(items_before)) {
            if (item.id != id) continue;
            item.font_px = css_font_size();
            item.line_px = line_height;
            item.wrap_w = inner_width;
            item.pad_x = pad.x;
            item.pad_y = pad.y;
            item.scroll_y = scroll;
        }
    }
    return edited;
}

void note_submit(ImGuiID id, bool multiline) {
    // On the canvas, Dear ImGui's editor lets go of the field on Enter (Ctrl+Enter in a text area).
    const bool enter = ImGui::IsKeyPressed(ImGuiKey_Enter, false) || ImGui::IsKeyPressed(ImGuiKey_KeypadEnter, false);
    const bool on_canvas = enter && ImGui::IsItemDeactivated() && (!multiline || ImGui::GetIO().KeyCtrl);
    ItemCollector* collector = current_collector();
    const bool from_page = collector && collector->take_submit(id);
    // An editor still active would write its text back over what the submit clears (a sent reply).
    if (from_page) internals::deactivate_item(id);
    last_submitted = on_canvas || from_page;
}

bool field_submitted() { return last_submitted; }

}  // namespace ui
