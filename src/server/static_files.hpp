#pragma once
// The built web files, read once at start: each with its MIME type, ETag, and the brotli and gzip
// siblings the build wrote, so a response is a lookup, never a disk read or a compression.
#include <filesystem>
#include <map>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace server {

enum class Encoding { identity, gzip, brotli };

struct StaticFile {
    std::string mime;
    std::string identity, gzip, brotli;  // gzip/brotli empty where the build wrote none
    std::string etag;                    // of the identity bytes; the encoding is appended
};

class StaticFiles {
public:
    static core::Result<StaticFiles> load(const std::filesystem::path& dir);
    // `path` is the URL path ("/", "/portal.wasm"); nullptr when there is no such file.
    const StaticFile* find(std::string_view path) const;
    size_t size() const { return files.size(); }

private:
    std::map<std::string, StaticFile, std::less<>> files;  // "/index.html" -> file
};

std::string_view mime_type(std::string_view file_name);
// Whether a file's name carries its content's hash (portal.3f9c0a1b2d.wasm, tools/hash-names.mjs): such a
// name never names other bytes, so browsers may keep the file a year without asking again.
bool content_named(std::string_view file_name);
// The Cache-Control of a static file: immutable for content-named files, else revalidated at each use.
std::string_view cache_control(std::string_view file_name);
// The best encoding the client accepts that the file has (brotli, then gzip).
Encoding choose_encoding(std::string_view accept_encoding, const StaticFile& file);

}  // namespace server
