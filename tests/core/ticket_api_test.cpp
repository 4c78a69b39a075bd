// The ticket API's answers: each type written and read back the same, the JSON as the contract has it,
// lenient reading of what may be absent, and an Error (never an exception) for what is malformed.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "core/ticket_api.hpp"

using namespace core;
using nlohmann::json;

namespace {

constexpr UtcSeconds opened = 1795798800;  // 2026-11-27T17:00:00Z

TicketSummary summary() {
    TicketSummary s;
    s.id = "t_abc";
    s.number = 1001;
    s.account = "lojadaana";
    s.kind = RequestKind::incident;
    s.title = "Checkout fails";
    s.status = TicketStatus::awaiting_reply;
    s.priority = Priority::urgent;
    s.opened_at = opened;
    s.due_at = opened + 3600;
    s.updated_at = opened + 600;
    return s;
}

StoredAttachment attachment() {
    StoredAttachment a;
    a.id = "a_1";
    a.name = "network.har";
    a.size = 2048;
    a.sha256 = std::string(64, 'f');
    a.mime = "application/json";
    return a;
}

TicketDetails details() {
    TicketDetails d;
    d.summary = summary();
    d.description = "Every order fails at payment.";
    d.users = UsersAffected::buyers;
    d.impact = Impact::critical;
    d.environment = Environment::production;
    d.experience = Experience::advanced;
    d.agency = "Agência X";
    d.cc = {"ops@loja.com.br"};
    d.follow_up_of = "t_old";
    d.follow_up_number = 990;
    d.solved_at = opened + 7200;
    d.reopen_until = opened + 7200 + 27 * 3600;
    d.comments = {TicketComment{1, "Support", CommentRole::agent, "Looking into it.", opened + 900},
                  TicketComment{2, "Ana Souza", CommentRole::requester, "Thanks!", opened + 1200}};
    d.attachments = {attachment()};
    d.survey = TicketSurvey{SurveyStatus::reviewed, SurveyRating::bad, "Took long", d.reopen_until};
    return d;
}

template <class T, class Parse>
void round_trip(const T& value, Parse parse) {
    const std::string body = to_json(value).dump();
    auto read = parse(body);
    REQUIRE_MESSAGE(read.ok(), (read.ok() ? "" : read.error().message));
    CHECK(read.value() == value);
    CHECK(to_json(read.value()).dump() == body);
}

}  // namespace

TEST_CASE("a ticket's summary is written as the contract has it and reads back the same") {
    CHECK(to_json(summary()) == json{{"id", "t_abc"}, {"number", 1001}, {"account", "lojadaana"}, {"kind", "incident"},
                                     {"title", "Checkout fails"}, {"status", "awaiting_reply"}, {"priority", "urgent"},
                                     {"opened_at", "2026-11-27T17:00:00Z"}, {"due_at", "2026-11-27T18:00:00Z"},
                                     {"updated_at", "2026-11-27T17:10:00Z"}});
    round_trip(summary(), parse_ticket_summary);
}

TEST_CASE("a comment, an attachment and a survey read back the same") {
    round_trip(TicketComment{7, "Support", CommentRole::agent, "Solved.", opened}, parse_ticket_comment);
    CHECK(to_json(TicketComment{7, "Ana", CommentRole::requester, "Hi", opened})["role"] == "requester");
    round_trip(attachment(), parse_stored_attachment);
    CHECK(to_json(attachment()) == json{{"id", "a_1"}, {"name", "network.har"}, {"size", 2048},
                                        {"sha256", std::string(64, 'f')}, {"mime", "application/json"}});
    // What a form keeps of the file is its AttachmentRef.
    const AttachmentRef kept = attachment();
    CHECK(kept == AttachmentRef{"a_1", "network.har", 2048, std::string(64, 'f')});
    round_trip(TicketSurvey{SurveyStatus::pending, std::nullopt, std::nullopt, opened}, parse_ticket_survey);
    round_trip(TicketSurvey{SurveyStatus::reviewed, SurveyRating::good, "", opened}, parse_ticket_survey);
    CHECK(to_json(TicketSurvey{}) ==
          json{{"status", "none"}, {"rating", nullptr}, {"reason", nullptr}, {"until", nullptr}});
}

