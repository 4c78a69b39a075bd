// Layouts chosen by width, the content column, and what the shell and the form show at a phone's width.
#include <doctest/doctest.h>

#include "app/ui/layout.hpp"
#include "app/ui/theme.hpp"

using ui::Width;

TEST_CASE("the layout is chosen from the canvas width in em") {
    const ui::Layout layout;
    CHECK(ui::width_class(320, layout) == Width::narrow);
    CHECK(ui::width_class(390, layout) == Width::narrow);
    CHECK(ui::width_class(767, layout) == Width::narrow);
    CHECK(ui::width_class(820, layout) == Width::medium);
    CHECK(ui::width_class(1280, layout) == Width::wide);
    CHECK(ui::width_class(1920, layout) == Width::wide);
    // 200 % zoom: a 1280 px window is 640 CSS px wide, a phone's layout.
    CHECK(ui::width_class(640, layout) == Width::narrow);
    // A larger root em (the reader's font size) counts as a narrower screen.
    CHECK(ui::width_class(820, layout, 20) == Width::narrow);
    CHECK(ui::panel_beside(Width::wide));
    CHECK(ui::panel_beside(Width::medium));
    CHECK_FALSE(ui::panel_beside(Width::narrow));
    CHECK_FALSE(ui::list_as_table(Width::narrow));
}

TEST_CASE("the content column is centred, at most the column's width, with margins on a phone") {
    const ui::Layout layout;
    const auto phone = ui::content_column(320, Width::narrow, layout);
    CHECK(phone.left == 16);
    CHECK(phone.width == 288);
    const auto wide = ui::content_column(1920, Width::wide, layout);
    CHECK(wide.width == layout.column_max_px);
    CHECK(wide.left == doctest::Approx((1920 - layout.column_max_px) / 2));
    const auto medium = ui::content_column(820, Width::medium, layout);
    CHECK(medium.left == 24);
    CHECK(medium.width == 772);
    CHECK(ui::side_panel_width(772, layout) <= 772 / 3.0f);
    CHECK(ui::side_panel_width(1040, layout) == layout.side_panel_px);
}

TEST_CASE("initials for avatars and a file's type for its chip") {
    CHECK(ui::initials("Ana Souza") == "AS");
    CHECK(ui::initials("marta") == "M");
    CHECK(ui::initials("Marta (VTEX Support)") == "MV");  // punctuation is no initial
    CHECK(ui::initials("ana.souza@example.com") == "AS");
    CHECK(ui::initials("Élodie Martin") == "\xC3\x89M");
    CHECK(ui::initials("") == "");
    CHECK(ui::file_type("checkout-error.har") == "HAR");
    CHECK(ui::file_type("photo.png") == "PNG");
    CHECK(ui::file_type("README") == "FILE");
    CHECK(ui::file_type(".profile") == "FILE");
}
