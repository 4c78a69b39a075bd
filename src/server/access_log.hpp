#pragma once
// The access log: a line per request ("POST /api/accounts/x/tickets 201") on a stream, written in
// blocks instead of a write per request. A write per line cost every request a system call under the
// stream's lock and woke whoever reads the log (a terminal, journald, a test's pipe) at every request:
// under many connections, a real share of the throughput. Lines wait
// at most `interval` (or until 64 KiB are pending), and all are written when the log is destroyed.
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

namespace server {

class AccessLog {
public:
    explicit AccessLog(std::FILE* out, std::chrono::milliseconds interval = std::chrono::milliseconds(200));
    ~AccessLog();
    AccessLog(const AccessLog&) = delete;
    AccessLog& operator=(const AccessLog&) = delete;

    // Adds one line (without its newline); control characters and backslashes in it are escaped (\xHH).
    void line(std::string_view text);
    // Writes what is pending now.
    void flush();

private:
    void flusher_loop();

    std::FILE* out;
    std::chrono::milliseconds interval;
    std::mutex output;  // held while writing, so that blocks leave in the order they were taken
    std::mutex pending_mutex;
    std::condition_variable wake;
    std::string pending;
    bool stopping = false;
    std::thread flusher;
};

}  // namespace server
