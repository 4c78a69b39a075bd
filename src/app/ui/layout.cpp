#include "app/ui/layout.hpp"

#include <algorithm>
#include <cctype>
#include <vector>

#include "app/ui/controls.hpp"
#include "app/ui/imgui_internals.hpp"
#include "imgui.h"

namespace ui {

Width width_class(float canvas_px, const Layout& layout, float root_px) {
    const float ems = canvas_px / (root_px > 0 ? root_px : 16);
    if (ems < layout.narrow_below_em) return Width::narrow;
    if (ems < layout.wide_from_em) return Width::medium;
    return Width::wide;
}

Column content_column(float canvas_px, Width width, const Layout& layout) {
    const float margin = width == Width::narrow ? 16.0f : 24.0f;
    const float room = std::max(0.0f, canvas_px - 2 * margin);
    const float column = std::min(room, layout.column_max_px);
    return Column{std::max(margin, (canvas_px - column) / 2), column};
}

float side_panel_width(float column_px, const Layout& layout) {
    // A third of the column at most, so the form keeps the larger part on a medium screen.
    return std::min(layout.side_panel_px, column_px / 3);
}

std::string initials(std::string_view name) {
    if (const auto at = name.find('@'); at != std::string_view::npos) name = name.substr(0, at);
    std::string out;
    int letters = 0;
    bool word_start = true;
    for (size_t i = 0; i < name.size() && letters < 2; ++i) {
        const unsigned char c = static_cast<unsigned char>(name[i]);
        if (c == ' ' || c == '.' || c == '_' || c == '-') {
            word_start = true;
            continue;
        }
        if (c < 0x80 && !std::isalnum(c)) continue;  // "(VTEX Support)": the word starts at its letter
        if (word_start) {
            if (c < 0x80) out += static_cast<char>(std::toupper(c));
            else {  // a letter outside ASCII: its whole UTF-8 sequence
                size_t end = i + 1;
                while (end < name.size() && (static_cast<unsigned char>(name[end]) & 0xC0) == 0x80) ++end;
                out.append(name.substr(i, end - i));
                i = end - 1;
            }
            word_start = false;
            ++letters;
        }
    }
    return out;
}

std::string file_type(std::string_view name) {
    const auto dot = name.rfind('.');
    if (dot == std::string_view::npos || dot == 0 || dot + 1 == name.size() || name.size() - dot > 6) return "FILE";
    std::string type;
    for (char c : name.substr(dot + 1)) type += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return type;
}

Width current_width() {
    // Dear ImGui works in CSS pixels; the theme's sizes are at a 16 px root.
    return width_class(ImGui::GetIO().DisplaySize.x, theme().layout, 16.0f);
}

namespace {
internals::ContentRight column_edge;
float column_indent = 0;
}

float begin_column() {
    const float canvas = ImGui::GetWindowWidth();
    const Column column = content_column(canvas, current_width(), theme().layout);
    const float left = px(column.left), width = px(column.width);
    ImGui::SetCursorPosX(left);
    const ImVec2 screen = ImGui::GetCursorScreenPos();
    column_edge = internals::narrow_content_right(screen.x + width);
    // The window has no padding of its own (the top bar runs edge to edge): the column's margin is the indent.
    column_indent = left;
    ImGui::Indent(left);
    return width;
}

void end_column() {
    ImGui::Unindent(column_indent);
    internals::restore_content_right(column_edge);
}

namespace {
std::vector<internals::ContentRight> part_edges;
}

void begin_part(float width) {
    ImGui::BeginGroup();
    part_edges.push_back(internals::narrow_content_right(ImGui::GetCursorScreenPos().x + width));
}

void end_part() {
    if (part_edges.empty()) return;
    internals::restore_content_right(part_edges.back());
    part_edges.pop_back();
    ImGui::EndGroup();
}

}  // namespace ui
