#include <doctest/doctest.h>

#include <arpa/inet.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "child_process.hpp"
#include "server/config.hpp"
#include "server/http_server.hpp"
#include "test_server.hpp"

namespace {

httplib::Client client(int port) {
    httplib::Client cli("127.0.0.1", port);
    cli.set_decompress(false);  // compare the bytes on the wire
    return cli;
}

// Sends raw bytes and returns the raw response (for requests no HTTP client would send).
std::string raw_exchange(int port, const std::string& bytes) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    REQUIRE(write(fd, bytes.data(), bytes.size()) == static_cast<ssize_t>(bytes.size()));
    // Read until the server closes or stays quiet for a second (it may keep the connection alive).
    timeval quiet{1, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &quiet, sizeof quiet);
    std::string out;
    char buffer[4096];
    ssize_t n;
    while ((n = read(fd, buffer, sizeof buffer)) > 0) out.append(buffer, static_cast<size_t>(n));
    close(fd);
    return out;
}

nlohmann::json body_json(const httplib::Result& res) {
    return nlohmann::json::parse(res->body, nullptr, false);
}

}  // namespace

TEST_CASE("GET /healthz answers ok with the schema version") {
    TestServer server;
    httplib::Client cli("127.0.0.1", server.port);  // it asks for compressed answers, so it must decompress them
    auto res = cli.Get("/healthz");
    REQUIRE(res);
    CHECK(res->status == 200);
    auto body = body_json(res);
    CHECK(body["status"] == "ok");
    CHECK(body["schema_version"] == server::migrations().back().version);
}

TEST_CASE("the page carries the Content-Security-Policy with the configured frame ancestors") {
    server::ServerConfig config;
    config.frame_ancestors = {"https://admin.example.com"};
    TestServer server(config);
    auto res = client(server.port).Get("/");
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(res->get_header_value("Content-Type") == "text/html; charset=utf-8");
    std::string csp = res->get_header_value("Content-Security-Policy");
    CHECK(csp.find("script-src 'self' 'wasm-unsafe-eval'") != std::string::npos);
    CHECK(csp.find("frame-ancestors 'self' https://admin.example.com") != std::string::npos);
    CHECK(csp.find("'unsafe-inline'") == std::string::npos);
    CHECK(res->get_header_value("X-Content-Type-Options") == "nosniff");
}

TEST_CASE("the page's inline scripts are allowed by their SHA-256 alone") {
    const std::string page =
        "<head><script>alert(1)</script><script src=\"boot.js\" defer></script></head><body><script></script>";
    // sha256("alert(1)") and sha256(""), in base64 as CSP writes them; the script with a src is not inline.
    CHECK(server::inline_script_sources(page) ==
          " 'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI=' 'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='");
    CHECK(server::inline_script_sources("<!doctype html><title>portal</title>").empty());
    CHECK(server::inline_script_sources("<script>never closed").empty());
}

TEST_CASE("the wasm goes out as application/wasm, pre-compressed as the browser accepts") {
    TestServer server;
    auto cli = client(server.port);
    auto br = cli.Get("/portal.wasm", {{"Accept-Encoding", "gzip, deflate, br"}});
    REQUIRE(br);
    CHECK(br->status == 200);
    CHECK(br->get_header_value("Content-Type") == "application/wasm");
    CHECK(br->get_header_value("Content-Encoding") == "br");
    CHECK(br->body == "BROTLI-BYTES");
    CHECK(br->get_header_value("Vary") == "Accept-Encoding");
    CHECK(br->get_header_value("X-Decoded-Content-Length") == "8");

    auto gz = cli.Get("/portal.wasm", {{"Accept-Encoding", "gzip"}});
    REQUIRE(gz);
    CHECK(gz->get_header_value("Content-Encoding") == "gzip");
    CHECK(gz->body == "GZIP-BYTES");

    auto plain = cli.Get("/portal.wasm", {{"Accept-Encoding", "identity"}});
    REQUIRE(plain);
    CHECK_FALSE(plain->has_header("Content-Encoding"));
    CHECK(plain->body == std::string("\0asm\1\0\0\0", 8));
}

