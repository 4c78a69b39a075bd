// The email as written, before any relay sees it, and the mail flags of portal-server.
#include <doctest/doctest.h>
#include <sodium.h>
#include <stdlib.h>

#include <string>
#include <vector>

#include "server/config.hpp"
#include "server/identity/mail_message.hpp"
#include "server/identity/messaging.hpp"

namespace {

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    for (size_t start = 0; start < text.size();) {
        size_t end = text.find("\r\n", start);
        if (end == std::string::npos) end = text.size();
        lines.push_back(text.substr(start, end - start));
        start = end + 2;
    }
    return lines;
}

server::MailParts parts() {
    server::MailParts p;
    p.from_name = "VTEX Support";
    p.from = "no-reply@portal.test";
    p.to = "ana@demo.store";
    p.subject = "Your code";
    p.body = "123456\n";
    p.date = 0;
    p.message_id = "<abc@portal.test>";
    return p;
}

}  // namespace

TEST_CASE("dates are written as RFC 5322 asks, in UTC") {
    CHECK(server::rfc5322_date(0) == "Thu, 01 Jan 1970 00:00:00 +0000");
    CHECK(server::rfc5322_date(1796283798) == "Thu, 03 Dec 2026 07:43:18 +0000");
    CHECK(server::rfc5322_date(951782400) == "Tue, 29 Feb 2000 00:00:00 +0000");
}

TEST_CASE("a subject stays readable ASCII when it can, else becomes RFC 2047 words that never split a character") {
    CHECK(server::encode_header_text("Your VTEX Support access code") == "Your VTEX Support access code");
    CHECK(server::encode_header_text("=?UTF-8?Q?looks_encoded?=").rfind("=?UTF-8?B?", 0) == 0);

    std::string subject;
    for (int i = 0; i < 40; ++i) subject += "código€";  // 2- and 3-byte sequences at every offset
    const std::string encoded = server::encode_header_text(subject);
    std::string decoded;
    for (const std::string& line : lines_of(encoded)) {
        const std::string word = line.substr(line.front() == ' ' ? 1 : 0);  // folded lines start with a space
        CHECK(word.size() <= 75);
        REQUIRE(word.rfind("=?UTF-8?B?", 0) == 0);
        REQUIRE(word.size() >= 12);
        const std::string base64 = word.substr(10, word.size() - 12);
        std::string bytes(base64.size(), '\0');
        size_t length = 0;
        REQUIRE(sodium_base642bin(reinterpret_cast<unsigned char*>(bytes.data()), bytes.size(), base64.data(),
                                  base64.size(), nullptr, &length, nullptr, sodium_base64_VARIANT_ORIGINAL) == 0);
        bytes.resize(length);
        // Each word is whole UTF-8 by itself (RFC 2047 section 5): no continuation byte leads it.
        CHECK((static_cast<unsigned char>(bytes.front()) & 0xC0) != 0x80);
        decoded += bytes;
    }
    CHECK(decoded == subject);
}

TEST_CASE("quoted-printable keeps lines under 77 characters and encodes what a relay could change") {
    CHECK(server::quoted_printable("a=b\n") == "a=3Db\r\n");
    CHECK(server::quoted_printable("ends in a space \r\nnext\t") == "ends in a space=20\r\nnext=09");
    CHECK(server::quoted_printable("ção") == "=C3=A7=C3=A3o");
    CHECK(server::quoted_printable(".\n") == ".\r\n");  // the transport stuffs the dot, not this encoding
    const std::string long_line = server::quoted_printable(std::string(100, 'x') + "é" + std::string(100, 'y'));
    std::string joined;
    for (const std::string& line : lines_of(long_line)) {
        CHECK(line.size() <= 76);
        joined += line.back() == '=' ? line.substr(0, line.size() - 1) : line;
    }
    CHECK(joined == std::string(100, 'x') + "=C3=A9" + std::string(100, 'y'));
}

