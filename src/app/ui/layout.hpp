#pragma once
// Layouts chosen by width: the canvas width in em of the root (theme.layout's breakpoints) decides
// between the phone layout (one column, the priority as a bar at the bottom, lists as cards), the
// medium one and the wide one (side panel beside the form, lists as tables). The decisions are pure
// functions of widths, tested without drawing; the helpers below place the content column.
#include <string>
#include <string_view>

#include "app/ui/theme.hpp"

namespace ui {

enum class Width { narrow, medium, wide };

// The class of a canvas `canvas_px` CSS pixels wide, with a root em of `root_px` (16 unless the
// reader's settings make it larger: 200 % zoom halves the canvas in CSS pixels, so it counts too).
Width width_class(float canvas_px, const Layout& layout, float root_px = 16);

// The content column in a canvas: centred, at most layout.column_max_px wide, with a margin at each
// side (16 px on a phone, 24 otherwise). All in CSS pixels.
struct Column {
    float left = 0, width = 0;
};
Column content_column(float canvas_px, Width width, const Layout& layout);

// Whether the priority and deadline panel stands beside the form (else it is a bar at the bottom).
inline bool panel_beside(Width width) { return width != Width::narrow; }
// Whether a list of tickets is a table (else a card per ticket).
inline bool list_as_table(Width width) { return width != Width::narrow; }
// The width of the panel beside the form, out of a column `column_px` wide (CSS px).
float side_panel_width(float column_px, const Layout& layout);

// Initials of a person's name or email for an avatar: "Ana Souza" → "AS", "marta" → "M",
// "ana.souza@example.com" → "AS". Up to two letters, upper case (ASCII; others kept as they are).
std::string initials(std::string_view name);

// What kind of file a name says, as a chip shows it: its extension in capitals ("HAR", "PNG"), or
// "FILE" when it has none.
std::string file_type(std::string_view name);

// --- Drawing (Dear ImGui) --------------------------------------------------------------------------

// The class of the current display (ImGui's display size, CSS pixels at 16 px per em).
Width current_width();
// Begins the content column of the current window: the cursor moves to its left edge and nothing
// drawn until end_column reaches past its right edge. Returns the column's width in frame pixels.
float begin_column();
void end_column();
// A part of the column from the cursor, `width` frame pixels wide: a group whose text wraps and whose
// fields end at its right edge (the form beside its panel). Parts nest.
void begin_part(float width);
void end_part();

}  // namespace ui
