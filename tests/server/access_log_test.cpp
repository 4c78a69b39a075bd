#include <doctest/doctest.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "server/access_log.hpp"
#include "test_server.hpp"

namespace {

std::string read_all(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace

TEST_CASE("the access log writes lines in blocks, flushed on demand, by its timer and when destroyed") {
    auto dir = make_temp_dir("access-log");
    const auto file = dir / "access.log";
    std::FILE* out = std::fopen(file.c_str(), "wb");
    REQUIRE(out != nullptr);
    {
        server::AccessLog log(out, std::chrono::minutes(10));  // its timer stays out of this part
        log.line("GET /healthz 200");
        log.line("POST /api/accounts/lojadaana/tickets 201");
        CHECK(read_all(file).empty());  // not a write per line
        log.flush();
        CHECK(read_all(file) == "GET /healthz 200\nPOST /api/accounts/lojadaana/tickets 201\n");
        log.line("GET /api/me 401");
    }
    // Destroying the log writes what was still waiting (without waiting for its timer).
    CHECK(read_all(file) == "GET /healthz 200\nPOST /api/accounts/lojadaana/tickets 201\nGET /api/me 401\n");
    std::fclose(out);

    out = std::fopen(file.c_str(), "wb");
    REQUIRE(out != nullptr);
    {
        server::AccessLog log(out, std::chrono::milliseconds(50));
        log.line("GET /api/limits 200");
        std::string written;
        for (int i = 0; i < 250 && written.empty(); ++i) {  // the timer writes a line nobody flushed
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
            written = read_all(file);
        }
        CHECK(written == "GET /api/limits 200\n");
    }
    std::fclose(out);
}

TEST_CASE("the access log keeps every line whole and in each writer's order under many writers") {
    auto dir = make_temp_dir("access-log");
    const auto file = dir / "access.log";
    std::FILE* out = std::fopen(file.c_str(), "wb");
    REQUIRE(out != nullptr);
    constexpr int writers = 8, lines = 20000;  // 8 x 20,000 lines of ~20 bytes: several 64 KiB blocks
    {
        server::AccessLog log(out, std::chrono::milliseconds(5));
        std::vector<std::thread> threads;
        for (int w = 0; w < writers; ++w)
            threads.emplace_back([&log, w] {
                for (int i = 0; i < lines; ++i) log.line("GET /w" + std::to_string(w) + "/" + std::to_string(i) + " 200");
            });
        for (auto& t : threads) t.join();
    }
    std::fclose(out);
    std::istringstream text(read_all(file));
    std::vector<int> next(writers, 0);
    std::string line;
    int count = 0;
    bool ordered = true;
    while (std::getline(text, line)) {
        int w = -1, i = -1;
        if (std::sscanf(line.c_str(), "GET /w%d/%d 200", &w, &i) != 2 || w < 0 || w >= writers) {
            FAIL("a broken line: " << line);
        }
        ordered = ordered && i == next[static_cast<size_t>(w)];
        next[static_cast<size_t>(w)] = i + 1;
        ++count;
    }
    CHECK(ordered);
    CHECK(count == writers * lines);
}

TEST_CASE("the access log writes each line as one line: control characters and backslashes are escaped") {
    auto dir = make_temp_dir("access-log");
    const auto file = dir / "access.log";
    std::FILE* out = std::fopen(file.c_str(), "wb");
    REQUIRE(out != nullptr);
    {
        server::AccessLog log(out, std::chrono::minutes(10));
        // What a path of /x%0a198.51.100.1%20GET%20/admin%20200 decodes to: it wrote a second, forged line.
        log.line("127.0.0.1 GET /x\n198.51.100.1 GET /admin 200 404");
        log.line("GET /a\r\tb\x7f\\x0a\x01 400");
    }
    std::fclose(out);
    CHECK(read_all(file) == "127.0.0.1 GET /x\\x0a198.51.100.1 GET /admin 200 404\n"
                            "GET /a\\x0d\\x09b\\x7f\\x5cx0a\\x01 400\n");
    std::filesystem::remove_all(dir);
}
