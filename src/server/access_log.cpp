#include "server/access_log.hpp"

namespace server {

namespace {
constexpr std::size_t block_bytes = 64 * 1024;
}

AccessLog::AccessLog(std::FILE* stream, std::chrono::milliseconds every)
    : out(stream), interval(every), flusher([this] { flusher_loop(); }) {}

AccessLog::~AccessLog() {
    {
        std::lock_guard<std::mutex> guard(pending_mutex);
        stopping = true;
    }
    wake.notify_one();
    flusher.join();
    flush();
}

void AccessLog::line(std::string_view text) {
    bool full = false;
    {
        std::lock_guard<std::mutex> guard(pending_mutex);
        // A line is one line: a control character from a client (a %0a in a path) is written as \xHH, and
        // so is a backslash, so that what is read back is unambiguous.
        for (const char c : text) {
            const auto byte = static_cast<unsigned char>(c);
            if (byte >= 0x20 && byte != 0x7f && byte != '\\') {
                pending += c;
                continue;
            }
            constexpr char hex[] = "0123456789abcdef";
            pending += "\\x";
            pending += hex[byte >> 4];
            pending += hex[byte & 15];
        }
        pending += '\n';
        full = pending.size() >= block_bytes;
    }
    if (full) flush();
}

void AccessLog::flush() {
    std::lock_guard<std::mutex> writing(output);
    std::string block;
    {
        std::lock_guard<std::mutex> guard(pending_mutex);
        block.swap(pending);
    }
    if (block.empty()) return;
    // A log that cannot be written (a closed pipe, a full disk) never stops a request.
    std::fwrite(block.data(), 1, block.size(), out);
    std::fflush(out);
}

void AccessLog::flusher_loop() {
    std::unique_lock<std::mutex> guard(pending_mutex);
    while (!stopping) {
        wake.wait_for(guard, interval, [this] { return stopping; });
        if (pending.empty()) continue;
        guard.unlock();
        flush();
        guard.lock();
    }
}

}  // namespace server
