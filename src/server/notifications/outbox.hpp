#pragma once
// The notifications' outbox: what a change to a ticket tells the people on it is written in the same
// transaction as the change (so it is never lost, and never sent for a change that was undone), one
// row per recipient with the language they read; the worker (notifier.hpp) puts it in words and sends
// it. Each email carries a signed link that stops the emails about its ticket to its address, without
// signing in. `portal-server admin` writes to the outbox too; the servers' workers send it.
#include <optional>
#include <string>
#include <string_view>

#include "core/support_region.hpp"
#include "core/time.hpp"
#include "server/database.hpp"
#include "server/outcome.hpp"
#include "server/notifications/notice.hpp"

namespace server {

struct NotificationSettings {
    std::string origin;    // the portal's public origin, for the links (https://support.example)
    std::string link_key;  // the HMAC key of the stop links (the server's code key)
};

// What a change tells, beyond the ticket itself: support's reply (its comment's id).
struct NoticeEvent {
    NoticeKind kind = NoticeKind::opened;
    std::int64_t comment_id = 0;
};

// Writes the notifications `event` causes on `ticket_id`, inside the change's transaction: to the
// requester and each person copied who has not stopped them. False (with `error`) when the store
// refused a row: the change must then be undone, or it would happen untold.
bool enqueue_notices(Connection& c, const std::string& ticket_id, const NoticeEvent& event, core::UtcSeconds now,
                     std::string& error);

// One notification of the outbox, as the worker claimed it.
struct OutboxNotice {
    std::int64_t id = 0, attempts = 0, created_at = 0, comment_id = 0;
    std::string ticket_id, recipient, kind, language;
};
// Its email in words, from the ticket as it is now; an Error when the ticket or the reply is gone, or
// when the recipient stopped these emails since (code "stopped": nothing to send).
core::Result<MailContent> notice_mail(Connection& c, const NotificationSettings& settings,
                                      const core::SupportRegions& regions, const OutboxNotice& notice);

// The signature of a stop link (base64url of an HMAC-SHA256 over the ticket and the address, case
// aside), and the link itself.
std::string stop_signature(std::string_view key, std::string_view ticket_id, std::string_view address);
// The link names the language of the email it is in (`l`), for its page to speak it too.
std::string stop_link(const NotificationSettings& settings, std::string_view ticket_id, std::string_view address,
                      std::string_view language = "en");

// A stop link followed: what its page says. `confirm` false only looks (GET: a mail scanner that
// opens links must not stop anything); true records the stop (POST, the page's button or RFC 8058's
// one-click). A bad signature, or a ticket that is not there, is refused.
struct StopAnswer {
    Outcome outcome = Outcome::ok;
    std::string title, message, button;  // in the page's language
    std::string language = "en";
    std::int64_t number = 0;  // the ticket's, when found
    bool done = false;        // the stop is recorded (now or before)
};
StopAnswer stop_notices(Database& db, const NotificationSettings& settings, const std::string& ticket_id,
                        const std::string& address, const std::string& signature, bool confirm, core::UtcSeconds now,
                        std::string_view language = "en");

}  // namespace server
