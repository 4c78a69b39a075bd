#include "core/links.hpp"

namespace core {

namespace {

bool is_ascii_alnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

bool starts_with_nocase(std::string_view text, size_t at, std::string_view prefix) {
    if (text.size() - at < prefix.size()) return false;
    for (size_t i = 0; i < prefix.size(); ++i) {
        char c = text[at + i];
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        if (c != prefix[i]) return false;
    }
    return true;
}

// Characters that may end a sentence or a quotation around an address, but rarely end one.
bool is_trailing_punctuation(char c) {
    return c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '\'' || c == '"' ||
           c == '*' || c == '_';
}

char opening_of(char c) { return c == ')' ? '(' : c == ']' ? '[' : c == '}' ? '{' : 0; }

// Where an address that starts at `begin` ends: at the first space or angle bracket, less the
// punctuation after it. A closing bracket stays when the address opened it ("wiki/Foo_(bar)").
size_t address_end(std::string_view text, size_t begin) {
    size_t end = begin;
    while (end < text.size() && !is_space(text[end]) && text[end] != '<' && text[end] != '>' && text[end] != '"')
        ++end;
    while (end > begin) {
        const char last = text[end - 1];
        if (is_trailing_punctuation(last)) {
            --end;
            continue;
        }
        if (const char open = opening_of(last)) {
            int balance = 0;
            for (size_t i = begin; i < end; ++i) balance += text[i] == open ? 1 : text[i] == last ? -1 : 0;
            if (balance < 0) {
                --end;
                continue;
            }
        }
        break;
    }
    return end;
}

bool is_email_local(char c) {
    return is_ascii_alnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
}
bool is_domain(char c) { return is_ascii_alnum(c) || c == '.' || c == '-'; }

// A host name of labels joined by dots, its last label two letters or more.
bool is_host(std::string_view host) {
    if (host.empty() || host.front() == '.' || host.back() == '.' || host.find("..") != std::string_view::npos)
        return false;
    const size_t dot = host.rfind('.');
    if (dot == std::string_view::npos) return false;
    const std::string_view top = host.substr(dot + 1);
    if (top.size() < 2) return false;
    for (char c : top)
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) return false;
    return true;
}

// An email address around the '@' at `at`, or none (begin == end).
TextLink email_at(std::string_view text, size_t at, size_t not_before) {
    size_t begin = at;
    while (begin > not_before && is_email_local(text[begin - 1])) --begin;
    while (begin < at && text[begin] == '.') ++begin;  // "end.a@b.com" keeps no leading dot
    size_t end = at + 1;
    while (end < text.size() && is_domain(text[end])) ++end;
    while (end > at + 1 && (text[end - 1] == '.' || text[end - 1] == '-')) --end;
    if (begin == at || !is_host(text.substr(at + 1, end - at - 1))) return {};
    // Part of a longer word (a path, "x@y.com@z") is not an address.
    if (end < text.size() && (text[end] == '@' || text[end] == '/')) return {};
    if (begin > 0 && (text[begin - 1] == '@' || text[begin - 1] == '/')) return {};
    return TextLink{begin, end, "mailto:" + std::string(text.substr(begin, end - begin))};
}

}  // namespace

std::vector<TextLink> find_links(std::string_view text) {
    std::vector<TextLink> links;
    size_t done = 0;  // nothing before this may start a link: it belongs to one found already
    for (size_t i = 0; i < text.size(); ++i) {
        if (i < done) continue;
        const bool boundary = i == 0 || !(is_ascii_alnum(text[i - 1]) || text[i - 1] == '.' || text[i - 1] == '@' ||
                                          text[i - 1] == '/' || text[i - 1] == '-');
        if (boundary) {
            size_t scheme = 0;
            if (starts_with_nocase(text, i, "https://")) scheme = 8;
            else if (starts_with_nocase(text, i, "http://")) scheme = 7;
            else if (starts_with_nocase(text, i, "www.")) scheme = 4;
            if (scheme) {
                const size_t end = address_end(text, i);
                // The host must follow the scheme ("http://" alone, "www." alone are words).
                size_t host_end = i + scheme;
                while (host_end < end && is_domain(text[host_end])) ++host_end;
                const std::string_view host = text.substr(i + scheme, host_end - (i + scheme));
                // After a scheme any host will do (http://localhost:8080); after "www." a domain must.
                if (end > i + scheme && (scheme == 4 ? is_host(host) : !host.empty())) {
                    std::string href(text.substr(i, end - i));
                    if (scheme == 4) href.insert(0, "https://");
                    links.push_back(TextLink{i, end, std::move(href)});
                    done = end;
                    i = end - 1;
                    continue;
                }
            }
        }
        if (text[i] == '@') {
            const size_t from = links.empty() ? 0 : links.back().end;
            if (TextLink email = email_at(text, i, from); email.end > email.begin) {
                done = email.end;
                links.push_back(std::move(email));
                i = done - 1;
            }
        }
    }
    return links;
}

}  // namespace core
