#pragma once
// Drag to scroll with momentum, for touch screens: the page's canvas takes every touch itself (it must,
// for Dear ImGui to see presses), so the browser's own panning never happens there. A finger that moves
// past a small slop drags the page; lifted while moving, the page glides on and slows down as a phone's
// native scrolling does. Pure arithmetic on positions and times: the web runner feeds it touches and
// applies the scroll it answers.
#include <array>
#include <optional>

namespace ui {

class TouchScroll {
public:
    struct Config {
        float slop_px = 8;          // a finger moving less than this is a tap, not a drag
        float friction = 3.0f;      // the glide's speed falls as exp(-friction * seconds)
        float stop_speed = 12;      // px/s: below this the glide ends
        float max_speed = 8000;     // px/s: a flick never throws the page further than this speed allows
        double sample_window = 0.1; // s: the finger's speed is measured over its last movements
    };

    TouchScroll() = default;
    explicit TouchScroll(Config settings) : config(settings) {}

    // A finger down at `y` (CSS px) at time `t` (s), over a page scrolled to `scroll` of at most `max_scroll`.
    // Stops any glide: a finger on a moving page holds it.
    void press(float y, double t, float scroll, float max_scroll);
    // The finger moved: the page's new scroll while it drags, nothing while it is still within the slop
    // (or no finger is down).
    std::optional<float> move(float y, double t);
    // Whether the last move() started the drag (the press under the finger must be taken back then).
    bool drag_started() const { return started_now; }
    // The finger left at `t`: a drag that was moving starts a glide.
    void release(double t);
    // During a glide, the scroll at `t`; nothing once it has stopped (slowed down or reached an end).
    std::optional<float> glide(double t);
    void stop();

    bool pressed() const { return down; }
    bool dragging() const { return down && drag; }
    bool gliding() const { return glide_speed != 0; }
    // The finger's speed over the last movements, px/s (positive downwards).
    float finger_speed() const;

private:
    struct Sample {
        float y = 0;
        double t = 0;
    };
    float clamp(float scroll) const;

    Config config;
    bool down = false, drag = false, started_now = false;
    float press_y = 0, press_scroll = 0, max_scroll = 0, scroll = 0;
    std::array<Sample, 8> samples{};
    int sample_count = 0, next_sample = 0;
    float glide_speed = 0;  // px/s of scroll at glide_from
    double glide_from = 0;
    float glide_start_scroll = 0;
};

}  // namespace ui
