#include "server/events/event_hub.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <vector>

#include "server/events/ticket_events.hpp"

namespace server {

namespace {

std::string event_text(const EventRow& e) {
    const nlohmann::json data{{"ticket", e.ticket}, {"change", e.change}, {"account", e.account}, {"number", e.number}};
    return "id: " + std::to_string(e.id) + "\nevent: ticket\ndata: " + data.dump() + "\n\n";
}

// Told to a page that missed more than can be given again: read everything again.
const char* const reset_text = "event: reset\ndata: {}\n\n";

}  // namespace

struct EventHub::Listener {
    std::string user;
    std::int64_t given_to = 0;  // every event up to this number was given at its opening (or is not wanted)
    std::deque<std::string> queue;
    bool over = false;
    std::condition_variable arrived;
};

EventHub::EventHub(Database& database, Visible may_see, StreamLimits stream_limits)
    : db(database), visible(std::move(may_see)), limits(stream_limits) {
    thread = std::thread([this] { run(); });
}

EventHub::~EventHub() {
    stop();
    if (thread.joinable()) thread.join();
}

void EventHub::stop() {
    std::lock_guard<std::mutex> guard(mutex);
    stopping = true;
    for (const auto& listener : listeners) {
        listener->over = true;
        listener->arrived.notify_all();
    }
    wake.notify_all();
}

void EventHub::poke() {
    {
        std::lock_guard<std::mutex> guard(mutex);
        poked = true;
    }
    wake.notify_all();
}

EventHub::Opened EventHub::open(const std::string& user_id, std::int64_t last_event_id) {
    std::lock_guard<std::mutex> guard(mutex);
    if (stopping)
        return {nullptr, Outcome::unavailable, "unavailable", "The server is stopping. Try again in a moment."};
    if (listeners.size() >= limits.total)
        return {nullptr, Outcome::unavailable, "too_many_streams",
                "This server holds as many live updates as it can. The page checks for changes every 30 seconds instead."};
    if (per_user[user_id] >= limits.per_user)
        return {nullptr, Outcome::too_many, "too_many_streams",
                "Live updates are open in " + std::to_string(limits.per_user) +
                    " pages of yours already. Close one, or this page checks for changes every 30 seconds."};
    auto listener = std::make_shared<Listener>();
    listener->user = user_id;
    {
        auto r = db.reader();
        // What it missed, up to the newest event now; the reader hands out what comes after.
        const auto bounds = EventStore(*r).bounds();
        if (!bounds)
            return {nullptr, Outcome::unavailable, "database_unavailable", "The database cannot be reached right now."};
        if (!started) {
            low = bounds->first;
            started = true;
        }
        listener->given_to = bounds->first;
        const bool kept = bounds->second <= last_event_id + 1;
        if (last_event_id > listener->given_to) {
            listener->queue.push_back(reset_text);  // newer than anything here (another database?): start afresh
        } else if (last_event_id > 0 && last_event_id < listener->given_to) {
            std::vector<EventRow> missed;
            if (!kept || !EventStore(*r).between(last_event_id, listener->given_to, limits.replay_max + 1, missed) ||
                static_cast<int>(missed.size()) > limits.replay_max) {
                listener->queue.push_back(reset_text);
            } else {
                for (const EventRow& e : missed)
                    if (visible(*r, user_id, e.ticket)) listener->queue.push_back(event_text(e));
            }
        }
    }
    listeners.insert(listener);
    ++per_user[user_id];
    wake.notify_all();
    return {std::unique_ptr<Stream>(new Stream(*this, listener)), Outcome::ok, "", ""};
}

void EventHub::close(const std::shared_ptr<Listener>& listener) {
    std::lock_guard<std::mutex> guard(mutex);
    if (listeners.erase(listener) && --per_user[listener->user] == 0) per_user.erase(listener->user);
}

EventHub::Stream::~Stream() { hub.close(listener); }

std::optional<std::string> EventHub::Stream::next(std::chrono::milliseconds wait) {
    std::unique_lock<std::mutex> guard(hub.mutex);
    listener->arrived.wait_for(guard, wait, [this] { return listener->over || !listener->queue.empty(); });
    if (!listener->queue.empty()) {
        std::string text;
        while (!listener->queue.empty()) {
            text += listener->queue.front();
            listener->queue.pop_front();
        }
        return text;
    }
    if (listener->over) return std::nullopt;
    return std::string();
}

void EventHub::run() {
    std::unique_lock<std::mutex> guard(mutex);
    while (!stopping) {
        // No stream open here: nothing to read until one opens (open() wakes it).
        if (listeners.empty()) wake.wait(guard, [this] { return stopping || !listeners.empty(); });
        else wake.wait_for(guard, limits.poll, [this] { return stopping || poked; });
        poked = false;
        if (stopping || listeners.empty() || !started) continue;
        guard.unlock();
        try {
            read_new_events();
        } catch (const std::exception& e) {  // read again at the next tick
            std::fprintf(stderr, "portal-server: the event reader failed a pass: %s\n", e.what());
        }
        guard.lock();
    }
}

void EventHub::read_new_events() {
    std::int64_t from;
    {
        std::lock_guard<std::mutex> guard(mutex);
        from = low;
    }
    std::vector<EventRow> rows;
    std::map<std::pair<std::string, std::string>, bool> seen_by;  // (user, ticket): may see it, this pass
    {
        auto r = db.reader();
        if (!EventStore(*r).between(from, INT64_MAX, 1000, rows)) return;
        for (const EventRow& e : rows) {
            {
                std::lock_guard<std::mutex> guard(mutex);
                if (ahead.count(e.id)) continue;
            }
            deliver(*r, e.id, e.ticket, event_text(e), seen_by);
        }
    }
    // Past what was handed out; a missing number (a transaction still open) is waited for a while.
    std::lock_guard<std::mutex> guard(mutex);
    const auto now = std::chrono::steady_clock::now();
    while (!ahead.empty()) {
        if (*ahead.begin() <= low + 1) {
            low = std::max(low, *ahead.begin());
            ahead.erase(ahead.begin());
            gap_since.reset();
            continue;
        }
        if (!gap_since) gap_since = now;
        if (now - *gap_since < limits.gap_wait) break;
        low = *ahead.begin() - 1;  // never to come: a rolled-back transaction's number
        gap_since.reset();
    }
}

void EventHub::deliver(Connection& c, std::int64_t id, const std::string& ticket, const std::string& text,
                       std::map<std::pair<std::string, std::string>, bool>& seen_by) {
    for (;;) {
        // Who may see it is read outside the lock; a stream that opened meanwhile is asked about next.
        std::set<std::string> unknown;
        {
            std::lock_guard<std::mutex> guard(mutex);
            for (const auto& listener : listeners)
                if (id > listener->given_to && !seen_by.count({listener->user, ticket})) unknown.insert(listener->user);
            if (unknown.empty()) {
                ahead.insert(id);
                for (const auto& listener : listeners) {
                    if (id <= listener->given_to || !seen_by[{listener->user, ticket}]) continue;
                    if (listener->queue.size() >= 1000) {  // a page that stopped reading: it reads everything again
                        listener->queue.clear();
                        listener->queue.push_back(reset_text);
                        listener->over = true;
                    } else {
                        listener->queue.push_back(text);
                    }
                    listener->arrived.notify_all();
                }
                return;
            }
        }
        for (const std::string& user : unknown) seen_by[{user, ticket}] = visible(c, user, ticket);
    }
}

}  // namespace server
