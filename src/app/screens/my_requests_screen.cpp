// My requests: the account's tickets with a status filter, search and paging; a table on a wider
// screen (subject, number, status, priority, last activity), a card per ticket on a phone, each row one
// link. Only the rows in view are drawn (list clipping), so a long list scrolls as smoothly as a short one.
#include <algorithm>
#include <unordered_map>

#include "app/i18n.hpp"
#include "app/screens/screens.hpp"
#include "app/ui/controls.hpp"
#include "app/ui/fonts.hpp"
#include "app/ui/items.hpp"
#include "app/ui/layout.hpp"
#include "app/ui/rich_text.hpp"
#include "app/ui/text_layout.hpp"
#include "app/ui/widgets.hpp"
#include "imgui.h"

namespace app {

namespace {

// A row's words, formatted once per ticket, language and minute rather than at every frame (times and
// labels in the reader's language cost more than drawing the row).
struct RowText {
    std::string lang;
    core::UtcSeconds minute = 0;
    TicketSummary source;  // the ticket as it was when its words were formatted
    std::string account;   // the account's name when the list shows every account's tickets, else ""
    ui::MeasuredText title, number, ago;
    std::string name, href, exact, status, priority;
    // On a phone the title wraps to two lines, the second ending in an ellipsis when the title runs on.
    float wrapped_at = -1;
    ui::MeasuredText title_lines[2];
    unsigned fonts = 0;  // ui::font_generation() when wrapped: other fonts wrap otherwise
};

// The name of the ticket's account when every account's tickets are listed (each row names its own).
std::string account_shown(const AppState& state, const TicketSummary& t) {
    if (!state.list.all_accounts) return {};
    for (const Account& account : state.session.accounts)
        if (account.id == t.account) return account.name;
    return t.account;
}

RowText& row_text(const AppState& state, const TicketSummary& t) {
    static std::unordered_map<std::string, RowText> rows;
    // A row kept holds its glyphs and their copies as last drawn, so keeping every row a reader scrolls
    // past would let a long list grow the page's memory without bound. Past 500 rows the cache starts
    // again: those in view are formatted again, a few at a time.
    if (rows.size() > 500) rows.clear();
    RowText& row = rows[t.id];
    const core::UtcSeconds minute = state.now / 60;
    std::string account = account_shown(state, t);
    if (!row.name.empty() && row.lang == state.lang && row.source == t && row.minute == minute && row.account == account &&
        row.fonts == ui::font_generation())
        return row;
    row.fonts = ui::font_generation();
    row.lang = state.lang;
    row.minute = minute;
    row.source = t;
    row.account = std::move(account);
    row.wrapped_at = -1;
    row.name = row.account.empty() ? ticket_name(t) : tr("list.row_of_account", {{"ticket", ticket_name(t)}, {"account", row.account}});
    row.title = ui::MeasuredText(t.title);
    row.number = ui::MeasuredText("#" + std::to_string(t.number) + (row.account.empty() ? "" : " · " + row.account));
    row.ago = ui::MeasuredText(core::format_ago(t.updated_at, state.now, state.lang));
    row.exact = tr("list.exact_time", {{"time", user_time(state, t.updated_at)}});
    row.href = "#/tickets/" + t.id;
    row.status = label_of("status.", t.status);
    row.priority = label_of("priority.", t.priority);
    return row;
}

// The phone's title in at most two lines of `width` (emphasis type pushed), the second ending in "…"
// when the title runs on.
void wrap_title(RowText& row, float width) {
    if (row.wrapped_at == width) return;
    row.wrapped_at = width;
    std::vector<std::string> lines = ui::clamp_lines(row.source.title, width, 2, ui::font_advance());
    for (size_t i = 0; i < 2; ++i) row.title_lines[i] = ui::MeasuredText(i < lines.size() ? std::move(lines[i]) : std::string());
}

ui::Tone status_tone(core::TicketStatus status) {
    switch (status) {
        case core::TicketStatus::open: return ui::Tone::info;
        case core::TicketStatus::awaiting_reply: return ui::Tone::warning;
        case core::TicketStatus::solved: return ui::Tone::success;
        case core::TicketStatus::closed: return ui::Tone::neutral;
    }
    return ui::Tone::neutral;
}

ui::Tone priority_tone(core::Priority priority) {
    switch (priority) {
        case core::Priority::urgent: return ui::Tone::critical;
        case core::Priority::high: return ui::Tone::warning;
        case core::Priority::normal: return ui::Tone::info;
        case core::Priority::low: return ui::Tone::neutral;
    }
    return ui::Tone::neutral;
}

// The whole row is one link (named by the ticket's number and title); what it shows is drawn over it.
bool row_link(const RowText& row, ImVec2 size) {
    const ImGuiID id = ImGui::GetID("##row");
    const bool clicked = ImGui::InvisibleButton("##row", size);
    if (ui::ItemCollector* collector = ui::current_collector())
        if (ui::Item* item = collector->added(id)) {
            item->role = ui::Role::link;
            item->label.assign(row.name);
            item->href.assign(row.href);
            item->description.assign(row.exact);  // on keyboard focus too, and for the mirror's link
        }
    if (ImGui::IsItemHovered()) {
        ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
        ImGui::SetTooltip("%s", row.exact.c_str());  // the exact time behind "2 h ago"
    }
    return clicked;
}

// Lays out a tag at `pos` (screen) on its own, without moving the row's cursor for good.
void tag_at(ImVec2 pos, const std::string& text, ui::Tone tone) {
    ImGui::SetCursorScreenPos(pos);
    ui::tag(text, tone);
}

void draw_rows(const AppState& state, std::vector<Event>& events, bool table) {
    const TicketList& list = state.list;
    const ui::Colours& c = ui::theme().colour;
    const float width = ImGui::GetContentRegionAvail().x;
    const float pad = ui::space(3), line = ui::line_height(ui::Type::body), caption = ui::line_height(ui::Type::caption);
    const float tag_h = caption + ui::space(1) * 2;
    // A phone's card keeps room for a title of two lines, so every row has one height (list clipping).
    const float row_h = table ? 2 * pad + line + caption : 2 * pad + 2 * line + caption + ui::space(2) + tag_h;
    const float subject_w = table ? width * 0.46f : width, status_x = width * 0.48f, priority_x = width * 0.70f,
                activity_x = width * 0.84f;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    if (table) {
        const ImVec2 at = ImGui::GetCursorScreenPos();
        const float head = caption + 2 * pad;
        draw->AddRectFilled(at, ImVec2(at.x + width, at.y + head), c.surface, ui::px(ui::theme().radius.medium_px),
                            ImDrawFlags_RoundCornersTop);
        const std::pair<float, const char*> columns[] = {{0, "list.col.subject"}, {status_x, "list.col.status"},
                                                         {priority_x, "list.col.priority"}, {activity_x, "list.col.activity"}};
        for (const auto& [x, key] : columns) {
            ImGui::SetCursorScreenPos(ImVec2(at.x + x + pad, at.y + pad));
            ui::styled_text(tr(key), ui::Type::caption, c.text_soft);
        }
        ImGui::SetCursorScreenPos(ImVec2(at.x, at.y + head));
        draw->AddRectFilled(ImVec2(at.x, at.y + head - ui::px(1)), ImVec2(at.x + width, at.y + head), c.border);
    }
    const float start_x = ImGui::GetCursorPosX();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(list.shown()), row_h);
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const TicketSummary& t = list.tickets[static_cast<size_t>(i)];
            RowText& row = row_text(state, t);
            ImGui::PushID(t.id.c_str());
            ImGui::SetCursorPosX(start_x);
            const ImVec2 at = ImGui::GetCursorScreenPos();
            const bool hovered = ImGui::IsMouseHoveringRect(at, ImVec2(at.x + width, at.y + row_h));
            draw->AddRectFilled(at, ImVec2(at.x + width, at.y + row_h), hovered ? c.surface_hover : c.surface);
            draw->AddRectFilled(ImVec2(at.x, at.y + row_h - ui::px(1)), ImVec2(at.x + width, at.y + row_h), c.border);
            if (row_link(row, ImVec2(width, row_h))) events.push_back(TicketOpened{t.id});
            const ImVec2 after = ImGui::GetCursorScreenPos();
            // The subject: on a wide table cut at its column's edge (the whole title is the link's name and
            // the thread's); on a phone in two lines. Cut glyph by glyph, not by a clip rectangle: each
            // row's would be two draw calls more.
            const float cut = at.x + subject_w - pad;
            ui::push_type(ui::Type::emphasis);
            float y = at.y + pad;
            if (table) {
                row.title.draw(*draw, ImVec2(at.x + pad, y), c.text, cut);
                y += line;
            } else {
                wrap_title(row, subject_w - 2 * pad);
                for (ui::MeasuredText& part : row.title_lines) {
                    if (part.text().empty()) continue;
                    part.draw(*draw, ImVec2(at.x + pad, y), c.text, cut);
                    y += line;
                }
            }
            ui::pop_type();
            ui::push_type(ui::Type::caption);
            row.number.draw(*draw, ImVec2(at.x + pad, y), c.text_soft, cut);
            if (!table) {
                const float number_w = ImGui::CalcTextSize(row.number.text().c_str()).x;
                row.ago.draw(*draw, ImVec2(at.x + pad + number_w + ui::space(2), y), c.text_soft, cut);
            }
            ui::pop_type();
            if (table) {
                tag_at(ImVec2(at.x + status_x + pad, at.y + (row_h - tag_h) / 2), row.status, status_tone(t.status));
                tag_at(ImVec2(at.x + priority_x + pad, at.y + (row_h - tag_h) / 2), row.priority, priority_tone(t.priority));
                ui::push_type(ui::Type::body);
                row.ago.draw(*draw, ImVec2(at.x + activity_x + pad, at.y + (row_h - line) / 2), c.text);
                ui::pop_type();
            } else {
                tag_at(ImVec2(at.x + pad, at.y + row_h - pad - tag_h), row.status, status_tone(t.status));
                ImGui::SameLine(0, ui::space(2));
                ui::tag(row.priority, priority_tone(t.priority));
            }
            ImGui::SetCursorScreenPos(after);
            ImGui::PopID();
        }
    }
}

