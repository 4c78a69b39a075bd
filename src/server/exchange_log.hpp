#pragma once
// The exchange log (--exchange-log FILE, for the contract tests): one JSON line per response, with the
// request's method and path and the response's status, headers and body, which tests/contract checks
// against docs/openapi.yaml. It holds tokens and codes as they were sent: for tests only (a server on
// loopback, and the server says so when it starts with one); the file is the owner's alone (0600).
#include <cstdio>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>

#include "core/result.hpp"
#include "server/httplib_fwd.hpp"

namespace server {

class ExchangeLog {
public:
    static core::Result<std::unique_ptr<ExchangeLog>> open(const std::filesystem::path& file);
    ~ExchangeLog();
    ExchangeLog(const ExchangeLog&) = delete;
    ExchangeLog& operator=(const ExchangeLog&) = delete;

    // `transport`: a refusal of the request itself rather than a route's answer.
    void record(const httplib::Request& request, const httplib::Response& response, bool transport);

private:
    explicit ExchangeLog(std::FILE* file) : out(file) {}
    std::mutex mutex;
    std::FILE* out;
};

}  // namespace server