TEST_CASE("a ticket's details: every member of the contract, nulls where it has none, read back the same") {
    round_trip(details(), parse_ticket_details);
    TicketDetails bare;
    bare.summary = summary();
    const json written = to_json(bare);
    for (const char* name : {"users", "impact", "environment", "experience", "follow_up_of", "follow_up_number",
                             "solved_at", "reopen_until"})
        CHECK_MESSAGE(written[name].is_null(), name);
    CHECK(written["description"] == "");
    CHECK(written["agency"] == "");
    CHECK(written["cc"] == json::array());
    CHECK(written["comments"] == json::array());
    CHECK(written["attachments"] == json::array());
    CHECK(written["survey"]["status"] == "none");
    CHECK(written["yours"] == false);
    CHECK(written.size() == 25);
    round_trip(bare, parse_ticket_details);
    TicketDetails mine = details();
    mine.yours = true;
    round_trip(mine, parse_ticket_details);
    CHECK(parse_ticket_details(R"({"id":"t","number":1,"account":"a","kind":"question","title":"x","status":"open",)"
                               R"("priority":"low","opened_at":"2026-11-27T17:00:00Z","due_at":"2026-11-27T17:00:00Z",)"
                               R"("updated_at":"2026-11-27T17:00:00Z","yours":"yes"})")
              .error().message.find("yours: must be true or false") != std::string::npos);

    const TicketFields form = form_fields(details());
    CHECK(form.kind == RequestKind::incident);
    CHECK(form.title == "Checkout fails");
    CHECK(form.users == UsersAffected::buyers);
    CHECK(form.cc == std::vector<std::string>{"ops@loja.com.br"});
    REQUIRE(form.attachments.size() == 1);
    CHECK(form.attachments[0].sha256 == std::string(64, 'f'));
    CHECK(form.follow_up_of == "t_old");
}

TEST_CASE("a page of tickets and its cursor read back the same") {
    TicketSummary older = summary();
    older.id = "t_older";
    older.number = 1000;
    round_trip(TicketPage{{summary(), older}, "1000"}, parse_ticket_page);
    round_trip(TicketPage{}, parse_ticket_page);
    CHECK(to_json(TicketPage{}) == json{{"tickets", json::array()}, {"next_cursor", nullptr}});
}

TEST_CASE("a refusal: fields with and without their catalog key, the missing resource; read back the same") {
    TicketRefusal invalid{"invalid_ticket", "title: Give the ticket a title.", {}, std::nullopt};
    invalid.fields.push_back(refused_field(FieldError{"title", Text::of("ticket.error.title_missing")}));
    invalid.fields.push_back(
        refused_field(FieldError{"title", Text::of("ticket.error.title_long", {{"max", "150"}, {"has", "151"}})}));
    invalid.fields.push_back(RefusedField{"attachments", "A file is no longer available; attach it again.", "", {}});
    CHECK(to_json(invalid) ==
          json{{"error", "invalid_ticket"},
               {"message", "title: Give the ticket a title."},
               {"fields",
                {{{"field", "title"}, {"message", "Give the ticket a title."}, {"key", "ticket.error.title_missing"},
                  {"values", json::object()}},
                 {{"field", "title"}, {"message", "Keep the title under 150 characters (it has 151)."},
                  {"key", "ticket.error.title_long"}, {"values", {{"max", "150"}, {"has", "151"}}}},
                 {{"field", "attachments"}, {"message", "A file is no longer available; attach it again."}}}}});
    round_trip(invalid, parse_ticket_refusal);

    const LicenseResource resource{"VTEX - Support", "Open Support Ticket"};
    TicketRefusal missing{"missing_resource", "Ask for it.", {}, resource};
    CHECK(to_json(missing) == json{{"error", "missing_resource"}, {"message", "Ask for it."},
                                   {"product", "VTEX - Support"}, {"resource", "Open Support Ticket"}});
    round_trip(missing, parse_ticket_refusal);
    round_trip(TicketRefusal{"not_found", "There is no ticket t_x on your accounts.", {}, std::nullopt},
               parse_ticket_refusal);

    // In the reader's language when the catalog has the key; the server's English otherwise.
    CHECK(problem_text(invalid.fields[1]) == Text::of("ticket.error.title_long", {{"has", "151"}, {"max", "150"}}));
    CHECK(problem_text(invalid.fields[2]) == Text::words("A file is no longer available; attach it again."));
    CHECK(problem_text(RefusedField{"title", "Too odd.", "ticket.error.not_in_the_catalog", {}}) ==
          Text::words("Too odd."));
}

