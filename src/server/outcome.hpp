#pragma once
// What a service's answer means, named by the rule that decided it, never by an HTTP status: the
// services (identity, tickets, notifications, events) return these, and only the HTTP side
// (http_status() in reply.cpp) turns them into numbers. A test holds the mapping (reply_test.cpp).
#include <cstdint>

namespace server {

enum class Outcome : std::uint8_t {
    // Done.
    ok,        // answered, or changed, as asked
    created,   // a new thing (a ticket, a reply, a file, a sign-in transaction)
    accepted,  // on its way (a code sent by email or SMS)
    // Refused by a rule; nothing was changed.
    invalid,          // validation: the request or a field breaks a rule of its content
    unauthenticated,  // no valid sign-in, or a wrong code or password
    forbidden,        // permission: a member who may not do this here
    not_found,        // nothing by that name the user may see (another user's ticket is not found too)
    conflict,         // lifecycle: not in this state (a closed ticket's reply, a used code)
    gone,             // was there and is no more (an expired sign-in, a swept file)
    too_large,        // a file above the limit
    unsupported,      // a body that is not of the type asked for
    key_reused,       // idempotency: the key was used for a different request
    too_many,         // a limit of attempts or of rate; try again after a wait
    // Not done, through no fault of the request.
    upstream_failed,  // a provider the server relies on (SMS, Google) failed
    unavailable,      // the database could not answer or did not commit; nothing was stored
    storage_full,     // no room left to store it
    failed,           // anything else that went wrong on the server
};

constexpr bool refused(Outcome outcome) { return outcome >= Outcome::invalid; }

}  // namespace server
