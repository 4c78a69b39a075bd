// strtod and sscanf for the web builds, in place of the C library's (the link sends every call here:
// `--wrap`, cmake/web.cmake). The C library's both read numbers through one scanner that computes in
// 128-bit long double, which WebAssembly does in software: 19 KB of the wasm (7.5 KB brotli) for the few
// numbers the portal reads as text (nlohmann_json's numbers with a fraction or an exponent, SDL's hints,
// Dear ImGui's settings lines, which the portal never loads).
//
// strtod reads what C's does in decimal: white space, a sign, digits with an optional point and exponent,
// or inf, infinity, nan, nan(...), in any case. The result is the double nearest the decimal number:
// exact arithmetic when the digits and the power of ten fit a double (Clinger's fast path: most numbers
// a program writes), the browser's own conversion otherwise (JavaScript's Number, correctly rounded).
// C99's hexadecimal form (0x1p3) is not read: "0x1p3" gives 0, ending after the "0", as C89's did.
//
// sscanf reads the conversions d, i, u, o, x, X, f, e, g, a (and their capitals), c, s, n and %%, each
// with a width and the length modifiers hh, h, l, ll, j, z, t, L, white space and literal characters;
// not %[ sets nor assignment suppression (*), which end the scan like a mismatch. Dear ImGui's settings
// reader, the one caller, uses d, i, X, f, c and n.
#include <emscripten.h>

#include <cctype>
#include <cmath>
#include <cstdarg>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>

namespace {

// The browser's conversion of `length` ASCII characters at `text` (a number in strtod's grammar).
EM_JS(double, js_parse_number, (const char* text, int length), {
    let s = "";
    for (let i = 0; i < length; i++) s += String.fromCharCode(HEAPU8[text + i]);
    return Number(s);
});

bool starts_with_word(const char* p, const char* word) {
    for (; *word; ++p, ++word)
        if (std::tolower(static_cast<unsigned char>(*p)) != *word) return false;
    return true;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Exact powers of ten a double holds (10^22 is the last).
constexpr double exact_powers[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                   1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

}  // namespace

extern "C" double __wrap_strtod(const char* text, char** end) {
    const char* p = text;
    while (std::isspace(static_cast<unsigned char>(*p))) ++p;
    const char* const number = p;
    const bool negative = *p == '-';
    if (*p == '-' || *p == '+') ++p;
    double value = 0;
    if (starts_with_word(p, "inf")) {
        p += starts_with_word(p, "infinity") ? 8 : 3;
        value = std::numeric_limits<double>::infinity();
    } else if (starts_with_word(p, "nan")) {
        p += 3;
        if (*p == '(') {
            const char* q = p + 1;
            while (std::isalnum(static_cast<unsigned char>(*q)) || *q == '_') ++q;
            if (*q == ')') p = q + 1;
        }
        value = std::numeric_limits<double>::quiet_NaN();
    } else {
        // The significant digits (up to 19 kept exactly), and where the decimal point puts them.
        std::uint64_t digits = 0;
        int kept = 0, exponent = 0;
        bool any = false, dropped = false;
        for (bool fraction = false;; ++p) {
            if (*p == '.' && !fraction) {
                fraction = true;
                continue;
            }
            if (!is_digit(*p)) break;
            any = true;
            if (digits == 0 && *p == '0') {
                if (fraction) --exponent;  // leading zeros only move the point
                continue;
            }
            if (kept < 19) {
                digits = digits * 10 + static_cast<unsigned>(*p - '0');
                ++kept;
                if (fraction) --exponent;
            } else {
                dropped |= *p != '0';
                if (!fraction) ++exponent;
            }
        }
        if (!any) {
            if (end) *end = const_cast<char*>(text);  // no number: nothing read
            return 0;
        }
        if ((*p == 'e' || *p == 'E') && (is_digit(p[1]) || ((p[1] == '+' || p[1] == '-') && is_digit(p[2])))) {
            ++p;
            const bool down = *p == '-';
            if (*p == '+' || *p == '-') ++p;
            int written = 0;
            for (; is_digit(*p); ++p)
                if (written < 100000) written = written * 10 + (*p - '0');
            exponent += down ? -written : written;
        }
        if (digits == 0) {
            value = 0;
        } else if (!dropped && kept <= 15 && exponent >= -22 && exponent <= 22) {
            // Both the digits and 10^|exponent| are exact doubles: one rounding, the correct one.
            value = static_cast<double>(digits);
            value = exponent < 0 ? value / exact_powers[-exponent] : value * exact_powers[exponent];
        } else {
            value = js_parse_number(number, static_cast<int>(p - number));
            if (end) *end = const_cast<char*>(p);
            return value;  // the sign was read with the rest
        }
    }
    if (end) *end = const_cast<char*>(p);
    return negative ? -value : value;
}

namespace {

enum class Size { hh, h, normal, l, ll };

// Stores an integer conversion's result through the next argument, of the type its length modifier says.
void store_integer(std::va_list& args, Size size, std::uint64_t value) {
    switch (size) {
    case Size::hh: *va_arg(args, unsigned char*) = static_cast<unsigned char>(value); break;
    case Size::h: *va_arg(args, unsigned short*) = static_cast<unsigned short>(value); break;
    case Size::normal: *va_arg(args, unsigned*) = static_cast<unsigned>(value); break;
    case Size::l: *va_arg(args, unsigned long*) = static_cast<unsigned long>(value); break;
    case Size::ll: *va_arg(args, unsigned long long*) = value; break;
    }
}

int digit_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'z') return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
    return 99;
}

}  // namespace

