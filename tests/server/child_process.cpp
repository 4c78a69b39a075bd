#include "child_process.hpp"

#include <doctest/doctest.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>

#include "test_server.hpp"

extern char** environ;

ChildProcess spawn_child(std::vector<std::string> args, const std::filesystem::path& error_log) {
    int pipe_ends[2];
    if (pipe(pipe_ends) != 0) return {};
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, pipe_ends[1], 1);
    posix_spawn_file_actions_addclose(&actions, pipe_ends[0]);
    if (!error_log.empty())
        posix_spawn_file_actions_addopen(&actions, 2, error_log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    std::vector<char*> argv;
    for (auto& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    ChildProcess child;
    const int spawned = posix_spawn(&child.pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    close(pipe_ends[1]);
    if (spawned != 0) {
        close(pipe_ends[0]);
        return {};
    }
    child.out = pipe_ends[0];
    return child;
}

SpawnedServer::SpawnedServer(std::vector<std::string> extra) {
    dir = make_temp_dir("spawned");
    write_file(dir / "web/index.html", "<!doctype html>");
    store = std::make_unique<TestDatabase>(dir / "data");
    std::vector<std::string> args = {PORTAL_SERVER_BINARY, "--port", "0", "--data", (dir / "data").string(),
                                     "--web", (dir / "web").string(), "--database", store->url};
    args.insert(args.end(), extra.begin(), extra.end());
    // Its exchanges are checked against the contract too (tests/contract), as the in-process servers'.
    if (const char* contract = std::getenv("PORTAL_CONTRACT_LOG"); contract && *contract)
        args.insert(args.end(), {"--exchange-log", (std::filesystem::path(contract) /
                                                    ("server-tests-spawned-" + dir.filename().string() + ".jsonl")).string()});
    child = spawn_child(std::move(args));
    REQUIRE(child.pid > 0);
    char buffer[512];
    while (output.find('\n') == std::string::npos) {
        ssize_t n = read(child.out, buffer, sizeof buffer);
        REQUIRE(n > 0);
        output.append(buffer, static_cast<size_t>(n));
    }
    auto at = output.find("http://127.0.0.1:");
    REQUIRE(at != std::string::npos);
    port = std::atoi(output.c_str() + at + 17);
}

std::string SpawnedServer::stop() {
    if (child.pid <= 0) return output;
    kill(child.pid, SIGTERM);
    if (waitpid(child.pid, &exit_status, 0) != child.pid) exit_status = -1;
    child.pid = -1;
    char buffer[4096];
    ssize_t n;
    while ((n = read(child.out, buffer, sizeof buffer)) > 0) output.append(buffer, static_cast<size_t>(n));
    close(child.out);
    child.out = -1;
    return output;
}

SpawnedServer::~SpawnedServer() {
    stop();
    store.reset();
    std::error_code ignored;
    std::filesystem::remove_all(dir, ignored);
}
