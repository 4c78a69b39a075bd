// The notifications' SQL (notification_store.hpp), in the subset both engines read.
#include "server/notifications/notification_store.hpp"

#include <nlohmann/json.hpp>

#include "server/statement.hpp"

namespace server {

namespace {

std::vector<std::string> addresses(const std::string& cc_json) {
    std::vector<std::string> list;
    const nlohmann::json cc = nlohmann::json::parse(cc_json, nullptr, false);
    if (cc.is_array())
        for (const nlohmann::json& address : cc)
            if (address.is_string()) list.push_back(address.get<std::string>());
    return list;
}

}  // namespace

std::optional<TicketAudience> NotificationStore::audience(const std::string& ticket_id, std::string& error) {
    Statement s(c, "SELECT t.cc, a.region, u.email, u.language FROM tickets t JOIN accounts a ON a.id = t.account_id"
                   " JOIN users u ON u.id = t.requester_id WHERE t.id = ?");
    if (!s.bind(1, ticket_id).step()) {
        error = s.error();
        return std::nullopt;
    }
    return TicketAudience{core::parse_region(s.text(1)).value_or(core::RegionId::brazil), s.text(2),
                          s.is_null(3) ? "" : s.text(3), addresses(s.text(0))};
}

std::optional<NoticeTicket> NotificationStore::ticket(const std::string& ticket_id, std::string& error) {
    Statement s(c, "SELECT t.number, t.title, t.priority, t.due_at, t.reopen_until, a.region,"
                   " (SELECT p.number FROM tickets p WHERE p.id = t.follow_up_of), t.cc, u.email"
                   " FROM tickets t JOIN accounts a ON a.id = t.account_id JOIN users u ON u.id = t.requester_id"
                   " WHERE t.id = ?");
    if (!s.bind(1, ticket_id).step()) {
        error = s.error();
        return std::nullopt;
    }
    NoticeTicket t;
    t.number = s.integer(0);
    t.title = s.text(1);
    t.priority = s.text(2);
    t.due_at = s.integer(3);
    if (!s.is_null(4)) t.reopen_until = s.integer(4);
    t.region = core::parse_region(s.text(5)).value_or(core::RegionId::brazil);
    t.follow_up_number = s.is_null(6) ? 0 : s.integer(6);
    t.cc = addresses(s.text(7));
    t.requester_email = s.text(8);
    return t;
}

std::optional<NotificationStore::ReplyText> NotificationStore::reply(std::int64_t comment_id,
                                                                     const std::string& ticket_id, std::string& error) {
    Statement s(c, "SELECT author_name, body FROM ticket_comments WHERE id = ? AND ticket_id = ?");
    if (!s.bind(1, comment_id).bind(2, ticket_id).step()) {
        error = s.error();
        return std::nullopt;
    }
    return ReplyText{s.text(0), s.text(1)};
}

std::string NotificationStore::language_of(const std::string& folded_email) {
    Statement s(c, "SELECT language FROM users WHERE email = ?");
    if (!s.bind(1, folded_email).step() || s.is_null(0)) return "";
    return s.text(0);
}

std::string NotificationStore::time_zone_of(const std::string& folded_email) {
    Statement s(c, "SELECT time_zone FROM users WHERE email = ?");
    if (!s.bind(1, folded_email).step() || s.is_null(0)) return "";
    return s.text(0);
}

bool NotificationStore::stopped(const std::string& ticket_id, const std::string& folded_email) {
    Statement s(c, "SELECT 1 FROM notification_stops WHERE ticket_id = ? AND recipient = ?");
    return s.bind(1, ticket_id).bind(2, folded_email).step();
}

std::string NotificationStore::stop(const std::string& ticket_id, const std::string& folded_email,
                                    core::UtcSeconds at) {
    Statement s(c, "INSERT INTO notification_stops (ticket_id, recipient, stopped_at) VALUES (?, ?, ?)"
                   " ON CONFLICT (ticket_id, recipient) DO NOTHING");
    return s.bind(1, ticket_id).bind(2, folded_email).bind(3, at).run_failure();
}

std::string NotificationStore::enqueue(const std::string& ticket_id, const std::string& recipient,
                                       const std::string& kind, const std::string& language, std::int64_t comment_id,
                                       core::UtcSeconds now) {
    Statement s(c, "INSERT INTO notifications (ticket_id, recipient, kind, language, comment_id, created_at,"
                   " next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
    s.bind(1, ticket_id).bind(2, recipient).bind(3, kind).bind(4, language);
    if (comment_id) s.bind(5, comment_id);
    else s.bind_optional(5, std::nullopt);
    return s.bind(6, now).bind(7, now).run_failure();
}

std::vector<std::int64_t> NotificationStore::due(core::UtcSeconds now, int limit, std::string& error) {
    Statement s(c, "SELECT id FROM notifications WHERE sent_at IS NULL AND gave_up_at IS NULL"
                   " AND next_attempt_at <= ? AND claimed_until <= ? ORDER BY id LIMIT ?");
    s.bind(1, now).bind(2, now).bind(3, static_cast<std::int64_t>(limit));
    std::vector<std::int64_t> ids;
    while (s.step()) ids.push_back(s.integer(0));
    error = s.error();
    return ids;
}

bool NotificationStore::lease(std::int64_t id, core::UtcSeconds until, core::UtcSeconds now, std::string& error) {
    Statement s(c,
                "UPDATE notifications SET claimed_until = ? WHERE id = ? AND claimed_until <= ? AND sent_at IS NULL");
    error = s.bind(1, until).bind(2, id).bind(3, now).run_failure();
    return error.empty() && s.changes() == 1;
}

std::optional<OutboxNotice> NotificationStore::notice(std::int64_t id) {
    Statement s(c, "SELECT attempts, created_at, comment_id, ticket_id, recipient, kind, language FROM notifications"
                   " WHERE id = ?");
    if (!s.bind(1, id).step()) return std::nullopt;
    return OutboxNotice{id, s.integer(0), s.integer(1), s.is_null(2) ? 0 : s.integer(2), s.text(3), s.text(4),
                        s.text(5), s.text(6)};
}

std::string NotificationStore::mark_sent(std::int64_t id, core::UtcSeconds at) {
    Statement s(c, "UPDATE notifications SET sent_at = ?, claimed_until = 0 WHERE id = ?");
    return s.bind(1, at).bind(2, id).run_failure();
}

std::string NotificationStore::give_up(std::int64_t id, const std::string& why, core::UtcSeconds at) {
    Statement s(c, "UPDATE notifications SET gave_up_at = ?, last_error = ?, claimed_until = 0 WHERE id = ?");
    return s.bind(1, at).bind(2, why).bind(3, id).run_failure();
}

std::string NotificationStore::not_sent(std::int64_t id, std::int64_t attempts, core::UtcSeconds next_attempt_at,
                                        const std::string& why, std::optional<core::UtcSeconds> gave_up_at) {
    Statement s(c, "UPDATE notifications SET attempts = ?, next_attempt_at = ?, last_error = ?, claimed_until = 0,"
                   " gave_up_at = ? WHERE id = ?");
    s.bind(1, attempts).bind(2, next_attempt_at).bind(3, why);
    if (gave_up_at) s.bind(4, *gave_up_at);
    else s.bind_optional(4, std::nullopt);
    return s.bind(5, id).run_failure();
}

}  // namespace server
