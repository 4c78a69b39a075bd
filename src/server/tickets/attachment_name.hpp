#pragma once
// An attached file's name on its way in (a multipart file name: raw bytes from the client) and out
// (the Content-Disposition of its download). Pure, so the fuzz targets check exactly what the server runs.
#include <string>
#include <string_view>

namespace server {

// The name a file is kept and shown under: its last path part, as UTF-8, without control characters,
// at most 200 bytes; "file" when nothing is left.
std::string attachment_name(std::string_view raw);
// The MIME type a download is sent with, by the name's extension.
std::string attachment_mime(std::string_view name);
// The Content-Disposition header of a download: saved under its own name (RFC 6266).
std::string content_disposition(std::string_view name);

}  // namespace server
