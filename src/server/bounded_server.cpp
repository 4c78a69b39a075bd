#include "server/bounded_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <system_error>
#include <thread>
#include <vector>

namespace server {

using Clock = std::chrono::steady_clock;

namespace {

thread_local Exchange* current = nullptr;

// Waits for `events` on `sock` at most `timeout` (never negative); true when they came.
bool wait_for(int sock, short events, std::chrono::milliseconds timeout) {
    pollfd watched{sock, events, 0};
    for (;;) {
        const int ready = ::poll(&watched, 1, static_cast<int>(std::max<std::int64_t>(0, timeout.count())));
        if (ready >= 0) return ready > 0;
        if (errno != EINTR) return false;
    }
}

std::chrono::milliseconds until(Clock::time_point when) {
    return std::chrono::ceil<std::chrono::milliseconds>(when - Clock::now());
}

std::pair<std::string, int> address_of(int sock, bool peer) {
    sockaddr_storage address{};
    socklen_t length = sizeof address;
    if ((peer ? getpeername(sock, reinterpret_cast<sockaddr*>(&address), &length)
              : getsockname(sock, reinterpret_cast<sockaddr*>(&address), &length)) != 0)
        return {"", 0};
    char text[INET6_ADDRSTRLEN] = "";
    if (address.ss_family == AF_INET) {
        const auto& v4 = reinterpret_cast<const sockaddr_in&>(address);
        inet_ntop(AF_INET, &v4.sin_addr, text, sizeof text);
        return {text, ntohs(v4.sin_port)};
    }
    if (address.ss_family == AF_INET6) {
        const auto& v6 = reinterpret_cast<const sockaddr_in6&>(address);
        if (IN6_IS_ADDR_V4MAPPED(&v6.sin6_addr)) inet_ntop(AF_INET, v6.sin6_addr.s6_addr + 12, text, sizeof text);
        else inet_ntop(AF_INET6, &v6.sin6_addr, text, sizeof text);
        return {text, ntohs(v6.sin6_port)};
    }
    return {"", 0};
}

// A worker for each connection, up to `max_threads`, started when none is free; a queue of at most
// `max_queued` connections waiting (the library closes the ones refused). Workers stay until shutdown.
class WorkerPool final : public httplib::TaskQueue {
public:
    WorkerPool(std::size_t threads, std::size_t queued) : max_threads(threads), max_queued(queued) {}

    bool enqueue(std::function<void()> job) override {
        {
            std::lock_guard<std::mutex> guard(mutex);
            if (stopping || jobs.size() >= max_queued) return false;
            jobs.push_back(std::move(job));
            if (idle < jobs.size() && workers.size() < max_threads) {
                try {
                    workers.emplace_back([this] { work(); });
                } catch (const std::system_error&) {
                    // No thread to be had (a system limit): the connection waits for a running worker.
                }
            }
        }
        wake.notify_one();
        return true;
    }

    void shutdown() override {
        {
            std::lock_guard<std::mutex> guard(mutex);
            stopping = true;
        }
        wake.notify_all();
        for (std::thread& worker : workers) worker.join();
    }

private:
    void work() {
        std::unique_lock<std::mutex> guard(mutex);
        for (;;) {
            ++idle;
            wake.wait(guard, [this] { return stopping || !jobs.empty(); });
            --idle;
            if (jobs.empty()) return;  // stopping, and every queued connection was seen to
            std::function<void()> job = std::move(jobs.front());
            jobs.pop_front();
            guard.unlock();
            job();
            guard.lock();
        }
    }

    const std::size_t max_threads, max_queued;
    std::mutex mutex;
    std::condition_variable wake;
    std::deque<std::function<void()>> jobs;
    std::vector<std::thread> workers;
    std::size_t idle = 0;
    bool stopping = false;
};

}  // namespace

// The connection as the library reads it: buffered (its request-line reader asks for one byte at a
// time), and bounded by the current phase: the head by its deadline and size, the body by its budget.
class GuardedStream final : public httplib::Stream {
public:
    GuardedStream(int socket, std::chrono::milliseconds reads, std::chrono::milliseconds writes)
        : sock(socket), read_timeout(reads), write_timeout(writes) {}

    void begin_head(Exchange& next, Clock::time_point deadline, std::size_t max_bytes) {
        exchange = &next;
        head_deadline = deadline;
        in_head = true;
        allowance = max_bytes;
    }
    void begin_body(std::size_t budget) {
        in_head = false;
        allowance = budget;
    }
    bool buffered() const { return offset < filled; }

