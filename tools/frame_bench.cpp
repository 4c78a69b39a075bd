// frame_bench: the CPU time of one portal frame on My requests with N tickets listed against an
// empty list, drawn headless (the same screens and item hooks as the browser, without the GPU).
// Prints the empty list, one page (50 tickets, more rows than fit) and N tickets, with the ratios: N
// against 50 shows what list clipping is for (the rows drawn are the same), N against empty what a
// screen full of rows costs.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "fixtures.hpp"
#include "headless_ui.hpp"

namespace {

// The median frame: this VM's scheduler adds stalls of tens of microseconds now and then, which a
// mean would count as the screen's cost.
double microseconds_per_frame(int tickets, int frames) {
    HeadlessUi ui(my_requests_state(tickets));
    ui.frames(10);  // settle
    std::vector<double> times;
    times.reserve(static_cast<size_t>(frames));
    for (int i = 0; i < frames; ++i) {
        const auto start = std::chrono::steady_clock::now();
        ui.frame();
        times.push_back(std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count());
    }
    std::nth_element(times.begin(), times.begin() + frames / 2, times.end());
    return times[static_cast<size_t>(frames / 2)];
}

}  // namespace

int main(int argc, char** argv) {
    const int tickets = argc > 1 ? std::atoi(argv[1]) : 10000;
    const int frames = argc > 2 ? std::atoi(argv[2]) : 500;
    const double empty = microseconds_per_frame(0, frames);
    const double page = microseconds_per_frame(50, frames);
    const double full = microseconds_per_frame(tickets, frames);
    std::printf("median frame: empty list %.1f us, 50 tickets %.1f us, %d tickets %.1f us; %d vs empty %.2fx, %d vs 50 %.2fx\n",
                empty, page, tickets, full, tickets, full / empty, tickets, full / page);
    return 0;
}
