// Every function the page calls into the portal (web/boot.js, web/mirror/, callback.html's result and
// the shims' answers); src/web/exports.json lists them for the linker. Each one records what happened
// for the next frame and wakes the loop.
#include <emscripten.h>
#include <emscripten/html5.h>

#include <cfloat>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "app/assets.hpp"
#include "app/ui/fonts.hpp"
#include "core/json_text.hpp"
#include "imgui.h"
#include "web/http.hpp"
#include "web/mirror_bridge.hpp"
#include "web/runner.hpp"
#include "web/wake.hpp"

using web::runner;


extern "C" {

// Called by the page's ResizeObserver with the container's CSS size and the device pixel ratio.
EMSCRIPTEN_KEEPALIVE void portal_resize(double css_width, double css_height, double pixel_ratio) {
    runner.css_width = css_width > 1 ? css_width : 1;
    runner.css_height = css_height > 1 ? css_height : 1;
    runner.pixel_ratio = pixel_ratio > 0 ? pixel_ratio : 1;
    // Setting a canvas's size clears and reallocates its drawing buffer even when the size is the same
    // (the first report after start, which main() already sized it for).
    const int width = static_cast<int>(std::lround(runner.css_width * runner.pixel_ratio));
    const int height = static_cast<int>(std::lround(runner.css_height * runner.pixel_ratio));
    int now_width = 0, now_height = 0;
    emscripten_get_canvas_element_size("#canvas", &now_width, &now_height);
    if (width != now_width || height != now_height) emscripten_set_canvas_element_size("#canvas", width, height);
    web::request_frames(web::Wake::resize);
}

EMSCRIPTEN_KEEPALIVE double portal_frames() { return runner.frames_drawn; }

// Pointer and wheel input, forwarded by web/mirror/input.js (also over mirror elements).
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

// A finger on the canvas (web/mirror/input.js, pointerType touch), besides the pointer input above: 0 down,
// 1 moved, 2 lifted or cancelled; `time_ms` the event's time stamp. A finger that moves past a small
// slop drags the page, and the press it began as is taken back, so nothing under it is activated.
EMSCRIPTEN_KEEPALIVE void portal_touch(double x, double y, int kind, double time_ms) {
    (void)x;
    const double t = time_ms / 1000;
    const auto& scroll = runner.items.scroll();
    if (kind == 0) {
        runner.touch.press(static_cast<float>(y), t, scroll.y, scroll.max_y);
    } else if (kind == 1) {
        if (auto to = runner.touch.move(static_cast<float>(y), t)) {
            if (runner.touch.drag_started()) {
                ImGuiIO& io = ImGui::GetIO();
                io.AddMousePosEvent(-FLT_MAX, -FLT_MAX);
                io.AddMouseButtonEvent(0, false);
            }
            runner.items.request_scroll(*to);
            web::request_frames(web::Wake::mirror_scroll);
        }
    } else {
        runner.touch.release(t);
        if (runner.touch.gliding()) web::request_frames(web::Wake::touch_glide);
    }
}

// The mirror scrolled (a focus moved below the fold, a screen reader, a test's scrollIntoView): the
// portal window follows before the next pointer input is handled.
EMSCRIPTEN_KEEPALIVE void portal_scroll(double y) {
    if (ui::ItemCollector* collector = ui::current_collector()) collector->request_scroll(static_cast<float>(y));
    web::request_frames(web::Wake::mirror_scroll);
}

EMSCRIPTEN_KEEPALIVE void portal_mirror_click(unsigned int id) {
    web::page_input().actions.push_back(web::PageAction{id, std::nullopt});
    web::request_frames(web::Wake::mirror_click);
}

EMSCRIPTEN_KEEPALIVE void portal_mirror_focus(unsigned int id) {
    web::page_input().dom_focus_id = id;
    web::request_frames(web::Wake::mirror_focus);
}

EMSCRIPTEN_KEEPALIVE void portal_mirror_text(unsigned int id, const char* text, int selection_start,
                                             int selection_end) {
    web::page_input().actions.push_back(
        web::PageAction{id, ui::ExternalText{text, selection_start, selection_end}});
    web::request_frames(web::Wake::typed_text);
}

// Enter in a mirror input (Ctrl/Cmd+Enter in a textarea): after the text typed before it.
EMSCRIPTEN_KEEPALIVE void portal_mirror_submit(unsigned int id) {
    web::page_input().actions.push_back(web::PageAction{id, std::nullopt, true});
    web::request_frames(web::Wake::typed_text);
}

// callback.html's result, checked by the page to come from this exact origin.
EMSCRIPTEN_KEEPALIVE void portal_google_result(const char* code, const char* state, const char* error_description,
                                               const char* error_code, const char* error_email) {
    runner.pending_events.push_back(app::GoogleReturned{code, state, error_description, error_code, error_email});
    web::request_frames(web::Wake::sign_in_popup);
}

// The page's file input: files chosen (one call each, then the batch ends with handle 0).
EMSCRIPTEN_KEEPALIVE void portal_file_chosen(int handle, const char* name, double size) {
    if (handle == 0) {  // the batch ends: `name` is the chooser's target
        if (auto chosen = app::files_chosen(name, std::move(runner.chosen_files)))
            runner.pending_events.push_back(std::move(*chosen));
        runner.chosen_files.clear();
        web::request_frames(web::Wake::files_chosen);
        return;
    }
    runner.chosen_files.push_back(app::ChosenFile{handle, name, static_cast<std::int64_t>(size)});
}

// The answers to js_file_request and js_start_timer.
EMSCRIPTEN_KEEPALIVE void portal_file_done(int id, int status, const char* body) {
    web::deliver(app::HttpResponded{id, status, body});
}

// The page is idle after the first frame (js_first_frame): every glyph now, before a text needs one the
// first atlas left out (main.cpp, build_fonts).
EMSCRIPTEN_KEEPALIVE void portal_idle() {
    if (ui::every_glyph_loaded()) return;
    runner.font_ratio = 0;
    web::request_frames(web::Wake::glyphs);
}

EMSCRIPTEN_KEEPALIVE void portal_timer(int kind, int version) {
    web::deliver(app::TimerFired{static_cast<app::TimerKind>(kind), version});
}

// What the live updates' stream said (js_live_open), as JSON; anything unreadable is dropped.
EMSCRIPTEN_KEEPALIVE void portal_live(int version, const char* text) {
    const nlohmann::json news = core::parse_json(text);
    if (!news.is_object() || !news.contains("kind") || !news["kind"].is_string()) return;
    auto member = [&](const char* name) { return core::text_member(news, name); };
    auto number = [&](const char* name) -> std::int64_t {
        auto it = news.find(name);
        return it != news.end() && it->is_number_integer() ? it->get<std::int64_t>() : 0;
    };
    const std::string kind = news["kind"];
    app::LiveEvent e;
    e.version = version;
    if (kind == "opened") e.kind = app::LiveEvent::Kind::opened;
    else if (kind == "ticket") e.kind = app::LiveEvent::Kind::ticket;
    else if (kind == "reset") e.kind = app::LiveEvent::Kind::reset;
    else if (kind == "ended") e.kind = app::LiveEvent::Kind::ended;
    else if (kind == "failed") e.kind = app::LiveEvent::Kind::failed;
    else return;
    e.id = number("id");
    e.ticket = member("ticket");
    e.change = member("change");
    e.account = member("account");
    e.number = number("number");
    e.reason = member("reason");
    e.status = static_cast<int>(number("status"));
    web::deliver(std::move(e));
}

// A catalog the portal asked for (js_fetch_catalog): its text, or ok 0 when it could not be fetched.
EMSCRIPTEN_KEEPALIVE void portal_catalog(const char* lang, int ok, const char* text) {
    web::deliver(app::CatalogArrived{lang, ok != 0, text});
}

// From the embedding page, through web/boot.js, which checked the message's origin.
EMSCRIPTEN_KEEPALIVE void portal_set_theme(int dark) {
    runner.pending_events.push_back(app::ThemeChosen{dark != 0});
    web::request_frames(web::Wake::host_choice);
}

// From web/boot.js after the first frame: the reader's IANA time zone (Intl's), named beside deadlines
// and sent with requests (emails tell deadlines on it).
EMSCRIPTEN_KEEPALIVE void portal_set_zone(const char* name) {
    runner.pending_events.push_back(app::TimeZoneNamed{name});
    web::request_frames(web::Wake::host_choice);
}

// From web/boot.js: whether the primary pointer is coarse (`(pointer: coarse)`), at start and on change.
EMSCRIPTEN_KEEPALIVE void portal_set_pointer(int coarse) {
    runner.pending_events.push_back(app::PointerChosen{coarse != 0});
    web::request_frames(web::Wake::host_choice);
}

// The canvas's font in a weight (400, 500, 600), for the page to lay the mirror's words over the drawn
// ones in the same face without downloading it again (web/boot.js: a FontFace from these bytes).
EMSCRIPTEN_KEEPALIVE const char* portal_font_bytes(int weight) { return app::assets::font(weight).data(); }
EMSCRIPTEN_KEEPALIVE int portal_font_length(int weight) { return static_cast<int>(app::assets::font(weight).size()); }

// `from_host`: 1 when the embedding page set it, 0 for the language the page found at start.
EMSCRIPTEN_KEEPALIVE void portal_set_locale(const char* locale, int from_host) {
    runner.pending_events.push_back(app::LocaleChosen{locale, from_host != 0});
    web::request_frames(web::Wake::host_choice);
}

// Another tab saved or deleted what the portal keeps under `key` (js_watch_storage). Nothing on screen
// changes: the event waits for the next frame.
EMSCRIPTEN_KEEPALIVE void portal_stored_changed(const char* key, const char* text) {
    runner.pending_events.push_back(app::StoredChanged{key, text});
}

// An address the browser reached (js_watch_route).
EMSCRIPTEN_KEEPALIVE void portal_route(const char* hash) {
    std::string route = hash;
    if (route == runner.shown_route) return;  // where the portal already is
    runner.shown_route = route;
    runner.route_from_browser = true;
    runner.pending_events.push_back(app::RouteChanged{std::move(route)});
    web::request_frames(web::Wake::address_changed);
}

}  // extern "C"