TEST_CASE("an unchanged file revalidates with its ETag as 304") {
    TestServer server;
    auto cli = client(server.port);
    auto first = cli.Get("/boot.js");
    REQUIRE(first);
    std::string etag = first->get_header_value("ETag");
    REQUIRE_FALSE(etag.empty());
    CHECK(first->get_header_value("Cache-Control") == "no-cache");
    auto second = cli.Get("/boot.js", {{"If-None-Match", etag}});
    REQUIRE(second);
    CHECK(second->status == 304);
    CHECK(second->body.empty());
    // Each encoding has its own tag: a gzip copy never answers for the plain one.
    auto gz_tagged = cli.Get("/portal.wasm", {{"Accept-Encoding", "gzip"}});
    auto plain = cli.Get("/portal.wasm", {{"If-None-Match", gz_tagged->get_header_value("ETag")}});
    CHECK(plain->status == 200);
}

TEST_CASE("unknown paths, traversal and unknown APIs get 404 with a JSON message") {
    TestServer server;
    httplib::Client cli("127.0.0.1", server.port);  // it asks for compressed answers, so it must decompress them
    // The last two are not UTF-8 once decoded: the message that names them still goes out (it answered 500).
    for (const char* path : {"/nope.js", "/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/api/tickets", "/api/%FF%FE",
                             "/api/\xC3"}) {
        CAPTURE(path);
        auto res = cli.Get(path);
        REQUIRE(res);
        CHECK(res->status == 404);
        auto body = body_json(res);
        CHECK(body["error"] == "not_found");
        CHECK_FALSE(body["message"].get<std::string>().empty());
    }
}

TEST_CASE("an oversized body gets 413 with a message, and the server keeps serving") {
    server::ServerConfig config;
    config.max_body_bytes = 1024;
    TestServer server(config);
    httplib::Client cli("127.0.0.1", server.port);
    auto res = cli.Post("/api/anything", std::string(4096, 'x'), "application/json");
    REQUIRE(res);
    CHECK(res->status == 413);
    auto body = body_json(res);
    CHECK(body["error"] == "payload_too_large");
    CHECK(body["message"].get<std::string>().find("too large") != std::string::npos);
    CHECK(client(server.port).Get("/healthz")->status == 200);
}

TEST_CASE("a malformed request line gets 400, and the server keeps serving") {
    TestServer server;
    std::string reply = raw_exchange(server.port, "THIS IS NOT HTTP\r\n\r\n");
    CHECK(reply.rfind("HTTP/1.1 400", 0) == 0);
    CHECK(reply.find("\"error\":\"bad_request\"") != std::string::npos);
    CHECK(reply.find("Content-Security-Policy") == reply.rfind("Content-Security-Policy"));  // once
    std::string garbage = raw_exchange(server.port, std::string("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n", 15));
    CHECK(garbage.rfind("HTTP/1.1 400", 0) == 0);
    CHECK(client(server.port).Get("/healthz")->status == 200);
}

TEST_CASE("command-line options: defaults, values, and clear refusals") {
    auto defaults = server::parse_args({});
    REQUIRE(defaults.ok());
    CHECK(defaults.value().config.host == "127.0.0.1");
    CHECK(defaults.value().config.port == 8080);
    CHECK(defaults.value().config.data_dir == "data");

    auto given = server::parse_args({"--port", "9090", "--data", "/tmp/x", "--frame-ancestor", "https://a.example"});
    REQUIRE(given.ok());
    CHECK(given.value().config.port == 9090);
    CHECK(given.value().config.data_dir == "/tmp/x");
    CHECK(given.value().config.frame_ancestors == std::vector<std::string>{"https://a.example"});

    CHECK(server::parse_args({"--help"}).value().help);
    for (auto bad : {std::vector<std::string>{"--port", "http"}, {"--port", "70000"}, {"--port"}, {"--bogus"},
                     {"--frame-ancestor", "https://a.example; script-src *"}, {"--frame-ancestor", "*"}}) {
        auto result = server::parse_args(bad);
        REQUIRE_FALSE(result.ok());
        CHECK(result.error().message.find("Usage:") != std::string::npos);
    }
}

TEST_CASE("the server binary stops cleanly on SIGTERM") {
    SpawnedServer server;
    REQUIRE(server.port > 0);
    CHECK(client(server.port).Get("/healthz")->status == 200);

    const std::string output = server.stop();
    CHECK(WIFEXITED(server.exit_status));
    CHECK(WEXITSTATUS(server.exit_status) == 0);
    CHECK(output.find("stopped cleanly") != std::string::npos);
    if (!TestDatabase::postgres()) CHECK(std::filesystem::exists(server.dir / "data/portal.sqlite3"));
}
