#pragma once
// Raw sockets for the tests that play what no HTTP client would send: a connection from a chosen
// loopback address, whole writes, and reading until the server closes or stays quiet.
#include <doctest/doctest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <string>

namespace raw {

// A connection to the server on loopback from `source` (any 127.x.y.z is this machine: distinct client
// addresses without a network).
inline int connect_from(int port, const char* source = "127.0.0.1") {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(fd >= 0);
    sockaddr_in from{};
    from.sin_family = AF_INET;
    inet_pton(AF_INET, source, &from.sin_addr);
    REQUIRE(bind(fd, reinterpret_cast<sockaddr*>(&from), sizeof from) == 0);
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_port = htons(static_cast<uint16_t>(port));
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(connect(fd, reinterpret_cast<sockaddr*>(&to), sizeof to) == 0);
    return fd;
}

inline bool send_all(int fd, const std::string& bytes) {
    size_t sent = 0;
    while (sent < bytes.size()) {
        ssize_t n = send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
        if (n <= 0) return false;
        sent += static_cast<size_t>(n);
    }
    return true;
}

// Everything the server sends until it closes the connection, or until it stays quiet for `quiet`.
// `closed` tells which of the two ended it.
inline std::string receive(int fd, std::chrono::milliseconds quiet, bool* closed = nullptr) {
    std::string out;
    char buffer[16384];
    for (;;) {
        pollfd watched{fd, POLLIN, 0};
        if (poll(&watched, 1, static_cast<int>(quiet.count())) <= 0) {
            if (closed) *closed = false;
            return out;
        }
        ssize_t n = recv(fd, buffer, sizeof buffer, 0);
        if (n <= 0) {  // the end of the stream, or a reset: closed either way
            if (closed) *closed = true;
            return out;
        }
        out.append(buffer, static_cast<size_t>(n));
    }
}

inline size_t count(const std::string& text, const std::string& what) {
    size_t n = 0;
    for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
}

}  // namespace raw
