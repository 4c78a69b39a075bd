// Drag to scroll with momentum: the arithmetic the web runner applies to touches on the canvas.
#include <doctest/doctest.h>

#include "app/ui/touch_scroll.hpp"

using ui::TouchScroll;

TEST_CASE("a finger that moves less than the slop is a tap: the page does not move") {
    TouchScroll touch;
    touch.press(300, 0.0, 100, 1000);
    CHECK_FALSE(touch.move(303, 0.01));
    CHECK_FALSE(touch.move(296, 0.02));
    CHECK_FALSE(touch.dragging());
    touch.release(0.05);
    CHECK_FALSE(touch.gliding());
}

TEST_CASE("a drag moves the page with the finger, from where the drag began, within its ends") {
    TouchScroll touch;
    touch.press(300, 0.0, 100, 1000);
    auto first = touch.move(280, 0.016);  // past the slop: the drag starts here, without a jump
    REQUIRE(first);
    CHECK(*first == doctest::Approx(100));
    CHECK(touch.drag_started());
    auto next = touch.move(230, 0.032);  // the finger up 50 px: the content shows 50 px further down
    REQUIRE(next);
    CHECK(*next == doctest::Approx(150));
    CHECK_FALSE(touch.drag_started());
    CHECK(*touch.move(1000, 0.048) == doctest::Approx(0));    // never above the top
    CHECK(*touch.move(-2000, 0.064) == doctest::Approx(1000));  // nor past the bottom
}

TEST_CASE("lifted while moving, the page glides on in the same direction, slows down and stops") {
    TouchScroll touch;
    touch.press(600, 0.0, 0, 5000);
    double t = 0;
    float y = 600;
    for (int i = 0; i < 6; ++i) {  // the finger goes up at 1,000 px/s
        t += 0.016;
        y -= 16;
        touch.move(y, t);
    }
    CHECK(touch.finger_speed() == doctest::Approx(-1000).epsilon(0.01));
    touch.release(t);
    REQUIRE(touch.gliding());
    const float at_release = *touch.glide(t);
    float last = at_release;
    double when = t;
    int steps = 0;
    while (touch.gliding() && steps < 1000) {
        when += 0.016;
        const float now = *touch.glide(when);
        CHECK(now >= last);  // on downwards, never back
        last = now;
        ++steps;
    }
    CHECK_FALSE(touch.gliding());
    CHECK(steps < 1000);
    // It went on by about speed / friction (1,000 / 3 px), minus what the stop speed cuts off.
    CHECK(last - at_release == doctest::Approx(1000.0f / 3.0f).epsilon(0.03));
}

TEST_CASE("a glide stops at the page's end, and a finger put down holds the page") {
    TouchScroll touch;
    touch.press(600, 0.0, 900, 1000);
    touch.move(580, 0.01);
    touch.move(500, 0.03);
    touch.release(0.03);
    REQUIRE(touch.gliding());
    auto end = touch.glide(2.0);
    REQUIRE(end);
    CHECK(*end == doctest::Approx(1000));
    CHECK_FALSE(touch.gliding());

    touch.press(600, 3.0, 500, 1000);
    touch.move(560, 3.01);
    touch.move(500, 3.03);
    touch.release(3.03);
    REQUIRE(touch.gliding());
    touch.press(400, 3.1, 600, 1000);
    CHECK_FALSE(touch.gliding());
}

TEST_CASE("a finger that stopped before it was lifted throws nothing") {
    TouchScroll touch;
    touch.press(600, 0.0, 0, 5000);
    touch.move(560, 0.02);
    touch.move(500, 0.04);
    touch.release(0.5);  // held still for almost half a second
    CHECK_FALSE(touch.gliding());
}
