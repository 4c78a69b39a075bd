#include "server/notifications/outbox.hpp"

#include <nlohmann/json.hpp>

#include <set>
#include <vector>

#include "core/base64url.hpp"
#include "core/enum_names.hpp"
#include "core/i18n.hpp"
#include "core/url.hpp"
#include "server/identity/auth_service.hpp"
#include "server/identity/crypto.hpp"
#include "server/identity/mail_message.hpp"
#include "server/notifications/system_zones.hpp"
#include "server/statement.hpp"

namespace server {

namespace {

struct Recipient {
    std::string address, language;
};

std::string ticket_link(const NotificationSettings& settings, std::string_view ticket_id) {
    return settings.origin + "/#/tickets/" + std::string(ticket_id);
}

// The language a person last used in the portal, if they have an account and used one.
std::string language_of_user(Connection& c, const std::string& address) {
    Statement user(c, "SELECT language FROM users WHERE email = ?");
    if (!user.bind(1, address).step() || user.is_null(0)) return "";
    const std::string language = user.text(0);
    return core::language_of(language) == language ? language : "";
}

// The clock a reader of `language` expects: the region's when it is the region's language, else that
// language's usual one.
std::string locale_for(const std::string& language, core::RegionId region) {
    if (language == region_language(region)) return std::string(region_locale(region));
    return language == "pt" ? "pt-BR" : language == "es" ? "es-419" : "en-US";
}

bool stopped(Connection& c, const std::string& ticket_id, const std::string& address) {
    Statement stop(c, "SELECT 1 FROM notification_stops WHERE ticket_id = ? AND recipient = ?");
    return stop.bind(1, ticket_id).bind(2, address).step();
}

}  // namespace

std::string stop_signature(std::string_view key, std::string_view ticket_id, std::string_view address) {
    const std::string message = "notification-stop\n" + std::string(ticket_id) + "\n" + fold_email(address);
    return core::base64url(crypto::hmac_sha256(key, message));
}

std::string stop_link(const NotificationSettings& settings, std::string_view ticket_id, std::string_view address) {
    return settings.origin + "/notifications/stop?t=" + core::percent_encode(ticket_id) +
           "&a=" + core::percent_encode(fold_email(address)) + "&s=" + stop_signature(settings.link_key, ticket_id, address);
}

bool enqueue_notices(Connection& c, const std::string& ticket_id, const NoticeEvent& event, core::UtcSeconds now,
                     std::string& error) {
    Statement ticket(c, "SELECT t.cc, a.region, u.email, u.language FROM tickets t JOIN accounts a ON a.id = t.account_id"
                        " JOIN users u ON u.id = t.requester_id WHERE t.id = ?");
    if (!ticket.bind(1, ticket_id).step()) {
        error = ticket.error().empty() ? "the ticket " + ticket_id + " is not there" : ticket.error();
        return false;
    }
    const core::RegionId region = core::parse_region(ticket.text(1)).value_or(core::RegionId::brazil);
    // The requester first, then the people copied; each address once, case aside.
    std::vector<Recipient> recipients;
    std::set<std::string> seen;
    auto add = [&](const std::string& address, std::string language) {
        const std::string folded = fold_email(address);
        if (!valid_mail_address(folded) || !seen.insert(folded).second) return;
        recipients.push_back({folded, std::move(language)});
    };
    const std::string requester_language = ticket.is_null(3) ? "" : ticket.text(3);
    add(ticket.text(2), core::language_of(requester_language) == requester_language ? requester_language : "");
    const nlohmann::json cc = nlohmann::json::parse(ticket.text(0), nullptr, false);
    ticket.run();  // to the end of the statement, before others run on the connection
    if (cc.is_array())
        for (const nlohmann::json& address : cc)
            if (address.is_string()) add(address.get<std::string>(), "");

    for (Recipient& r : recipients) {
        if (stopped(c, ticket_id, r.address)) continue;
        if (r.language.empty()) r.language = language_of_user(c, r.address);
        if (r.language.empty()) r.language = region_language(region);
        Statement insert(c, "INSERT INTO notifications (ticket_id, recipient, kind, language, comment_id, created_at,"
                            " next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
        insert.bind(1, ticket_id).bind(2, r.address).bind(3, notice_kind_key(event.kind)).bind(4, r.language);
        if (event.comment_id) insert.bind(5, event.comment_id);
        else insert.bind_optional(5, std::nullopt);
        if (!insert.bind(6, now).bind(7, now).run()) {
            error = insert.error();
            return false;
        }
    }
    return true;
}

core::Result<MailContent> notice_mail(Connection& c, const NotificationSettings& settings,
                                      const core::SupportRegions& regions, const OutboxNotice& notice) {
    if (stopped(c, notice.ticket_id, notice.recipient))
        return core::Error{"stopped", "the recipient stopped the emails about this ticket"};
    Statement ticket(c, "SELECT t.number, t.title, t.priority, t.due_at, t.reopen_until, a.region,"
                        " (SELECT p.number FROM tickets p WHERE p.id = t.follow_up_of), t.cc, u.email"
                        " FROM tickets t JOIN accounts a ON a.id = t.account_id JOIN users u ON u.id = t.requester_id"
                        " WHERE t.id = ?");
    if (!ticket.bind(1, notice.ticket_id).step())
        return ticket.error().empty() ? core::Error{"gone", "the ticket " + notice.ticket_id + " is not there"}
                                      : core::Error{"storage", ticket.error()};
    const core::RegionId region = core::parse_region(ticket.text(5)).value_or(core::RegionId::brazil);
    NoticeFacts facts;
    facts.kind = parse_notice_kind(notice.kind).value_or(NoticeKind::opened);
    facts.language = notice.language;
    facts.number = ticket.integer(0);
    facts.title = ticket.text(1);
    facts.priority = core::parse_key<core::Priority>(ticket.text(2)).value_or(core::Priority::normal);
    facts.due_at = ticket.integer(3);
    if (!ticket.is_null(4)) facts.reopen_until = ticket.integer(4);
    // The deadline on the reader's own clock when the portal told us their zone, else on the region's.
    facts.zone = regions.get(region).zone;
    facts.locale = locale_for(notice.language, region);
    facts.follow_up_of = ticket.is_null(6) ? 0 : ticket.integer(6);
    // Someone the requester took off the copies since gets nothing more.
    bool on_ticket = fold_email(ticket.text(8)) == notice.recipient;
    const nlohmann::json cc = nlohmann::json::parse(ticket.text(7), nullptr, false);
    if (cc.is_array())
        for (const nlohmann::json& address : cc)
            on_ticket = on_ticket || (address.is_string() && fold_email(address.get<std::string>()) == notice.recipient);
    ticket.run();
    if (!on_ticket) return core::Error{"removed", "the recipient is no longer copied on the ticket"};
    Statement zone(c, "SELECT time_zone FROM users WHERE email = ?");
    if (zone.bind(1, notice.recipient).step() && !zone.is_null(0))
        if (const core::TimeZone* own = find_zone(zone.text(0))) facts.zone = own;
    if (facts.kind == NoticeKind::replied) {
        Statement reply(c, "SELECT author_name, body FROM ticket_comments WHERE id = ? AND ticket_id = ?");
        if (!reply.bind(1, notice.comment_id).bind(2, notice.ticket_id).step())
            return reply.error().empty()
                       ? core::Error{"gone", "the reply " + std::to_string(notice.comment_id) + " is not there"}
                       : core::Error{"storage", reply.error()};
        facts.reply_author = reply.text(0);
        facts.reply_text = reply.text(1);
    }
    facts.ticket_link = ticket_link(settings, notice.ticket_id);
    facts.rate_good_link = facts.ticket_link + "/rate/good";
    facts.rate_bad_link = facts.ticket_link + "/rate/bad";
    facts.stop_link = stop_link(settings, notice.ticket_id, notice.recipient);
    return compose_notice(facts);
}

StopAnswer stop_notices(Database& db, const NotificationSettings& settings, const std::string& ticket_id,
                        const std::string& address, const std::string& signature, bool confirm, core::UtcSeconds now) {
    const std::string folded = fold_email(address);
    const std::string expected = stop_signature(settings.link_key, ticket_id, folded);
    if (settings.link_key.empty() || ticket_id.empty() || folded.empty() ||
        !crypto::equal(expected, signature))
        return {400, "This link is not valid",
                "The link is incomplete or was changed. Open it again from the email, or stop the emails from the "
                "ticket's page in the portal.", 0, false};
    StopAnswer answer;
    auto read_number = [&](Connection& c) -> bool {
        Statement ticket(c, "SELECT number FROM tickets WHERE id = ?");
        if (!ticket.bind(1, ticket_id).step()) return false;
        answer.number = ticket.integer(0);
        return true;
    };
    {
        auto r = db.reader();
        if (!read_number(*r))
            return {404, "This ticket is not here", "There is no such ticket any more: no email about it will come.", 0,
                    false};
        answer.done = stopped(*r, ticket_id, folded);
    }
    const std::string number = "#" + std::to_string(answer.number);
    if (!answer.done && confirm) {
        std::string failed;
        const bool committed = db.write([&](Connection& c) {
            Statement stop(c, "INSERT INTO notification_stops (ticket_id, recipient, stopped_at) VALUES (?, ?, ?)"
                              " ON CONFLICT (ticket_id, recipient) DO NOTHING");
            if (!stop.bind(1, ticket_id).bind(2, folded).bind(3, now).run()) failed = stop.error();
            return failed.empty();
        });
        if (!committed || !failed.empty())
            return {503, "Not stopped yet", "The emails could not be stopped right now. Try the link again in a moment.",
                    answer.number, false};
        answer.done = true;
    }
    if (answer.done) {
        answer.title = "Emails stopped";
        answer.message = "No more emails about ticket " + number + " will be sent to " + folded +
                         ". The ticket itself goes on, and you can still follow it in the portal.";
    } else {
        answer.title = "Stop emails about ticket " + number + "?";
        answer.message = folded + " will get no more emails about ticket " + number + ".";
    }
    return answer;
}

}  // namespace server
