#pragma once
// The identity API's HTTP routes (the contract of issue 4, in docs/openapi.yaml): thin glue from
// requests to AuthService and from its Replies to responses.
namespace httplib { class Server; }

namespace server {
class AuthService;
void register_auth_routes(httplib::Server& http, AuthService& auth);
}  // namespace server
