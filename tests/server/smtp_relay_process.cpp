#include "smtp_relay_process.hpp"

#include <doctest/doctest.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "child_process.hpp"
#include "test_server.hpp"

extern char** environ;

namespace {

// Debian's interpreter, where python3-aiosmtpd is installed: PATH may lead to another Python.
constexpr const char* python = "/usr/bin/python3";

std::string read_text(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

// Runs a command to its end with its output in `log`; its exit status, -1 when it could not start.
int run(std::vector<std::string> args, const std::filesystem::path& log) {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_t pid = 0;
    const int spawned = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0) return -1;
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

SmtpRelayProcess::SmtpRelayProcess(const std::string& relay_mode, const std::string& relay_user,
                                   const std::string& relay_password, int refuse_first)
    : mode(relay_mode), user(relay_user), password(relay_password) {
    dir = make_temp_dir("smtp-relay");
    // P-256 rather than RSA: made in milliseconds. The names are the ones the client dials.
    const int made = run({"openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                          "-nodes", "-days", "1", "-subj", "/CN=localhost", "-addext",
                          "subjectAltName=IP:127.0.0.1,DNS:localhost", "-keyout", (dir / "key.pem").string(), "-out",
                          certificate().string()},
                         dir / "openssl.log");
    REQUIRE_MESSAGE(made == 0, "openssl could not make a certificate: " << read_text(dir / "openssl.log"));
    start(refuse_first);
}

void SmtpRelayProcess::start(int refuse_first) {
    std::vector<std::string> args = {python, PORTAL_SOURCE_DIR "/tests/server/smtp_relay.py", "--dir", dir.string(),
                                     "--mode", mode, "--cert", certificate().string(), "--key",
                                     (dir / "key.pem").string(), "--port", std::to_string(port),
                                     "--refuse-first", std::to_string(refuse_first)};
    if (!user.empty()) args.insert(args.end(), {"--user", user, "--password", password});
    const ChildProcess relay = spawn_child(std::move(args), dir / "relay.log");
    pid = relay.pid;
    REQUIRE_MESSAGE(pid > 0, "could not start " << python);

    // The first line is "port N", written once the relay listens; 10 s covers a cold Python start.
    std::string line;
    pollfd ready{relay.out, POLLIN, 0};
    while (line.find('\n') == std::string::npos && poll(&ready, 1, 10000) > 0) {
        char buffer[64];
        const ssize_t n = read(relay.out, buffer, sizeof buffer);
        if (n <= 0) break;
        line.append(buffer, static_cast<size_t>(n));
    }
    close(relay.out);
    if (line.rfind("port ", 0) == 0) port = std::atoi(line.c_str() + 5);
    REQUIRE_MESSAGE(port > 0, "the SMTP relay did not start (is python3-aiosmtpd installed?): "
                                  << read_text(dir / "relay.log"));
}

void SmtpRelayProcess::stop() {
    if (pid > 0) {
        kill(pid, SIGTERM);
        waitpid(pid, nullptr, 0);
    }
    pid = -1;
}

void SmtpRelayProcess::start_again() {
    stop();
    start(0);
}

int SmtpRelayProcess::refusals() const {
    const std::string log = read_text(dir / "refused.log");
    return static_cast<int>(std::count(log.begin(), log.end(), '\n'));
}

SmtpRelayProcess::~SmtpRelayProcess() {
    stop();
    std::error_code ignored;
    std::filesystem::remove_all(dir, ignored);
}

std::vector<nlohmann::json> SmtpRelayProcess::messages() const {
    std::vector<nlohmann::json> all;
    std::ifstream in(dir / "messages.jsonl");
    for (std::string line; std::getline(in, line);) all.push_back(nlohmann::json::parse(line));
    return all;
}

std::string SmtpRelayProcess::auth_log() const { return read_text(dir / "auth.log"); }
