#pragma once
// The event streams of open pages (GET /api/events): each stream belongs to a signed-in user and
// hears, at once, the changes to the tickets that user may see, whichever node made them.
//
// While a stream is open on this node, one thread reads the new rows of ticket_events (every 250 ms,
// and at once after a change made here) and hands each to the streams whose user may see its ticket.
// Every node reads the same table, so a change made on one node reaches a stream held by another
// without a message bus; on PostgreSQL an identity number taken by a transaction that has not
// committed yet leaves a gap for a moment, which the reader waits for (5 s at most: a rolled-back
// transaction's number never comes). A stream that comes back with Last-Event-ID is given what it
// missed, or told to read everything again when that is more than the table keeps.
// Streams are bounded per user and in total: each holds a connection's worker thread.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>

#include "server/database.hpp"
#include "server/outcome.hpp"

namespace server {

struct StreamLimits {
    std::size_t per_user = 4, total = 200;
    std::chrono::milliseconds poll{250};  // how often the table is read while streams are open
    std::chrono::seconds gap_wait{5};     // how long a missing number is waited for
    int replay_max = 500;                 // more missed than this: the page reads everything again
};

class EventHub {
public:
    // Whether `user_id` may see the ticket (TicketService::visible_to).
    using Visible = std::function<bool(Connection&, const std::string& user_id, const std::string& ticket_id)>;
    EventHub(Database& db, Visible visible, StreamLimits limits = {});
    ~EventHub();
    EventHub(const EventHub&) = delete;
    EventHub& operator=(const EventHub&) = delete;

    struct Listener;
    class Stream {
    public:
        ~Stream();
        // The next part of the stream in text/event-stream's format: "" when nothing came within `wait`,
        // nullopt once the stream is over (the hub stopped, or the stream fell too far behind).
        std::optional<std::string> next(std::chrono::milliseconds wait);

    private:
        friend class EventHub;
        Stream(EventHub& owner, std::shared_ptr<Listener> of) : hub(owner), listener(std::move(of)) {}
        EventHub& hub;
        std::shared_ptr<Listener> listener;
    };

    struct Opened {
        std::unique_ptr<Stream> stream;  // null when refused
        Outcome outcome = Outcome::ok;
        std::string error, message;
    };
    // A stream for `user_id`, after `last_event_id` (0: from now on).
    Opened open(const std::string& user_id, std::int64_t last_event_id);
    // A change was committed here: read the table now.
    void poke();
    // Every stream ends (the server is stopping); no new one opens.
    void stop();

private:
    void run();
    void read_new_events();
    void deliver(Connection& c, std::int64_t id, const std::string& ticket, const std::string& text,
                 std::map<std::pair<std::string, std::string>, bool>& seen_by);
    void close(const std::shared_ptr<Listener>& listener);

    Database& db;
    Visible visible;
    StreamLimits limits;
    std::mutex mutex;
    std::condition_variable wake;
    std::set<std::shared_ptr<Listener>> listeners;
    std::map<std::string, std::size_t> per_user;
    bool started = false;             // `low` was read
    std::int64_t low = 0;             // every event numbered up to this was handed out (or skipped)
    std::set<std::int64_t> ahead;     // handed out, above `low` (a gap below them is waited for)
    std::optional<std::chrono::steady_clock::time_point> gap_since;
    bool stopping = false, poked = false;
    std::thread thread;
};

}  // namespace server
