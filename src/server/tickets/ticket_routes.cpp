#include "server/tickets/ticket_routes.hpp"

#include <httplib.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <fstream>
#include <memory>
#include <regex>
#include <string_view>

#include "server/identity/auth_service.hpp"
#include "server/notifications/system_zones.hpp"
#include "server/tickets/attachment_name.hpp"
#include "server/tickets/ticket_service.hpp"

namespace server {

namespace {

// How the request's reader reads the portal: its language (Accept-Language) and time zone (X-Time-Zone,
// kept only when this server can read that zone).
UserLocale reader_of(const httplib::Request& req) {
    UserLocale reader{portal_language(req.get_header_value("Accept-Language")), req.get_header_value("X-Time-Zone")};
    if (!find_zone(reader.time_zone)) reader.time_zone.clear();
    return reader;
}

const std::string account = "/api/accounts/([a-z0-9][a-z0-9-]{0,63})";
const std::string ticket = "/api/tickets/(t_[A-Za-z0-9_-]{1,40})";
const std::string uploads = "/attachments";

}  // namespace

bool is_upload_route(const std::string& method, const std::string& path) {
    static const std::regex upload("(" + account + "|" + ticket + ")" + uploads);
    constexpr std::string_view suffix = "/attachments";
    return method == "POST" && path.size() > suffix.size() &&
           path.compare(path.size() - suffix.size(), suffix.size(), suffix) == 0 && std::regex_match(path, upload);
}

void register_ticket_routes(httplib::Server& http, AuthService& auth, TicketService& tickets) {
    using Req = const httplib::Request&;
    using Res = httplib::Response&;
    // Runs `handler` with the signed-in user's id, or answers 401.
    auto signed_in = [&auth](auto handler) {
        return [&auth, handler](Req req, Res res) {
            auto who = auth.authenticate(req.get_header_value("Authorization"));
            if (auto* reply = std::get_if<Reply>(&who)) return respond(res, *reply);
            handler(std::get<std::string>(who), req, res);
        };
    };
    auto param = [](Req req, const char* name) { return req.has_param(name) ? req.get_param_value(name) : std::string(); };
    auto upload_of = [](Req req, Res res) -> std::optional<Upload> {
        if (!req.is_multipart_form_data() || !req.has_file("file")) {
            respond(res, error_reply(Outcome::invalid, "invalid_request",
                                     "Send the file as multipart/form-data in a field named file."));
            return std::nullopt;
        }
        const httplib::MultipartFormData file = req.get_file_value("file");
        return Upload{file.filename, file.content_type, file.content};
    };

    http.Get("/api/limits", [&tickets](Req, Res res) { respond(res, tickets.limits()); });
    http.Post(account + "/tickets", signed_in([&tickets](const std::string& user, Req req, Res res) {
        if (!json_content(req, res)) return;
        respond(res, tickets.create(user, req.matches[1], req.get_header_value("Idempotency-Key"), req.body,
                                    reader_of(req)));
    }));
    http.Get(account + "/tickets", signed_in([&tickets, param](const std::string& user, Req req, Res res) {
        respond(res, tickets.list(user, req.matches[1], param(req, "status"), param(req, "q"), param(req, "cursor"),
                                  param(req, "limit")));
    }));
    http.Post(account + uploads, signed_in([&tickets, upload_of](const std::string& user, Req req, Res res) {
        if (auto file = upload_of(req, res)) respond(res, tickets.upload_to_account(user, req.matches[1], *file));
    }));
    http.Get(ticket, signed_in([&tickets](const std::string& user, Req req, Res res) {
        respond(res, tickets.get(user, req.matches[1]));
    }));
    http.Post(ticket + "/comments", signed_in([&tickets](const std::string& user, Req req, Res res) {
        if (auto body = json_body(req, res))
            respond(res, tickets.comment(user, req.matches[1], *body, reader_of(req)));
    }));
    http.Post(ticket + "/reopen", signed_in([&tickets](const std::string& user, Req req, Res res) {
        respond(res, tickets.reopen(user, req.matches[1]));
    }));
    http.Delete(ticket + "/cc", signed_in([&tickets, param](const std::string& user, Req req, Res res) {
        respond(res, tickets.remove_cc(user, req.matches[1], param(req, "email")));
    }));
    http.Post(ticket + "/survey", signed_in([&tickets](const std::string& user, Req req, Res res) {
        if (auto body = json_body(req, res)) respond(res, tickets.survey(user, req.matches[1], *body));
    }));
    http.Post(ticket + uploads, signed_in([&tickets, upload_of](const std::string& user, Req req, Res res) {
        if (auto file = upload_of(req, res)) respond(res, tickets.upload_to_ticket(user, req.matches[1], *file));
    }));
    http.Get("/api/attachments/(a_[A-Za-z0-9_-]{1,40})", signed_in([&tickets](const std::string& user, Req req, Res res) {
        auto found = tickets.download(user, req.matches[1]);
        if (auto* reply = std::get_if<Reply>(&found)) return respond(res, *reply);
        const Download& file = std::get<Download>(found);
        if (file.bytes) {  // from PostgreSQL: sent as they are, as a file from disk is
            res.set_header("Cache-Control", "private, no-store");
            res.set_header("Content-Disposition", content_disposition(file.name));
            auto bytes = std::make_shared<const std::string>(*file.bytes);
            res.set_content_provider(bytes->size(), file.mime, [bytes](size_t offset, size_t length, httplib::DataSink& sink) {
                return sink.write(bytes->data() + offset, std::min(length, bytes->size() - offset));
            });
            return;
        }
        // Streamed from disk in pieces: a 10 MB file never sits whole in the server's memory.
        auto in = std::make_shared<std::ifstream>(file.file, std::ios::binary);
        std::error_code error;
        const auto size = std::filesystem::file_size(file.file, error);
        if (!*in || error)
            return respond(res, error_reply(Outcome::unavailable, "storage",
                                            "The file cannot be read right now. Try again in a moment."));
        res.set_header("Cache-Control", "private, no-store");
        res.set_header("Content-Disposition", content_disposition(file.name));
        res.set_content_provider(static_cast<size_t>(size), file.mime, [in](size_t offset, size_t length, httplib::DataSink& sink) {
            std::array<char, 64 * 1024> piece;
            in->seekg(static_cast<std::streamoff>(offset));
            in->read(piece.data(), static_cast<std::streamsize>(std::min(length, piece.size())));
            const std::streamsize got = in->gcount();
            if (got <= 0) return false;  // the file shrank or vanished: the connection is closed
            return sink.write(piece.data(), static_cast<size_t>(got));
        });
    }));
}

}  // namespace server
