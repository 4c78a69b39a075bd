#pragma once
// The worker that sends the outbox's notifications (outbox.hpp): no request ever waits for SMTP.
//
// Each pass claims a few due notifications for a while (a lease, by a conditional UPDATE in the single
// write path), so that on many nodes one node sends each; sends each (the SMTP relay, or the dev outbox
// in development) and records it sent, or records the failure and when to try again (backoff doubling
// from a few seconds to half an hour; given up after three days, loudly). A node that dies holding a
// claim leaves it to the others once the lease ends. Every email of a notification carries the same
// Message-ID (its row's), so the rare resend after a crash between "sent" and "recorded" is one
// message to the receiving side.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/support_region.hpp"
#include "core/time.hpp"
#include "server/database.hpp"
#include "server/identity/messaging.hpp"
#include "server/notifications/outbox.hpp"

namespace server {

struct NotifierSettings {
    MessagingSettings messaging;  // an SMTP relay (smtp_url); without one, the dev outbox when dev_outbox
    bool dev_outbox = false;
    NotificationSettings links;   // the links' origin and key
    std::function<core::UtcSeconds()> clock;
    std::int64_t lease_seconds = 300;       // a claim's length: more than a batch's sends at their time limit
    std::int64_t first_retry_seconds = 15;  // after the first failure; doubled after each next one
    std::int64_t max_retry_seconds = 1800;
    std::int64_t give_up_seconds = 3 * 86400;
    int batch = 10;
};

class Notifier {
public:
    Notifier(Database& db, const core::SupportRegions& regions, NotifierSettings settings);
    ~Notifier();
    Notifier(const Notifier&) = delete;
    Notifier& operator=(const Notifier&) = delete;

    // Sends what is due every `every`, and at once after poke(), on a thread of its own until destroyed.
    void start(std::chrono::milliseconds every);
    // Something was written to the outbox: look now (a reply's email leaves within the second).
    void poke();

    struct Pass {
        // dropped: the person stopped them or left the copies since, the ticket is gone, or the relay
        // refused the address for good (5xx)
        int sent = 0, failed = 0, gave_up = 0, dropped = 0;
    };
    // One pass, on the caller's thread (tests drive it with their clock).
    Pass run_once();

private:
    std::vector<OutboxNotice> claim(core::UtcSeconds now);
    core::Result<bool> deliver(const OutboxNotice& notice, const MailContent& mail, core::UtcSeconds now);
    bool record_sent(std::int64_t id, core::UtcSeconds now);
    void record_failure(const OutboxNotice& notice, const std::string& why, core::UtcSeconds now, Pass& pass);
    void record_dropped(const OutboxNotice& notice, const std::string& why, core::UtcSeconds now);

    Database& db;
    const core::SupportRegions& regions;
    NotifierSettings settings;
    std::string domain;                 // of the Message-IDs: the sender's
    std::vector<std::int64_t> unrecorded;  // sent, but the store did not take "sent" yet: recorded first
    std::mutex pass_mutex;              // one pass at a time (the thread's, a test's)
    std::mutex mutex;
    std::condition_variable wake;
    bool stopping = false, poked = false;
    std::thread thread;
};

}  // namespace server
