// The browser runner's start-up and loop: SDL2 + WebGL2 + Dear ImGui, rendering on demand. Each frame
// turns page input into ImGui input and app Events, runs app::update, executes the Effects
// (effects.cpp), and feeds the semantics mirror and the page (page_sync.cpp). What the page calls into
// the portal is in exports.cpp, its JavaScript in js_shims.cpp, the runner's state in runner.hpp.
#include <GLES3/gl3.h>
#include <SDL.h>
#include <emscripten.h>

#include <cmath>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "app/frame.hpp"
#include "app/screens/screens.hpp"
#include "app/ui/fonts.hpp"
#include "app/ui/imgui_internals.hpp"
#include "app/ui/style.hpp"
#include "app/ui/theme.hpp"
#include "app/ui/widgets.hpp"
#include "app/update.hpp"
#include "core/i18n.hpp"
#include "core/json_text.hpp"
#include "imgui.h"
#include "imgui_impl_sdl2.h"
#include "nlohmann/json.hpp"
#include "web/effects.hpp"
#include "web/http.hpp"
#include "web/js_shims.hpp"
#include "web/mirror_bridge.hpp"
#include "web/page_sync.hpp"
#include "web/renderer.hpp"
#include "web/runner.hpp"
#include "web/wake.hpp"

namespace {

using web::runner;

using web::taken;
using web::apply;
using web::execute;

// What the browser tells the portal about itself before the first event: its origin, language,
// entropy, clock and time zone, and what the portal kept in it at earlier visits.
app::Environment browser_environment() {
    app::Environment environment;
    environment.origin = taken(js_origin());
    environment.browser_locale = taken(js_browser_locale());
    environment.entropy.resize(48);  // seeds an HMAC-DRBG: 256 bits of entropy and a 128-bit nonce
    js_random_bytes(environment.entropy.data(), static_cast<int>(environment.entropy.size()));
    environment.had_session = js_had_session() != 0;
    const nlohmann::json items = core::parse_json(taken(js_stored_items()));
    if (items.is_object())
        for (const auto& [key, text] : items.items())
            if (text.is_string()) environment.stored[key] = text.get<std::string>();
    if (auto account = environment.stored.find("portal.account"); account != environment.stored.end())
        environment.last_account = account->second;
    // The offsets for the months ahead, where deadlines fall; read once, so drawing asks the page nothing.
    const auto now = static_cast<core::UtcSeconds>(js_now_seconds());
    environment.clock = app::read_user_clock(taken(js_user_zone_name()), [](core::UtcSeconds t) {
        return static_cast<std::int32_t>(js_user_offset_at(static_cast<double>(t)));
    }, now - 86'400, now + 400 * 86'400);
    return environment;
}

// The first atlas holds the characters of the reader's catalog (and ASCII); any later one, every glyph.
void build_fonts() {
    ui::load_fonts(static_cast<float>(runner.pixel_ratio), runner.first_glyphs);
    runner.first_glyphs = std::string();
    web::renderer_upload_fonts();
    runner.font_ratio = runner.pixel_ratio;
}

bool is_pointer_event(const SDL_Event& e) {
    // The page forwards pointer and wheel input itself (web/mirror/input.js), also over mirror elements.
    return e.type == SDL_MOUSEMOTION || e.type == SDL_MOUSEBUTTONDOWN || e.type == SDL_MOUSEBUTTONUP ||
           e.type == SDL_MOUSEWHEEL || e.type == SDL_FINGERDOWN || e.type == SDL_FINGERUP || e.type == SDL_FINGERMOTION;
}

void frame() {
    SDL_Event event;
    while (SDL_PollEvent(&event)) {
        if (is_pointer_event(event)) continue;
        ImGui_ImplSDL2_ProcessEvent(&event);
        web::request_frames(web::Wake::keyboard);
    }
    ImGuiIO& io = ImGui::GetIO();
    double now = emscripten_get_now();
    if (io.WantTextInput && now >= runner.next_blink) {  // the caret blinks: a frame every blink
        web::request_frames(web::Wake::caret_blink);
        runner.next_blink = now + 500;
    }
    if (static_cast<core::UtcSeconds>(js_now_seconds()) / 60 != runner.state.now / 60)
        web::request_frames(web::Wake::minute_changed);
    if (runner.touch.gliding()) {  // the page glides on after a flick, a step each frame
        if (auto y = runner.touch.glide(now / 1000)) runner.items.request_scroll(*y);
        if (runner.touch.gliding()) web::request_frames(web::Wake::touch_glide);
        else web::request_frames(web::Wake::mirror_scroll);
    }
    if (web::take_frame_request() <= 0 && !ui::internals::input_queued()) return;
    if (runner.font_ratio != runner.pixel_ratio) build_fonts();

    ImGui_ImplSDL2_NewFrame();
    io.DisplaySize = ImVec2(static_cast<float>(runner.css_width), static_cast<float>(runner.css_height));
    io.DisplayFramebufferScale = ImVec2(static_cast<float>(runner.pixel_ratio), static_cast<float>(runner.pixel_ratio));

    web::PageInput& page = web::page_input();
    const auto activation = [](const web::PageAction& a) { return !a.text && !a.submit; };
    if (!page.actions.empty() && activation(page.actions.front())) {  // Dear ImGui activates one item per frame
        ui::internals::activate_item(page.actions.front().id);
        page.actions.erase(page.actions.begin());
        web::request_frames(web::Wake::activation);
    } else {
        // Texts and submits in order: a field applies its text before it reports Enter.
        while (!page.actions.empty() && !activation(page.actions.front())) {
            web::PageAction& action = page.actions.front();
            if (action.submit) runner.items.request_submit(action.id);
            else runner.items.set_external_text(action.id, std::move(*action.text));
            page.actions.erase(page.actions.begin());
        }
    }
    // A clock tick each minute keeps the deadline preview and its countdown current.
    const auto now_seconds = static_cast<core::UtcSeconds>(js_now_seconds());
    if (now_seconds / 60 != runner.state.now / 60) apply(app::ClockTicked{now_seconds});
    for (const app::Event& answer : web::take_responses()) apply(answer);
    std::vector<app::Event> from_page;
    from_page.swap(runner.pending_events);
    for (const app::Event& page_event : from_page) apply(page_event);
    const auto run = [&] {
        app::FrameResult ran = app::run_frame(runner.state, runner.items, page.dom_focus_id);
        for (const app::Effect& effect : ran.effects) execute(effect);
        if (ran.changed) web::request_frames(web::Wake::state_changed);
        return ran;
    };
    app::FrameResult result = run();
    if (ui::drew_missing_glyph(*ImGui::GetDrawData())) {
        // The frame drew a character the first atlas does not hold: every glyph, and the frame again,
        // before anything is shown (the input it read stays read; its effects ran).
        build_fonts();
        io.DeltaTime = 1e-4f;
        result = run();
    }

    web::renderer_draw(*ImGui::GetDrawData(), ui::theme().colour.page);
    runner.frames_drawn += 1;
    if (runner.frames_drawn == 1) js_first_frame();

    if (ui::internals::input_queued()) web::request_frames(web::Wake::queued_input);
    web::publish_mirror(runner.items, result.active_text_id);
    web::show_route();
    web::report_to_host();
}

}  // namespace

