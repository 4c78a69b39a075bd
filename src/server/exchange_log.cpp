#include "server/exchange_log.hpp"

#include <httplib.h>

#include <fcntl.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "server/identity/crypto.hpp"

namespace server {

using json = nlohmann::json;

core::Result<std::unique_ptr<ExchangeLog>> ExchangeLog::open(const std::filesystem::path& file) {
    // The owner's alone, and never through a link someone else left there.
    const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_NOFOLLOW | O_CLOEXEC, 0600);
    std::FILE* out = fd < 0 ? nullptr : ::fdopen(fd, "a");
    if (!out) {
        if (fd >= 0) ::close(fd);
        return core::Error{"exchange_log", "Cannot write the exchange log " + file.string() + "."};
    }
    return std::unique_ptr<ExchangeLog>(new ExchangeLog(out));
}

ExchangeLog::~ExchangeLog() { std::fclose(out); }

namespace {

bool textual(const std::string& type) {
    return type.rfind("application/json", 0) == 0 || type.rfind("text/", 0) == 0 ||
           type.rfind("application/yaml", 0) == 0 || type.rfind("application/problem+json", 0) == 0;
}

}  // namespace

void ExchangeLog::record(const httplib::Request& request, const httplib::Response& response, bool transport) {
    json headers = json::object();
    for (const auto& [name, value] : response.headers) {
        std::string lower = name;
        for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (headers.contains(lower)) headers[lower] = headers[lower].get<std::string>() + ", " + value;
        else headers[lower] = value;
    }
    const std::string type = response.get_header_value("Content-Type");
    json line = {{"method", request.method},
                 {"path", request.path},
                 {"request_type", request.get_header_value("Content-Type")},
                 {"status", response.status},
                 {"transport", transport},
                 {"headers", std::move(headers)}};
    // A body sent by a content provider (a download) is not in `body`; its length is in the headers.
    // A compressed one is as it was sent (base64url; the checker inflates it).
    // A stream (chunked, of no length known beforehand: the event stream) is marked as one.
    if (response.content_provider_ && response.content_length_ == 0 && response.body.empty()) line["body_streamed"] = true;
    else if (response.has_header("Content-Encoding")) line["body_base64url"] = crypto::base64url_encode(response.body);
    else if (textual(type) && !(response.body.empty() && response.content_length_ > 0)) line["body"] = response.body;
    else line["body_bytes"] = response.body.empty() ? response.content_length_ : response.body.size();
    const std::string text = line.dump(-1, ' ', false, json::error_handler_t::replace) + "\n";
    std::lock_guard lock(mutex);
    std::fwrite(text.data(), 1, text.size(), out);
    std::fflush(out);
}

}  // namespace server
