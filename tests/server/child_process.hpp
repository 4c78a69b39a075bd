#pragma once
// Programs the server tests run in a process of their own (the server binary, the SMTP relay): started
// with their standard output on a pipe the test reads.
#include <sys/types.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "test_database.hpp"

struct ChildProcess {
    pid_t pid = -1;  // -1 when it could not start
    int out = -1;    // the reading end of its standard output
};
// Starts `args` (the first is the program's path); its standard error is appended to `error_log` when one
// is named, else shared with the tests'.
ChildProcess spawn_child(std::vector<std::string> args, const std::filesystem::path& error_log = {});

// The server binary on a free loopback port over a fresh folder, with `extra` arguments; its standard
// output (the access log among it) is collected until it stops. Stopped, if it still runs, and its folder
// removed when it goes out of scope.
class SpawnedServer {
public:
    explicit SpawnedServer(std::vector<std::string> extra = {});
    ~SpawnedServer();
    SpawnedServer(const SpawnedServer&) = delete;
    SpawnedServer& operator=(const SpawnedServer&) = delete;

    // Stops it with SIGTERM (its log is written out as it stops); everything it printed.
    std::string stop();

    int port = 0;
    int exit_status = -1;  // as waitpid gives it, once stopped
    std::filesystem::path dir;
    std::unique_ptr<TestDatabase> store;

private:
    ChildProcess child;
    std::string output;
};
