#include "app/ui/style.hpp"

#include "app/ui/fonts.hpp"
#include "app/ui/theme.hpp"
#include "imgui.h"

namespace ui {

void apply_style() {
    const Theme& t = theme();
    const Colours& c = t.colour;
    ImGuiStyle& style = ImGui::GetStyle();
    style = ImGuiStyle();  // sizes from scratch: nothing of the previous theme or pointer stays
    if (t.dark) ImGui::StyleColorsDark(&style);
    else ImGui::StyleColorsLight(&style);

    style.WindowPadding = ImVec2(space(6), space(6));
    // A line of body text plus this padding is the control height (36 px, 44 px on touch screens).
    style.FramePadding = ImVec2(px(t.control.padding_x_px), (control_height() - type_height(Type::body)) / 2);
    style.ItemSpacing = ImVec2(space(2), space(3));
    style.ItemInnerSpacing = ImVec2(space(2), space(1));
    style.CellPadding = ImVec2(space(3), space(2));
    style.IndentSpacing = space(5);
    style.ScrollbarSize = px(touch() ? 6 : 12);  // a finger drags the page, not the bar
    style.GrabMinSize = px(t.control.min_target_px);
    style.FrameRounding = px(t.radius.small_px);
    style.GrabRounding = px(t.radius.small_px);
    style.ChildRounding = px(t.radius.medium_px);
    style.PopupRounding = px(t.radius.medium_px);
    style.ScrollbarRounding = px(t.radius.large_px);
    style.TabRounding = px(t.radius.small_px);
    style.WindowRounding = 0;
    style.WindowBorderSize = 0;
    style.ChildBorderSize = px(t.control.border_px);
    style.PopupBorderSize = px(t.control.border_px);
    style.FrameBorderSize = px(t.control.border_px);
    style.TouchExtraPadding = touch() ? ImVec2(space(1), space(1)) : ImVec2(0, 0);

    const auto set = [&](ImGuiCol role, Colour colour) { style.Colors[role] = ImGui::ColorConvertU32ToFloat4(colour); };
    set(ImGuiCol_Text, c.text);
    set(ImGuiCol_TextDisabled, c.text_disabled);
    // No background rectangles: the canvas is cleared to the page's colour before each frame, and the
    // portal is one window filling it (lists are child windows on the same colour). They were blended
    // pixel by pixel over the canvas every frame, to no effect: work for a software rasteriser (headless
    // Chromium's SwiftShader, a machine without a GPU).
    set(ImGuiCol_WindowBg, 0);
    set(ImGuiCol_ChildBg, 0);
    set(ImGuiCol_PopupBg, c.surface);
    set(ImGuiCol_Border, c.border);
    set(ImGuiCol_BorderShadow, 0);
    set(ImGuiCol_FrameBg, c.surface);
    set(ImGuiCol_FrameBgHovered, c.surface);
    set(ImGuiCol_FrameBgActive, c.surface);
    set(ImGuiCol_TitleBg, c.surface_soft);
    set(ImGuiCol_TitleBgActive, c.surface_soft);
    set(ImGuiCol_TitleBgCollapsed, c.surface_soft);
    set(ImGuiCol_MenuBarBg, c.surface);
    set(ImGuiCol_ScrollbarBg, 0);
    set(ImGuiCol_ScrollbarGrab, c.border_strong);
    set(ImGuiCol_ScrollbarGrabHovered, c.text_soft);
    set(ImGuiCol_ScrollbarGrabActive, c.text);
    set(ImGuiCol_CheckMark, c.accent);
    set(ImGuiCol_SliderGrab, c.accent);
    set(ImGuiCol_SliderGrabActive, c.accent_pressed);
    set(ImGuiCol_Button, c.accent_soft);
    set(ImGuiCol_ButtonHovered, c.accent_soft_hover);
    set(ImGuiCol_ButtonActive, c.accent_soft_hover);
    set(ImGuiCol_Header, c.accent_soft);
    set(ImGuiCol_HeaderHovered, c.surface_hover);
    set(ImGuiCol_HeaderActive, c.accent_soft_hover);
    set(ImGuiCol_Separator, c.border);
    set(ImGuiCol_SeparatorHovered, c.border_strong);
    set(ImGuiCol_SeparatorActive, c.accent);
    set(ImGuiCol_ResizeGrip, 0);
    set(ImGuiCol_ResizeGripHovered, 0);
    set(ImGuiCol_ResizeGripActive, 0);
    set(ImGuiCol_Tab, c.surface);
    set(ImGuiCol_TabHovered, c.surface_hover);
    set(ImGuiCol_TabActive, c.accent_soft);
    set(ImGuiCol_TabUnfocused, c.surface);
    set(ImGuiCol_TabUnfocusedActive, c.accent_soft);
    set(ImGuiCol_PlotLines, c.accent);
    set(ImGuiCol_PlotLinesHovered, c.accent_hover);
    set(ImGuiCol_PlotHistogram, c.accent);
    set(ImGuiCol_PlotHistogramHovered, c.accent_hover);
    set(ImGuiCol_TableHeaderBg, c.surface_soft);
    set(ImGuiCol_TableBorderStrong, c.border);
    set(ImGuiCol_TableBorderLight, c.border);
    set(ImGuiCol_TableRowBg, 0);
    set(ImGuiCol_TableRowBgAlt, c.surface_soft);
    set(ImGuiCol_TextSelectedBg, with_alpha(c.accent, 0.3f));
    set(ImGuiCol_DragDropTarget, c.accent);
    set(ImGuiCol_NavHighlight, c.focus_ring);
    set(ImGuiCol_NavWindowingHighlight, c.focus_ring);
    set(ImGuiCol_NavWindowingDimBg, c.shadow);
    set(ImGuiCol_ModalWindowDimBg, c.shadow);
}

}  // namespace ui
