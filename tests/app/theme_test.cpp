// WCAG 2.2 contrast of every text/background pair and every control boundary the widgets draw, in both
// themes (src/app/ui/theme.cpp). Text needs 4.5:1 (1.4.3), large text 3:1, a control's boundary and
// the focus indicator 3:1 against what is next to them (1.4.11). Disabled text is exempt (1.4.3 excludes
// inactive components), so `text_disabled` appears in no pair.
#include <string>
#include <vector>

#include "app/ui/theme.hpp"
#include "doctest/doctest.h"

namespace {

constexpr ui::Colour rgb(unsigned hex) { return 0xFF000000u | ((hex & 0xFF) << 16) | (hex & 0xFF00) | ((hex >> 16) & 0xFF); }

struct Pair {
    std::string what;
    ui::Colour foreground, background;
    double minimum;
};

constexpr double text = 4.5, large = 3.0, boundary = 3.0;

// Every pair a widget draws (controls.cpp, structure.cpp, field.cpp, widgets.cpp, focus_ring.cpp).
std::vector<Pair> pairs_of(const ui::Theme& theme) {
    const ui::Colours& c = theme.colour;
    std::vector<Pair> pairs = {
        {"text on page", c.text, c.page, text},
        {"text on surface", c.text, c.surface, text},
        {"text on surface_soft", c.text, c.surface_soft, text},
        {"text on surface_hover (hovered segment, tab, row)", c.text, c.surface_hover, text},
        {"text_soft on page", c.text_soft, c.page, text},
        {"text_soft on surface", c.text_soft, c.surface, text},
        {"text_soft on surface_soft", c.text_soft, c.surface_soft, text},
        {"text_soft on surface_hover", c.text_soft, c.surface_hover, text},
        {"display titles on page (large text)", c.text, c.page, large},
        {"on_accent on accent (primary button)", c.on_accent, c.accent, text},
        {"on_accent on accent_hover", c.on_accent, c.accent_hover, text},
        {"on_accent on accent_pressed", c.on_accent, c.accent_pressed, text},
        {"on_accent_soft on accent_soft (secondary button, chosen segment)", c.on_accent_soft, c.accent_soft, text},
        {"on_accent_soft on accent_soft_hover", c.on_accent_soft, c.accent_soft_hover, text},
        {"on_accent_soft on surface (tertiary button)", c.on_accent_soft, c.surface, text},
        {"on_accent_soft on surface_hover (tertiary button, hovered)", c.on_accent_soft, c.surface_hover, text},
        {"on_critical on critical_strong (critical button)", c.on_critical, c.critical_strong, text},
        {"on_critical on critical_strong_hover", c.on_critical, c.critical_strong_hover, text},
        {"critical on surface (field error)", c.critical, c.surface, text},
        {"critical on page", c.critical, c.page, text},
        {"critical on critical_soft (tag, alert)", c.critical, c.critical_soft, text},
        {"warning on warning_soft", c.warning, c.warning_soft, text},
        {"success on success_soft", c.success, c.success_soft, text},
        {"info on info_soft", c.info, c.info_soft, text},
        {"text on a tone's soft background (alert text): critical", c.text, c.critical_soft, text},
        {"text on warning_soft", c.text, c.warning_soft, text},
        {"text on success_soft", c.text, c.success_soft, text},
        {"text on info_soft", c.text, c.info_soft, text},
        {"accent on surface (link, selected tab)", c.accent, c.surface, text},
        {"accent on page (link)", c.accent, c.page, text},
        {"accent_hover on surface (hovered link)", c.accent_hover, c.surface, text},
        {"text on mine_bubble", c.text, c.mine_bubble, text},
        {"text on theirs_bubble", c.text, c.theirs_bubble, text},
        {"surface on text (toast)", c.surface, c.text, text},
        {"border_strong on surface (field, segmented, radio edge)", c.border_strong, c.surface, boundary},
        {"border_strong on page", c.border_strong, c.page, boundary},
        {"border_strong on surface_soft", c.border_strong, c.surface_soft, boundary},
        {"accent on surface (chosen card's edge, field being edited)", c.accent, c.surface, boundary},
        {"critical on surface (the edge of a field in error)", c.critical, c.surface, boundary},
        {"critical on page", c.critical, c.page, boundary},
        {"focus_ring on page", c.focus_ring, c.page, boundary},
        {"focus_ring on surface", c.focus_ring, c.surface, boundary},
        {"focus_ring on focus_inner", c.focus_ring, c.focus_inner, boundary},
        {"focus_ring_critical on page", c.focus_ring_critical, c.page, boundary},
        {"focus_ring_critical on surface", c.focus_ring_critical, c.surface, boundary},
    };
    return pairs;
}

}  // namespace

