// The look's controls (src/app/ui/controls.hpp) drawn headless: what they tell the item collector (the
// browser's mirror and these tests see roles, labels and states), their sizes from the theme, and what
// a click on them returns.
#include <doctest/doctest.h>

#include <functional>
#include <string>
#include <vector>

#include "app/ui/controls.hpp"
#include "app/ui/fonts.hpp"
#include "app/ui/items.hpp"
#include "app/ui/style.hpp"
#include "app/ui/theme.hpp"
#include "imgui.h"

namespace {

// One window of the display's size, drawn by `draw` each frame, with the items it registered.
class Gallery {
public:
    explicit Gallery(float width = 1280) {
        context = ImGui::CreateContext();
        ImGui::SetCurrentContext(context);
        collector.attach(context);
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.DisplaySize = ImVec2(width, 800);
        io.DeltaTime = 1.0f / 60.0f;
        ui::load_fonts(1.0f);
        unsigned char* pixels = nullptr;
        int w = 0, h = 0;
        io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
        ui::apply_style();
    }
    ~Gallery() { ImGui::DestroyContext(context); }
    Gallery(const Gallery&) = delete;
    Gallery& operator=(const Gallery&) = delete;

    void frame() {
        ImGui::SetCurrentContext(context);
        collector.begin_frame();
        ImGui::NewFrame();
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
        ImGui::Begin("gallery", nullptr, ImGuiWindowFlags_NoDecoration);
        draw();
        ImGui::End();
        ImGui::Render();
        collector.end_frame();
    }
    const ui::Item* find(std::string_view label, std::optional<ui::Role> role = std::nullopt) const {
        for (const ui::Item& item : collector.items())
            if (item.label == label && (!role || item.role == *role)) return &item;
        return nullptr;
    }
    // Moves over the item's centre, presses and releases, a frame for each.
    void click(const ui::Item& item) {
        ImGuiIO& io = ImGui::GetIO();
        io.AddMousePosEvent(item.x + item.w / 2, item.y + item.h / 2);
        frame();
        io.AddMouseButtonEvent(0, true);
        frame();
        io.AddMouseButtonEvent(0, false);
        frame();
    }

    std::function<void()> draw = [] {};
    ui::ItemCollector collector;

private:
    ImGuiContext* context = nullptr;
};

}  // namespace

TEST_CASE("buttons of the four kinds are buttons of the control height; a disabled one never answers") {
    Gallery g;
    int clicks[4] = {};
    float measured = 0;
    g.draw = [&] {
        measured = ui::button_width("Submit");
        if (ui::button("Submit", ui::ButtonKind::primary)) ++clicks[0];
        if (ui::button("Save##draft", ui::ButtonKind::secondary)) ++clicks[1];
        if (ui::button("Cancel", ui::ButtonKind::tertiary)) ++clicks[2];
        if (ui::button("Delete", ui::ButtonKind::critical, {.disabled = true})) ++clicks[3];
    };
    g.frame();
    for (const char* label : {"Submit", "Save", "Cancel", "Delete"}) {
        CAPTURE(label);
        const ui::Item* item = g.find(label, ui::Role::button);
        REQUIRE(item);
        CHECK(item->h == doctest::Approx(36));
        CHECK(item->w >= ui::px(ui::theme().control.min_target_px));
    }
    CHECK(g.find("Delete")->disabled);
    g.click(*g.find("Submit"));
    g.click(*g.find("Delete"));
    CHECK(clicks[0] == 1);
    CHECK(clicks[3] == 0);
    CHECK(measured == doctest::Approx(g.find("Submit")->w));
}

TEST_CASE("on a touch screen controls grow to the touch height") {
    ui::use_touch(true);
    Gallery g;
    g.draw = [] {
        ui::button("Send");
        ui::segmented("Users", std::vector<std::string>{"One", "Many"}, 0);
    };
    g.frame();
    CHECK(g.find("Send")->h == doctest::Approx(44));
    CHECK(g.find("Many", ui::Role::radio)->h == doctest::Approx(44));
    ui::use_touch(false);
}

TEST_CASE("a segmented control is a group of radios; choosing another returns its index") {
    Gallery g;
    int selected = 0, chosen = -1;
    const std::vector<std::string> labels{"Low", "Medium", "High"};
    g.draw = [&] {
        chosen = ui::segmented("Impact", labels, selected);
        if (chosen >= 0) selected = chosen;
    };
    g.frame();
    const ui::Item* low = g.find("Low", ui::Role::radio);
    const ui::Item* high = g.find("High", ui::Role::radio);
    REQUIRE(low);
    REQUIRE(high);
    CHECK(low->group == "Impact");
    CHECK(low->checked);
    CHECK_FALSE(high->checked);
    CHECK(high->x > low->x);
    CHECK(high->y == low->y);
    g.click(*high);
    CHECK(selected == 2);
    g.frame();
    CHECK(g.find("High", ui::Role::radio)->checked);
    CHECK_FALSE(g.find("Low", ui::Role::radio)->checked);
}

