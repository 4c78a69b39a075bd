#pragma once
// The page a stop link in an email opens (/notifications/stop?t=TICKET&a=ADDRESS&s=SIGNATURE): GET asks
// (a mail scanner that follows links stops nothing), POST stops, from the page's button or from a mail
// client's one-click unsubscribe (RFC 8058, the List-Unsubscribe-Post header). Plain HTML, no script.
#include <functional>

#include "core/time.hpp"
#include "server/database.hpp"
#include "server/httplib_fwd.hpp"
#include "server/notifications/outbox.hpp"

namespace server {

// `links` is read at each request: the server fills it once its keys and origin are known.
void register_notification_routes(httplib::Server& http, Database& db, const NotificationSettings& links,
                                  std::function<core::UtcSeconds()> clock);

}  // namespace server
