#include <doctest/doctest.h>

#include "server/static_files.hpp"
#include "test_server.hpp"

using server::Encoding;

TEST_CASE("MIME types of the served files") {
    CHECK(server::mime_type("portal.wasm") == "application/wasm");
    CHECK(server::mime_type("index.html") == "text/html; charset=utf-8");
    CHECK(server::mime_type("boot.js") == "text/javascript; charset=utf-8");
    CHECK(server::mime_type("portal.css") == "text/css; charset=utf-8");
    CHECK(server::mime_type("help_center.json") == "application/json");
    CHECK(server::mime_type("unknown.bin") == "application/octet-stream");
}

TEST_CASE("the encoding follows Accept-Encoding and what the build wrote") {
    server::StaticFile both{"application/wasm", "raw", "gz", "br", "e"};
    server::StaticFile gzip_only{"text/css", "raw", "gz", "", "e"};
    CHECK(server::choose_encoding("gzip, deflate, br", both) == Encoding::brotli);
    CHECK(server::choose_encoding("gzip", both) == Encoding::gzip);
    CHECK(server::choose_encoding("br;q=0, gzip;q=0.5", both) == Encoding::gzip);
    CHECK(server::choose_encoding("", both) == Encoding::identity);
    CHECK(server::choose_encoding("identity", both) == Encoding::identity);
    CHECK(server::choose_encoding("br", gzip_only) == Encoding::identity);
    CHECK(server::choose_encoding("br, gzip", gzip_only) == Encoding::gzip);
}

TEST_CASE("loading skips compressed siblings and serves / as index.html") {
    auto dir = make_temp_dir("static-files");
    write_file(dir / "index.html", "<html>");
    write_file(dir / "index.html.gz", "gz");
    write_file(dir / "a/b.js", "x");
    auto files = server::StaticFiles::load(dir);
    REQUIRE(files.ok());
    CHECK(files.value().size() == 2);
    REQUIRE(files.value().find("/") != nullptr);
    CHECK(files.value().find("/")->gzip == "gz");
    CHECK(files.value().find("/a/b.js") != nullptr);
    CHECK(files.value().find("/index.html.gz") == nullptr);
    CHECK(files.value().find("/../etc/passwd") == nullptr);
    std::filesystem::remove_all(dir);
}

TEST_CASE("a missing web folder is reported with what to do") {
    auto files = server::StaticFiles::load("/nonexistent/web");
    REQUIRE_FALSE(files.ok());
    CHECK(files.error().message.find("build the web app first") != std::string::npos);
}

TEST_CASE("content-named files are kept a year, the pages naming them revalidated") {
    CHECK(server::content_named("portal.952aa5232b.wasm"));
    CHECK(server::content_named("/boot.f01413c9ac.js"));
    CHECK_FALSE(server::content_named("portal.wasm"));
    CHECK_FALSE(server::content_named("index.html"));
    CHECK_FALSE(server::content_named("portal.952aa5232.wasm"));    // nine digits
    CHECK_FALSE(server::content_named("portal.952AA5232b.wasm"));   // not the tool's lower-case hex
    CHECK_FALSE(server::content_named("portal-952aa5232b.wasm"));   // no dot before the hash
    CHECK_FALSE(server::content_named("portal.952aa5232b."));
    CHECK(server::cache_control("/portal.952aa5232b.wasm") == "public, max-age=31536000, immutable");
    CHECK(server::cache_control("/index.html") == "no-cache");
    CHECK(server::cache_control("/") == "no-cache");
}
