// Buttons, choices (segmented, choice cards, tabs), tags and alerts. Cards, the page header, loading and
// empty states, the toast and avatars are in structure.cpp; fields in field.cpp; icons in icons.cpp.
#include "app/ui/controls.hpp"

#include <algorithm>
#include <cmath>

#include "app/ui/fonts.hpp"
#include "app/ui/widget_detail.hpp"
#include "imgui.h"

namespace ui {

using detail::annotate;

namespace {

const Colours& colours() { return theme().colour; }

// The words of `label` shown on screen (before any "##").
std::string_view shown(const char* label) {
    std::string_view all(label);
    return all.substr(0, std::min(all.size(), all.find("##")));
}

ImVec2 text_size(std::string_view text, float wrap = -1.0f) {
    return ImGui::CalcTextSize(text.data(), text.data() + text.size(), false, wrap);
}

void draw_text(ImDrawList* draw, ImVec2 pos, Colour colour, std::string_view text, float wrap = 0.0f) {
    draw->AddText(nullptr, 0.0f, pos, colour, text.data(), text.data() + text.size(), wrap);
}

struct Fill {
    Colour background, text, border;
};

Fill button_fill(ButtonKind kind, bool hovered, bool held, bool disabled, std::optional<bool> pressed) {
    const Colours& c = colours();
    if (disabled) return {c.surface_soft, c.text_disabled, c.border};
    if (pressed) {  // a toggle: chosen like a segment, at rest like an outlined secondary
        if (*pressed) return {c.accent_soft, c.on_accent_soft, c.accent};
        return {hovered ? c.surface_hover : c.surface, c.text, c.border_strong};
    }
    switch (kind) {
        case ButtonKind::primary:
            return {held ? c.accent_pressed : hovered ? c.accent_hover : c.accent, c.on_accent, 0};
        case ButtonKind::secondary:
            return {held || hovered ? c.accent_soft_hover : c.accent_soft, c.on_accent_soft, 0};
        case ButtonKind::tertiary:
            return {held || hovered ? c.surface_hover : 0, c.on_accent_soft, 0};
        case ButtonKind::critical:
            return {held || hovered ? c.critical_strong_hover : c.critical_strong, c.on_critical, 0};
    }
    return {c.accent_soft, c.on_accent_soft, 0};
}

}  // namespace

// --- Buttons --------------------------------------------------------------------------------------

float button_width(const char* label, const ButtonOptions& options) {
    if (options.width_px > 0) return px(options.width_px);
    push_type(Type::action);
    float width = text_size(shown(label)).x + 2 * px(theme().control.padding_x_px + 4);
    pop_type();
    if (options.icon) width += px(16) + space(2);
    return width;
}

bool detail::draw_button(const char* label, ButtonKind kind, const ButtonOptions& options, Annotation annotation,
                         std::optional<bool> pressed) {
    const std::string_view words = shown(label);
    const float width = options.width_px < 0 ? ImGui::GetContentRegionAvail().x : button_width(label, options);
    const float height = control_height();
    annotate(ImGui::GetID(label), std::move(annotation));
    // Text put after it on the same line (SameLine) is centred on the button, as beside Dear ImGui's own.
    ImGui::AlignTextToFramePadding();
    if (options.disabled) ImGui::BeginDisabled();
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const bool clicked = ImGui::InvisibleButton(label, ImVec2(width, height));
    const bool hovered = ImGui::IsItemHovered(), held = ImGui::IsItemActive();
    if (options.disabled) ImGui::EndDisabled();
    const Fill fill = button_fill(kind, hovered, held, options.disabled, pressed);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float radius = px(theme().radius.small_px);
    const ImVec2 end(pos.x + width, pos.y + height);
    if (fill.background) draw->AddRectFilled(pos, end, fill.background, radius);
    if (fill.border) draw->AddRect(pos, end, fill.border, radius, 0, px(theme().control.border_px));
    push_type(Type::action);
    const ImVec2 size = text_size(words);
    float x = pos.x + std::max(0.0f, (width - size.x - (options.icon ? px(16) + space(2) : 0)) / 2);
    if (options.icon && !options.icon_after) {
        draw_icon(*options.icon, x, pos.y + (height - px(16)) / 2, px(16), fill.text);
        x += px(16) + space(2);
    }
    draw_text(draw, ImVec2(std::round(x), std::round(pos.y + (height - size.y) / 2)), fill.text, words);
    if (options.icon && options.icon_after)
        draw_icon(*options.icon, x + size.x + space(2), pos.y + (height - px(16)) / 2, px(16), fill.text);
    pop_type();
    if (hovered && !options.disabled) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    return clicked && !options.disabled;
}

bool button(const char* label, ButtonKind kind, const ButtonOptions& options) {
    return detail::draw_button(label, kind, options,
                               Annotation{.role = Role::button, .label = visible_label(label), .lang = options.lang});
}

bool icon_button(const char* label, Icon icon, ButtonKind kind) {
    const float side = control_height();
    annotate(ImGui::GetID(label), Annotation{.role = Role::button, .label = visible_label(label)});
    ImGui::AlignTextToFramePadding();
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const bool clicked = ImGui::InvisibleButton(label, ImVec2(side, side));
    const Fill fill = button_fill(kind, ImGui::IsItemHovered(), ImGui::IsItemActive(), false, std::nullopt);
    if (fill.background)
        ImGui::GetWindowDrawList()->AddRectFilled(pos, ImVec2(pos.x + side, pos.y + side), fill.background,
                                                  px(theme().radius.small_px));
    const float glyph = px(20);
    draw_icon(icon, pos.x + (side - glyph) / 2, pos.y + (side - glyph) / 2, glyph, fill.text);
    return clicked;
}

// --- Choices --------------------------------------------------------------------------------------

int segmented(const char* group, std::span<const std::string> labels, int selected, const SegmentedOptions& options) {
    if (labels.empty()) return -1;
    const Colours& c = colours();
    const float height = control_height(), pad = px(theme().control.padding_x_px);
    push_type(Type::emphasis);
    float natural = 0;
    for (const std::string& label : labels) natural += text_size(label).x + 2 * pad;
    const float total = options.width_px < 0 ? ImGui::GetContentRegionAvail().x
                        : options.width_px > 0 ? px(options.width_px) : natural;
    const float even = total / static_cast<float>(labels.size());
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float radius = px(theme().radius.small_px);
    ImGui::PushID(group);
    ImGui::AlignTextToFramePadding();
    ImGui::BeginGroup();
    int chosen = -1;
    float x = origin.x;
    for (size_t i = 0; i < labels.size(); ++i) {
        const std::string& label = labels[i];
        const float width = options.width_px != 0 ? even : text_size(label).x + 2 * pad;
        const bool on = static_cast<int>(i) == selected;
        ImGui::PushID(static_cast<int>(i));
        const ImGuiID id = ImGui::GetID("##segment");
        annotate(id, Annotation{.role = Role::radio, .label = label, .group = group, .checked = on});
        ImGui::SetCursorScreenPos(ImVec2(x, origin.y));
        if (ImGui::InvisibleButton("##segment", ImVec2(width, height)) && !on) chosen = static_cast<int>(i);
        const bool hovered = ImGui::IsItemHovered();
        ImGui::PopID();
        const ImVec2 min(x, origin.y), max(x + width, origin.y + height);
        const ImDrawFlags corners = i == 0 ? ImDrawFlags_RoundCornersLeft
                                    : i + 1 == labels.size() ? ImDrawFlags_RoundCornersRight
                                                             : ImDrawFlags_RoundCornersNone;
        if (on || hovered) draw->AddRectFilled(min, max, on ? c.accent_soft : c.surface_hover, radius, corners);
        if (i > 0 && !on && static_cast<int>(i) - 1 != selected)  // a divider between two unchosen segments
            draw->AddRectFilled(ImVec2(x, origin.y + space(2)), ImVec2(x + px(1), max.y - space(2)), c.border);
        const ImVec2 size = text_size(label);
        draw_text(draw, ImVec2(std::round(x + (width - size.x) / 2), std::round(origin.y + (height - size.y) / 2)),
                  on ? c.on_accent_soft : c.text, label);
        if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
        x += width;
    }
    ImGui::EndGroup();
    ImGui::PopID();
    pop_type();
    draw->AddRect(origin, ImVec2(x, origin.y + height), c.border_strong, radius, 0, px(theme().control.border_px));
    return chosen;
}

bool choice_card(std::string_view title, std::string_view explanation, const char* group, bool selected,
                 float width_px) {
    const Colours& c = colours();
    const float width = width_px > 0 ? px(width_px) : ImGui::GetContentRegionAvail().x;
    const float pad = space(3), inner = std::max(1.0f, width - 2 * pad);
    push_type(Type::emphasis);
    const ImVec2 title_size = text_size(title, inner);
    pop_type();
    push_type(Type::caption);
    const ImVec2 explanation_size = text_size(explanation, inner);
    pop_type();
    const float height = std::max(control_height(), pad * 2 + title_size.y + space(1) + explanation_size.y);
    ImGui::PushID(group);
    ImGui::PushID(title.data(), title.data() + title.size());
    const ImGuiID id = ImGui::GetID("##choice");
    annotate(id, Annotation{.role = Role::radio, .label = std::string(title), .group = group, .checked = selected});
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const bool clicked = ImGui::InvisibleButton("##choice", ImVec2(width, height)) && !selected;
    const bool hovered = ImGui::IsItemHovered();
    ImGui::PopID();
    ImGui::PopID();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 end(pos.x + width, pos.y + height);
    const float radius = px(theme().radius.medium_px);
    draw->AddRectFilled(pos, end, selected ? c.accent_soft : hovered ? c.surface_hover : c.surface, radius);
    draw->AddRect(pos, end, selected ? c.accent : c.border_strong, radius, 0, px(selected ? 2 : 1));
    push_type(Type::emphasis);
    draw_text(draw, ImVec2(pos.x + pad, pos.y + pad), selected ? c.on_accent_soft : c.text, title, inner);
    pop_type();
    const ImVec2 words(pos.x + pad, pos.y + pad + title_size.y + space(1));
    push_type(Type::caption);
    draw_text(draw, words, selected ? c.on_accent_soft : c.text_soft, explanation, inner);
    pop_type();
    detail::add_static_at(explanation, Role::text, words,
                          ImVec2(words.x + explanation_size.x, words.y + explanation_size.y));
    if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    return clicked;
}

bool tab(const char* label, bool selected, const std::string& tablist) {
    const Colours& c = colours();
    push_type(Type::action);
    const std::string_view words = shown(label);
    const ImVec2 size = text_size(words);
    const float width = size.x + 2 * space(3), height = std::max(control_height(), px(40));
    annotate(ImGui::GetID(label), Annotation{.role = Role::tab, .label = visible_label(label), .group = tablist, .checked = selected});
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const bool clicked = ImGui::InvisibleButton(label, ImVec2(width, height));
    const bool hovered = ImGui::IsItemHovered();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    if (hovered && !selected)
        draw->AddRectFilled(ImVec2(pos.x, pos.y + space(1)), ImVec2(pos.x + width, pos.y + height - space(1)),
                            c.surface_hover, px(theme().radius.small_px));
    draw_text(draw, ImVec2(std::round(pos.x + space(3)), std::round(pos.y + (height - size.y) / 2)),
              selected ? c.accent : hovered ? c.text : c.text_soft, words);
    if (selected) draw->AddRectFilled(ImVec2(pos.x, pos.y + height - px(2)), ImVec2(pos.x + width, pos.y + height), c.accent);
    pop_type();
    if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    return clicked;
}

// --- Tags and alerts ------------------------------------------------------------------------------

Colour tone_text(Tone tone) {
    const Colours& c = colours();
    switch (tone) {
        case Tone::neutral: return c.text;
        case Tone::info: return c.info;
        case Tone::success: return c.success;
        case Tone::warning: return c.warning;
        case Tone::critical: return c.critical;
        case Tone::accent: return c.on_accent_soft;
    }
    return c.text;
}

Colour tone_background(Tone tone) {
    const Colours& c = colours();
    switch (tone) {
        case Tone::neutral: return c.surface_soft;
        case Tone::info: return c.info_soft;
        case Tone::success: return c.success_soft;
        case Tone::warning: return c.warning_soft;
        case Tone::critical: return c.critical_soft;
        case Tone::accent: return c.accent_soft;
    }
    return c.surface_soft;
}

Colour tone_border(Tone tone) {
    const Colours& c = colours();
    switch (tone) {
        case Tone::neutral: return c.border;
        case Tone::info: return c.info_border;
        case Tone::success: return c.success_border;
        case Tone::warning: return c.warning_border;
        case Tone::critical: return c.critical_border;
        case Tone::accent: return c.accent_soft_hover;
    }
    return c.border;
}

float tag_width(std::string_view text) {
    push_type(Type::caption);
    const float width = text_size(text).x + 2 * space(2);
    pop_type();
    return width;
}

void tag(std::string_view text, Tone tone) {
    push_type(Type::caption);
    const ImVec2 size = text_size(text);
    const float width = size.x + 2 * space(2), height = line_height(Type::caption) + 2 * px(3);
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(width, height));
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 end(pos.x + width, pos.y + height);
    const float radius = px(theme().radius.small_px);
    draw->AddRectFilled(pos, end, tone_background(tone), radius);
    draw->AddRect(pos, end, tone_border(tone), radius, 0, px(1));
    draw_text(draw, ImVec2(std::round(pos.x + space(2)), std::round(pos.y + (height - size.y) / 2)), tone_text(tone), text);
    pop_type();
    detail::add_static(text, Role::text, 0);
}