TEST_CASE("a composed message has every header once and nothing a caller can add to them") {
    auto message = server::compose_mail(parts());
    REQUIRE(message.ok());
    CHECK(message.value() ==
          "Date: Thu, 01 Jan 1970 00:00:00 +0000\r\nFrom: VTEX Support <no-reply@portal.test>\r\nTo: ana@demo.store\r\n"
          "Subject: Your code\r\nMessage-ID: <abc@portal.test>\r\nAuto-Submitted: auto-generated\r\nMIME-Version: 1.0\r\n"
          "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n123456\r\n");

    auto named = parts();
    named.from_name = "Suporte, VTEX";  // a comma would start a second address: encoded instead
    CHECK(server::compose_mail(named).value().find("From: =?UTF-8?B?") != std::string::npos);

    for (const char* bad_subject : {"Code\r\nBcc: eve@evil.test", "Code\nX: y", "Code\rX: y", "tab\tand\x7f"}) {
        auto p = parts();
        p.subject = bad_subject;
        auto refused = server::compose_mail(p);
        REQUIRE_FALSE(refused.ok());
        CHECK(refused.error().code == "invalid_header");
    }
    for (const char* bad_to : {"ana@demo.store\r\nBcc: eve@evil.test", "<ana@demo.store>", "a@b, eve@evil.test",
                               "ana@demo.store;eve@evil.test", "no-at-sign", "@demo.store", "ana@", "a@b@c", "a b@c"}) {
        auto p = parts();
        p.to = bad_to;
        auto refused = server::compose_mail(p);
        REQUIRE_FALSE(refused.ok());
        CHECK(refused.error().code == "invalid_recipient");
    }
    auto broken = parts();
    broken.body = "\xC3(";  // not UTF-8
    CHECK(server::compose_mail(broken).error().code == "invalid_text");
    // Strict RFC 3629 (core/utf8.hpp): an overlong form, a surrogate or a code point past U+10FFFF is not text.
    for (const char* not_text : {"\xE0\x80\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xF5\x80\x80\x80"}) {
        auto p = parts();
        p.subject = not_text;
        CHECK(server::compose_mail(p).error().code == "invalid_text");
    }
}

TEST_CASE("the relay's flags: URL forms, the password only from the environment, no login in the URL") {
    CHECK(server::smtp_url_from("mail.example.com:587").value() == "smtp://mail.example.com:587");
    CHECK(server::smtp_url_from("smtps://mail.example.com:465").value() == "smtps://mail.example.com:465");
    CHECK(server::smtp_url_from("smtp://[::1]:25").value() == "smtp://[::1]:25");
    for (const char* bad : {"mail.example.com", "ftp://mail.example.com:21", "smtp://user:secret@mail.example.com:587",
                            "smtp://", "smtp://:25", "http://mail.example.com"})
        CHECK_FALSE(server::smtp_url_from(bad).ok());

    unsetenv("PORTAL_SMTP_PASSWORD");
    auto no_password = server::parse_args({"--smtp", "smtp://mail.example.com:587", "--smtp-user", "portal"});
    REQUIRE_FALSE(no_password.ok());
    CHECK(no_password.error().message.find("PORTAL_SMTP_PASSWORD") != std::string::npos);

    setenv("PORTAL_SMTP_PASSWORD", "from-the-environment", 1);
    auto given = server::parse_args({"--smtp", "smtps://mail.example.com:465", "--smtp-user", "portal", "--smtp-ca-file",
                                     "/etc/portal/relay-ca.pem", "--mail-from", "no-reply@support.example.com"});
    unsetenv("PORTAL_SMTP_PASSWORD");
    REQUIRE(given.ok());
    CHECK(given.value().config.smtp_relay == "smtps://mail.example.com:465");
    CHECK(given.value().config.smtp_user == "portal");
    CHECK(given.value().config.smtp_password == "from-the-environment");
    CHECK(given.value().config.smtp_ca_file == "/etc/portal/relay-ca.pem");

    auto in_url = server::parse_args({"--smtp", "smtp://portal:secret@mail.example.com:587"});
    REQUIRE_FALSE(in_url.ok());
    CHECK(in_url.error().message.find("PORTAL_SMTP_PASSWORD") != std::string::npos);
    CHECK_FALSE(server::parse_args({"--mail-from", "a@b.c\r\nBcc: eve@evil.test"}).ok());
    CHECK_FALSE(server::parse_args({"--smtp", "mail.example.com"}).ok());
}
