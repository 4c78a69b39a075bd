#include "server/static_files.hpp"

#include <cstdint>
#include <cstdio>
#include <fstream>
#include <sstream>

namespace server {

namespace {

bool read_file(const std::filesystem::path& path, std::string& out) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    std::ostringstream buffer;
    buffer << in.rdbuf();
    out = std::move(buffer).str();
    return true;
}

std::string fnv1a_hex(std::string_view bytes) {
    std::uint64_t hash = 1469598103934665603ull;
    for (unsigned char c : bytes) {
        hash ^= c;
        hash *= 1099511628211ull;
    }
    char text[17];
    std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(hash));
    return text;
}

bool ends_with(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Whether `accept` lists `coding` with a non-zero quality.
bool accepts(std::string_view accept, std::string_view coding) {
    size_t start = 0;
    while (start <= accept.size()) {
        size_t end = accept.find(',', start);
        std::string_view part = accept.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
        size_t semi = part.find(';');
        std::string_view name = part.substr(0, semi);
        while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
        while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
        if (name == coding) {
            if (semi == std::string_view::npos) return true;
            std::string_view params = part.substr(semi + 1);
            size_t q = params.find("q=");
            if (q == std::string_view::npos) return true;
            return std::strtod(std::string(params.substr(q + 2)).c_str(), nullptr) > 0;
        }
        if (end == std::string_view::npos) break;
        start = end + 1;
    }
    return false;
}

}  // namespace

bool content_named(std::string_view name) {
    // NAME.<10 hex digits>.EXT, the extension made of letters.
    const size_t ext = name.rfind('.');
    if (ext == std::string_view::npos || ext < 11 || ext + 1 == name.size()) return false;
    for (char c : name.substr(ext + 1))
        if (c < 'a' || c > 'z') return false;
    if (name[ext - 11] != '.') return false;
    for (char c : name.substr(ext - 10, 10))
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    return true;
}

std::string_view cache_control(std::string_view name) {
    return content_named(name) ? "public, max-age=31536000, immutable" : "no-cache";
}

std::string_view mime_type(std::string_view name) {
    if (ends_with(name, ".html")) return "text/html; charset=utf-8";
    if (ends_with(name, ".js") || ends_with(name, ".mjs")) return "text/javascript; charset=utf-8";
    if (ends_with(name, ".wasm")) return "application/wasm";
    if (ends_with(name, ".css")) return "text/css; charset=utf-8";
    if (ends_with(name, ".json")) return "application/json";
    if (ends_with(name, ".svg")) return "image/svg+xml";
    if (ends_with(name, ".png")) return "image/png";
    if (ends_with(name, ".ico")) return "image/x-icon";
    if (ends_with(name, ".txt")) return "text/plain; charset=utf-8";
    return "application/octet-stream";
}

core::Result<StaticFiles> StaticFiles::load(const std::filesystem::path& dir) {
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec))
        return core::Error{"web_files", "the web folder " + dir.string() + " does not exist: build the web app first (./dev run builds it)"};
    StaticFiles result;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(dir, ec)) {
        if (!entry.is_regular_file()) continue;
        std::string name = entry.path().filename().string();
        if (ends_with(name, ".br") || ends_with(name, ".gz")) continue;
        StaticFile file;
        if (!read_file(entry.path(), file.identity))
            return core::Error{"web_files", "cannot read " + entry.path().string()};
        file.mime = std::string(mime_type(name));
        file.etag = fnv1a_hex(file.identity);
        std::string compressed;
        auto sibling = [&](const char* suffix, std::string& out) {
            std::filesystem::path path = entry.path();
            path += suffix;
            if (read_file(path, compressed)) out = std::move(compressed);
        };
        sibling(".br", file.brotli);
        sibling(".gz", file.gzip);
        std::string url = "/" + std::filesystem::relative(entry.path(), dir).generic_string();
        result.files.emplace(std::move(url), std::move(file));
    }
    if (ec) return core::Error{"web_files", "cannot list " + dir.string() + ": " + ec.message()};
    return result;
}

const StaticFile* StaticFiles::find(std::string_view path) const {
    if (path == "/" || path.empty()) path = "/index.html";
    auto it = files.find(path);
    return it == files.end() ? nullptr : &it->second;
}

Encoding choose_encoding(std::string_view accept_encoding, const StaticFile& file) {
    if (!file.brotli.empty() && accepts(accept_encoding, "br")) return Encoding::brotli;
    if (!file.gzip.empty() && accepts(accept_encoding, "gzip")) return Encoding::gzip;
    return Encoding::identity;
}

}  // namespace server