int main() {
    // Keyboard events only from the canvas itself: mirror inputs are edited by the page and synced whole.
    SDL_SetHint(SDL_HINT_EMSCRIPTEN_KEYBOARD_ELEMENT, "#canvas");
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER | SDL_INIT_EVENTS) != 0) {
        std::fprintf(stderr, "portal: SDL could not start: %s\n", SDL_GetError());
        return 1;
    }
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_ES);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
    // No depth buffer (SDL asks for one by default): Dear ImGui's lists are drawn in order, flat. At a
    // 1280 x 800 window on a 2x screen that was 16 MB of the GPU's memory, made with the context.
    SDL_GL_SetAttribute(SDL_GL_DEPTH_SIZE, 0);
    double size[3] = {};
    js_container_size(size);
    if (size[0] >= 1 && size[1] >= 1 && size[2] > 0) {
        runner.css_width = size[0];
        runner.css_height = size[1];
        runner.pixel_ratio = size[2];
    }
    // The canvas in device pixels (SDL without its high-DPI flag makes the canvas the window's size).
    runner.window = SDL_CreateWindow("VTEX Support", SDL_WINDOWPOS_UNDEFINED, SDL_WINDOWPOS_UNDEFINED,
                                     static_cast<int>(std::lround(runner.css_width * runner.pixel_ratio)),
                                     static_cast<int>(std::lround(runner.css_height * runner.pixel_ratio)),
                                     SDL_WINDOW_OPENGL);
    runner.gl = runner.window ? SDL_GL_CreateContext(runner.window) : nullptr;
    if (!runner.gl) {
        std::fprintf(stderr, "portal: WebGL2 is not available: %s\n", SDL_GetError());
        return 1;
    }
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    runner.items.attach(ImGui::GetCurrentContext());
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.LogFilename = nullptr;
    ImGui_ImplSDL2_InitForOpenGL(runner.window, runner.gl);
    if (!web::renderer_init()) return 1;
    ui::apply_style();
    // The reader's catalog, which the page fetched beside the wasm, before the state that lists it.
    const std::string lang = taken(js_boot_catalog(0));
    runner.first_glyphs = taken(js_boot_catalog(1));
    if (const std::string why = core::add_catalog(lang, runner.first_glyphs); !why.empty())
        std::fprintf(stderr, "portal: the catalog of \"%s\" could not be read: %s\n", lang.c_str(), why.c_str());
    runner.state = app::initial_state(browser_environment());
    apply(app::AppStarted{});
    js_watch_route();
    js_watch_storage();
    js_ready();  // the page reports the container size (portal_resize) from here on
    emscripten_set_main_loop(frame, 0, false);
    // The first frame now, not at the next animation frame: its work (the font atlas, the first layout)
    // then ends up to one display refresh sooner, and the page shows it at the refresh after that.
    frame();
    return 0;
}
