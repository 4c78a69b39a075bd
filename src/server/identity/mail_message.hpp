#pragma once
// An email as an SMTP relay receives it (RFC 5322 + MIME): headers that no input can add to, a
// Subject in RFC 2047 words when it is not ASCII, and a UTF-8 body in quoted-printable, which
// passes any relay (7-bit, long-line limits) unchanged; with an HTML part, multipart/alternative. Dot-stuffing is the transport's (libcurl's).
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "core/time.hpp"

namespace server {

struct MailParts {
    std::string from_name;   // "VTEX Support"
    std::string from;        // no-reply@support.example
    std::string to;
    std::string subject;     // UTF-8, one line
    std::string body;        // UTF-8; lines end in \n or \r\n
    std::string html;        // UTF-8; when set, the message is multipart/alternative: body, then html
    core::UtcSeconds date = 0;
    std::string message_id;  // <unique@domain>
    std::string references;  // <unique@domain> of the thread's first message ("" : none): clients thread on it
    // https://... that stops these emails: List-Unsubscribe, with RFC 8058's one-click POST ("" : none).
    std::string list_unsubscribe;
};

// A bare address (local@domain) that can go into a header and into MAIL FROM / RCPT TO: no CR, LF or
// other control characters, no spaces, brackets, quotes, commas or semicolons, one '@' with text on
// both sides. What passes can neither add a header nor name a second recipient.
bool valid_mail_address(std::string_view address);
// <unique@domain>, the form of Message-ID and References.
bool valid_message_id(std::string_view id);

// The message as CRLF lines, or a refusal when a part could inject headers or is not UTF-8.
core::Result<std::string> compose_mail(const MailParts& parts);

// "Thu, 03 Dec 2026 07:43:18 +0000" (RFC 5322 section 3.3, always UTC).
std::string rfc5322_date(core::UtcSeconds instant);
// `text` as is when it is printable ASCII, else RFC 2047 "=?UTF-8?B?...?=" words (each at most 75
// characters, never splitting a UTF-8 sequence) folded onto continuation lines.
std::string encode_header_text(std::string_view text);
// Always RFC 2047 words: for a display name with a comma or quote, which plain text would split.
std::string encoded_words(std::string_view text);
// RFC 2045 section 6.7, lines joined by CRLF and soft-broken at 76 characters.
std::string quoted_printable(std::string_view text);

}  // namespace server
