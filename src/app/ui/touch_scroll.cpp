#include "app/ui/touch_scroll.hpp"

#include <algorithm>
#include <cmath>

namespace ui {

void TouchScroll::press(float y, double t, float current_scroll, float max) {
    stop();
    down = true;
    drag = false;
    started_now = false;
    press_y = y;
    press_scroll = current_scroll;
    scroll = current_scroll;
    max_scroll = std::max(0.0f, max);
    sample_count = 0;
    next_sample = 0;
    samples[static_cast<size_t>(next_sample)] = Sample{y, t};
    next_sample = (next_sample + 1) % static_cast<int>(samples.size());
    sample_count = 1;
}

std::optional<float> TouchScroll::move(float y, double t) {
    started_now = false;
    if (!down) return std::nullopt;
    samples[static_cast<size_t>(next_sample)] = Sample{y, t};
    next_sample = (next_sample + 1) % static_cast<int>(samples.size());
    sample_count = std::min(sample_count + 1, static_cast<int>(samples.size()));
    if (!drag) {
        if (std::fabs(y - press_y) < config.slop_px) return std::nullopt;
        drag = true;
        started_now = true;
        press_y = y;  // the page starts moving from here, without a jump of the slop
    }
    // The content follows the finger: moving up shows what is below.
    scroll = clamp(press_scroll - (y - press_y));
    return scroll;
}

float TouchScroll::finger_speed() const {
    if (sample_count < 2) return 0;
    const int size = static_cast<int>(samples.size());
    const Sample& last = samples[static_cast<size_t>((next_sample - 1 + size) % size)];
    const Sample* first = &last;
    for (int i = 2; i <= sample_count; ++i) {
        const Sample& s = samples[static_cast<size_t>((next_sample - i + size) % size)];
        if (last.t - s.t > config.sample_window) break;
        first = &s;
    }
    const double dt = last.t - first->t;
    if (dt <= 0) return 0;
    return static_cast<float>((last.y - first->y) / dt);
}

void TouchScroll::release(double t) {
    const bool was_dragging = down && drag;
    // A finger that stopped before it left throws nothing: only movements within the window count.
    const float speed = was_dragging ? finger_speed() : 0.0f;
    const int size = static_cast<int>(samples.size());
    const Sample& last = samples[static_cast<size_t>((next_sample - 1 + size) % size)];
    const bool still = sample_count == 0 || t - last.t > config.sample_window;
    down = false;
    drag = false;
    started_now = false;
    if (!was_dragging || still || std::fabs(speed) < config.stop_speed) return;
    glide_speed = std::clamp(-speed, -config.max_speed, config.max_speed);
    glide_from = t;
    glide_start_scroll = scroll;
}

std::optional<float> TouchScroll::glide(double t) {
    if (glide_speed == 0) return std::nullopt;
    const double elapsed = std::max(0.0, t - glide_from);
    const double decay = std::exp(-config.friction * elapsed);
    // The distance covered is the integral of speed·exp(-friction·s) from 0 to `elapsed`.
    const float travelled = static_cast<float>(glide_speed * (1.0 - decay) / config.friction);
    const float unclamped = glide_start_scroll + travelled;
    scroll = clamp(unclamped);
    const bool at_end = scroll != unclamped;
    if (at_end || std::fabs(glide_speed * decay) < config.stop_speed) glide_speed = 0;
    return scroll;
}

void TouchScroll::stop() {
    glide_speed = 0;
}

float TouchScroll::clamp(float value) const { return std::clamp(value, 0.0f, max_scroll); }

}  // namespace ui
