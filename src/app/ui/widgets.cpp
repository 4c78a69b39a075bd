#include "app/ui/widgets.hpp"

#include "app/ui/fonts.hpp"
#include "app/ui/imgui_internals.hpp"
#include "app/ui/rich_text.hpp"
#include "app/ui/text_area.hpp"
#include "imgui.h"

namespace ui {

namespace {

void annotate(ImGuiID id, Annotation annotation) {
    if (ItemCollector* collector = current_collector()) collector->annotate(id, std::move(annotation));
}

// Registers a non-interactive item (text, heading, status) at the last item's rectangle. Its id is
// the content's, or `id` when the caller has one already.
void add_static(std::string_view content, Role role, int level, std::optional<ImGuiID> id = std::nullopt) {
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

}  // namespace

float em() { return ImGui::GetFontSize(); }

namespace {
constexpr Palette light_palette{IM_COL32(247, 247, 250, 255), IM_COL32(20, 22, 30, 255),  IM_COL32(26, 31, 51, 255),
                                IM_COL32(89, 94, 107, 255),   IM_COL32(18, 97, 219, 255), IM_COL32(10, 77, 191, 255),
                                IM_COL32(176, 0, 33, 255),    IM_COL32(20, 90, 220, 255), IM_COL32(230, 232, 240, 255),
                                IM_COL32(204, 214, 242, 255), IM_COL32(179, 194, 235, 255), IM_COL32(219, 18, 94, 255),
                                IM_COL32(255, 255, 255, 255), false};
constexpr Palette dark_palette{IM_COL32(24, 26, 32, 255),    IM_COL32(230, 232, 238, 255), IM_COL32(240, 242, 248, 255),
                               IM_COL32(170, 176, 190, 255), IM_COL32(120, 170, 255, 255), IM_COL32(160, 196, 255, 255),
                               IM_COL32(255, 120, 130, 255), IM_COL32(120, 170, 255, 255), IM_COL32(52, 56, 68, 255),
                               IM_COL32(66, 74, 98, 255),    IM_COL32(80, 92, 128, 255),  IM_COL32(219, 18, 94, 255),
                               IM_COL32(255, 255, 255, 255), true};
const Palette* current_palette = &light_palette;
}  // namespace

const Palette& palette() { return *current_palette; }
void use_palette(bool dark) { current_palette = dark ? &dark_palette : &light_palette; }

bool button(const char* label) {
    annotate(ImGui::GetID(label), Annotation{.role = Role::button, .label = visible_label(label)});
    return ImGui::Button(label);
}

bool toggle_button(const char* label, bool pressed, const char* lang) {
    annotate(ImGui::GetID(label), Annotation{.role = Role::button, .label = visible_label(label), .lang = lang,
                                             .toggle = true, .checked = pressed});
    if (pressed) {  // the chosen one keeps its colour under the pointer too
        const ImU32 chosen = palette().chosen;
        ImGui::PushStyleColor(ImGuiCol_Button, chosen);
        ImGui::PushStyleColor(ImGuiCol_ButtonHovered, chosen);
        ImGui::PushStyleColor(ImGuiCol_ButtonActive, chosen);
        ImGui::PushStyleColor(ImGuiCol_Text, palette().on_chosen);
    }
    bool clicked = ImGui::Button(label);
    if (pressed) ImGui::PopStyleColor(4);
    return clicked;
}

bool radio(const char* label, const char* group, bool selected) {
    ImGui::PushID(group);
    annotate(ImGui::GetID(label),
             Annotation{.role = Role::radio, .label = visible_label(label), .group = group, .checked = selected});
    bool clicked = ImGui::RadioButton(label, selected) && !selected;
    ImGui::PopID();
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
    ImU32 color = hovered ? palette().link_hover : palette().link;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    if (measured) measured->draw(*draw, pos, color);
    else draw->AddText(pos, color, label.data(), label.data() + label.size());
    // The underline: a filled rectangle (four vertices), not a stroked line with anti-aliased edges.
    draw->AddRectFilled(ImVec2(pos.x, pos.y + size.y),
                        ImVec2(pos.x + size.x, pos.y + size.y + (hovered ? 2.0f : 1.0f)), color);
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
    // The font's own pixel size too: fonts rebuilt for another screen density (browser zoom) may come
    // back at the same address and the same size on screen, with other glyph metrics.
    const ImFont* current = ImGui::GetFont();
    if (font == current && font_size == ImGui::GetFontSize() && font_px == current->FontSize) return;
    font = current;
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
// glyphs), without decoding and looking up every character again. Glyphs past the clip rectangle are
// copied too; the scissor cuts them.
void MeasuredText::draw(ImDrawList& list, ImVec2 pos, ImU32 colour) {
    if (words.empty()) return;
    measure();
    if (!glyphs_built) build_glyphs();
    if (glyphs.empty()) {
        list.AddText(pos, colour, words.data(), words.data() + words.size());
        return;
    }
    const auto whole = [](float v) { return static_cast<float>(static_cast<int>(v)); };  // as Dear ImGui's IM_TRUNC
    const float x = whole(pos.x), y = whole(pos.y);
    const int vertices = static_cast<int>(glyphs.size());
    const int index_count = vertices / 4 * 6;
    list.PrimReserve(index_count, vertices);
    // The vertices and indices as written last time are kept: a frame drawn again (a pointer move, a
    // caret's blink) writes most text where and in the colour it was, and then copies them whole.
    if (placed.empty() || x != placed_at.x || y != placed_at.y || colour != placed_colour) {
        placed.resize(glyphs.size());
        ImDrawVert* out = placed.data();
        for (const ImDrawVert& glyph : glyphs) {
            out->pos.x = glyph.pos.x + x;
            out->pos.y = glyph.pos.y + y;
            out->uv = glyph.uv;
            out->col = colour;
            ++out;
        }
        placed_at = ImVec2(x, y);
        placed_colour = colour;
    }
    const unsigned int first = internals::next_vertex_index(list);
    if (indices.empty() || first != indexed_from) {
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
        line.draw(*ImGui::GetWindowDrawList(), pos, palette().muted);
    add_static(line.words, Role::text, 0, internals::id_of_number(static_cast<int>(line.hash)));
}

void heading(std::string_view content, int level) {
    const Fonts& f = fonts();
    ImFont* font = level <= 1 ? f.title : f.strong;
    if (font) ImGui::PushFont(font);
    ImGui::PushStyleColor(ImGuiCol_Text, palette().heading);
    ImGui::TextUnformatted(content.data(), content.data() + content.size());
    add_static(content, Role::heading, level);  // in its font: the mirror lays its words out alike
    ImGui::PopStyleColor();
    if (font) ImGui::PopFont();
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
    if (fonts().strong) ImGui::PushFont(fonts().strong);
    ImGui::PushStyleColor(ImGuiCol_Text, colour);
    text(content, role);
    ImGui::PopStyleColor();
    if (fonts().strong) ImGui::PopFont();
}

void muted_text(std::string_view content) {
    ImGui::PushStyleColor(ImGuiCol_Text, palette().muted);
    text(content);
    ImGui::PopStyleColor();
}

void muted_line(std::string_view content) {
    ImGui::PushStyleColor(ImGuiCol_Text, palette().muted);
    ImGui::TextUnformatted(content.data(), content.data() + content.size());
    ImGui::PopStyleColor();
    add_static(content, Role::text, 0);
}

std::optional<std::string> text_field(const char* label, const std::string& value, const TextFieldOptions& options) {
    std::string visible = visible_label(label);
    if (fonts().strong) ImGui::PushFont(fonts().strong);
    ImGui::TextUnformatted(visible.c_str());
    if (fonts().strong) ImGui::PopFont();
    ImGui::PushID(label);
    ImGuiID id = ImGui::GetID("##field");
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
    bool applying = field.external.has_value();
    // The mirror is told the text as it will be after this frame, so it never pushes a stale value back.
    annotate(id, Annotation{.role = Role::textbox, .label = visible,
                            .value = applying ? field.external->text : buffer,
                            .input_type = options.input_type, .autocomplete = options.autocomplete,
                            .multiline = options.height_em > 0});
    ImGuiInputTextFlags flags = ImGuiInputTextFlags_CallbackResize | ImGuiInputTextFlags_CallbackAlways;
    if (std::string_view(options.input_type) == "password") flags |= ImGuiInputTextFlags_Password;
    bool edited = false;
    if (options.height_em > 0) {
        edited = text_area("##field", buffer,
                           {options.width_em * em(), options.height_em * em(), options.max_height_em * em()}, flags,
                           field_callback, &field);
    } else {
        ImGui::SetNextItemWidth(options.width_em * em());
        edited = ImGui::InputText("##field", buffer.data(), buffer.capacity() + 1, flags, field_callback, &field);
    }
    note_submit(id, options.height_em > 0);
    ImGui::PopID();
    if (field.external) {
        // The field stopped being edited within this frame (the focus moved on), so its callback never
        // ran: the page's text still counts. It goes to the value now, and if ImGui still edits the
        // field, to its editor next frame; dropping it lost a password typed just before "Sign in".
        buffer = field.external->text;
        if (internals::active_id() == id)
            if (ItemCollector* collector = current_collector())
                collector->set_external_text(id, std::move(*field.external));
        return buffer;
    }
    if (edited || external_changed || (applying && buffer != value)) return buffer;
    return std::nullopt;
}

void file_button(const char* label, std::string_view target) {
    annotate(ImGui::GetID(label), Annotation{.role = Role::file, .label = visible_label(label), .value = std::string(target)});
    ImGui::Button(label);
}

void field_error(std::string_view content) {
    ImGui::PushStyleColor(ImGuiCol_Text, palette().error);
    text(content, Role::status);
    ImGui::PopStyleColor();
}

}  // namespace ui
