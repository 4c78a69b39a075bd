#pragma once
// The browser runner's state: one instance for the page's life, defined in runner.cpp. Written by the
// loop (main.cpp), the effects executor and the functions the page calls (exports.cpp); read by the page
// sync (page_sync.cpp).
#include <SDL.h>

#include <string>
#include <vector>

#include "app/event.hpp"
#include "app/state.hpp"
#include "app/ui/items.hpp"
#include "app/ui/touch_scroll.hpp"

namespace web {

struct Runner {
    SDL_Window* window = nullptr;
    SDL_GLContext gl = nullptr;
    app::AppState state;
    ui::ItemCollector items;
    ui::TouchScroll touch;  // drag to scroll with momentum on touch screens
    double frames_drawn = 0;
    double css_width = 800, css_height = 600, pixel_ratio = 1;
    double font_ratio = 0;  // the pixel ratio the font atlas was built for (0: build it at the next frame)
    // The text whose characters the first font atlas holds (the reader's catalog), until that is built;
    // every later atlas holds every glyph (ui::load_fonts).
    std::string first_glyphs;
    double next_blink = 0;
    std::string shown_route;          // the address bar's hash as the portal last set or saw it
    bool route_from_browser = true;   // replace, not push, the next address (the first one too)
    std::string shown_title;
    std::string shown_lang;
    int reported_height = -1;
    std::string reported_ticket;
    std::vector<app::Event> pending_events;  // from the page, applied at the next frame
    std::vector<app::ChosenFile> chosen_files;  // the batch the page is reporting
    // The last draft save's outcome: the form is told when saving starts or stops failing (or fails for
    // another draft), not at every keystroke.
    bool draft_saved = true;
    std::string draft_key;
};

extern Runner runner;

}  // namespace web
