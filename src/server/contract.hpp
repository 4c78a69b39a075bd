#pragma once
// The API's contract, compiled in at build time: docs/openapi.yaml as it is, and the reference page
// built from it (tools/api-reference.mjs). The server serves both (/api/openapi.yaml, /api/reference).
#include <string_view>

namespace server::contract {

std::string_view openapi_yaml();
std::string_view api_reference_html();

}  // namespace server::contract
