// frame_bench: the CPU time of one portal frame on My requests with N tickets listed against an
// empty list, drawn headless (the same screens and item hooks as the browser, without the GPU).
// Prints the empty list, one page (50 tickets, more rows than fit) and N tickets, with the ratios: N
// against 50 shows what list clipping is for (the rows drawn are the same), N against empty what a
// screen full of rows costs.
#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <vector>

#include "fixtures.hpp"
#include "headless_ui.hpp"

namespace {

double median(std::vector<double> values) {
    std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2), values.end());
    return values[values.size() / 2];
}

// The median frame of a run of `frames`: this VM's scheduler stalls a frame now and then, which a
// mean would count as the screen's cost.
double median_frame(HeadlessUi& ui, int frames) {
    std::vector<double> times;
    times.reserve(static_cast<size_t>(frames));
    for (int i = 0; i < frames; ++i) {
        const auto start = std::chrono::steady_clock::now();
        ui.frame();
        times.push_back(std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count());
    }
    return median(std::move(times));
}

}  // namespace

// The three lists take turns, a short run each, for `rounds` rounds: the machine's speed drifts from
// one second to the next here (frequency, neighbours), and a list measured after another would carry
// that drift into the ratio. Each ratio is the median of the rounds' ratios.
int main(int argc, char** argv) {
    const int tickets = argc > 1 ? std::atoi(argv[1]) : 10000;
    const int frames = argc > 2 ? std::atoi(argv[2]) : 2000;
    constexpr int rounds = 20;
    const int per_run = std::max(10, frames / rounds);
    const std::array<int, 3> sizes = {0, 50, tickets};
    std::array<std::unique_ptr<HeadlessUi>, 3> uis;
    for (size_t i = 0; i < sizes.size(); ++i) {
        uis[i] = std::make_unique<HeadlessUi>(my_requests_state(sizes[i]));
        uis[i]->frames(10);  // settle
    }
    std::array<std::vector<double>, 3> runs;
    std::vector<double> full_vs_empty, full_vs_page;
    for (int round = 0; round < rounds; ++round) {
        std::array<double, 3> m{};
        for (size_t k = 0; k < sizes.size(); ++k) {
            const size_t i = (k + static_cast<size_t>(round)) % sizes.size();  // each list goes first in turn
            m[i] = median_frame(*uis[i], per_run);
            runs[i].push_back(m[i]);
        }
        full_vs_empty.push_back(m[2] / m[0]);
        full_vs_page.push_back(m[2] / m[1]);
    }
    std::printf("median frame: empty list %.1f us, 50 tickets %.1f us, %d tickets %.1f us; %d vs empty %.2fx, %d vs 50 %.2fx"
                " (%d rounds of %d frames each)\n",
                median(runs[0]), median(runs[1]), tickets, median(runs[2]), tickets, median(full_vs_empty), tickets,
                median(full_vs_page), rounds, per_run);
    return 0;
}
