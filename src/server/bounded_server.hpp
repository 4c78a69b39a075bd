#pragma once
// cpp-httplib's server with the bounds a public server needs and the library leaves to its user:
// - a deadline for a whole request head (the library only times out each read, so a byte every few
//   seconds held a connection for ever) and a cap on its size;
// - caps on connections, in total and per client address (trusted proxies count in the total only),
//   and a worker for each admitted connection: the library holds a thread per connection, so a fixed
//   pool was taken by slow clients and everything else waited behind them;
// - a budget for each request's body, chosen from its head before any of the body is read, that the
//   socket enforces whatever the framing (Content-Length or chunked; a request with neither has no
//   body, where the library read one until the end of the stream);
// - one client address per request: the peer, or for a trusted proxy the X-Forwarded-For hop it vouches for.
// A refused request (its Exchange says `close`) is answered and its connection closed: nothing after
// it on the wire is read as another request.
#include <httplib.h>

#include <chrono>
#include <cstddef>
#include <functional>
#include <map>
#include <mutex>
#include <string>

#include "server/address_set.hpp"

namespace server {

struct ConnectionLimits {
    std::size_t max_connections = 512;
    std::size_t max_per_address = 128;  // loopback is one address: the bench opens 64 at once
    std::chrono::milliseconds head_timeout{10000};
    std::size_t max_head_bytes = 64 * 1024;
};

// One request as the server sees it, for the handlers of the same thread (BoundedServer::exchange()).
struct Exchange {
    std::string peer;            // the TCP peer
    bool body_pending = false;   // the head announces a body
    int refusal = 0;             // a status decided from the head alone (400, 413), answered before routing
    bool head_timed_out = false, head_too_large = false, body_too_large = false;
    bool close = false;          // close the connection once the response is written
    bool routed = false;         // the request reached the routes (else the library or the head refused it)
    int socket = -1;             // the connection's
};

class BoundedServer : public httplib::Server {
public:
    // The most body bytes a request may send, from its head (method, path, headers).
    using BodyLimit = std::function<std::size_t(const httplib::Request&)>;
    BoundedServer(ConnectionLimits limits, AddressSet trusted_proxies, BodyLimit body_limit);

    // The request being handled on this thread; nullptr outside one.
    static Exchange* exchange();
    // Whether the client of the request on this thread closed its connection (for a long response, such
    // as an event stream, that writes nothing for a while: its worker is freed without waiting to fail a
    // write). Never asked of ordinary responses: a client may half-close and still read its answer.
    static bool client_gone();

private:
    bool process_and_close_socket(socket_t sock) override;
    bool admit(const std::string& peer);
    void release(const std::string& peer);
    void check_head(httplib::Request& req, Exchange& exchange, class GuardedStream& stream);

    ConnectionLimits limits;
    AddressSet trusted;
    BodyLimit body_limit;
    std::mutex counting;
    std::size_t open = 0;
    std::map<std::string, std::size_t> open_by_address;
};

}  // namespace server