    bool is_readable() const override { return buffered() || wait_for(sock, POLLIN, read_wait()); }
    bool is_writable() const override { return wait_for(sock, POLLOUT, write_timeout); }

    ssize_t read(char* out, std::size_t size) override {
        if (allowance == 0) {
            (in_head ? exchange->head_too_large : exchange->body_too_large) = true;
            return -1;
        }
        size = std::min(size, allowance);
        if (!buffered()) {
            const auto wait = read_wait();
            if (!wait_for(sock, POLLIN, wait)) {
                if (in_head && wait < read_timeout) exchange->head_timed_out = true;  // the deadline, not the read, ran out
                return -1;
            }
            if (size >= buffer.size()) return take(::recv(sock, out, size, 0));
            const ssize_t got = ::recv(sock, buffer.data(), buffer.size(), 0);
            if (got <= 0) return got;
            offset = 0;
            filled = static_cast<std::size_t>(got);
        }
        const std::size_t given = std::min(size, filled - offset);
        std::memcpy(out, buffer.data() + offset, given);
        offset += given;
        return take(static_cast<ssize_t>(given));
    }

    ssize_t write(const char* data, std::size_t size) override {
        if (!is_writable()) return -1;
        return ::send(sock, data, size, MSG_NOSIGNAL);
    }
    void get_remote_ip_and_port(std::string& ip, int& port) const override { std::tie(ip, port) = address_of(sock, true); }
    void get_local_ip_and_port(std::string& ip, int& port) const override { std::tie(ip, port) = address_of(sock, false); }
    socket_t socket() const override { return sock; }

private:
    std::chrono::milliseconds read_wait() const {
        return in_head ? std::min(read_timeout, until(head_deadline)) : read_timeout;
    }
    ssize_t take(ssize_t got) {
        if (got > 0) allowance -= static_cast<std::size_t>(got);
        return got;
    }

