#include "server/notifications/notifier.hpp"

#include <algorithm>
#include <cstdio>

#include "server/identity/mail_message.hpp"
#include "server/identity/identity_store.hpp"
#include "server/notifications/notification_store.hpp"

namespace server {

Notifier::Notifier(Database& database, const core::SupportRegions& support_regions, NotifierSettings s)
    : db(database), regions(support_regions), settings(std::move(s)) {
    domain = mail_domain(settings.messaging);
    if (domain.empty()) domain = "@support.invalid";
}

Notifier::~Notifier() {
    {
        std::lock_guard<std::mutex> guard(mutex);
        stopping = true;
    }
    wake.notify_one();
    if (thread.joinable()) thread.join();
}

void Notifier::start(std::chrono::milliseconds every) {
    thread = std::thread([this, every] {
        std::unique_lock<std::mutex> guard(mutex);
        while (!stopping) {
            poked = false;
            guard.unlock();
            try {
                run_once();
            } catch (const std::exception& e) {  // the next pass tries again; the thread lives on
                std::fprintf(stderr, "portal-server: the notification worker failed a pass: %s\n", e.what());
            }
            guard.lock();
            wake.wait_for(guard, every, [this] { return stopping || poked; });
        }
    });
}

void Notifier::poke() {
    {
        std::lock_guard<std::mutex> guard(mutex);
        poked = true;
    }
    wake.notify_one();
}

std::vector<OutboxNotice> Notifier::claim(core::UtcSeconds now) {
    std::vector<std::int64_t> ids;
    const bool committed = db.write([&](Connection& c) {
        ids.clear();  // a run again after a serialization failure starts afresh
        NotificationStore store(c);
        std::string failed;
        const std::vector<std::int64_t> candidates = store.due(now, settings.batch, failed);
        if (!failed.empty()) return false;
        for (std::int64_t id : candidates) {
            // Still unclaimed as the row is changed: another node's claim of it wins.
            if (store.lease(id, now + settings.lease_seconds, now, failed)) ids.push_back(id);
            else if (!failed.empty()) return false;
        }
        return true;
    });
    std::vector<OutboxNotice> claimed;
    if (!committed) return claimed;
    auto r = db.reader();
    NotificationStore store(*r);
    for (std::int64_t id : ids)
        if (auto notice = store.notice(id)) claimed.push_back(std::move(*notice));
    return claimed;
}

core::Result<bool> Notifier::deliver(const OutboxNotice& n, const MailContent& mail, core::UtcSeconds now) {
    if (!settings.messaging.smtp_url.empty()) {
        MailParts parts;
        parts.to = n.recipient;
        parts.subject = mail.subject;
        parts.body = mail.text;
        parts.html = mail.html;
        parts.date = now;
        parts.message_id = "<notice-" + std::to_string(n.id) + domain + ">";
        parts.references = "<ticket-" + n.ticket_id + domain + ">";  // every email of a ticket in one thread
        parts.list_unsubscribe = mail.stop_link;
        return send_mail_smtp(settings.messaging, std::move(parts));
    }
    if (!settings.dev_outbox) return core::Error{"delivery_failed", "no email delivery is configured"};
    // Development: the email is readable at /dev/outbox?to=ADDRESS; written with "sent" in one transaction.
    std::string failed;
    const bool committed = db.write([&](Connection& c) {
        failed = IdentityStore(c).add_to_outbox(n.recipient, "email", mail.subject, mail.text, now);
        if (failed.empty()) failed = NotificationStore(c).mark_sent(n.id, now);
        return failed.empty();
    });
    if (!committed || !failed.empty()) return core::Error{"storage", "the dev outbox did not take it: " + failed};
    return true;
}

bool Notifier::record_sent(std::int64_t id, core::UtcSeconds now) {
    bool ran = false;
    const bool committed = db.write([&](Connection& c) {
        ran = NotificationStore(c).mark_sent(id, now).empty();
        return ran;
    });
    return committed && ran;
}

void Notifier::record_dropped(const OutboxNotice& n, const std::string& why, core::UtcSeconds now) {
    db.write([&](Connection& c) {
        return NotificationStore(c).give_up(n.id, why, now).empty();
    });  // not recorded: the next pass finds the same reason
}

void Notifier::record_failure(const OutboxNotice& n, const std::string& why, core::UtcSeconds now, Pass& pass) {
    const std::int64_t attempts = n.attempts + 1;
    std::int64_t delay = settings.first_retry_seconds;
    for (std::int64_t i = 1; i < attempts && delay < settings.max_retry_seconds; ++i) delay *= 2;
    delay = std::min(delay, settings.max_retry_seconds);
    const bool give_up = now - n.created_at >= settings.give_up_seconds;
    db.write([&](Connection& c) {
        const auto gave_up_at = give_up ? std::optional<core::UtcSeconds>(now) : std::nullopt;
        return NotificationStore(c).not_sent(n.id, attempts, now + delay, why, gave_up_at).empty();
    });  // not recorded: the lease ends and the next pass tries it again, as it would have
    if (give_up) {
        ++pass.gave_up;
        std::fprintf(stderr, "portal-server: notification %lld (ticket %s) given up after %lld attempts over %lld s: %s\n",
                     static_cast<long long>(n.id), n.ticket_id.c_str(), static_cast<long long>(attempts),
                     static_cast<long long>(now - n.created_at), why.c_str());
    } else {
        ++pass.failed;
        std::fprintf(stderr, "portal-server: notification %lld (ticket %s) not sent (attempt %lld), next in %lld s: %s\n",
                     static_cast<long long>(n.id), n.ticket_id.c_str(), static_cast<long long>(attempts),
                     static_cast<long long>(delay), why.c_str());
    }
}

Notifier::Pass Notifier::run_once() {
    std::lock_guard<std::mutex> one_pass(pass_mutex);
    Pass pass;
    const core::UtcSeconds now = settings.clock();
    // What was sent before the store stopped answering is recorded before anything is claimed again.
    std::erase_if(unrecorded, [&](std::int64_t id) { return record_sent(id, now); });
    if (!unrecorded.empty()) return pass;
    for (const OutboxNotice& n : claim(now)) {
        core::Result<MailContent> mail = core::Error{"storage", "not read"};
        {
            auto r = db.reader();
            mail = notice_mail(*r, settings.links, regions, n);
        }
        if (!mail) {
            if (mail.error().code == "storage") record_failure(n, mail.error().message, settings.clock(), pass);
            else ++pass.dropped, record_dropped(n, mail.error().message, settings.clock());
            continue;
        }
        auto sent = deliver(n, mail.value(), settings.clock());
        if (!sent && sent.error().code == "refused_for_good") {  // an unknown mailbox: said once, not retried
            ++pass.dropped;
            std::fprintf(stderr, "portal-server: notification %lld (ticket %s) refused by the relay for good: %s\n",
                         static_cast<long long>(n.id), n.ticket_id.c_str(), sent.error().message.c_str());
            record_dropped(n, sent.error().message, settings.clock());
            continue;
        }
        if (!sent) {
            record_failure(n, sent.error().message, settings.clock(), pass);
            continue;
        }
        ++pass.sent;
        if (!settings.messaging.smtp_url.empty() && !record_sent(n.id, settings.clock())) unrecorded.push_back(n.id);
    }
    return pass;
}

}  // namespace server
