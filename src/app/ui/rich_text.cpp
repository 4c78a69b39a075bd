#include "app/ui/rich_text.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>

#include "app/ui/fonts.hpp"
#include "app/ui/imgui_internals.hpp"
#include "app/ui/widgets.hpp"
#include "core/links.hpp"

namespace ui {

namespace {

// The CSS weight of a font the portal loaded (fonts.cpp): the weight of the type style it draws.
int font_weight(const ImFont* font) {
    for (int t = 0; t < type_count; ++t)
        if (font && font == ui::font(static_cast<Type>(t))) return theme().type[t].weight;
    return 400;
}

std::uint16_t read_u16(const unsigned char* p) { return static_cast<std::uint16_t>(p[0] << 8 | p[1]); }

// CSS sizes a font by its em; Dear ImGui (stb_truetype's ScaleForPixelHeight) by its ascent minus its
// descent, from the font's 'hhea' table. This is the CSS size of a font Dear ImGui draws at 1 px, read
// from the font file itself (1 when the file cannot be read).
float em_per_pixel_height(const ImFont* font) {
    if (!font || !font->ConfigData || !font->ConfigData->FontData) return 1.0f;
    const auto* data = static_cast<const unsigned char*>(font->ConfigData->FontData);
    const size_t size = static_cast<size_t>(font->ConfigData->FontDataSize);
    if (size < 12) return 1.0f;
    const size_t tables = read_u16(data + 4);
    float units_per_em = 0, height = 0;
    for (size_t t = 0; t < tables && 12 + 16 * (t + 1) <= size; ++t) {
        const unsigned char* entry = data + 12 + 16 * t;
        const size_t offset = static_cast<size_t>(entry[8]) << 24 | static_cast<size_t>(entry[9]) << 16 |
                              static_cast<size_t>(entry[10]) << 8 | entry[11];
        if (offset + 20 > size) continue;
        if (std::memcmp(entry, "head", 4) == 0) units_per_em = read_u16(data + offset + 18);
        if (std::memcmp(entry, "hhea", 4) == 0)
            height = static_cast<float>(static_cast<std::int16_t>(read_u16(data + offset + 4))) -
                     static_cast<float>(static_cast<std::int16_t>(read_u16(data + offset + 6)));
    }
    return units_per_em > 0 && height > 0 ? units_per_em / height : 1.0f;
}

}  // namespace

// Read each time (a few table entries): fonts rebuilt for another density may come back at the same
// address from another file.
float css_font_size() { return ImGui::GetFontSize() * em_per_pixel_height(ImGui::GetFont()); }

Advance font_advance() {
    const ImFont* font = ImGui::GetFont();
    const float scale = ImGui::GetFontSize() / font->FontSize;
    return [font, scale](char32_t c) {
        // Dear ImGui's characters are 16 bits here: others draw as its fallback glyph.
        const ImWchar w = c <= 0xFFFF ? static_cast<ImWchar>(c) : static_cast<ImWchar>(font->FallbackChar);
        return font->GetCharAdvance(w) * scale;
    };
}

void describe_text(Item& item, ImVec2 screen_pos) {
    item.font_px = css_font_size();
    item.line_px = ImGui::GetTextLineHeight();
    item.weight = font_weight(ImGui::GetFont());
    item.wrap_w = std::max(1.0f, internals::wrap_width_at(screen_pos));
}

void rich_text(std::string_view text) {
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float wrap = std::max(1.0f, internals::wrap_width_at(origin));
    const Advance advance = font_advance();
    const std::vector<TextLine> lines = wrap_text(text, wrap, advance);
    const float line_height = ImGui::GetTextLineHeight();
    float widest = 0;
    for (const TextLine& line : lines) {
        // Spaces hanging at a line's end are past its edge and show nothing: they take no width.
        size_t end = line.end;
        while (end > line.begin && (text[end - 1] == ' ' || text[end - 1] == '\t')) --end;
        widest = std::max(widest, caret_x(text, line, end, advance));
    }
    const ImVec2 size(widest, line_height * static_cast<float>(lines.size()));
    ImGui::Dummy(size);  // the place, as an item without id: the mirror gets the words below
    if (text.empty()) return;
    const std::vector<core::TextLink> links = core::find_links(text);

    if (ImGui::IsItemVisible()) {
        ImDrawList* draw = ImGui::GetWindowDrawList();
        ImFont* font = ImGui::GetFont();
        const float font_size = ImGui::GetFontSize();
        const ImU32 plain = ImGui::GetColorU32(ImGuiCol_Text);
        const bool hoverable = ImGui::IsWindowHovered();
        bool over_link = false;
        for (size_t l = 0; l < lines.size(); ++l) {
            const TextLine& line = lines[l];
            const float y = origin.y + line_height * static_cast<float>(l);
            if (y > draw->GetClipRectMax().y || y + line_height < draw->GetClipRectMin().y) continue;
            // The line in runs: plain words, then a link's words, and so on.
            size_t at = line.begin;
            float x = origin.x;
            auto link = std::find_if(links.begin(), links.end(), [&](const core::TextLink& k) { return k.end > at; });
            while (at < line.end) {
                const bool in_link = link != links.end() && link->begin <= at;
                const size_t run_end = std::min(line.end, in_link ? link->end : link != links.end() ? link->begin : line.end);
                const float run_width = caret_x(text, TextLine{at, run_end}, run_end, advance);
                ImU32 colour = plain;
                if (in_link) {
                    const ImVec2 min(x, y), max(x + run_width, y + line_height);
                    const bool hovered = hoverable && ImGui::IsMouseHoveringRect(min, max);
                    over_link = over_link || hovered;
                    colour = hovered ? theme().colour.accent_hover : theme().colour.accent;
                    draw->AddRectFilled(ImVec2(min.x, max.y - 1), max, colour);
                }
                draw->AddText(font, font_size, ImVec2(x, y), colour, text.data() + at, text.data() + run_end);
                x += run_width;
                at = run_end;
                if (in_link && at == link->end) ++link;
            }
        }
        if (over_link) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    }

    if (ItemCollector* collector = current_collector()) {
        const ImVec2 scroll = internals::root_window_scroll();
        Item& item = collector->add();
        item.id = ImGui::GetID(text.data(), text.data() + text.size());
        item.role = Role::text;
        item.label.assign(text);
        item.x = origin.x + scroll.x;
        item.y = origin.y + scroll.y;
        item.w = size.x;
        item.h = size.y;
        describe_text(item, origin);
        item.wrap_w = wrap;
        item.links = links;
    }
}

}  // namespace ui