bool removable_chip(std::string_view text, const char* remove_label, bool first) {
    const float side = control_height(), pad = space(3);
    push_type(Type::body);
    const ImVec2 size = text_size(text);
    pop_type();
    float width = pad + size.x + side;
    if (!first) {
        ImGui::SameLine(0, space(2));
        if (ImGui::GetContentRegionAvail().x < width) ImGui::NewLine();
    }
    // An address longer than a narrow phone's line is cut at the chip's edge (its whole text is the
    // mirror's, to select and to find).
    width = std::min(width, std::max(side * 2, ImGui::GetContentRegionAvail().x));
    const float text_room = width - pad - side;
    const Colours& c = colours();
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float radius = side / 2;
    // The chip: room for its text, then its remove button.
    ImGui::Dummy(ImVec2(pad + text_room, side));
    ImGui::SameLine(0, 0);
    annotate(ImGui::GetID(remove_label), Annotation{.role = Role::button, .label = visible_label(remove_label)});
    const ImVec2 button_at = ImGui::GetCursorScreenPos();
    const bool clicked = ImGui::InvisibleButton(remove_label, ImVec2(side, side));
    const bool hovered = ImGui::IsItemHovered();
    draw->AddRectFilled(pos, ImVec2(pos.x + width, pos.y + side), c.surface_soft, radius);
    draw->AddRect(pos, ImVec2(pos.x + width, pos.y + side), c.border, radius, 0, px(1));
    if (hovered)
        draw->AddCircleFilled(ImVec2(button_at.x + side / 2, button_at.y + side / 2), side * 0.36f, c.border);
    push_type(Type::body);
    draw->PushClipRect(pos, ImVec2(pos.x + pad + text_room, pos.y + side), true);
    draw_text(draw, ImVec2(std::round(pos.x + pad), std::round(pos.y + (side - size.y) / 2)), c.text, text);
    draw->PopClipRect();
    pop_type();
    const float glyph = px(14);
    draw_icon(Icon::close, button_at.x + (side - glyph) / 2, button_at.y + (side - glyph) / 2, glyph, c.text_soft);
    // Registered where its words are drawn, so that the mirror's text lies over them.
    const ImVec2 text_min(std::round(pos.x + pad), std::round(pos.y + (side - size.y) / 2));
    detail::add_static_at(text, Role::text, text_min, ImVec2(text_min.x + std::min(size.x, text_room), text_min.y + size.y));
    return clicked;
}

