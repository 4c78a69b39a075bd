// The JSON request bodies the routes read through server::json_body (the sign-in steps, a reply, the
// survey), then the readers of a reply and of the survey (server::parse_comment_body,
// parse_survey_body), and every answer on its way out (server::respond), here with the body's bytes in
// its message as a path or a name may be. Checks: a body that is not a JSON object gets a 400 whose
// JSON says so; a reply read is non-blank text within the length a ticket's description has; a survey
// read is good, or bad with a reason, within 2000 characters; every answer written is UTF-8 JSON; no
// exception.
#include <httplib.h>

#include "core/ticket.hpp"
#include "fuzz.hpp"
#include "server/reply.hpp"
#include "server/tickets/ticket_service.hpp"

namespace {

void check_answer(const httplib::Response& res, int status) {
    FUZZ_CHECK(res.status == status);
    FUZZ_CHECK(fuzz::is_utf8(res.body));
    const auto body = nlohmann::json::parse(res.body, nullptr, false);
    FUZZ_CHECK(body.is_object());
}

bool blank(const std::string& text) { return text.find_first_not_of(" \t\r\n") == std::string::npos; }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, size_t size) {
    fuzz::guard([&] {
        httplib::Request req;
        req.body = std::string(fuzz::bytes(data, size));
        req.set_header("Content-Type", "application/json");
        httplib::Response res;
        const auto body = server::json_body(req, res);
        if (!body) {
            check_answer(res, 400);
        } else {
            FUZZ_CHECK(body->is_object());
            if (auto reply = server::parse_comment_body(*body))
                FUZZ_CHECK(!blank(reply.value()) && core::utf8_length(reply.value()) <= core::max_description_chars);
            if (auto survey = server::parse_survey_body(*body)) {
                if (survey.value().rating == core::SurveyRating::bad) FUZZ_CHECK(!blank(survey.value().reason));
                FUZZ_CHECK(core::utf8_length(survey.value().reason) <= 2000);
            }
        }
        httplib::Response echoed;
        server::respond(echoed, server::error_reply(server::Outcome::not_found, "not_found",
                                                    "There is nothing at " + req.body + "."));
        check_answer(echoed, 404);
    });
    return 0;
}
