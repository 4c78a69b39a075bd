#pragma once
// Why the render-on-demand loop must draw, and for how many frames. Every wake-up names its reason, so
// the frame counts are decided here, once, and a reader of a call site sees what it is for.
namespace web {

enum class Wake {
    start,           // the page has just loaded
    keyboard,        // a key or text event from the canvas (SDL)
    pointer,         // a pointer move, press or wheel the page forwarded
    mirror_click,    // the page activated a mirror element (a click, Enter, a screen reader)
    activation,      // the loop handed one of those activations to Dear ImGui
    typed_text,      // the page's input element changed a field's text
    mirror_focus,    // DOM focus moved to another mirror element (the focus ring follows)
    mirror_scroll,   // the mirror scrolled; the portal window follows
    queued_input,    // Dear ImGui still holds input events it takes one frame at a time
    resize,          // the container or the pixel ratio changed
    response,        // an HTTP answer, a finished upload or download, a timer, a draft save result
    sign_in_popup,   // the sign-in popup posted its result
    files_chosen,    // the page's file chooser returned a batch of files
    host_choice,     // a setting from the page: the host's theme or language, the reader's pointer or time zone
    address_changed, // the browser reached another address (back, forward, a link)
    state_changed,   // a frame's events changed the state
    caret_blink,     // a text field is being edited: the caret blinks
    minute_changed,  // the clock passed a minute: deadlines and countdowns move
    touch_glide,     // the page glides on after a finger's flick: a frame for each step
    glyphs,          // the page went idle after the first frame: the glyphs the first atlas left out
};

constexpr int frames_for(Wake why) {
    switch (why) {
        // Input: Dear ImGui reads it in one frame, the hovered or active item follows in the next,
        // and what the widget did shows in the third.
        case Wake::keyboard:
        case Wake::pointer:
        case Wake::mirror_click:
        case Wake::activation:
        case Wake::typed_text: return 3;
        // Something to apply: one frame applies it (run_frame draws again at once), one more lets what
        // that frame measured (sizes, scroll, focus) settle.
        case Wake::start:
        case Wake::mirror_focus:
        case Wake::mirror_scroll:
        case Wake::resize:
        case Wake::response:
        case Wake::sign_in_popup:
        case Wake::files_chosen:
        case Wake::host_choice:
        case Wake::address_changed:
        case Wake::state_changed: return 2;
        // One redraw shows it (the loop asks again while more is due).
        case Wake::queued_input:
        case Wake::caret_blink:
        case Wake::minute_changed:
        case Wake::touch_glide:
        case Wake::glyphs: return 1;
    }
    return 1;
}

// Asks for at least frames_for(why) more frames.
void request_frames(Wake why);
// Frames still asked for (before this one); counts this frame off.
int take_frame_request();

}  // namespace web
