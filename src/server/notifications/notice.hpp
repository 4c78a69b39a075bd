#pragma once
// What an email about a ticket says: pure, so that a test reads every kind in every language. The
// subject is the same for every email of a ticket ("[#1001] Checkout is down"), so that mail clients
// thread them; the first line of the body says what happened. Plain text and HTML say the same.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/priority.hpp"
#include "core/region.hpp"
#include "core/time.hpp"
#include "core/time_zone.hpp"

namespace server {

enum class NoticeKind { opened, replied, solved, reopened };
std::string_view notice_kind_key(NoticeKind kind);  // "opened", "replied", "solved", "reopened"
std::optional<NoticeKind> parse_notice_kind(std::string_view key);

struct NoticeFacts {
    NoticeKind kind = NoticeKind::opened;
    std::string language = "en";  // en, es, pt
    std::string locale = "en-US"; // the clock its readers expect (12-hour for en-US, 24-hour for pt-BR)
    std::int64_t number = 0;
    std::string title;
    core::Priority priority = core::Priority::normal;
    core::UtcSeconds due_at = 0;             // opened: the first response is due by then
    std::optional<core::UtcSeconds> reopen_until;  // solved: replies reopen it until then
    const core::TimeZone* zone = nullptr;    // where the deadline is told (the account's region's)
    std::string reply_author, reply_text;    // replied
    std::int64_t follow_up_of = 0;           // opened as a follow-up of this ticket's number (0: none)
    std::string ticket_link, stop_link, rate_good_link, rate_bad_link;
};

struct MailContent {
    std::string subject, text, html;
    std::string stop_link;  // for the List-Unsubscribe header
};

MailContent compose_notice(const NoticeFacts& facts);

// The language of emails to someone who never chose one in the portal: the account's region's.
std::string_view region_language(core::RegionId region);
// The locale whose clock the region's readers expect (pt-BR, es-419, en-US, en-GB, en-SG).
std::string_view region_locale(core::RegionId region);
// "São Paulo" for America/Sao_Paulo: the place a zone is named after, as its readers write it.
std::string zone_place(std::string_view zone_name);
// Text made safe inside HTML (&, <, >, ", ').
std::string html_escape(std::string_view text);

}  // namespace server