    int sock;
    std::chrono::milliseconds read_timeout, write_timeout;
    Exchange* exchange = nullptr;
    Clock::time_point head_deadline;
    bool in_head = true;
    std::size_t allowance = 0;
    std::array<char, 4096> buffer{};
    std::size_t offset = 0, filled = 0;
};

BoundedServer::BoundedServer(ConnectionLimits connection_limits, AddressSet trusted_proxies, BodyLimit limit)
    : limits(connection_limits), trusted(std::move(trusted_proxies)), body_limit(std::move(limit)) {
    // Spare workers beyond the cap only turn away connections over it, without queueing behind the rest.
    new_task_queue = [max = limits.max_connections] { return new WorkerPool(max + 16, max); };
}

Exchange* BoundedServer::exchange() { return current; }

bool BoundedServer::client_gone() {
    if (!current || current->socket < 0) return false;
    pollfd ready{current->socket, POLLIN, 0};
    if (::poll(&ready, 1, 0) <= 0) return false;
    if (ready.revents & (POLLERR | POLLHUP | POLLNVAL)) return true;
    char byte;
    return ::recv(current->socket, &byte, 1, MSG_PEEK | MSG_DONTWAIT) == 0;  // 0: the orderly end of its side
}

bool BoundedServer::admit(const std::string& peer) {
    std::lock_guard<std::mutex> guard(counting);
    if (open >= limits.max_connections) return false;
    const bool proxy = trusted.contains(peer);  // a proxy's connections are many clients' connections
    if (!proxy && open_by_address[peer] >= limits.max_per_address) return false;
    ++open;
    if (!proxy) ++open_by_address[peer];
    return true;
}

void BoundedServer::release(const std::string& peer) {
    std::lock_guard<std::mutex> guard(counting);
    --open;
    if (auto found = open_by_address.find(peer); found != open_by_address.end() && --found->second == 0)
        open_by_address.erase(found);
}

// Runs once the head is read, before anything else: the client address, the framing, the body budget.
void BoundedServer::check_head(httplib::Request& req, Exchange& exchange, GuardedStream& stream) {
    std::vector<std::string> forwarded;
    for (std::size_t i = 0, n = req.get_header_value_count("X-Forwarded-For"); i < n; ++i)
        forwarded.push_back(req.get_header_value("X-Forwarded-For", "", i));
    if (std::string client = forwarded_client(exchange.peer, forwarded, trusted); client != req.remote_addr) {
        req.remote_addr = std::move(client);
        req.headers.erase("REMOTE_ADDR");  // the library's copy of the peer's address
        req.set_header("REMOTE_ADDR", req.remote_addr);
    }

    const bool sized = req.has_header("Content-Length");
    const bool chunked = req.has_header("Transfer-Encoding");
    std::uint64_t length = 0;
    if (sized) {
        const std::string text = req.get_header_value("Content-Length");
        const char* end = text.data() + text.size();
        // One plain decimal length: two that differ, or a sign, are how requests are smuggled.
        if (req.get_header_value_count("Content-Length") != 1 || text.empty() ||
            std::from_chars(text.data(), end, length).ptr != end) {
            exchange.refusal = 400;
        }
    }
    // Only chunked is a transfer coding the library decodes; with a length too, one of the two lies.
    if (chunked && (sized || req.get_header_value_count("Transfer-Encoding") != 1 ||
                    !httplib::detail::case_ignore::equal(req.get_header_value("Transfer-Encoding"), "chunked")))
        exchange.refusal = 400;

    // A request with neither has no body (RFC 9112, 6.3); the library read one until the end of the stream.
    if (!sized && !chunked) req.set_header("Content-Length", "0");
    exchange.body_pending = chunked || length > 0;
    // A body means nothing on these, and proxies differ on whether they pass it on: one more way to smuggle.
    if (exchange.body_pending && (req.method == "GET" || req.method == "HEAD" || req.method == "OPTIONS"))
        exchange.refusal = 400;

    const std::size_t limit = body_limit(req);
    if (sized && length > limit && exchange.refusal == 0) exchange.refusal = 413;
    // On the wire a chunked body also carries its framing: a chunk costs a few bytes over its data.
    stream.begin_body(chunked ? limit + limit / 8 + 4096 : static_cast<std::size_t>(std::min<std::uint64_t>(length, limit)));
    if (exchange.refusal) exchange.close = true;
}

bool BoundedServer::process_and_close_socket(socket_t sock) {
    const auto [peer, peer_port] = address_of(sock, true);
    if (!is_running() || !admit(peer)) {
        ::close(sock);  // over the caps: turned away before anything is read
        return false;
    }
    struct Admitted {  // its place is given back however the connection ends
        BoundedServer& server;
        const std::string& address;
        ~Admitted() { server.release(address); }
    } admitted{*this, peer};
    const auto [local, local_port] = address_of(sock, false);
    using std::chrono::duration_cast, std::chrono::milliseconds, std::chrono::seconds, std::chrono::microseconds;
    GuardedStream stream(sock, duration_cast<milliseconds>(seconds(read_timeout_sec_) + microseconds(read_timeout_usec_)),
                         duration_cast<milliseconds>(seconds(write_timeout_sec_) + microseconds(write_timeout_usec_)));
    bool ok = false, linger = false;
    for (std::size_t left = keep_alive_max_count_; left > 0; --left) {
        // Between requests: wait for the next one, checking now and then that the server still runs.
        const auto idle_until = Clock::now() + std::chrono::seconds(keep_alive_timeout_sec_);
        bool next = stream.buffered();
        while (!next && svr_sock_ != INVALID_SOCKET && Clock::now() < idle_until)
            next = wait_for(sock, POLLIN, std::min(std::chrono::milliseconds(50), until(idle_until)));
        if (!next || svr_sock_ == INVALID_SOCKET) break;

        Exchange exchange;
        exchange.peer = peer;
        exchange.socket = sock;
        current = &exchange;
        stream.begin_head(exchange, Clock::now() + limits.head_timeout, limits.max_head_bytes);
        bool closed = false;
        ok = process_request(stream, peer, peer_port, local, local_port, left == 1, closed,
                             [&](httplib::Request& req) { check_head(req, exchange, stream); });
        current = nullptr;
        linger = exchange.close && !exchange.head_timed_out;  // a slow client gets no more of our time
        if (!ok || closed || exchange.close) break;
    }
    if (linger) {
        // The client may still be sending (a refused body, the rest of a head): closing with unread bytes
        // resets the connection, and a reset can destroy the answer before the client reads it. Shut our
        // side, then drop a bounded amount of what arrives, briefly, unparsed.
        ::shutdown(sock, SHUT_WR);
        std::array<char, 16 * 1024> sink;
        std::size_t dropped = 0;
        const auto until_time = Clock::now() + std::chrono::milliseconds(500);
        while (dropped < 256 * 1024 && wait_for(sock, POLLIN, until(until_time))) {
            const ssize_t got = ::recv(sock, sink.data(), sink.size(), 0);
            if (got <= 0) break;
            dropped += static_cast<std::size_t>(got);
        }
    }
    ::shutdown(sock, SHUT_RDWR);
    ::close(sock);
    return ok;
}

}  // namespace server
