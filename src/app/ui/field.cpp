// Fields: the label above, the control, the error or the hint under it (controls.hpp). The page's
// mirrored input element is the editor: what it typed reaches the field as ExternalText. The one-line
// and the multi-line controls are drawn by separate functions, so that either can change alone.
#include <algorithm>

#include "app/ui/controls.hpp"
#include "app/ui/fonts.hpp"
#include "app/ui/imgui_internals.hpp"
#include "app/ui/text_area.hpp"
#include "app/ui/widget_detail.hpp"
#include "imgui.h"

namespace ui {

namespace {

struct FieldBuffer {
    std::string* text;
    std::optional<ExternalText> external;
};

int field_callback(ImGuiInputTextCallbackData* data) {
    auto* field = static_cast<FieldBuffer*>(data->UserData);
    if (data->EventFlag == ImGuiInputTextFlags_CallbackResize) {
        field->text->resize(static_cast<size_t>(data->BufTextLen));
        data->Buf = field->text->data();
    } else if (data->EventFlag == ImGuiInputTextFlags_CallbackAlways && field->external) {
        // The page's input element is the editor; make the active field show exactly its state.
        const ExternalText& ext = *field->external;
        data->DeleteChars(0, data->BufTextLen);
        data->InsertChars(0, ext.text.data(), ext.text.data() + ext.text.size());
        data->SelectionStart = ext.selection_start;
        data->SelectionEnd = ext.selection_end;
        data->CursorPos = ext.selection_end;
        field->external.reset();
    }
    return 0;
}

// The frame's look for a field: surface fill, a strong border that turns accent while edited and
// critical in error, padding that makes a line the control height.
struct FieldStyle {
    FieldStyle(bool editing, bool error, float padding_y) {
        const Colours& c = theme().colour;
        ImGui::PushStyleColor(ImGuiCol_FrameBg, c.surface);
        ImGui::PushStyleColor(ImGuiCol_Border, error ? c.critical : editing ? c.accent : c.border_strong);
        ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, px(error || editing ? 2 : 1) * 1.0f);
        ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(px(theme().control.padding_x_px), padding_y));
    }
    ~FieldStyle() {
        ImGui::PopStyleVar(2);
        ImGui::PopStyleColor(2);
    }
    FieldStyle(const FieldStyle&) = delete;
    FieldStyle& operator=(const FieldStyle&) = delete;
};

bool edit_single_line(const FieldOptions& options, float width, std::string& buffer, FieldBuffer& field,
                      ImGuiInputTextFlags flags, bool editing) {
    const FieldStyle style(editing, !options.error.empty(), std::max(0.0f, (control_height() - ImGui::GetFontSize()) / 2));
    ImGui::SetNextItemWidth(width);
    return ImGui::InputText("##field", buffer.data(), buffer.capacity() + 1, flags, field_callback, &field);
}

bool edit_multi_line(const FieldOptions& options, float width, std::string& buffer, FieldBuffer& field,
                     ImGuiInputTextFlags flags, bool editing) {
    const float padding_y = space(2);
    const FieldStyle style(editing, !options.error.empty(), padding_y);
    const float line = line_height(Type::body);
    const float height = static_cast<float>(options.lines) * line + 2 * padding_y;
    const float most = static_cast<float>(std::max(options.lines, options.max_lines)) * line + 2 * padding_y;
    // Wrapped at words, growing with the text up to `max_lines`, then scrolling (text_area.hpp).
    return text_area("##field", buffer, TextAreaSize{width, height, most}, flags, field_callback, &field);
}

}  // namespace

std::optional<std::string> field(const char* label, const std::string& value, const FieldOptions& options) {
    const std::string visible = visible_label(label);
    // The label, the control and its hint or error read as one: closer to each other than to the next
    // field (the spacing pushed applies under the label and under the control).
    const ImVec2 spacing = ImGui::GetStyle().ItemSpacing;
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(spacing.x, space(2)));
    push_type(Type::emphasis);
    ImGui::TextUnformatted(visible.c_str());
    pop_type();
    ImGui::PushID(label);
    const ImGuiID id = ImGui::GetID("##field");
    std::string buffer = value;
    FieldBuffer field{&buffer, std::nullopt};
    bool external_changed = false;
    if (ItemCollector* collector = current_collector()) {
        if (auto ext = collector->take_external_text(id)) {
            if (internals::active_id() == id) field.external = std::move(ext);
            else {
                buffer = ext->text;
                external_changed = buffer != value;
            }
        }
    }
    const bool applying = field.external.has_value();
    // The mirror is told the text as it will be after this frame, so it never pushes a stale value back.
    detail::annotate(id, Annotation{.role = Role::textbox, .label = visible,
                                    .value = applying ? field.external->text : buffer,
                                    .input_type = options.input_type, .autocomplete = options.autocomplete,
                                    .multiline = options.lines > 0});
    ImGuiInputTextFlags flags = ImGuiInputTextFlags_CallbackResize | ImGuiInputTextFlags_CallbackAlways;
    if (std::string_view(options.input_type) == "password") flags |= ImGuiInputTextFlags_Password;
    const float width = options.width_px < 0 ? ImGui::GetContentRegionAvail().x
                                             : std::min(px(options.width_px), ImGui::GetContentRegionAvail().x);
    const bool editing = internals::active_id() == id;
    ImGui::PopStyleVar();
    const bool note = !options.error.empty() || !options.hint.empty();
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(spacing.x, note ? space(1) : spacing.y));
    const bool edited = options.lines > 0 ? edit_multi_line(options, width, buffer, field, flags, editing)
                                          : edit_single_line(options, width, buffer, field, flags, editing);
    ImGui::PopStyleVar();
    note_submit(id, options.lines > 0);
    ImGui::PopID();
    if (!options.error.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, theme().colour.critical);
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
        ImGui::TextUnformatted(options.error.data(), options.error.data() + options.error.size());
        ImGui::PopTextWrapPos();
        ImGui::PopStyleColor();
        detail::add_static(options.error, Role::status, 0);
    } else if (!options.hint.empty()) {
        styled_text(options.hint, Type::caption, theme().colour.text_soft);
    }
    if (field.external) {
        // The field stopped being edited within this frame (the focus moved on), so its callback never
        // ran: the page's text still counts. It goes to the value now, and if ImGui still edits the
        // field, to its editor next frame; dropping it lost a password typed just before "Sign in".
        buffer = field.external->text;
        if (internals::active_id() == id)
            if (ItemCollector* collector = current_collector()) collector->set_external_text(id, std::move(*field.external));
        return buffer;
    }
    if (edited || external_changed || (applying && buffer != value)) return buffer;
    return std::nullopt;
}

}  // namespace ui
