// Cards, the page header, styled text, loading and empty states, the toast and avatars (controls.hpp).
#include <algorithm>
#include <cmath>
#include <memory>
#include <vector>

#include "app/ui/controls.hpp"
#include "app/ui/fonts.hpp"
#include "app/ui/imgui_internals.hpp"
#include "app/ui/widget_detail.hpp"
#include "imgui.h"

namespace ui {

namespace {

const Colours& colours() { return theme().colour; }

ImVec2 text_size(std::string_view text, float wrap = -1.0f) {
    return ImGui::CalcTextSize(text.data(), text.data() + text.size(), false, wrap);
}

// A card being drawn: its contents go to channel 1 of its own splitter, its surface to channel 0 once
// end_card knows the height. Kept from frame to frame (a steady screen allocates nothing for them).
struct OpenCard {
    ImDrawListSplitter splitter;
    ImVec2 start;
    float width = 0, padding = 0;
    CardOptions options;
    internals::ContentRight edge;
};
std::vector<std::unique_ptr<OpenCard>> cards;
size_t open_cards = 0;

struct PageHeader {
    ImVec2 start;
    float bottom = 0;
    bool actions = false;
} header;

}  // namespace

// --- Cards ----------------------------------------------------------------------------------------

void begin_card(const char* id, const CardOptions& options) {
    if (open_cards == cards.size()) cards.push_back(std::make_unique<OpenCard>());
    OpenCard& card = *cards[open_cards++];
    ImGui::PushID(id);
    card.options = options;
    card.start = ImGui::GetCursorScreenPos();
    card.width = options.width_px > 0 ? px(options.width_px) : ImGui::GetContentRegionAvail().x;
    card.padding = px(options.padding_px);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    card.splitter.Split(draw, 2);
    card.splitter.SetCurrentChannel(draw, 1);
    // Nothing of the card's content may reach its right padding: text wraps and fields end there.
    card.edge = internals::narrow_content_right(card.start.x + card.width - card.padding);
    ImGui::SetCursorScreenPos(ImVec2(card.start.x + card.padding, card.start.y + card.padding));
    ImGui::BeginGroup();
}

void end_card() {
    if (open_cards == 0) return;
    OpenCard& card = *cards[--open_cards];
    ImGui::EndGroup();
    const float bottom = ImGui::GetItemRectMax().y + card.padding;
    internals::restore_content_right(card.edge);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    card.splitter.SetCurrentChannel(draw, 0);
    const ImVec2 end(card.start.x + card.width, bottom);
    const float radius = px(card.options.radius_px > 0 ? card.options.radius_px : theme().radius.medium_px);
    draw->AddRectFilled(card.start, end, card.options.background ? card.options.background : colours().surface, radius);
    draw->AddRect(card.start, end, card.options.border ? card.options.border : colours().border, radius, 0, px(1));
    card.splitter.Merge(draw);
    // The card takes its place as one item: what follows goes under it, or beside it after SameLine.
    ImGui::SetCursorScreenPos(card.start);
    ImGui::Dummy(ImVec2(card.width, bottom - card.start.y));
    ImGui::PopID();
}

// --- Page header ----------------------------------------------------------------------------------

void begin_page_header(std::string_view title, std::string_view subtitle, float actions_width) {
    const float avail = ImGui::GetContentRegionAvail().x;
    header.start = ImGui::GetCursorScreenPos();
    push_type(Type::display1);
    const float title_width = text_size(title).x;
    pop_type();
    const bool beside = actions_width > 0 && title_width + space(4) + actions_width <= avail;
    ImGui::BeginGroup();
    styled_text(title, Type::display1, 0, Role::heading, 1);
    if (!subtitle.empty()) styled_text(subtitle, Type::body, colours().text_soft);
    ImGui::EndGroup();
    header.bottom = ImGui::GetItemRectMax().y;
    header.actions = actions_width > 0;
    if (!header.actions) return;
    if (beside) {
        const float title_line = type_height(Type::display1);
        ImGui::SetCursorScreenPos(ImVec2(header.start.x + avail - actions_width,
                                         header.start.y + std::max(0.0f, (title_line - control_height()) / 2)));
    }
    ImGui::BeginGroup();
}

void end_page_header() {
    if (header.actions) {
        ImGui::EndGroup();
        header.bottom = std::max(header.bottom, ImGui::GetItemRectMax().y);
        header.actions = false;
    }
    ImGui::SetCursorScreenPos(ImVec2(header.start.x, header.bottom));
    ImGui::Dummy(ImVec2(0, space(4)));
}

void styled_text(std::string_view text, Type style, Colour colour, Role role, int level) {
    push_type(style);
    ImGui::PushStyleColor(ImGuiCol_Text, colour ? colour : colours().text);
    const bool wrap_here = internals::text_wrap_pos() < 0.0f;
    if (wrap_here) ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(text.data(), text.data() + text.size());
    if (wrap_here) ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    pop_type();
    detail::add_static(text, role, level);
}

// --- Loading and empty ------------------------------------------------------------------------------

void skeleton_line(float width_px) {
    const float width = width_px < 0 ? ImGui::GetContentRegionAvail().x : px(width_px);
    const float height = line_height(Type::body);
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(width, height));
    ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(pos.x, pos.y + space(1)), ImVec2(pos.x + width, pos.y + height - space(1)),
                                              colours().skeleton, px(theme().radius.small_px));
}

