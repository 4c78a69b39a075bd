#pragma once
// The ticket API (docs/openapi.yaml): every call Bearer-authenticated through the identity service.
namespace httplib { class Server; }

namespace server {

class AuthService;
class TicketService;

void register_ticket_routes(httplib::Server& http, AuthService& auth, TicketService& tickets);

}  // namespace server