TEST_CASE("the contrast function follows WCAG 2.2 and tells a failing pair from a passing one") {
    CHECK(ui::contrast_ratio(rgb(0x000000), rgb(0xffffff)) == doctest::Approx(21.0));
    CHECK(ui::contrast_ratio(rgb(0xffffff), rgb(0x000000)) == doctest::Approx(21.0));
    CHECK(ui::contrast_ratio(rgb(0x777777), rgb(0x777777)) == doctest::Approx(1.0));
    CHECK(ui::contrast_ratio(rgb(0x767676), rgb(0xffffff)) == doctest::Approx(4.54).epsilon(0.005));
    CHECK(ui::relative_luminance(rgb(0xffffff)) == doctest::Approx(1.0));
    CHECK(ui::relative_luminance(rgb(0x0000ff)) == doctest::Approx(0.0722));
    // Shoreline's published pairs that the table had to darken: the check must see them fail.
    CHECK(ui::contrast_ratio(rgb(0x9c7901), rgb(0xfbf7d4)) < text);  // warning on its soft background
    CHECK(ui::contrast_ratio(rgb(0x019213), rgb(0xe9fce3)) < text);  // success on its soft background
    CHECK(ui::contrast_ratio(rgb(0x157bf4), rgb(0xf1f8fd)) < text);  // informational on its soft background
    CHECK(ui::contrast_ratio(rgb(0xec3727), rgb(0xffffff)) < text);  // critical text on white
    CHECK(ui::contrast_ratio(rgb(0x707070), rgb(0xebebeb)) < text);  // secondary grey on a hover fill
    CHECK(ui::contrast_ratio(rgb(0xc2c2c2), rgb(0xffffff)) < boundary);  // border-strong as a field's edge
    CHECK(ui::contrast_ratio(rgb(0x79bcfb), rgb(0xffffff)) < boundary);  // the focus ring's blue
}

TEST_CASE("every text/background pair and control boundary of both themes meets WCAG 2.2") {
    for (const ui::Theme* theme : {&ui::light_theme(), &ui::dark_theme()}) {
        for (const Pair& pair : pairs_of(*theme)) {
            CAPTURE(theme->dark);
            CAPTURE(pair.what);
            CHECK(ui::contrast_ratio(pair.foreground, pair.background) >= pair.minimum);
        }
    }
}

TEST_CASE("the theme in use switches between the two tables, and the scale is the table's") {
    ui::use_theme(true);
    CHECK(&ui::theme() == &ui::dark_theme());
    CHECK(ui::theme().dark);
    ui::use_theme(false);
    CHECK(&ui::theme() == &ui::light_theme());
    CHECK(ui::space(0) == doctest::Approx(2));
    CHECK(ui::space(4) == doctest::Approx(16));
    CHECK(ui::space(11) == doctest::Approx(64));
    CHECK(ui::type_size(ui::Type::body) == doctest::Approx(14));
    CHECK(ui::type_size(ui::Type::display1) == doctest::Approx(24));
    ui::use_touch(true);
    CHECK(ui::control_height() == doctest::Approx(44));
    ui::use_touch(false);
    CHECK(ui::control_height() == doctest::Approx(36));
}
