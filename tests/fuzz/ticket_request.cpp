// POST /api/accounts/{account}/tickets: the body as the server reads it (core::parse_ticket_request),
// then what the server does with what it read: validation worded in English, the priority, the request
// hash (ticket_request_json) and the stored cc list. Checks: every string read is UTF-8; what the server
// hashes parses back to the same fields (so a retry with the same body hashes the same); no exception.
#include <nlohmann/json.hpp>

#include "core/i18n.hpp"
#include "core/ticket.hpp"
#include "fuzz.hpp"

namespace {

bool same(const core::TicketFields& a, const core::TicketFields& b) {
    if (a.attachments.size() != b.attachments.size()) return false;
    for (size_t i = 0; i < a.attachments.size(); ++i)
        if (a.attachments[i].id != b.attachments[i].id) return false;
    return a.kind == b.kind && a.title == b.title && a.description == b.description && a.users == b.users &&
           a.impact == b.impact && a.environment == b.environment && a.experience == b.experience &&
           a.agency == b.agency && a.cc == b.cc && a.follow_up_of == b.follow_up_of;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, size_t size) {
    fuzz::guard([&] {
        auto parsed = core::parse_ticket_request(fuzz::bytes(data, size));
        if (!parsed) {
            FUZZ_CHECK(!parsed.error().code.empty() && fuzz::is_utf8(parsed.error().message));
            return;
        }
        const core::TicketFields& fields = parsed.value();
        for (const std::string* text : {&fields.title, &fields.description, &fields.agency, &fields.follow_up_of})
            FUZZ_CHECK(fuzz::is_utf8(*text));
        for (const std::string& cc : fields.cc) FUZZ_CHECK(fuzz::is_utf8(cc));
        for (const core::AttachmentRef& a : fields.attachments) FUZZ_CHECK(fuzz::is_utf8(a.id));

        const std::string hashed = core::ticket_request_json(fields);
        auto again = core::parse_ticket_request(hashed);
        FUZZ_CHECK(again.ok());
        FUZZ_CHECK(same(fields, again.value()));
        FUZZ_CHECK(core::ticket_request_json(again.value()) == hashed);

        for (const core::FieldError& problem : core::validate_ticket(fields)) {
            FUZZ_CHECK(!problem.field.empty() && !problem.message.key.empty());
            FUZZ_CHECK(!core::english(problem.message).empty());
        }
        (void)core::derive_priority(core::answers_of(fields));
        (void)nlohmann::json(fields.cc).dump();  // the stored cc column
    });
    return 0;
}
