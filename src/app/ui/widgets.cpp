#include "app/ui/widgets.hpp"

#include <algorithm>

#include "app/ui/fonts.hpp"
#include "app/ui/imgui_internals.hpp"
#include "app/ui/rich_text.hpp"
#include "app/ui/text_area.hpp"
#include "app/ui/theme.hpp"
#include "app/ui/widget_detail.hpp"
#include "imgui.h"

namespace ui {

namespace detail {

void annotate(ImGuiID id, Annotation annotation) {
    if (ItemCollector* collector = current_collector()) collector->annotate(id, std::move(annotation));
}

void add_static(std::string_view content, Role role, int level, std::optional<ImGuiID> id) {
    ItemCollector* collector = current_collector();
    if (!collector || content.empty()) return;
    const ImVec2 scroll = internals::root_window_scroll();
    const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
    const ImGuiID item_id = id ? *id : ImGui::GetID(content.data(), content.data() + content.size());
    Item& item = collector->add();
    item.id = item_id;
    item.role = role;
    item.label.assign(content);
    item.level = level;
    item.x = min.x + scroll.x;
    item.y = min.y + scroll.y;
    item.w = max.x - min.x;
    item.h = max.y - min.y;
    describe_text(item, min);
}

void add_static_at(std::string_view content, Role role, ImVec2 min, ImVec2 max) {
    ItemCollector* collector = current_collector();
    if (!collector || content.empty()) return;
    const ImVec2 scroll = internals::root_window_scroll();
    Item& item = collector->add();
    item.id = ImGui::GetID(content.data(), content.data() + content.size());
    item.role = role;
    item.label.assign(content);
    item.x = min.x + scroll.x;
    item.y = min.y + scroll.y;
    item.w = max.x - min.x;
    item.h = max.y - min.y;
    describe_text(item, min);
}

}  // namespace detail

using detail::add_static;
using detail::annotate;

float em() { return px(16); }

bool toggle_button(const char* label, bool pressed, const char* lang) {
    Annotation annotation{.role = Role::button, .label = visible_label(label), .lang = lang, .toggle = true,
                          .checked = pressed};
    return detail::draw_button(label, ButtonKind::secondary, ButtonOptions{.lang = lang}, std::move(annotation), pressed);
}

bool radio(const char* label, const char* group, bool selected) {
    // A 16 px circle beside its label, on a row of at least the minimum target (the touch height on a
    // touch screen): Dear ImGui's own radio is a circle as tall as a control.
    const Colours& c = theme().colour;
    const std::string visible = visible_label(label);
    const float circle = px(16), gap = space(2);
    const ImVec2 words = ImGui::CalcTextSize(visible.c_str());
    const float height = std::max(touch() ? control_height() : px(theme().control.min_target_px), words.y);
    ImGui::PushID(group);
    annotate(ImGui::GetID(label), Annotation{.role = Role::radio, .label = visible, .group = group, .checked = selected});
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const bool clicked = ImGui::InvisibleButton(label, ImVec2(circle + gap + words.x, height)) && !selected;
    const bool hovered = ImGui::IsItemHovered();
    ImGui::PopID();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 centre(pos.x + circle / 2, pos.y + height / 2);
    if (selected) {
        draw->AddCircleFilled(centre, circle / 2, hovered ? c.accent_hover : c.accent, 24);
        draw->AddCircleFilled(centre, circle * 0.1875f, c.on_accent, 16);
    } else {
        draw->AddCircleFilled(centre, circle / 2, hovered ? c.surface_hover : c.surface, 24);
        draw->AddCircle(centre, circle / 2 - px(0.5f), c.border_strong, 24, px(1));
    }
    draw->AddText(ImVec2(pos.x + circle + gap, pos.y + (height - words.y) / 2), c.text, visible.c_str());
    if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    return clicked;
}

namespace {

// `measured`, when given, holds the label's glyphs ready to copy.
bool link_of_size(std::string_view label, std::string_view url, ImVec2 size, MeasuredText* measured = nullptr) {
    ImGui::PushID(url.data(), url.data() + url.size());
    ImGuiID id = ImGui::GetID("##link");
    ImVec2 pos = ImGui::GetCursorScreenPos();
    bool clicked = ImGui::InvisibleButton("##link", size);
    // Described once added rather than annotated before: a screen of links (My requests' rows, the
    // Help Center's articles) then copies its titles into the collector's kept strings, not new ones.
    if (ItemCollector* collector = current_collector()) {
        if (Item* item = collector->added(id)) {
            item->role = Role::link;
            item->label.assign(label);
            item->href.assign(url);
        }
    }
    bool hovered = ImGui::IsItemHovered();
    const Colours& c = theme().colour;
    ImU32 color = hovered ? c.accent_hover : c.accent;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    if (measured) measured->draw(*draw, pos, color);
    else draw->AddText(pos, color, label.data(), label.data() + label.size());
    // Underlined under the pointer only (the accent colour tells a link at rest): a filled rectangle
    // (four vertices), not a stroked line with anti-aliased edges.
    if (hovered) draw->AddRectFilled(ImVec2(pos.x, pos.y + size.y - px(1)), ImVec2(pos.x + size.x, pos.y + size.y), color);
    if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    ImGui::PopID();
    return clicked;
}

}  // namespace

bool link(std::string_view label, std::string_view url) {
    return link_of_size(label, url, ImGui::CalcTextSize(label.data(), label.data() + label.size()));
}

MeasuredText::MeasuredText(std::string text) : words(std::move(text)), hash(internals::hash_text(words)) {}

void MeasuredText::measure() {
    // Fonts rebuilt (for another screen density, or with every glyph after a start's first atlas) may
    // come back at the same address and size, with the glyphs elsewhere in the atlas: the generation
    // tells. Within one generation, the address and the pixel sizes tell the fonts apart.
    const ImFont* current = ImGui::GetFont();
    if (font == current && fonts == font_generation() && font_size == ImGui::GetFontSize() && font_px == current->FontSize)
        return;
    font = current;
    fonts = font_generation();
    font_size = ImGui::GetFontSize();
    font_px = current->FontSize;
    const ImVec2 size = ImGui::CalcTextSize(words.data(), words.data() + words.size());
    width = size.x;
    height = size.y;
    glyphs.clear();
    glyphs_built = false;
    placed.clear();
    indices.clear();
}

// The glyphs as ImFont::RenderText lays out one line at the origin: four vertices each, in its order.
// Words with a line break are left to RenderText (glyphs_built stays false, glyphs empty).
void MeasuredText::build_glyphs() {
    glyphs_built = true;
    if (words.find('\n') != std::string::npos) return;
    const ImFont* current = ImGui::GetFont();
    const float scale = ImGui::GetFontSize() / current->FontSize;
    float x = 0;
    for (const char* s = words.data(), *end = words.data() + words.size(); s < end;) {
        unsigned int c = static_cast<unsigned char>(*s);
        if (c < 0x80) s += 1;
        else s += internals::decode_utf8(c, s, end);
        if (c == '\r') continue;
        const ImFontGlyph* glyph = current->FindGlyph(static_cast<ImWchar>(c));
        if (!glyph) continue;
        if (glyph->Visible) {
            const float x1 = x + glyph->X0 * scale, x2 = x + glyph->X1 * scale;
            const float y1 = glyph->Y0 * scale, y2 = glyph->Y1 * scale;
            glyphs.push_back(ImDrawVert{ImVec2(x1, y1), ImVec2(glyph->U0, glyph->V0), 0});
            glyphs.push_back(ImDrawVert{ImVec2(x2, y1), ImVec2(glyph->U1, glyph->V0), 0});
            glyphs.push_back(ImDrawVert{ImVec2(x2, y2), ImVec2(glyph->U1, glyph->V1), 0});
            glyphs.push_back(ImDrawVert{ImVec2(x1, y2), ImVec2(glyph->U0, glyph->V1), 0});
        }
        x += glyph->AdvanceX * scale;
    }
}

// A copy of the glyphs at `pos` in `colour`: what AddText draws (the portal's fonts have no coloured
// glyphs), without decoding and looking up every character again. Past `clip_right` glyphs are left
// out, and the one across it is cut there (its texture coordinates with it); other edges are the
// scissor's.
void MeasuredText::draw(ImDrawList& list, ImVec2 pos, ImU32 colour, float clip_right) {
    if (words.empty()) return;
    measure();
    if (!glyphs_built) build_glyphs();
    if (glyphs.empty()) {
        const ImVec2 min = list.GetClipRectMin(), max = list.GetClipRectMax();
        const ImVec4 clip(min.x, min.y, clip_right, max.y);
        list.AddText(ImGui::GetFont(), ImGui::GetFontSize(), pos, colour, words.data(), words.data() + words.size(), 0,
                     clip_right < max.x ? &clip : nullptr);
        return;
    }
    const auto whole = [](float v) { return static_cast<float>(static_cast<int>(v)); };  // as Dear ImGui's IM_TRUNC
    const float x = whole(pos.x), y = whole(pos.y);
    // The vertices and indices as written last time are kept: a frame drawn again (a pointer move, a
    // caret's blink) writes most text where and in the colour it was, and then copies them whole.
    if (placed.empty() || x != placed_at.x || y != placed_at.y || colour != placed_colour || clip_right != placed_clip) {
        placed.clear();
        placed.reserve(glyphs.size());
        for (size_t quad = 0; quad + 4 <= glyphs.size(); quad += 4) {
            ImDrawVert v[4];
            for (size_t k = 0; k < 4; ++k) {
                v[k].pos = ImVec2(glyphs[quad + k].pos.x + x, glyphs[quad + k].pos.y + y);
                v[k].uv = glyphs[quad + k].uv;
                v[k].col = colour;
            }
            const float left = v[0].pos.x, right = v[1].pos.x;
            if (left >= clip_right) break;
            if (right > clip_right) {  // vertices 1 and 2 are the right edge
                const float u = v[0].uv.x + (v[1].uv.x - v[0].uv.x) * (clip_right - left) / (right - left);
                v[1].pos.x = v[2].pos.x = clip_right;
                v[1].uv.x = v[2].uv.x = u;
            }
            placed.insert(placed.end(), v, v + 4);
        }
        placed_at = ImVec2(x, y);
        placed_colour = colour;
        placed_clip = clip_right;
    }
    const int vertices = static_cast<int>(placed.size());
    if (vertices == 0) return;
    const int index_count = vertices / 4 * 6;
    list.PrimReserve(index_count, vertices);
    const unsigned int first = internals::next_vertex_index(list);
    if (indices.size() != static_cast<size_t>(index_count) || first != indexed_from) {
        indices.resize(static_cast<size_t>(index_count));
        ImDrawIdx* index = indices.data();
        const unsigned int end = first + static_cast<unsigned int>(vertices);
        for (unsigned int quad = first; quad != end; quad += 4, index += 6) {
            index[0] = static_cast<ImDrawIdx>(quad);
            index[1] = static_cast<ImDrawIdx>(quad + 1);
            index[2] = static_cast<ImDrawIdx>(quad + 2);
            index[3] = static_cast<ImDrawIdx>(quad);
            index[4] = static_cast<ImDrawIdx>(quad + 2);
            index[5] = static_cast<ImDrawIdx>(quad + 3);
        }
        indexed_from = first;
    }
    internals::write_reserved(list, placed.data(), vertices, indices.data(), index_count);
}

bool link(MeasuredText& label, std::string_view url) {
    label.measure();
    return link_of_size(label.words, url, ImVec2(label.width, label.height), &label);
}

// muted_line's drawing with the size known: what TextUnformatted does for one line, without measuring
// the words (or looking for "##" in them) again.
void muted_line(MeasuredText& line) {
    line.measure();
    ImVec2 pos;
    if (internals::add_text_line(ImVec2(line.width, line.height), pos))
        line.draw(*ImGui::GetWindowDrawList(), pos, theme().colour.text_soft);
    add_static(line.words, Role::text, 0, internals::id_of_number(static_cast<int>(line.hash)));
}

void heading(std::string_view content, int level) {
    const Type style = level <= 1 ? Type::display1 : level == 2 ? Type::display2 : Type::display3;
    push_type(style);
    ImGui::PushStyleColor(ImGuiCol_Text, theme().colour.text);
    // A long title wraps at the available width (a phone's column), unless the caller chose a measure.
    const bool wrap_here = internals::text_wrap_pos() < 0.0f;
    if (wrap_here) ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(content.data(), content.data() + content.size());
    if (wrap_here) ImGui::PopTextWrapPos();
    add_static(content, Role::heading, level);  // in its font: the mirror lays its words out alike
    ImGui::PopStyleColor();
    pop_type();
}

void text(std::string_view content, Role role) {
    // Wrap at the window's edge unless the caller chose a narrower measure.
    const bool wrap_here = internals::text_wrap_pos() < 0.0f;
    if (wrap_here) ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(content.data(), content.data() + content.size());
    if (wrap_here) ImGui::PopTextWrapPos();
    add_static(content, role, 0);
}

void strong_text(std::string_view content, Role role, unsigned colour) {
    push_type(Type::action);
    ImGui::PushStyleColor(ImGuiCol_Text, colour);
    text(content, role);
    ImGui::PopStyleColor();
    pop_type();
}

void muted_text(std::string_view content) {
    ImGui::PushStyleColor(ImGuiCol_Text, theme().colour.text_soft);
    text(content);
    ImGui::PopStyleColor();
}

void muted_line(std::string_view content) {
    ImGui::PushStyleColor(ImGuiCol_Text, theme().colour.text_soft);
    ImGui::TextUnformatted(content.data(), content.data() + content.size());
    ImGui::PopStyleColor();
    add_static(content, Role::text, 0);
}

std::optional<std::string> text_field(const char* label, const std::string& value, const TextFieldOptions& options) {
    const float line = theme().type[static_cast<int>(Type::body)].line_px;
    return field(label, value, FieldOptions{
        .input_type = options.input_type,
        .autocomplete = options.autocomplete,
        .width_px = options.width_em * 16,
        .lines = options.height_em > 0 ? std::max(2, static_cast<int>(options.height_em * 16 / line)) : 0,
        .max_lines = std::max(2, static_cast<int>((options.max_height_em * 16 - 2 * theme().space_px[2]) / line)),
    });
}

void file_button(const char* label, std::string_view target) {
    detail::draw_button(label, ButtonKind::secondary, {},
                        Annotation{.role = Role::file, .label = visible_label(label), .value = std::string(target)});
}

void field_error(std::string_view content) {
    ImGui::PushStyleColor(ImGuiCol_Text, theme().colour.critical);
    text(content, Role::status);
    ImGui::PopStyleColor();
}

}  // namespace ui
