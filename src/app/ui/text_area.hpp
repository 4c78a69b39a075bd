#pragma once
// Multi-line fields as a web page has them: the text wraps at words and the field grows with it up to
// a height, then scrolls. Dear ImGui 1.90's multi-line editor does not wrap, so it stays the editor
// (keys on the canvas, the page's text through the field's callback) but its drawing is hidden, and
// the wrapped text, selection and caret are drawn here. In the browser the mirror's <textarea>, with
// the same font, padding and width, lies over it and is the one a person types, clicks and selects in.
#include <string>

#include "imgui.h"

namespace ui {

struct TextAreaSize {
    float width = 0, min_height = 0, max_height = 0;  // pixels
};

// InputTextMultiline's contract (`buffer` grows through `callback`'s resize), drawn wrapped.
bool text_area(const char* label, std::string& buffer, TextAreaSize size, ImGuiInputTextFlags flags,
               ImGuiInputTextCallback callback, void* user_data);

// Enter in a one-line field, Ctrl/Cmd+Enter in a text area: on the canvas or in the page's copy of
// the field. Called by the field after its editor with the field's id; ui::field_submitted() then says
// whether the field drawn last was submitted this frame.
void note_submit(ImGuiID id, bool multiline);
bool field_submitted();

}  // namespace ui
