#include "server/identity/mail_message.hpp"

#include <cstdio>

#include "core/utf8.hpp"
#include "server/identity/crypto.hpp"

namespace server {

namespace {

bool is_control(char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte < 0x20 || byte == 0x7F;
}

bool printable_ascii(std::string_view text) {
    for (char c : text)
        if (is_control(c) || static_cast<unsigned char>(c) >= 0x80) return false;
    return true;
}

// RFC 5322 atext and spaces: a display name made of these needs neither quotes nor encoding.
bool plain_phrase(std::string_view text) {
    for (char c : text) {
        const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (!alnum && std::string_view(" !#$%&'*+-/=?^_`{|}~").find(c) == std::string_view::npos) return false;
    }
    return true;
}

}  // namespace

bool valid_message_id(std::string_view id) {
    return id.size() >= 5 && id.front() == '<' && id.back() == '>' && valid_mail_address(id.substr(1, id.size() - 2));
}

bool valid_mail_address(std::string_view address) {
    const size_t at = address.find('@');
    if (address.size() > 254 || at == std::string_view::npos || at == 0 || at + 1 == address.size() ||
        address.find('@', at + 1) != std::string_view::npos || !core::is_valid_utf8(address))
        return false;
    for (char c : address)
        if (is_control(c) || std::string_view(" <>()[]\\\",;:").find(c) != std::string_view::npos) return false;
    return true;
}

std::string rfc5322_date(core::UtcSeconds instant) {
    static const char* const weekdays[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    static const char* const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const core::Days days = core::floor_days(instant);
    const core::CivilDate date = core::civil_from_days(days);
    const std::int64_t second_of_day = instant - std::int64_t{days} * 86400;
    char text[40];
    std::snprintf(text, sizeof text, "%s, %02u %s %04d %02d:%02d:%02d +0000", weekdays[core::iso_weekday(days)], date.day,
                  months[date.month - 1], date.year, static_cast<int>(second_of_day / 3600),
                  static_cast<int>(second_of_day / 60 % 60), static_cast<int>(second_of_day % 60));
    return text;
}

std::string encoded_words(std::string_view text) {
    constexpr size_t max_bytes = 45;  // 60 base64 characters: a word of 72, under RFC 2047's 75
    std::string out;
    for (size_t start = 0; start < text.size();) {
        size_t end = std::min(text.size(), start + max_bytes);
        while (end < text.size() && end > start + 1 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
        if (!out.empty()) out += "\r\n ";
        out += "=?UTF-8?B?" + crypto::base64_encode(text.substr(start, end - start)) + "?=";
        start = end;
    }
    return out;
}

std::string encode_header_text(std::string_view text) {
    // "=?" in plain text could be read as an encoded word, and a very long line must be folded.
    if (printable_ascii(text) && text.find("=?") == std::string_view::npos && text.size() <= 900) return std::string(text);
    return encoded_words(text);
}

std::string quoted_printable(std::string_view text) {
    static const char* const hex_digits = "0123456789ABCDEF";
    std::string out;
    for (size_t start = 0; start <= text.size();) {
        size_t end = text.find('\n', start);
        std::string_view line = text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        size_t width = 0;  // characters on the current output line
        for (size_t i = 0; i < line.size(); ++i) {
            const auto byte = static_cast<unsigned char>(line[i]);
            const bool trailing_space = (byte == ' ' || byte == '\t') && i + 1 == line.size();
            const bool literal = ((byte >= 33 && byte <= 126 && byte != '=') || byte == ' ' || byte == '\t') && !trailing_space;
            const std::string token = literal ? std::string(1, line[i])
                                              : std::string{'=', hex_digits[byte >> 4], hex_digits[byte & 0xF]};
            if (width + token.size() > 75) {  // leaves room for the soft break's '=' within 76
                out += "=\r\n";
                width = 0;
            }
            out += token;
            width += token.size();
        }
        if (end == std::string_view::npos) break;
        out += "\r\n";
        start = end + 1;
    }
    return out;
}

core::Result<std::string> compose_mail(const MailParts& parts) {
    if (!valid_mail_address(parts.from))
        return core::Error{"invalid_sender", "the sender address '" + parts.from + "' cannot be used (check --mail-from)"};
    if (!valid_mail_address(parts.to))
        return core::Error{"invalid_recipient",
                           "the recipient address has a line break, space, bracket or control character: refused"};
    for (const std::string* text : {&parts.subject, &parts.from_name})
        for (char c : *text)
            if (is_control(c))
                return core::Error{"invalid_header",
                                   "a subject or sender name with a line break or control character was refused"};
    if (!core::is_valid_utf8(parts.subject) || !core::is_valid_utf8(parts.from_name) || !core::is_valid_utf8(parts.body))
        return core::Error{"invalid_text", "the email's text is not valid UTF-8"};
    if (!valid_message_id(parts.message_id))
        return core::Error{"invalid_header", "the Message-ID is not of the form <unique@domain>"};
    if (!parts.references.empty() && !valid_message_id(parts.references))
        return core::Error{"invalid_header", "References is not of the form <unique@domain>"};
    if (!core::is_valid_utf8(parts.html)) return core::Error{"invalid_text", "the email's HTML is not valid UTF-8"};
    for (char c : parts.list_unsubscribe)
        if (is_control(c) || c == ' ' || c == '<' || c == '>' || static_cast<unsigned char>(c) >= 0x80)
            return core::Error{"invalid_header", "the unsubscribe link must be a plain URL"};

    const std::string from_name = plain_phrase(parts.from_name) ? parts.from_name : encoded_words(parts.from_name);
    std::string message;
    message += "Date: " + rfc5322_date(parts.date) + "\r\n";
    message += "From: " + (from_name.empty() ? parts.from : from_name + " <" + parts.from + ">") + "\r\n";
    message += "To: " + parts.to + "\r\n";
    message += "Subject: " + encode_header_text(parts.subject) + "\r\n";
    message += "Message-ID: " + parts.message_id + "\r\n";
    if (!parts.references.empty())
        message += "In-Reply-To: " + parts.references + "\r\nReferences: " + parts.references + "\r\n";
    if (!parts.list_unsubscribe.empty())
        message += "List-Unsubscribe: <" + parts.list_unsubscribe + ">\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n";
    message += "Auto-Submitted: auto-generated\r\n";  // RFC 3834: out-of-office replies stay away
    message += "MIME-Version: 1.0\r\n";
    auto part = [](const char* type, const std::string& text) {
        std::string out = std::string("Content-Type: ") + type + "; charset=UTF-8\r\n"
                          "Content-Transfer-Encoding: quoted-printable\r\n\r\n" + quoted_printable(text);
        if (out.compare(out.size() - 2, 2, "\r\n") != 0) out += "\r\n";
        return out;
    };
    if (parts.html.empty()) return message + part("text/plain", parts.body);
    // Quoted-printable never writes "=_" (an '=' is always followed by two hex digits or a line end), so
    // no part can contain the boundary.
    const std::string boundary = "=_portal_alternative";
    message += "Content-Type: multipart/alternative; boundary=\"" + boundary + "\"\r\n\r\n";
    message += "--" + boundary + "\r\n" + part("text/plain", parts.body);
    message += "--" + boundary + "\r\n" + part("text/html", parts.html);
    message += "--" + boundary + "--\r\n";
    return message;
}

}  // namespace server
