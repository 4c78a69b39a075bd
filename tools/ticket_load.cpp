// Load generator for bench/ticket_load.mjs: `connections` keep-alive HTTP/1.1 connections to
// portal-server on loopback, each sending the request read from standard input (its Idempotency-Key
// made unique per send) as soon as its previous answer came, or, with a rate, on a fixed schedule
// (a latency then counts from the moment its request was due: coordinated omission is counted).
//
// Written in C++ on epoll, one thread, because the node client it replaces stalled by itself: its
// event loop paused during a run (monitorEventLoopDelay showed it) and those pauses were counted as
// the server's latency. Prints one JSON line: created, failures, per_second, p50, p99
// (milliseconds).
//
// usage: ticket_load HOST PORT CONNECTIONS SECONDS RATE < request-template
//   The template's "{n}" is replaced by a number unique to the run.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/timerfd.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

double ms_between(Clock::time_point a, Clock::time_point b) {
    return std::chrono::duration<double, std::milli>(b - a).count();
}

struct Connection {
    int fd = -1;
    std::string out;       // what is left to write of the request
    std::string in;        // what came of the answer
    bool waiting = false;  // a request is out and its answer not complete
    Clock::time_point start;  // when the request was due (paced) or sent
    Clock::time_point due;    // paced: when the next request is due
};

[[noreturn]] void fail(const std::string& what) {
    std::fprintf(stderr, "ticket_load: %s: %s\n", what.c_str(), std::strerror(errno));
    std::exit(1);
}

int open_connection(const sockaddr_in& address, int epoll, int index) {
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) fail("socket");
    if (connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) fail("connect");
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    epoll_event event{};
    event.events = EPOLLIN;
    event.data.u32 = static_cast<std::uint32_t>(index);
    if (epoll_ctl(epoll, EPOLL_CTL_ADD, fd, &event) != 0) fail("epoll_ctl");
    return fd;
}

