// What the portal reads from the server's answers (the client side of the network): the sign-in flow's
// responses at each of its steps (core::SignInFlow::on_response, and the Google popup's result through
// google_returned), an error answer's words (core::server_message), GET /api/limits
// (core::parse_attachment_limits) and the ticket API's answers (core/ticket_api.hpp). The first byte
// picks the step, the second the status (for the ticket API: which answer), the rest is the body.
// Checks: the flow is busy exactly when it asks for a next request; what it says renders in every
// language; a token means the flow is done; the limits and the ticket answers survive writing and
// reading (the same value, the same bytes written again); no exception.
#include <nlohmann/json.hpp>

#include "core/i18n.hpp"
#include "core/sign_in.hpp"
#include "core/ticket.hpp"
#include "core/ticket_api.hpp"
#include "fuzz.hpp"

namespace {

const core::PkceSecrets secrets{"verifier-verifier-verifier-verifier-verifier", "state-123"};

void respond(core::SignInFlow& flow, int status, const char* body) {
    flow.on_response(status, body);
    FUZZ_CHECK(flow.error.empty());
}

// A flow with `step` (0-7) in flight, driven there by the answers a good server gives.
core::SignInFlow flow_at(int step) {
    const bool password = step == 2 || step == 3 || step == 5;
    core::SignInFlow flow(password ? core::SignInMethod::password : core::SignInMethod::email_code,
                          "http://127.0.0.1:8080/callback.html");
    flow.email = "ana@demo.store";
    flow.password = "demo-password-1";
    if (step == 7) {
        FUZZ_CHECK(flow.continue_with_google(secrets));
        respond(flow, 201, R"({"transaction_id":"T1"})");
        return flow;
    }
    FUZZ_CHECK(password ? flow.submit_password(secrets) : flow.send_code(secrets));
    if (step == 0) return flow;                                    // the transaction
    respond(flow, 201, R"({"transaction_id":"T1"})");
    if (step == 1 || step == 2) return flow;                       // the email code, the password
    if (password) {
        respond(flow, 200, step == 3 ? R"({"methods":["sms"]})" : R"({"methods":["totp"]})");
        if (step == 3) return flow;                                // the SMS
        flow.code = "123456";
        FUZZ_CHECK(flow.verify_factor());
        return flow;                                               // the second factor
    }
    respond(flow, 202, R"({"message":"A code is on its way."})");
    flow.code = "123456";
    FUZZ_CHECK(flow.verify_code());
    if (step == 4) return flow;                                    // the code's check
    respond(flow, 200, R"({"code":"AC","state":"state-123"})");
    return flow;                                                   // the token (6)
}

void check_said(const core::Text& text) {
    for (std::string_view lang : core::languages) (void)core::render(lang, text);
}

// What reads is written back as the contract has it, reads again as the same value and is written again
// byte for byte; `also` checks the value further.
template <class Parse, class Also>
void round_trip(std::string_view body, Parse parse, Also also) {
    auto read = parse(body);
    if (!read) {
        FUZZ_CHECK(!read.error().code.empty() && !read.error().message.empty());
        return;
    }
    const std::string written = core::to_json(read.value()).dump();
    auto again = parse(written);
    FUZZ_CHECK(again.ok());
    FUZZ_CHECK(again.value() == read.value());
    FUZZ_CHECK(core::to_json(again.value()).dump() == written);
    also(read.value());
}

void check_ticket_answer(int which, std::string_view body) {
    const auto nothing = [](const auto&) {};
    switch (which) {
        case 0: return round_trip(body, core::parse_ticket_summary, nothing);
        case 1: return round_trip(body, core::parse_ticket_comment, nothing);
        case 2: return round_trip(body, core::parse_stored_attachment, nothing);
        case 3: return round_trip(body, core::parse_ticket_survey, nothing);
        case 4:
            return round_trip(body, core::parse_ticket_details, [](const core::TicketDetails& details) {
                // What a follow-up's form would start from is checked as any form is.
                for (const core::FieldError& e : core::validate_ticket(core::form_fields(details)))
                    check_said(e.message);
            });
        case 5: return round_trip(body, core::parse_ticket_page, nothing);
        default:
            return round_trip(body, core::parse_ticket_refusal, [](const core::TicketRefusal& refusal) {
                for (const core::RefusedField& f : refusal.fields) check_said(core::problem_text(f));
            });
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, size_t size) {
    if (size < 2) return 0;
    fuzz::guard([&] {
        static constexpr int statuses[] = {0, 200, 201, 202, 204, 302, 400, 401, 403, 404, 409, 413, 422, 429, 500, 503};
        const int step = data[0] % 10;
        const int status = statuses[data[1] % 16];
        const std::string_view body = fuzz::bytes(data + 2, size - 2);
        if (step == 9) {
            check_ticket_answer(data[1] % 7, body);
            return;
        }
        if (step == 8) {
            check_said(core::server_message(body, core::Text::of("error.not_understood", {{"status", "500"}})));
            if (auto limits = core::parse_attachment_limits(body)) {
                auto again = core::parse_attachment_limits(core::attachment_limits_json(limits.value()));
                FUZZ_CHECK(again.ok());
                FUZZ_CHECK(again.value().max_file_bytes == limits.value().max_file_bytes &&
                           again.value().max_files == limits.value().max_files &&
                           again.value().extensions == limits.value().extensions);
            }
            return;
        }
        core::SignInFlow flow = flow_at(step);
        std::optional<core::ApiRequest> next;
        if (step == 7) {
            // The popup's result: code, state, description, error code and email, split at newlines.
            auto [code, rest] = fuzz::split(body, '\n');
            auto [state, rest2] = fuzz::split(rest, '\n');
            auto [description, rest3] = fuzz::split(rest2, '\n');
            auto [error_code, email] = fuzz::split(rest3, '\n');
            next = flow.google_returned(std::string(code), state.empty() ? secrets.state : std::string(state),
                                        std::string(description), std::string(error_code), std::string(email));
        } else {
            FUZZ_CHECK(flow.busy());
            next = flow.on_response(status, body);
        }
        FUZZ_CHECK(flow.busy() == next.has_value());
        if (next) FUZZ_CHECK(!next->path.empty() && next->path[0] == '/');
        if (flow.access_token) FUZZ_CHECK(flow.step == core::SignInStep::done);
        check_said(flow.error);
        check_said(flow.notice);
    });
    return 0;
}
