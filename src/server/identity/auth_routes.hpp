#pragma once
// The identity API's HTTP routes (the contract of issue 4, in docs/openapi.yaml): thin glue from
// requests to AuthService and from its Replies to responses.
#include <string>

namespace httplib { class Server; }

namespace server {
class AuthService;
// public_origin: the portal's origin as browsers see it (empty: the request's own Host).
void register_auth_routes(httplib::Server& http, AuthService& auth, const std::string& public_origin);
}  // namespace server
