#pragma once
// The ticket API (docs/openapi.yaml): every call Bearer-authenticated through the identity service.
#include <string>

#include "server/httplib_fwd.hpp"

namespace server {

class AuthService;
class TicketService;

void register_ticket_routes(httplib::Server& http, AuthService& auth, TicketService& tickets);

// The routes that take a file (a ticket's, or a draft's before its ticket exists): the only ones whose
// body may be as large as an attachment; checked from the head, before the body is read.
bool is_upload_route(const std::string& method, const std::string& path);

}  // namespace server
