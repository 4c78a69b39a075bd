#pragma once
// The HTTP library's types that headers name only by reference, declared without its large header.
namespace httplib {
struct Request;
struct Response;
class Server;
}  // namespace httplib