TEST_CASE("reading is lenient: unknown members ignored, a summary reads as details, unreadable entries left out") {
    json body = to_json(summary());
    body["escalated"] = true;
    auto read = parse_ticket_details(body.dump());
    REQUIRE(read.ok());
    CHECK(read.value().summary == summary());
    CHECK(read.value().comments.empty());
    CHECK(read.value().survey == TicketSurvey{});

    json thread = to_json(details());
    thread["comments"].push_back({{"id", 3}, {"author", "Bot"}, {"role", "system"}, {"body", "x"},
                                  {"created_at", "2026-11-27T18:00:00Z"}});
    thread["comments"].push_back("not a comment");
    thread["cc"].push_back(42);
    auto lenient = parse_ticket_details(thread.dump());
    REQUIRE(lenient.ok());
    CHECK(lenient.value() == details());

    json page = to_json(TicketPage{{summary()}, std::nullopt});
    page["tickets"].push_back({{"id", "t_broken"}});
    auto one = parse_ticket_page(page.dump());
    REQUIRE(one.ok());
    CHECK(one.value().tickets == std::vector<TicketSummary>{summary()});
}

TEST_CASE("malformed answers give an Error naming what is wrong, never an exception") {
    auto error_of = [](const auto& result) { return result.ok() ? std::string("(read)") : result.error().message; };
    CHECK(parse_ticket_summary("{not json").error().code == "invalid_json");
    CHECK(error_of(parse_ticket_summary("[]")) == "The answer must be an object.");
    CHECK(error_of(parse_ticket_summary("null")) == "The answer must be an object.");
    CHECK(parse_ticket_page("").error().code == "invalid_json");

    auto with = [](const char* name, std::optional<json> value) {
        json s = to_json(summary());
        if (value) s[name] = std::move(*value);
        else s.erase(name);
        return s.dump();
    };
    CHECK(error_of(parse_ticket_summary(with("id", std::nullopt))) == "id: is missing");
    CHECK(error_of(parse_ticket_summary(with("id", ""))) == "id: is empty");
    CHECK(error_of(parse_ticket_summary(with("number", "1001"))) == "number: must be a whole number");
    CHECK(error_of(parse_ticket_summary(with("number", 1.5))) == "number: must be a whole number");
    CHECK(error_of(parse_ticket_summary(with("number", 18446744073709551615ULL))) == "number: must be a whole number");
    CHECK(error_of(parse_ticket_summary(with("status", "later"))) ==
          "status: \"later\" is not one of open, awaiting_reply, solved, closed");
    CHECK(error_of(parse_ticket_summary(with("priority", 3))) ==
          "priority: the value is not one of urgent, high, normal, low");
    CHECK(error_of(parse_ticket_summary(with("due_at", "tomorrow"))) ==
          "due_at: must be an RFC 3339 time such as 2026-03-06T22:15:00Z");
    CHECK(error_of(parse_ticket_summary(with("title", json::array()))) == "title: must be text");
    CHECK(error_of(parse_ticket_summary(with("kind", nullptr))) == "kind: is missing");

    json thread = to_json(details());
    thread["survey"]["status"] = "maybe";
    CHECK(error_of(parse_ticket_details(thread.dump())) ==
          "survey.status: \"maybe\" is not one of none, pending, reviewed, expired");
    thread["survey"] = "reviewed";
    CHECK(error_of(parse_ticket_details(thread.dump())) == "survey: must be an object");
    thread = to_json(details());
    thread["comments"] = json::object();
    CHECK(error_of(parse_ticket_details(thread.dump())) == "comments: must be a list");
    thread = to_json(details());
    thread["users"] = "robots";
    CHECK(error_of(parse_ticket_details(thread.dump())) == "users: \"robots\" is not one of admin, buyers, all");

    json file = to_json(attachment());
    file["size"] = -1;
    CHECK(error_of(parse_stored_attachment(file.dump())) == "size: must not be negative");
    CHECK(error_of(parse_ticket_page(R"({"next_cursor":"5"})")) == "tickets: is missing");
    CHECK(error_of(parse_ticket_page(R"({"tickets":{}})")) == "tickets: must be a list");
    CHECK(error_of(parse_ticket_refusal(R"({"message":"no code"})")) == "error: is missing");
    CHECK(error_of(parse_ticket_comment(R"({"id":1,"author":"a","role":"agent","body":"b"})")) ==
          "created_at: is missing");
    // Half of a missing resource is none: a person could not ask for it.
    auto half = parse_ticket_refusal(R"({"error":"missing_resource","message":"m","product":"VTEX - Support"})");
    REQUIRE(half.ok());
    CHECK_FALSE(half.value().missing_resource);
    // Deep nesting and odd bytes are values too.
    CHECK_FALSE(parse_ticket_details(std::string(10000, '[') + std::string(10000, ']')).ok());
    CHECK_FALSE(parse_ticket_refusal(std::string("{\"error\":\"\xff\"}")).ok());
}
