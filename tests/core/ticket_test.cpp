// The ticket form's rules (shared by the client and the server), the upload limits and the life cycle.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "core/assets.hpp"
#include "core/ticket.hpp"

using namespace core;

namespace {

TicketFields complete_incident() {
    TicketFields f;
    f.kind = RequestKind::incident;
    f.title = "Checkout fails with a 500";
    f.description = "Since 10:00 every order fails at payment.";
    f.users = UsersAffected::buyers;
    f.impact = Impact::critical;
    f.environment = Environment::production;
    f.experience = Experience::advanced;
    return f;
}

std::vector<std::string> fields_of(const std::vector<FieldError>& errors) {
    std::vector<std::string> out;
    for (const FieldError& e : errors) out.push_back(e.field);
    return out;
}

}  // namespace

TEST_CASE("a complete incident is valid; each missing answer is named beside its field") {
    CHECK(validate_ticket(complete_incident()).empty());
    TicketFields empty;
    empty.kind = RequestKind::incident;
    CHECK(fields_of(validate_ticket(empty)) ==
          std::vector<std::string>{"title", "description", "users", "impact", "environment", "experience"});
    TicketFields question = complete_incident();
    question.kind = RequestKind::question;
    question.users.reset();
    question.impact.reset();
    CHECK(validate_ticket(question).empty());  // who/what is asked of incidents only
    TicketFields financial;
    financial.kind = RequestKind::financial;
    CHECK(fields_of(validate_ticket(financial)) == std::vector<std::string>{"title", "description"});
    CHECK(english(validate_ticket(financial)[0].message) == "Choose the subject.");
}

TEST_CASE("titles are counted in characters, not bytes; CC addresses are checked one by one") {
    TicketFields f = complete_incident();
    f.title = std::string(150, 'a');
    CHECK(validate_ticket(f).empty());
    f.title = "";
    for (int i = 0; i < 150; ++i) f.title += "\xC3\xA7";  // 150 x c-cedilla: 300 bytes
    CHECK(validate_ticket(f).empty());
    f.title += "x";
    REQUIRE(validate_ticket(f).size() == 1);
    CHECK(english(validate_ticket(f)[0].message) == "Keep the title under 150 characters (it has 151).");
    // One line: a break or a control character in the middle is refused (spaces around are trimmed).
    for (const char* title : {"Checkout\nfails", "Checkout\tfails", "Checkout\rfails", "Checkout\x7F fails"}) {
        f.title = title;
        REQUIRE_MESSAGE(validate_ticket(f).size() == 1, title);
        CHECK(validate_ticket(f)[0].field == "title");
        CHECK(english(validate_ticket(f)[0].message) == "Keep the title on one line, without tabs or control characters.");
    }
    f.title = "  Checkout fails \n";
    CHECK(validate_ticket(f).empty());
    // ... and the server keeps it without them.
    auto parsed = parse_ticket_request(R"({"kind":"question","title":"  Checkout fails \n","description":"x",)"
                                       R"("agency":" Acme\t","environment":"production","experience":"advanced"})");
    REQUIRE(parsed);
    CHECK(parsed.value().title == "Checkout fails");
    CHECK(parsed.value().agency == "Acme");
    f = complete_incident();
    f.cc = split_emails("ops@loja.com.br, dev@agency.io; \n  boss@loja.com.br");
    CHECK(f.cc == std::vector<std::string>{"ops@loja.com.br", "dev@agency.io", "boss@loja.com.br"});
    CHECK(validate_ticket(f).empty());
    f.cc.push_back("not-an-email");
    REQUIRE(validate_ticket(f).size() == 1);
    CHECK(english(validate_ticket(f)[0].message) == "\"not-an-email\" is not an email address.");
    for (const char* bad : {"a@b", "@b.com", "a@@b.com", "a b@c.com", "a@.com", "a@b..com", "a@b.com."})
        CHECK_MESSAGE(!is_valid_email(bad), bad);
}

TEST_CASE("the request JSON round-trips; a malformed field is named") {
    TicketFields f = complete_incident();
    f.cc = {"ops@loja.com.br"};
    f.attachments = {AttachmentRef{"a1", "har.har", 10, "x"}};
    f.agency = "Agência Ágil";
    auto body = nlohmann::json::parse(ticket_request_json(f));
    CHECK(body["kind"] == "incident");
    CHECK(body["users"] == "buyers");
    CHECK(body["impact"] == "critical");
    CHECK(body["environment"] == "production");
    CHECK(body["experience"] == "advanced");
    CHECK(body["attachments"] == nlohmann::json{"a1"});
    auto back = parse_ticket_request(body.dump());
    REQUIRE(back.ok());
    CHECK(back.value().title == f.title);
    CHECK(back.value().agency == f.agency);
    CHECK(back.value().impact == Impact::critical);
    CHECK(back.value().attachments.at(0).id == "a1");

    CHECK(parse_ticket_request("{").error().code == "invalid_json");
    CHECK(parse_ticket_request("[]").error().message == "The request body must be a JSON object.");
    CHECK(parse_ticket_request(R"({"kind":"bug"})").error().message.rfind("kind:", 0) == 0);
    CHECK(parse_ticket_request(R"({"kind":"incident","impact":"huge"})").error().message ==
          "impact: must be one of auxiliary, important, critical");
    CHECK(parse_ticket_request(R"({"kind":"question","title":5})").error().message == "title: must be a string");
    CHECK(parse_ticket_request(R"({"kind":"question","cc":"a@b.com"})").error().message ==
          "cc: must be a list of strings");
}