// For a user with more than one account: the chosen account's tickets, or every account's.
void draw_scope(const AppState& state, std::vector<Event>& events) {
    const Account* account = chosen_account(state);
    if (state.session.accounts.size() < 2 || !account) return;
    const std::string labels[] = {account->name, tr("list.all_accounts")};
    float natural = 0;
    ui::push_type(ui::Type::emphasis);
    for (const std::string& label : labels) natural += ImGui::CalcTextSize(label.c_str()).x;
    ui::pop_type();
    // A long account name on a phone: the two halves share the column instead of running past it.
    const bool fill = natural + 4 * ui::px(ui::theme().control.padding_x_px) > ImGui::GetContentRegionAvail().x;
    const int chosen = ui::segmented(tr("list.scope").c_str(), labels, state.list.all_accounts ? 1 : 0,
                                     {.width_px = fill ? -1.0f : 0.0f});
    if (chosen >= 0) events.push_back(ListScopeChosen{chosen == 1});
    ImGui::Dummy(ImVec2(0, ui::space(1)));
}

void draw_filters(const AppState& state, std::vector<Event>& events) {
    const TicketList& list = state.list;
    const float start = ImGui::GetCursorPosX(), right = start + ImGui::GetContentRegionAvail().x;
    float x = start;
    auto filter = [&](const std::string& label, bool on, std::optional<core::TicketStatus> status, bool first) {
        const float w = ui::button_width(label.c_str());
        if (!first) {
            if (x + ui::space(1) + w <= right) {
                ImGui::SameLine(0, ui::space(1));
                x += ui::space(1);
            } else {
                x = start;
            }
        }
        if (ui::toggle_button(label.c_str(), on)) events.push_back(ListFilterChosen{status});
        x += w;
    };
    filter(tr("list.all"), !list.status, std::nullopt, true);
    for (core::TicketStatus status : {core::TicketStatus::open, core::TicketStatus::awaiting_reply,
                                      core::TicketStatus::solved, core::TicketStatus::closed})
        filter(label_of("status.", status), list.status == status, status, false);
}

}  // namespace