extern "C" int __wrap_sscanf(const char* input, const char* format, ...) {
    std::va_list args;
    va_start(args, format);
    const char* in = input;
    int assigned = 0;
    bool input_ended = false;  // the input ran out where the format wanted more: EOF if nothing was assigned
    for (const char* f = format; *f; ++f) {
        if (std::isspace(static_cast<unsigned char>(*f))) {
            while (std::isspace(static_cast<unsigned char>(*in))) ++in;
            continue;
        }
        if (*f != '%' || f[1] == '%') {
            if (*f == '%') {  // %%: a percent sign, after any white space
                ++f;
                while (std::isspace(static_cast<unsigned char>(*in))) ++in;
            }
            if (*in != *f) {
                input_ended = !*in;
                break;
            }
            ++in;
            continue;
        }
        ++f;
        std::size_t width = 0;
        while (is_digit(*f)) width = width * 10 + static_cast<std::size_t>(*f++ - '0');
        Size size = Size::normal;
        if (*f == 'h') size = *++f == 'h' ? (++f, Size::hh) : Size::h;
        else if (*f == 'l') size = *++f == 'l' ? (++f, Size::ll) : Size::l;
        else if (*f == 'L' || *f == 'j') size = (++f, Size::ll);
        else if (*f == 'z' || *f == 't') size = (++f, Size::l);
        const char conversion = *f;
        if (!conversion) break;  // the format ends inside a conversion
        if (conversion == 'n') {
            store_integer(args, size, static_cast<std::uint64_t>(in - input));
            continue;
        }
        if (conversion != 'c')
            while (std::isspace(static_cast<unsigned char>(*in))) ++in;
        if (!*in) {  // input ended before this conversion
            input_ended = true;
            break;
        }
        const std::size_t limit = width ? width : (conversion == 'c' ? 1 : std::strlen(in));
        if (conversion == 'c' || conversion == 's') {
            char* out = va_arg(args, char*);
            std::size_t n = 0;
            for (; n < limit && in[n] && (conversion == 'c' || !std::isspace(static_cast<unsigned char>(in[n]))); ++n)
                out[n] = in[n];
            if (conversion == 'c' && n < limit) break;  // fewer characters than asked for
            if (conversion == 's') out[n] = '\0';
            in += n;
            ++assigned;
        } else if (std::strchr("fFeEgGaA", conversion)) {
            char copy[64];  // a number of more characters than this is read to its 63rd
            const std::size_t n = strnlen(in, limit < sizeof copy - 1 ? limit : sizeof copy - 1);
            std::memcpy(copy, in, n);
            copy[n] = '\0';
            char* stop = nullptr;
            const double value = __wrap_strtod(copy, &stop);
            if (stop == copy) break;
            in += stop - copy;
            if (size == Size::l) *va_arg(args, double*) = value;
            else if (size == Size::ll) *va_arg(args, long double*) = value;
            else *va_arg(args, float*) = static_cast<float>(value);
            ++assigned;
        } else if (std::strchr("diouxX", conversion)) {
            std::size_t n = 0;
            bool negative = false;
            if (n < limit && (in[n] == '+' || in[n] == '-')) negative = in[n++] == '-';
            int base = conversion == 'o' ? 8 : (conversion == 'x' || conversion == 'X') ? 16 : 10;
            const bool prefixed = n + 1 < limit && in[n] == '0' && (in[n + 1] == 'x' || in[n + 1] == 'X') &&
                                  digit_value(in[n + 2]) < 16 && n + 2 < limit;
            if (conversion == 'i') base = prefixed ? 16 : in[n] == '0' ? 8 : 10;
            if (prefixed && base == 16) n += 2;
            std::uint64_t value = 0;
            const std::size_t first = n;
            for (; n < limit && digit_value(in[n]) < base; ++n)
                value = value * static_cast<unsigned>(base) + static_cast<unsigned>(digit_value(in[n]));
            if (n == first) break;  // no digits: a mismatch
            in += n;
            store_integer(args, size, negative ? 0 - value : value);
            ++assigned;
        } else {
            break;  // a conversion this reader does not do (%[, %*, %p): the scan ends here
        }
    }
    va_end(args);
    return assigned == 0 && input_ended ? EOF : assigned;
}
