// A thread's messages as bubbles: the merchant's on the right in the accent's soft colour with their
// initials, support's on the left on the surface with a "Support" tag; the ticket's files as chips with
// their type and size. Every message's words go through draw_message_body.
#include <algorithm>

#include "app/i18n.hpp"
#include "app/screens/screens.hpp"
#include "app/ui/controls.hpp"
#include "app/ui/fonts.hpp"
#include "app/ui/layout.hpp"
#include "app/ui/rich_text.hpp"
#include "app/ui/widgets.hpp"
#include "imgui.h"

namespace app {

// Wrapped like running text, with its addresses as links (rich_text.hpp).
void draw_message_body(std::string_view body) { ui::rich_text(body); }

void draw_message(const AppState& state, const Message& message, std::vector<Event>& events) {
    const bool support = message.role == core::CommentRole::agent;
    const ui::Colours& c = ui::theme().colour;
    const float avail = ImGui::GetContentRegionAvail().x;
    const float avatar = ui::px(28), gap = ui::space(2), pad = ui::space(3);
    const float most = std::max(ui::px(160), (avail - avatar - gap) * (ui::current_width() == ui::Width::narrow ? 1.0f : 0.8f));
    // As wide as its longest line needs, up to `most`.
    const std::string who = message.author.empty() ? tr("thread.support") : message.author;
    const std::string when = user_time(state, message.at);
    float words = ImGui::CalcTextSize(message.body.data(), message.body.data() + message.body.size(), false, most - 2 * pad).x;
    ui::push_type(ui::Type::emphasis);
    const float name_width = ImGui::CalcTextSize((who + " \xC2\xB7 " + when).c_str()).x;
    ui::pop_type();
    const float tag_width = support ? ui::tag_width(tr("thread.support_tag")) + ui::space(2) : 0;
    const float head = name_width + tag_width;
    float files = 0;
    for (const core::AttachmentRef& a : message.files) files = std::max(files, ui::tag_width(a.name) + ui::px(120));
    const float width = std::min(most, std::max({words, head, files}) + 2 * pad + ui::px(2));
    const float start = ImGui::GetCursorPosX();
    ImGui::PushID(message.id.c_str());
    const float bubble_x = support ? start + avatar + gap : start + avail - avatar - gap - width;
    const float top = ImGui::GetCursorPosY();
    ImGui::SetCursorPos(ImVec2(support ? start : start + avail - avatar, top));
    ui::avatar(ui::initials(who), support ? ui::Tone::success : ui::Tone::accent, 28);
    ImGui::SetCursorPos(ImVec2(bubble_x, top));
    ui::begin_card("##bubble", {.width_px = width / ui::px(1), .padding_px = 12,
                                .background = support ? c.theirs_bubble : c.mine_bubble,
                                .border = support ? c.border : c.mine_bubble, .radius_px = ui::theme().radius.large_px});
    // The "Support" tag follows the name where the line has room for both; on a narrow bubble it
    // stands above it, never past the bubble's edge.
    const bool tag_beside = head <= width - 2 * ui::px(12) - ui::px(2);
    if (support && !tag_beside) ui::tag(tr("thread.support_tag"), ui::Tone::success);
    ui::styled_text(who + " \xC2\xB7 " + when, ui::Type::emphasis);
    if (support && tag_beside) {
        ImGui::SameLine(0, ui::space(2));
        ui::tag(tr("thread.support_tag"), ui::Tone::success);
    }
    draw_message_body(message.body);
    for (const core::AttachmentRef& a : message.files) {
        ImGui::PushID(a.id.c_str());
        const std::string chip = tr("thread.file_chip", {{"file", a.name}, {"type", ui::file_type(a.name)},
                                                         {"size", core::format_bytes(a.size, state.lang)}});
        if (ui::button(chip.c_str(), ui::ButtonKind::secondary, {.icon = ui::Icon::document})) events.push_back(AttachmentOpened{a.id});
        if (ui::ItemCollector* items = ui::current_collector())
            if (ui::Item* item = items->added(ImGui::GetItemID())) {
                item->role = ui::Role::link;
                item->label = tr("thread.attached", {{"file", a.name}, {"size", core::format_bytes(a.size, state.lang)}});
                item->href = "/api/attachments/" + a.id;
            }
        if (downloading(state, a.id)) ui::muted_text(tr("thread.downloading", {{"file", a.name}}));
        ImGui::PopID();
    }
    ui::end_card();
    ImGui::PopID();
    ImGui::SetCursorPosX(start);
    ImGui::Dummy(ImVec2(0, ui::space(2)));
}

}  // namespace app
