// Whole HTTP requests through the HTTP library's own request handling (httplib::Server::process_request:
// request line, headers, query, form and multipart bodies), into handlers shaped as the server's routes
// that read them: an upload (multipart, the field "file", its name through server::attachment_name and
// its Content-Disposition), the ticket list's query (read further by fuzz_query_params) and the token
// endpoint's form. Thin on purpose: the parser is the library's; ours is what we take from it. The
// library's own source is compiled in when setup fetched it (HTTPLIB_SOURCE: Debian's packaged library
// is not instrumented, so libFuzzer would see only our side). Checks: no part, parameter or file is
// larger than the request; a kept name is UTF-8 without control characters or path; an answer, when
// one is written, is an HTTP/1.1 status line; no exception.
#include <httplib.h>

#include "fuzz.hpp"
#include "server/tickets/attachment_name.hpp"

namespace {

class FuzzServer : public httplib::Server {
public:
    // The request in `stream`, handled as a connection's one request (the signature differs across
    // cpp-httplib versions; both forms are tried).
    template <class Stream>
    void handle(Stream& stream) {
        bool closed = false;
        if constexpr (requires { process_request(stream, true, closed, nullptr); })
            process_request(stream, true, closed, nullptr);
        else
            process_request(stream, "127.0.0.1", 40000, "127.0.0.1", 8080, true, closed, nullptr);
    }
};

FuzzServer& server_for(size_t& request_size) {
    static size_t* size = nullptr;
    size = &request_size;
    static FuzzServer* http = [] {
        auto* s = new FuzzServer;
        using Req = const httplib::Request&;
        using Res = httplib::Response&;
        const std::string account = "/api/accounts/([a-z0-9][a-z0-9-]{0,63})";
        s->set_payload_max_length(64 * 1024);
        s->Post(account + "/attachments", [](Req req, Res res) {
            for (const auto& [field, file] : req.files) FUZZ_CHECK(file.content.size() <= *size);
            if (!req.is_multipart_form_data() || !req.has_file("file")) {
                res.status = 400;
                return;
            }
            const httplib::MultipartFormData file = req.get_file_value("file");
            const std::string name = server::attachment_name(file.filename);
            FUZZ_CHECK(fuzz::is_utf8(name) && !name.empty() && name.find_first_of("/\\") == std::string::npos);
            for (unsigned char c : name) FUZZ_CHECK(c >= 0x20 && c != 0x7f);
            res.set_content(server::content_disposition(name), "text/plain");
        });
        s->Get(account + "/tickets", [](Req req, Res res) {
            for (const char* name : {"status", "q", "cursor", "limit"})
                if (req.has_param(name)) FUZZ_CHECK(req.get_param_value(name).size() <= *size);
            res.status = 200;
        });
        s->Post("/oauth/token", [](Req req, Res res) {
            for (const char* name : {"grant_type", "code", "code_verifier", "client_id", "redirect_uri", "refresh_token"})
                if (req.has_param(name)) FUZZ_CHECK(req.get_param_value(name).size() <= *size);
            res.status = 400;
        });
        s->set_exception_handler([](Req, Res, std::exception_ptr error) {
            try {
                std::rethrow_exception(error);
            } catch (const std::exception& e) {
                std::fprintf(stderr, "fuzz: an exception escaped a handler: %s\n", e.what());
            } catch (...) {
            }
            std::abort();
        });
        return s;
    }();
    return *http;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, size_t size) {
    fuzz::guard([&] {
        httplib::detail::BufferStream stream;  // reads what was written to it, then takes the answer
        stream.write(reinterpret_cast<const char*>(data), size);
        server_for(size).handle(stream);
        const std::string& buffer = stream.get_buffer();
        FUZZ_CHECK(buffer.compare(0, size, fuzz::bytes(data, size)) == 0);
        if (buffer.size() > size) FUZZ_CHECK(buffer.compare(size, 9, "HTTP/1.1 ") == 0);
    });
    return 0;
}