void spinner(std::string_view label, float size_px) {
    const float size = px(size_px), stroke = std::max(px(2), size / 10);
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(size, size));
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 centre(pos.x + size / 2, pos.y + size / 2);
    const float radius = (size - stroke) / 2;
    draw->AddCircle(centre, radius, colours().border, 24, stroke);
    // It turns with the frames drawn: the portal draws on demand, so a still spinner still says "loading".
    const float start = static_cast<float>(std::fmod(ImGui::GetTime() * 4.0, 2 * 3.14159265));
    draw->PathArcTo(centre, radius, start, start + 3.14159265f * 1.5f, 24);
    draw->PathStroke(colours().accent, 0, stroke);
    detail::add_static(label, Role::status, 0);
}

bool empty_state(Icon icon, std::string_view text, const char* action_label) {
    const float avail = ImGui::GetContentRegionAvail().x;
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float glyph = px(40);
    ImGui::Dummy(ImVec2(avail, glyph + space(3)));
    draw_icon(icon, origin.x + (avail - glyph) / 2, origin.y, glyph, colours().text_soft);
    // The sentence, each line centred under the icon.
    const float measure = std::min(avail, px(400));
    ImFont* body = ImGui::GetFont();
    const float scale = ImGui::GetFontSize() / body->FontSize;
    const char* s = text.data();
    const char* end = text.data() + text.size();
    while (s < end) {
        const char* stop = body->CalcWordWrapPositionA(scale, s, end, measure);
        if (stop == s) stop = s + 1;
        std::string_view line(s, static_cast<size_t>(stop - s));
        while (!line.empty() && line.back() == ' ') line.remove_suffix(1);
        ImGui::SetCursorScreenPos(ImVec2(origin.x + (avail - text_size(line).x) / 2, ImGui::GetCursorScreenPos().y));
        ImGui::PushStyleColor(ImGuiCol_Text, colours().text_soft);
        ImGui::TextUnformatted(line.data(), line.data() + line.size());
        ImGui::PopStyleColor();
        detail::add_static(line, Role::status, 0);
        s = stop;
        while (s < end && *s == ' ') ++s;
    }
    if (!action_label) return false;
    ImGui::Dummy(ImVec2(0, space(1)));
    ImGui::SetCursorScreenPos(ImVec2(origin.x + (avail - button_width(action_label)) / 2, ImGui::GetCursorScreenPos().y));
    return button(action_label, ButtonKind::secondary);
}

// --- Toast and avatar -------------------------------------------------------------------------------

void toast(std::string_view text) {
    if (text.empty()) return;
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    const float pad = space(4), margin = space(6);
    const float measure = std::min(px(480), viewport->WorkSize.x - 2 * space(4)) - 2 * pad;
    const ImVec2 size = text_size(text, measure);
    const float width = size.x + 2 * pad, height = std::max(px(40), size.y + 2 * space(3));
    const ImVec2 min(std::round(viewport->WorkPos.x + (viewport->WorkSize.x - width) / 2),
                     viewport->WorkPos.y + viewport->WorkSize.y - margin - height);
    const ImVec2 max(min.x + width, min.y + height);
    ImDrawList* draw = ImGui::GetForegroundDrawList();
    // Inverse colours (text's colour as the fill) set it apart from every surface under it.
    draw->AddRectFilled(ImVec2(min.x, min.y + px(4)), ImVec2(max.x, max.y + px(4)), colours().shadow, px(theme().radius.medium_px));
    draw->AddRectFilled(min, max, colours().text, px(theme().radius.medium_px));
    const ImVec2 at(min.x + pad, min.y + (height - size.y) / 2);
    draw->AddText(nullptr, 0.0f, at, colours().surface, text.data(), text.data() + text.size(), measure);
    detail::add_static_at(text, Role::status, at, ImVec2(at.x + size.x, at.y + size.y));
}

void avatar(std::string_view initials, Tone tone, float size_px) {
    const float size = px(size_px);
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(size, size));
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddCircleFilled(ImVec2(pos.x + size / 2, pos.y + size / 2), size / 2, tone_background(tone), 32);
    push_type(Type::caption);
    const ImVec2 letters = text_size(initials);
    draw->AddText(ImVec2(std::round(pos.x + (size - letters.x) / 2), std::round(pos.y + (size - letters.y) / 2)),
                  tone_text(tone), initials.data(), initials.data() + initials.size());
    pop_type();
}

}  // namespace ui