// The status of a complete answer at the front of `in` (removed from it), 0 while incomplete.
int take_answer(std::string& in, bool& close_after) {
    std::size_t end = in.find("\r\n\r\n");
    if (end == std::string::npos) return 0;
    std::string head = in.substr(0, end);
    std::transform(head.begin(), head.end(), head.begin(), [](unsigned char c) { return std::tolower(c); });
    std::size_t length = 0;
    if (std::size_t at = head.find("\r\ncontent-length:"); at != std::string::npos)
        length = std::strtoul(head.c_str() + at + 17, nullptr, 10);
    if (in.size() < end + 4 + length) return 0;
    int status = head.size() > 12 ? std::atoi(head.c_str() + 9) : 0;
    close_after = head.find("\r\nconnection: close") != std::string::npos;
    in.erase(0, end + 4 + length);
    return status > 0 ? status : -1;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 6) {
        std::fprintf(stderr, "usage: ticket_load HOST PORT CONNECTIONS SECONDS RATE < request-template\n");
        return 2;
    }
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(std::atoi(argv[2])));
    if (inet_pton(AF_INET, argv[1], &address.sin_addr) != 1) {
        std::fprintf(stderr, "ticket_load: %s is not an IPv4 address\n", argv[1]);
        return 2;
    }
    const int count = std::atoi(argv[3]);
    const double seconds = std::atof(argv[4]);
    const double rate = std::atof(argv[5]);
    const std::string templ{std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>()};
    const std::size_t slot = templ.find("{n}");
    if (count < 1 || seconds <= 0 || slot == std::string::npos) {
        std::fprintf(stderr, "ticket_load: needs connections >= 1, seconds > 0 and a template with {n}\n");
        return 2;
    }
    std::uint64_t next = 0;
    auto request = [&] { return templ.substr(0, slot) + std::to_string(next++) + templ.substr(slot + 3); };

    int epoll = epoll_create1(EPOLL_CLOEXEC);
    if (epoll < 0) fail("epoll_create1");
    std::vector<Connection> connections(static_cast<std::size_t>(count));
    for (int i = 0; i < count; ++i) connections[static_cast<std::size_t>(i)].fd = open_connection(address, epoll, i);

    const auto interval = rate > 0 ? std::chrono::duration<double>(count / rate) : std::chrono::duration<double>(0);
    std::vector<double> latencies;
    latencies.reserve(static_cast<std::size_t>(rate > 0 ? rate * seconds * 1.2 : 200000));
    long failures = 0;
    const Clock::time_point started = Clock::now();
    const Clock::time_point until = started + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
    for (int i = 0; i < count; ++i)
        connections[static_cast<std::size_t>(i)].due =
            started + std::chrono::duration_cast<Clock::duration>(interval * (static_cast<double>(i) / count));

    auto send_some = [&](Connection& c) {
        while (!c.out.empty()) {
            ssize_t n = ::send(c.fd, c.out.data(), c.out.size(), MSG_NOSIGNAL);
            if (n < 0 && errno == EINTR) continue;
            if (n < 0) fail("send");
            c.out.erase(0, static_cast<std::size_t>(n));
        }
    };
    auto start_request = [&](Connection& c, Clock::time_point now) {
        c.start = rate > 0 ? c.due : now;
        c.due += std::chrono::duration_cast<Clock::duration>(interval);
        c.out = request();
        c.waiting = true;
        send_some(c);
    };

    // Paced sends wake on a timer with nanosecond resolution (epoll_wait's own timeout counts whole
    // milliseconds: requests would leave up to 1 ms late, and that lateness count as latency).
    const int timer = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK);
    if (timer < 0) fail("timerfd_create");
    constexpr std::uint32_t timer_tag = 0xffffffffu;
    {
        epoll_event event{};
        event.events = EPOLLIN;
        event.data.u32 = timer_tag;
        if (epoll_ctl(epoll, EPOLL_CTL_ADD, timer, &event) != 0) fail("epoll_ctl");
    }
    std::vector<epoll_event> events(static_cast<std::size_t>(count) + 1);
    char buffer[16384];
    for (;;) {
        Clock::time_point now = Clock::now();
        // Send what is due; find the next due time to wake for.
        bool busy = false;
        Clock::time_point wake = until;
        for (int i = 0; i < count; ++i) {
            Connection& c = connections[static_cast<std::size_t>(i)];
            if (c.waiting) {
                busy = true;
                continue;
            }
            if (now >= until) continue;
            if (c.fd < 0) c.fd = open_connection(address, epoll, i);  // the server closed the last one
            if (rate <= 0 || c.due <= now) {
                start_request(c, now);
                busy = true;
            } else {
                wake = std::min(wake, c.due);
            }
        }
        if (!busy && now >= until) break;
        if (rate > 0) {
            // The next send that is due; once the run is over, none (a zero time disarms the timer: one
            // left in the past would fire again and again while the last answers come in).
            itimerspec spec{};
            if (now < until) {
                // steady_clock is CLOCK_MONOTONIC on Linux: its time_since_epoch is the timer's clock.
                const auto at = std::chrono::duration_cast<std::chrono::nanoseconds>(wake.time_since_epoch()).count();
                spec.it_value.tv_sec = static_cast<time_t>(at / 1000000000);
                spec.it_value.tv_nsec = static_cast<long>(at % 1000000000);
            }
            if (timerfd_settime(timer, TFD_TIMER_ABSTIME, &spec, nullptr) != 0) fail("timerfd_settime");
        }
        int ready = epoll_wait(epoll, events.data(), count + 1, -1);
        if (ready < 0 && errno == EINTR) continue;
        if (ready < 0) fail("epoll_wait");
        for (int e = 0; e < ready; ++e) {
            if (events[static_cast<std::size_t>(e)].data.u32 == timer_tag) {
                std::uint64_t expirations = 0;
                if (read(timer, &expirations, sizeof expirations) < 0 && errno != EAGAIN) fail("read timer");
                continue;
            }
            Connection& c = connections[events[static_cast<std::size_t>(e)].data.u32];
            ssize_t n = recv(c.fd, buffer, sizeof buffer, 0);
            if (n < 0 && (errno == EAGAIN || errno == EINTR)) continue;
            if (n <= 0) {
                std::fprintf(stderr, "ticket_load: the server closed a connection before answering\n");
                return 1;
            }
            c.in.append(buffer, static_cast<std::size_t>(n));
            bool close_after = false;
            int status = take_answer(c.in, close_after);
            if (status == 0) continue;
            const Clock::time_point done = Clock::now();
            c.waiting = false;
            if (status == 201) latencies.push_back(ms_between(c.start, done));
            else ++failures;
            if (close_after) {
                epoll_ctl(epoll, EPOLL_CTL_DEL, c.fd, nullptr);
                close(c.fd);
                c.fd = -1;
                c.in.clear();
            }
        }
    }
    const double elapsed = std::chrono::duration<double>(Clock::now() - started).count();
    std::sort(latencies.begin(), latencies.end());
    auto pct = [&](double p) {
        if (latencies.empty()) return 0.0;
        return latencies[std::min(latencies.size() - 1, static_cast<std::size_t>(p * static_cast<double>(latencies.size())))];
    };
    std::printf("{\"created\":%zu,\"failures\":%ld,\"per_second\":%.1f,\"p50\":%.3f,\"p99\":%.3f}\n", latencies.size(),
                failures, static_cast<double>(latencies.size()) / elapsed, pct(0.5), pct(0.99));
    for (Connection& c : connections)
        if (c.fd >= 0) close(c.fd);
    close(timer);
    close(epoll);
    return 0;
}