void alert(Tone tone, std::string_view title, std::string_view text) {
    const float width = ImGui::GetContentRegionAvail().x, pad = space(3), icon = px(20), gap = space(2) + px(2);
    const float inner = std::max(1.0f, width - 2 * pad - icon - gap);
    push_type(Type::action);
    const ImVec2 title_size = title.empty() ? ImVec2(0, 0) : text_size(title, inner);
    pop_type();
    const ImVec2 text_box = text_size(text, inner);
    const float title_gap = title.empty() ? 0 : space(1);
    const float height = 2 * pad + std::max(icon, title_size.y + title_gap + text_box.y);
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(width, height));
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float radius = px(theme().radius.medium_px);
    draw->AddRectFilled(pos, ImVec2(pos.x + width, pos.y + height), tone_background(tone), radius);
    draw->AddRect(pos, ImVec2(pos.x + width, pos.y + height), tone_border(tone), radius, 0, px(1));
    const Icon shape = tone == Tone::success ? Icon::success : tone == Tone::warning ? Icon::warning
                       : tone == Tone::critical ? Icon::critical : Icon::info;
    draw_icon(shape, pos.x + pad, pos.y + pad, icon, tone == Tone::neutral ? colours().text_soft : tone_text(tone));
    const float x = pos.x + pad + icon + gap;
    float y = pos.y + pad;
    if (!title.empty()) {
        push_type(Type::action);
        draw_text(draw, ImVec2(x, y), colours().text, title, inner);
        pop_type();
        detail::add_static_at(title, Role::text, ImVec2(x, y), ImVec2(x + title_size.x, y + title_size.y));
        y += title_size.y + title_gap;
    }
    draw_text(draw, ImVec2(x, y), colours().text, text, inner);
    detail::add_static_at(text, Role::status, ImVec2(x, y), ImVec2(x + text_box.x, y + text_box.y));
}

}  // namespace ui