TEST_CASE("a choice card is a radio named by its title, its explanation text inside it") {
    Gallery g;
    bool chosen = false;
    g.draw = [&] {
        if (ui::choice_card("Incident", "Something stopped working", "Kind", false)) chosen = true;
    };
    g.frame();
    const ui::Item* card = g.find("Incident", ui::Role::radio);
    const ui::Item* words = g.find("Something stopped working", ui::Role::text);
    REQUIRE(card);
    REQUIRE(words);
    CHECK(card->group == "Kind");
    CHECK(words->y > card->y);
    CHECK(words->y + words->h <= card->y + card->h);
    g.click(*card);
    CHECK(chosen);
}

TEST_CASE("a field shows its hint, or in error its message as a status instead") {
    Gallery g;
    std::string error;
    g.draw = [&] {
        ui::field("Email", "ana@", {.input_type = "email", .hint = "The address you sign in with", .error = error});
    };
    g.frame();
    const ui::Item* box = g.find("Email", ui::Role::textbox);
    REQUIRE(box);
    CHECK(box->value == "ana@");
    CHECK(box->input_type == "email");
    CHECK(box->h == doctest::Approx(36));
    CHECK(g.find("The address you sign in with", ui::Role::text));
    error = "Enter a whole address";
    g.frame();
    const ui::Item* message = g.find("Enter a whole address", ui::Role::status);
    REQUIRE(message);
    CHECK(message->y >= box->y + box->h);
    CHECK_FALSE(g.find("The address you sign in with"));
}

TEST_CASE("tags, alerts, tabs and the toast say what they show") {
    Gallery g;
    g.draw = [] {
        ui::tag("Urgent", ui::Tone::critical);
        ui::alert(ui::Tone::warning, "No permission", "Ask an administrator for the resource.");
        ui::tab("My requests", true);
        ui::tab("Help Center", false);
        ui::toast("Reply sent");
    };
    g.frame();
    CHECK(g.find("Urgent", ui::Role::text));
    CHECK(g.find("No permission", ui::Role::text));
    CHECK(g.find("Ask an administrator for the resource.", ui::Role::status));
    CHECK(g.find("My requests", ui::Role::tab)->checked);
    CHECK_FALSE(g.find("Help Center", ui::Role::tab)->checked);
    const ui::Item* toast = g.find("Reply sent", ui::Role::status);
    REQUIRE(toast);
    CHECK(toast->y > 700);  // at the bottom of the 800 px display
    CHECK(toast->x + toast->w / 2 == doctest::Approx(640).epsilon(0.02));  // centred
}

TEST_CASE("a card holds its content inside its padding, and what follows comes under it") {
    Gallery g;
    g.draw = [] {
        ui::begin_card("details");
        ui::button("Inside", ui::ButtonKind::secondary, {.width_px = -1});
        ui::end_card();
        ui::button("After");
    };
    g.frame();
    const ui::Item* inside = g.find("Inside");
    const ui::Item* after = g.find("After");
    REQUIRE(inside);
    REQUIRE(after);
    const float window_padding = ImGui::GetStyle().WindowPadding.x;
    CHECK(inside->x == doctest::Approx(window_padding + 20));
    CHECK(inside->w == doctest::Approx(1280 - 2 * window_padding - 2 * 20));
    CHECK(after->y >= inside->y + inside->h + 20);
}

TEST_CASE("the page header's actions sit beside the title when they fit, under it when not") {
    for (float width : {1280.0f, 240.0f}) {
        CAPTURE(width);
        Gallery g(width);
        g.draw = [] {
            ui::begin_page_header("My requests", "Tickets of every account you belong to", ui::button_width("New ticket"));
            ui::button("New ticket", ui::ButtonKind::primary);
            ui::end_page_header();
        };
        g.frame();
        const ui::Item* title = g.find("My requests", ui::Role::heading);
        const ui::Item* action = g.find("New ticket", ui::Role::button);
        REQUIRE(title);
        REQUIRE(action);
        CHECK(title->level == 1);
        CHECK(action->x + action->w <= width);
        if (width > 1000) CHECK(action->y < title->y + title->h);
        else CHECK(action->y >= title->y + title->h);
    }
}
