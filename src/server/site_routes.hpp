#pragma once
// The routes of the site around the APIs: the contract (the OpenAPI document, its reference page and the
// OAuth metadata) and the built web files.
#include <string>

namespace httplib {
class Server;
}

namespace server {

class StaticFiles;

// `origin` is read at each request: the server knows it once bound.
void register_contract_routes(httplib::Server& s, const std::string& origin, bool hsts);
// Every GET no other route took: a web file, or a 404 in JSON. Registered last.
void register_static_files(httplib::Server& s, const StaticFiles& files);

}  // namespace server
