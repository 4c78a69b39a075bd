#pragma once
// How portal-server's commands (serving, admin) give up on a step that failed: they say why on stderr,
// after the command's name, and exit with 1.
#include <cstdio>

#include "core/result.hpp"

namespace server {

// Whether `step` failed; if it did, "COMMAND: its message" is on stderr.
template <class T>
bool failed(const core::Result<T>& step, const char* command) {
    if (step) return false;
    std::fprintf(stderr, "%s: %s\n", command, step.error().message.c_str());
    return true;
}

}  // namespace server
