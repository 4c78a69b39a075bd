#include "server/tickets/attachment_name.hpp"

#include "core/ticket.hpp"
#include "core/url.hpp"
#include "core/utf8.hpp"

namespace server {

// A multipart file name is raw bytes: made UTF-8 first, then cut to its end (where the extension is),
// between characters.
std::string attachment_name(std::string_view raw) {
    const size_t slash = raw.find_last_of("/\\");
    std::string out;
    for (unsigned char c : core::valid_utf8(slash == std::string_view::npos ? raw : raw.substr(slash + 1)))
        if (c >= 0x20 && c != 0x7f) out += static_cast<char>(c);
    if (out.size() > 200) {
        size_t start = out.size() - 200;
        while (start < out.size() && (static_cast<unsigned char>(out[start]) & 0xC0) == 0x80) ++start;
        out.erase(0, start);
    }
    return out.empty() ? "file" : out;
}

std::string attachment_mime(std::string_view name) {
    const std::string ext = core::file_extension(name);
    static const std::pair<const char*, const char*> types[] = {
        {"png", "image/png"}, {"jpg", "image/jpeg"}, {"jpeg", "image/jpeg"}, {"gif", "image/gif"},
        {"webp", "image/webp"}, {"pdf", "application/pdf"}, {"txt", "text/plain"}, {"log", "text/plain"},
        {"csv", "text/csv"}, {"json", "application/json"}, {"har", "application/json"}, {"xml", "application/xml"},
        {"zip", "application/zip"}};
    for (auto& [e, m] : types)
        if (ext == e) return m;
    return "application/octet-stream";
}

// An ASCII stand-in for old clients, the exact UTF-8 name for the rest.
std::string content_disposition(std::string_view name) {
    std::string plain;  // one _ for each character it cannot hold
    for (unsigned char c : name)
        if ((c & 0xC0) != 0x80) plain += c < 0x20 || c >= 0x7f || c == '"' || c == '\\' ? '_' : static_cast<char>(c);
    return "attachment; filename=\"" + plain + "\"; filename*=UTF-8''" + core::percent_encode(name);
}

}  // namespace server