TEST_CASE("attachments: size, type and count are checked before upload, with the limit in the message") {
    const AttachmentLimits& limits = default_attachment_limits();
    CHECK_FALSE(check_attachment(limits, "network.HAR", 2'000'000, 0).has_value());
    CHECK(english(check_attachment(limits, "video.mp4", 1000, 0).value()) ==
          "\"video.mp4\" cannot be attached: the portal takes png, jpg, jpeg, gif, webp, pdf, txt, log, csv, json, har, "
          "xml, zip files.");
    CHECK(english(check_attachment(limits, "dump.zip", 10 * 1024 * 1024 + 1, 0).value()) ==
          "\"dump.zip\" is 10.0 MB; files up to 10.0 MB can be attached. Compress it or attach a smaller part.");
    CHECK(english(check_attachment(limits, "empty.txt", 0, 0).value()) == "\"empty.txt\" is empty.");
    CHECK(english(check_attachment(limits, "eleventh.png", 5, 10).value()).find("at most 10 files") != std::string::npos);
    // The reader's language and its decimal comma.
    CHECK(render("pt", check_attachment(limits, "dump.zip", 10 * 1024 * 1024 + 1, 0).value()) ==
          "“dump.zip” tem 10,0 MB; é possível anexar arquivos de até 10,0 MB. Compacte-o ou anexe uma parte menor.");
    auto parsed = parse_attachment_limits(attachment_limits_json(limits));
    REQUIRE(parsed.ok());
    CHECK(parsed.value().max_file_bytes == limits.max_file_bytes);
    CHECK(parsed.value().extensions == limits.extensions);
    CHECK_FALSE(parse_attachment_limits(R"({"attachments":{"max_files":"ten"}})").ok());
}

TEST_CASE("search_fold: lower case, western European letters without their accents, the rest as it is") {
    CHECK(search_fold("Promoção NÃO aplica") == "promocao nao aplica");
    CHECK(search_fold("¿Cómo funciona? Ñandú, GÜEMES") == "¿como funciona? nandu, guemes");
    CHECK(search_fold("Straße, Æsir, Øre, Þórr, ÿ") == "strasse, aesir, ore, thorr, y");
    CHECK(search_fold("2 × 3 ÷ 1, € 10") == "2 × 3 ÷ 1, € 10");  // signs and other scripts untouched
    CHECK(search_fold("Пример 例") == "Пример 例");
    CHECK(search_fold("a\xC3") == "a\xC3");  // a lead byte at the end is kept, not read past
    CHECK(search_fold("") == "");
}

TEST_CASE("reopening: 27 business hours after Solved on the region's calendar, then Closed") {
    auto regions = parse_regions(assets::regions_json());
    REQUIRE(regions.ok());
    const SupportRegion& brazil = regions.value().get(RegionId::brazil);
    // Solved Friday 27 Nov 2026 17:00 in Sao Paulo: 1 h Friday, 9 h Monday and Tuesday, 8 h Wednesday.
    const UtcSeconds solved = *parse_rfc3339("2026-11-27T20:00:00Z");
    const UtcSeconds until = reopen_until(brazil, solved);
    CHECK(format_rfc3339(until) == "2026-12-02T20:00:00Z");
    CHECK(effective_status(TicketStatus::solved, until, until - 1) == TicketStatus::solved);
    CHECK(effective_status(TicketStatus::solved, until, until) == TicketStatus::closed);
    CHECK(effective_status(TicketStatus::open, std::nullopt, until) == TicketStatus::open);
    // Across Christmas: solved Thu 24 Dec 2026 18:00 -> Dec 25 closed, weekend, then Mon 28 to Wed 30 18:00.
    CHECK(format_rfc3339(reopen_until(brazil, *parse_rfc3339("2026-12-24T21:00:00Z"))) == "2026-12-30T21:00:00Z");
    CHECK(survey_status(TicketStatus::solved, until, false, until - 1) == SurveyStatus::pending);
    CHECK(survey_status(TicketStatus::solved, until, false, until) == SurveyStatus::expired);
    CHECK(survey_status(TicketStatus::solved, until, true, until + 100) == SurveyStatus::reviewed);
    CHECK(survey_status(TicketStatus::open, std::nullopt, false, until) == SurveyStatus::none);
    CHECK(label(TicketStatus::awaiting_reply) == "Awaiting your reply");
    CHECK(parse_key<TicketStatus>("awaiting_reply") == TicketStatus::awaiting_reply);
}