void draw_my_requests(const AppState& state, std::vector<Event>& events) {
    const TicketList& list = state.list;
    const Account* account = chosen_account(state);
    const std::string& new_ticket = tr("nav.new_ticket");
    const std::string subtitle = list.all_accounts ? tr("list.of_all_accounts")
                                 : account        ? tr("list.of_account", {{"account", account->name}})
                                                  : std::string();
    ui::begin_page_header(tr("list.title"), subtitle, ui::button_width(new_ticket.c_str()));
    if (ui::button(new_ticket.c_str(), ui::ButtonKind::primary)) events.push_back(NewTicketOpened{});
    ui::end_page_header();
    if (auto text = ui::field(tr("list.search").c_str(), list.query, {.input_type = "search"}))
        events.push_back(ListSearchChanged{*text});
    ImGui::Dummy(ImVec2(0, ui::space(1)));
    draw_scope(state, events);
    draw_filters(state, events);
    ImGui::Dummy(ImVec2(0, ui::space(3)));
    if (!list.error.empty()) ui::alert(ui::Tone::critical, {}, tr(list.error));
    if (list.tickets.empty()) {
        if (list.loading()) {
            ui::spinner(tr("list.loading"));
            for (int i = 0; i < 4; ++i) {
                ui::skeleton_line(-1);
                ui::skeleton_line(ImGui::GetContentRegionAvail().x * 0.4f / ui::px(1));
                ImGui::Dummy(ImVec2(0, ui::space(2)));
            }
        } else if (list.error.empty()) {
            const bool nothing = list.query.empty() && !list.status;
            if (ui::empty_state(nothing ? ui::Icon::inbox : ui::Icon::search, tr(nothing ? "list.empty" : "list.no_match"),
                                nothing ? tr("list.empty_action").c_str() : nullptr))
                events.push_back(NewTicketOpened{});
        }
        return;
    }
    ui::styled_text(tr(has_more(list) ? "list.count_more" : list.shown() == 1 ? "list.count_one" : "list.count",
                       {{"count", core::format_number(static_cast<std::int64_t>(list.shown()), state.lang)}}),
                    ui::Type::caption, ui::theme().colour.text_soft, ui::Role::status);
    ImGui::Dummy(ImVec2(0, ui::space(1)));
    draw_rows(state, events, ui::list_as_table(ui::current_width()));
    ImGui::Dummy(ImVec2(0, ui::space(3)));
    if (list.loading()) ui::spinner(tr("list.loading_more"));
    else if (has_more(list) && ui::button(tr("list.load_more").c_str())) events.push_back(LoadMoreClicked{});
}

}  // namespace app
