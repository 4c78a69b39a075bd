// strtod and sscanf as C defines them. Built natively this checks the C library's own; built with em++ for
// node (core_tests_wasm) it checks src/web/numbers.cpp's, which the web builds link in their place: the
// same expectations hold for both.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

namespace {

struct Read {
    double value;
    std::size_t length;  // how many characters strtod took
};

Read read(const char* text) {
    char* end = nullptr;
    const double value = std::strtod(text, &end);
    return {value, static_cast<std::size_t>(end - text)};
}

}  // namespace

TEST_CASE("strtod reads the longest decimal number, to the nearest double") {
    const struct {
        const char* text;
        double value;
        std::size_t length;
    } cases[] = {
        {"0", 0.0, 1}, {"12", 12.0, 2}, {"-12.5", -12.5, 5}, {"+.5", 0.5, 3}, {"5.", 5.0, 2}, {"  \t\n7", 7.0, 5},
        {"1e3", 1000.0, 3}, {"1E+3x", 1000.0, 4}, {"2.5e-3", 0.0025, 6}, {"1e", 1.0, 1}, {"1e+", 1.0, 1},
        {"1.5e-x", 1.5, 3}, {"000123.4500", 123.45, 11}, {"0.000123", 0.000123, 8}, {"0.1", 0.1, 3},
        {"123456789012345", 123456789012345.0, 15}, {"9007199254740993", 9007199254740992.0, 16},
        {"9007199254740995", 9007199254740996.0, 16}, {"0.30000000000000004", 0.30000000000000004, 19},
        {"1.7976931348623157e308", 1.7976931348623157e308, 22}, {"2.2250738585072014e-308", 2.2250738585072014e-308, 23},
        {"4.9406564584124654e-324", 4.9406564584124654e-324, 23}, {"1e-400", 0.0, 6},
        {"123456789012345678901234567890", 123456789012345678901234567890.0, 30},
        {"1.00000000000000011102230246251565404236316680908203125", 1.0, 55},
        {"1.00000000000000011102230246251565404236316680908203126", 1.0000000000000002, 55},
        {"3.141592653589793238462643383279502884", 3.141592653589793, 38}, {"1e22", 1e22, 4}, {"1e23", 1e23, 4},
        {"8.98846567431158e307", 8.98846567431158e307, 20}, {"12abc", 12.0, 2}, {"-0", -0.0, 2},
    };
    for (const auto& c : cases) {
        CAPTURE(c.text);
        const Read r = read(c.text);
        CHECK(r.value == c.value);
        CHECK(std::signbit(r.value) == std::signbit(c.value));
        CHECK(r.length == c.length);
    }
    CHECK(read("1e400").value == HUGE_VAL);
    CHECK(read("-1e400").value == -HUGE_VAL);
    CHECK(read("inf").value == HUGE_VAL);
    CHECK(read("-Infinity").value == -HUGE_VAL);
    CHECK(read("-Infinity").length == 9);
    CHECK(read("infinit").length == 3);
    CHECK(std::isnan(read("nan").value));
    CHECK(read("NaN(123)x").length == 8);
    CHECK(read("nan(").length == 3);
#ifdef __EMSCRIPTEN__
    // The web's reads no hexadecimal (C99's form; nothing the portal reads writes it): the "0" alone.
    CHECK(read("0x10").value == 0.0);
    CHECK(read("0x10").length == 1);
#else
    CHECK(read("0x10").value == 16.0);
#endif
    // No number at all: nothing taken, zero.
    for (const char* none : {"", " ", "-", "+.", ".", "e5", "x1", "in", "- 1"}) {
        CAPTURE(none);
        const Read r = read(none);
        CHECK(r.value == 0.0);
        CHECK(r.length == 0);
    }
}

TEST_CASE("sscanf reads Dear ImGui's settings lines and C's other simple conversions") {
    int x = 0, y = 0, n = 0, r = 0;
    unsigned id = 0;
    float f = 0;
    char c = 0;
    CHECK(std::sscanf("Pos=60,-40", "Pos=%i,%i", &x, &y) == 2);
    CHECK(x == 60);
    CHECK(y == -40);
    CHECK(std::sscanf("Size=0x10,010", "Size=%i,%i", &x, &y) == 2);  // %i takes hexadecimal and octal
    CHECK(x == 16);
    CHECK(y == 8);
    CHECK(std::sscanf("Collapsed=1", "Pos=%i,%i", &x, &y) == 0);  // a literal that does not match
    CHECK(std::sscanf("Collapsed=1", "Collapsed=%d", &n) == 1);
    CHECK(n == 1);
    CHECK(std::sscanf("0x8F3A21C0,4", "0x%08X,%d", &id, &n) == 2);
    CHECK(id == 0x8F3A21C0u);
    CHECK(n == 4);
    CHECK(std::sscanf("RefScale=13.5", "RefScale=%f", &f) == 1);
    CHECK(f == 13.5f);
    CHECK(std::sscanf("Column 3  Width=120", "Column %d%n", &n, &r) == 1);
    CHECK(n == 3);
    CHECK(r == 8);
    CHECK(std::sscanf("Weight=0.25 Visible=1", "Weight=%f%n", &f, &r) == 1);
    CHECK(f == 0.25f);
    CHECK(r == 11);
    CHECK(std::sscanf("Sort=0v", "Sort=%d%c%n", &n, &c, &r) == 2);
    CHECK(n == 0);
    CHECK(c == 'v');
    CHECK(r == 7);
    CHECK(std::sscanf("UserID=0xDEADBEEF", "UserID=0x%08X%n", &id, &r) == 1);
    CHECK(id == 0xDEADBEEFu);
    CHECK(r == 17);
    // White space in the format takes any amount, numbers skip it before them.
    CHECK(std::sscanf("  7   -8", "%d %d", &x, &y) == 2);
    CHECK(x == 7);
    CHECK(y == -8);
    // A width limits a number; the rest is left for the next conversion.
    CHECK(std::sscanf("12345", "%2d%3d", &x, &y) == 2);
    CHECK(x == 12);
    CHECK(y == 345);
    // Longer and shorter integers, a word, a hexadecimal without its prefix, a percent sign.
    long long big = 0;
    unsigned char small = 0;
    char word[8] = {};
    CHECK(std::sscanf("-9000000000 255 abc ff 50%", "%lld %hhu %7s %x %d%%", &big, &small, word, &id, &n) == 5);
    CHECK(big == -9000000000LL);
    CHECK(small == 255);
    CHECK(std::string(word) == "abc");
    CHECK(id == 0xFFu);
    CHECK(n == 50);
    double d = 0;
    CHECK(std::sscanf("2.5e-3", "%lf", &d) == 1);
    CHECK(d == 0.0025);
    // Input that ends before the first conversion is EOF; a conversion that finds no number stops the scan.
    CHECK(std::sscanf("", "%d", &n) == EOF);
    CHECK(std::sscanf("   ", "%d", &n) == EOF);
    CHECK(std::sscanf("x", "%d", &n) == 0);
    CHECK(std::sscanf("5 x", "%d %d", &x, &y) == 1);
    CHECK(std::sscanf("", "Pos=%i", &x) == EOF);
    CHECK(std::sscanf("abc", "abc") == 0);  // no conversion, and the input did not run out before one
    CHECK(std::sscanf("7 %", "%d %%", &n) == 1);
    // A width past the end of the input reads what there is.
    CHECK(std::sscanf("1.5", "%10f", &f) == 1);
    CHECK(f == 1.5f);
    CHECK(std::sscanf("12", "%10d", &n) == 1);
    CHECK(n == 12);
}
