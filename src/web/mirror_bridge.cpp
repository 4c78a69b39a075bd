#include "web/mirror_bridge.hpp"

#include <emscripten.h>

#include <algorithm>

#include "app/ui/mirror_json.hpp"
#include "imgui.h"
#include "web/js_shims.hpp"
#include "web/wake.hpp"

namespace web {

namespace {
std::string last_published;
// What the last published JSON was written from: a frame that draws the same items (most frames: the
// pointer moved, a caret blinked) is not written out again to find it equal.
std::vector<ui::Item> last_items;
ui::ItemCollector::Scroll last_scroll;
ImGuiID last_active = 0;
bool last_typed = false;  // the last JSON showed typed text in place of a value
PageInput input;
}  // namespace

PageInput& page_input() { return input; }

void publish_mirror(const ui::ItemCollector& items, ImGuiID active_text_id) {
    const bool typed_waiting =
        std::any_of(input.actions.begin(), input.actions.end(), [](const PageAction& a) { return a.text.has_value(); });
    if (!typed_waiting && !last_typed && !last_published.empty() && active_text_id == last_active &&
        items.scroll() == last_scroll && items.items() == last_items)
        return;
    last_typed = typed_waiting;
    last_active = active_text_id;
    last_scroll = items.scroll();
    last_items = items.items();
    // Text the page typed that waits behind a click: the page's element keeps showing it.
    std::string json = ui::mirror_json(items, active_text_id, [](ImGuiID id) -> const std::string* {
        for (auto it = input.actions.rbegin(); it != input.actions.rend(); ++it)
            if (it->id == id && it->text) return &it->text->text;
        return nullptr;
    });
    if (json == last_published) return;
    js_mirror_update(json.c_str());
    last_published = std::move(json);
}

}  // namespace web

// Called by web/mirror.js.
extern "C" {

EMSCRIPTEN_KEEPALIVE void portal_pointer(double x, double y, int kind, int button) {
    ImGuiIO& io = ImGui::GetIO();
    io.AddMouseSourceEvent(ImGuiMouseSource_Mouse);
    if (kind == 3) {
        io.AddMousePosEvent(-FLT_MAX, -FLT_MAX);  // left the canvas
    } else {
        io.AddMousePosEvent(static_cast<float>(x), static_cast<float>(y));
        if (kind == 1 || kind == 2) {
            int imgui_button = button == 2 ? 1 : button == 1 ? 2 : 0;  // DOM: 0 left, 1 middle, 2 right
            io.AddMouseButtonEvent(imgui_button, kind == 1);
        }
    }
    web::request_frames(web::Wake::pointer);
}

EMSCRIPTEN_KEEPALIVE void portal_wheel(double dx, double dy) {
    ImGui::GetIO().AddMouseWheelEvent(static_cast<float>(dx), static_cast<float>(dy));
    web::request_frames(web::Wake::pointer);
}

// The mirror scrolled (a focus moved below the fold, a screen reader, a test's scrollIntoView): the
// portal window follows before the next pointer input is handled.
EMSCRIPTEN_KEEPALIVE void portal_scroll(double y) {
    if (ui::ItemCollector* collector = ui::current_collector()) collector->request_scroll(static_cast<float>(y));
    web::request_frames(web::Wake::mirror_scroll);
}

EMSCRIPTEN_KEEPALIVE void portal_mirror_click(unsigned int id) {
    web::input.actions.push_back(web::PageAction{id, std::nullopt});
    web::request_frames(web::Wake::mirror_click);
}

EMSCRIPTEN_KEEPALIVE void portal_mirror_focus(unsigned int id) {
    web::input.dom_focus_id = id;
    web::request_frames(web::Wake::mirror_focus);
}

EMSCRIPTEN_KEEPALIVE void portal_mirror_text(unsigned int id, const char* text, int selection_start, int selection_end) {
    web::input.actions.push_back(web::PageAction{id, ui::ExternalText{text, selection_start, selection_end}});
    web::request_frames(web::Wake::typed_text);
}

}  // extern "C"
