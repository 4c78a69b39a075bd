// Notifications by email: what each email says in each language, the outbox written with the change
// that causes it, the worker that sends each one exactly once through a real SMTP relay process (one
// that refuses at first, then is gone for a while), two workers on one database, the stop link, and
// the dev outbox that `./dev run` shows.
#include <doctest/doctest.h>

#include <httplib.h>

#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <thread>

#include "auth_client.hpp"
#include "core/assets.hpp"
#include "server/identity/demo_data.hpp"
#include "server/notifications/notice.hpp"
#include "server/notifications/notifier.hpp"
#include "server/notifications/outbox.hpp"
#include "server/retention.hpp"
#include "server/statement.hpp"
#include "server/tickets/ticket_service.hpp"
#include "smtp_relay_process.hpp"

using nlohmann::json;

namespace {

// Friday 27 November 2026, 14:00 in Sao Paulo (17:00Z).
constexpr std::int64_t friday_afternoon = 1795798800;

json incident(const std::string& title = "Checkout fails") {
    return json{{"kind", "incident"}, {"title", title}, {"description", "Every order fails at payment."},
                {"users", "buyers"}, {"impact", "critical"}, {"environment", "production"},
                {"experience", "advanced"}, {"cc", {"ops@loja.com.br"}}, {"attachments", json::array()}};
}

const core::SupportRegions& regions() {
    static const core::SupportRegions parsed = core::parse_regions(core::assets::regions_json()).value();
    return parsed;
}

// Ana's desk on a dev server whose own worker never runs by itself: the tests drive the workers.
struct Desk : Auth {
    std::string ana;
    Desk() : Auth([](server::ServerConfig& c) { c.notify_every = std::chrono::milliseconds(0); }) {
        clock.now->store(friday_afternoon);
        ana = sign_in_by_email("ana@demo.store");
    }
    json create(const std::string& key, const json& body = incident(), const std::string& language = "") {
        httplib::Headers h{{"Authorization", "Bearer " + ana}, {"Idempotency-Key", key}};
        if (!language.empty()) h.emplace("Accept-Language", language);
        auto res = cli->Post("/api/accounts/lojadaana/tickets", h, body.dump(), "application/json");
        REQUIRE(res);
        REQUIRE_MESSAGE(res->status == 201, res->body);
        return json::parse(res->body);
    }
    server::TicketService& support() { return server->http->ticket_service(); }
    // Each notification: recipient, kind, language, sent or not.
    struct Row {
        std::int64_t id;
        std::string ticket, recipient, kind, language;
        bool sent;
        std::int64_t attempts;
    };
    std::vector<Row> rows() {
        auto r = server->database->reader();
        server::Statement s(*r, "SELECT id, ticket_id, recipient, kind, language, sent_at IS NOT NULL, attempts"
                                " FROM notifications ORDER BY id");
        std::vector<Row> all;
        while (s.step())
            all.push_back({s.integer(0), s.text(1), s.text(2), s.text(3), s.text(4), s.integer(5) == 1, s.integer(6)});
        return all;
    }
    server::NotifierSettings relay_settings(const SmtpRelayProcess& relay) {
        server::NotifierSettings settings;
        settings.messaging.smtp_url = "smtp://" + relay.address();
        settings.messaging.smtp_user = "portal";
        settings.messaging.smtp_password = "relay-password";
        settings.messaging.smtp_ca_file = relay.certificate().string();
        settings.messaging.mail_from = "support@portal.test";
        settings.messaging.connect_timeout_ms = 2000;
        settings.links = {"https://support.example", "link-key-of-the-test"};
        auto now = clock.now;
        settings.clock = [now] { return now->load(); };
        return settings;
    }
};

server::NoticeFacts facts(server::NoticeKind kind, const std::string& language) {
    server::NoticeFacts f;
    f.kind = kind;
    f.language = language;
    f.locale = language == "pt" ? "pt-BR" : language == "es" ? "es-419" : "en-US";
    f.number = 1042;
    f.title = "Checkout <fails> & \"stops\"";
    f.priority = core::Priority::urgent;
    f.due_at = friday_afternoon + 3600;  // 15:00 in Sao Paulo
    f.reopen_until = friday_afternoon + 3 * 86400;
    f.zone = core::find_time_zone("America/Sao_Paulo");
    f.reply_author = "Marta";
    f.reply_text = "Fixed the gateway.\nTry again, please.";
    f.ticket_link = "https://support.example/#/tickets/t_abc";
    f.rate_good_link = f.ticket_link + "/rate/good";
    f.rate_bad_link = f.ticket_link + "/rate/bad";
    f.stop_link = "https://support.example/notifications/stop?t=t_abc&a=ana%40demo.store&s=sig";
    return f;
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("each email says what happened, in the reader's language, with the ticket's number in the subject") {
    using server::NoticeKind;
    const auto opened = server::compose_notice(facts(NoticeKind::opened, "en"));
    CHECK(opened.subject == "[#1042] Checkout <fails> & \"stops\"");
    CHECK(has(opened.text, "Ticket #1042"));
    CHECK(has(opened.text, "Urgent"));
    CHECK(has(opened.text, "3:00 PM (S\xC3\xA3o Paulo time)"));  // the deadline on the region's clock, named
    CHECK(has(opened.text, "https://support.example/#/tickets/t_abc"));
    CHECK(has(opened.text, "https://support.example/notifications/stop?t=t_abc"));
    CHECK(opened.stop_link == facts(NoticeKind::opened, "en").stop_link);
    // HTML says the same, with every piece of the ticket's text escaped.
    CHECK(has(opened.html, "Checkout &lt;fails&gt; &amp; &quot;stops&quot;"));
    CHECK_FALSE(has(opened.html, "<fails>"));
    CHECK(has(opened.html, "href=\"https://support.example/#/tickets/t_abc\""));
    CHECK(has(opened.html, "lang=\"en\""));

    const auto replied = server::compose_notice(facts(NoticeKind::replied, "pt"));
    CHECK(replied.subject == opened.subject);  // one thread in the mail client
    CHECK(has(replied.text, "O suporte respondeu ao ticket #1042"));
    CHECK(has(replied.text, "Marta escreveu:"));
    CHECK(has(replied.text, "> Fixed the gateway.\n> Try again, please.\n"));  // quoted line by line
    CHECK(has(replied.text, "Ver o ticket"));
    CHECK(has(replied.html, "Fixed the gateway.\nTry again, please.</blockquote>"));

    const auto solved = server::compose_notice(facts(NoticeKind::solved, "es"));
    CHECK(has(solved.text, "est\xC3\xA1 resuelto"));
    CHECK(has(solved.text, "14:00 (hora de S\xC3\xA3o Paulo)"));  // es: a 24-hour clock; the reopening window
    CHECK(has(solved.text, "https://support.example/#/tickets/t_abc/rate/good"));
    CHECK(has(solved.text, "https://support.example/#/tickets/t_abc/rate/bad"));
    CHECK(has(solved.html, "href=\"https://support.example/#/tickets/t_abc/rate/bad\""));

    auto follow_up = facts(NoticeKind::opened, "en");
    follow_up.follow_up_of = 1001;
    CHECK(has(server::compose_notice(follow_up).text, "follow-up to #1001"));
    CHECK(has(server::compose_notice(facts(NoticeKind::reopened, "en")).text, "is open again"));
    auto team = facts(NoticeKind::replied, "en");
    team.reply_author.clear();
    CHECK(has(server::compose_notice(team).text, "The support team wrote:"));
}

TEST_CASE("a ticket's changes write notifications for the requester and the people copied, in their language") {
    Desk d;
    const json ticket = d.create("k-1", incident(), "es-419,es;q=0.9");
    const std::string id = ticket["id"];
    auto rows = d.rows();
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].recipient == "ana@demo.store");
    CHECK(rows[0].language == "es");  // the language Ana used in the portal
    CHECK(rows[1].recipient == "ops@loja.com.br");
    CHECK(rows[1].language == "pt");  // never used the portal: the Brazil account's language
    for (const auto& r : rows) CHECK((r.kind == "opened" && r.ticket == id && !r.sent));

    REQUIRE(d.support().agent_reply(id, "We are on it.", "Marta").ok());
    REQUIRE(d.support().set_status(id, "solved").ok());
    REQUIRE(d.support().set_status(id, "solved").ok());  // solved again: not told twice
    auto reopened = d.cli->Post("/api/tickets/" + id + "/reopen", {{"Authorization", "Bearer " + d.ana}}, "", "application/json");
    REQUIRE(reopened);
    REQUIRE(reopened->status == 200);
    std::map<std::string, int> kinds;
    for (const auto& r : d.rows()) ++kinds[r.kind];
    CHECK(kinds == std::map<std::string, int>{{"opened", 2}, {"replied", 2}, {"solved", 2}, {"reopened", 2}});

    // A refused change writes nothing: a reopen of an open ticket.
    auto refused = d.cli->Post("/api/tickets/" + id + "/reopen", {{"Authorization", "Bearer " + d.ana}}, "", "application/json");
    CHECK(refused->status == 409);
    CHECK(d.rows().size() == 8);
}

TEST_CASE("the worker sends each notification exactly once through a relay that refuses, then is gone a while") {
    Desk d;
    SmtpRelayProcess relay("starttls", "portal", "relay-password", /*refuse_first=*/3);
    server::Notifier worker(*d.server->database, regions(), d.relay_settings(relay));
    for (int i = 0; i < 3; ++i) d.create("k-" + std::to_string(i), incident("Checkout fails " + std::to_string(i)));
    REQUIRE(d.rows().size() == 6);

    auto first = worker.run_once();
    CHECK(first.failed == 3);  // 451: try again later
    CHECK(first.sent == 3);
    CHECK(relay.refusals() == 3);
    CHECK(worker.run_once().sent == 0);  // not due yet: the first retry waits 15 s
    d.clock.advance(15);
    CHECK(worker.run_once().sent == 3);

    // The relay goes away; changes go on, and their emails wait.
    relay.stop();
    const std::string id = d.rows().front().ticket;
    REQUIRE(d.support().agent_reply(id, "Fixed <b>now</b>.\nPlease check.", "Marta").ok());
    d.create("k-late", incident("Late one"));
    auto down = worker.run_once();
    CHECK(down.failed == 4);
    CHECK(down.sent == 0);
    d.clock.advance(15);
    CHECK(worker.run_once().failed == 4);
    for (const auto& r : d.rows())
        if (!r.sent) CHECK(r.attempts == 2);
    d.clock.advance(20);  // the second retry waits 30 s
    CHECK(worker.run_once().failed == 0);

    relay.start_again();
    d.clock.advance(10);
    CHECK(worker.run_once().sent == 4);
    CHECK(worker.run_once().sent == 0);

    // Every notification arrived once: one message per row, its Message-ID the row's.
    const auto messages = relay.messages();
    const auto rows = d.rows();
    CHECK(messages.size() == rows.size());
    std::set<std::string> ids;
    for (const auto& m : messages) ids.insert(m["message_id"].get<std::string>());
    CHECK(ids.size() == rows.size());
    for (const auto& r : rows) {
        CHECK(r.sent);
        CHECK(ids.count("<notice-" + std::to_string(r.id) + "@portal.test>") == 1);
    }
    // The reply's email: to both people on the ticket, in their language, text and HTML, threaded, with
    // the one-click stop (RFC 8058).
    int replies = 0;
    for (const auto& m : messages) {
        if (!has(m["body"], "Marta")) continue;
        ++replies;
        CHECK(m["content_type"] == "multipart/alternative");
        CHECK(has(m["subject"], "] Checkout fails 0"));
        CHECK(has(m["body"], "O suporte respondeu"));  // Ana never said a language here: Brazil's
        CHECK(has(m["body"], "> Fixed <b>now</b>.\r\n> Please check."));  // as the relay decodes it
        CHECK(has(m["html"], "Fixed &lt;b&gt;now&lt;/b&gt;."));
        CHECK(m["references"] == "<ticket-" + id + "@portal.test>");
        CHECK(has(m["list_unsubscribe"], "<https://support.example/notifications/stop?t=" + id));
        CHECK(m["list_unsubscribe_post"] == "List-Unsubscribe=One-Click");
    }
    CHECK(replies == 2);
}

TEST_CASE("an address the relay refuses for good is not tried again; the others are sent") {
    Desk d;
    SmtpRelayProcess relay("starttls");
    server::Notifier worker(*d.server->database, regions(), d.relay_settings(relay));
    json body = incident();
    body["cc"] = {"unknown@loja.com.br", "ops@loja.com.br"};
    d.create("k-1", body);
    auto pass = worker.run_once();
    CHECK(pass.sent == 2);
    CHECK(pass.dropped == 1);
    CHECK(pass.failed == 0);
    d.clock.advance(3600);
    CHECK(worker.run_once().sent + worker.run_once().failed == 0);  // nothing left to try
    CHECK(relay.messages().size() == 2);
}

TEST_CASE("two workers on one database send each notification once") {
    Desk d;
    SmtpRelayProcess relay("starttls");
    for (int i = 0; i < 12; ++i) d.create("k-" + std::to_string(i), incident("Ticket " + std::to_string(i)));
    server::Notifier one(*d.server->database, regions(), d.relay_settings(relay));
    server::Notifier two(*d.server->database, regions(), d.relay_settings(relay));
    std::atomic<int> sent{0};
    auto drain = [&sent](server::Notifier& worker) {
        for (int pass = 0; pass < 10; ++pass) sent += worker.run_once().sent;
    };
    std::thread a(drain, std::ref(one)), b(drain, std::ref(two));
    a.join();
    b.join();
    CHECK(sent == 24);
    const auto messages = relay.messages();
    CHECK(messages.size() == 24);
    std::set<std::string> ids;
    for (const auto& m : messages) ids.insert(m["message_id"].get<std::string>());
    CHECK(ids.size() == 24);
}

TEST_CASE("a stop link stops the emails about its ticket to its address, and only after a POST") {
    Desk d;
    SmtpRelayProcess relay("starttls");
    auto settings = d.relay_settings(relay);
    server::Notifier worker(*d.server->database, regions(), settings);
    const std::string id = d.create("k-1")["id"];
    const std::string other = d.create("k-2", incident("Another"))["id"];
    REQUIRE(worker.run_once().sent == 4);
    // The link as the email carries it, followed on this server (whose key signs its links).
    std::string link;
    for (const auto& m : relay.messages())
        if (m["rcpt_tos"][0] == "ops@loja.com.br" && has(m["subject"], "Checkout fails"))
            link = m["list_unsubscribe"].get<std::string>();
    REQUIRE(has(link, "https://support.example/notifications/stop?"));
    const std::string query = link.substr(link.find('?'), link.size() - link.find('?') - 1);

    // Signed with another key than the server's: refused, as is a changed address.
    auto foreign = d.cli->Get("/notifications/stop" + query);
    CHECK(foreign->status == 400);
    const std::string key = d.server->http->notification_links().link_key;
    auto signed_query = [&](const std::string& address) {
        return "?t=" + id + "&a=" + core::percent_encode(address) + "&s=" + server::stop_signature(key, id, address);
    };
    auto changed = d.cli->Get("/notifications/stop?t=" + id + "&a=ana%40demo.store&s=" +
                              server::stop_signature(key, id, "ops@loja.com.br"));
    CHECK(changed->status == 400);

    // GET only asks: a mail scanner that follows the link stops nothing.
    auto look = d.cli->Get("/notifications/stop" + signed_query("ops@loja.com.br"));
    REQUIRE(look);
    CHECK(look->status == 200);
    CHECK(look->get_header_value("Content-Type") == "text/html; charset=utf-8");
    CHECK(has(look->body, "<form method=\"post\""));
    CHECK(has(look->body, "Stop emails about ticket #1001?"));
    // The email's link names its language, and the page speaks it.
    CHECK(has(link, "&l=pt>"));
    auto in_portuguese = d.cli->Get("/notifications/stop" + signed_query("ops@loja.com.br") + "&l=pt");
    CHECK(has(in_portuguese->body, "<html lang=\"pt\">"));
    CHECK(has(in_portuguese->body, "Parar de receber e-mails sobre o ticket #1001?"));
    CHECK(has(in_portuguese->body, ">Parar estes e-mails</button>"));
    CHECK(has(in_portuguese->body, "&amp;l=pt\""));  // the button's POST keeps it
    REQUIRE(d.support().agent_reply(id, "First answer.", "").ok());
    CHECK(d.rows().size() == 6);

    // One-click (RFC 8058): a POST of List-Unsubscribe=One-Click to the same address.
    auto stop = d.cli->Post("/notifications/stop" + signed_query("OPS@loja.com.br"), "List-Unsubscribe=One-Click",
                            "application/x-www-form-urlencoded");
    REQUIRE(stop);
    CHECK(stop->status == 200);
    CHECK(has(stop->body, "Emails stopped"));
    CHECK_FALSE(has(stop->body, "<form"));
    // The answer already queued for that address is dropped; Ana's goes.
    auto pass = worker.run_once();
    CHECK(pass.sent == 1);
    CHECK(pass.dropped == 1);
    // From now on: nothing more for that address on that ticket, still on the other ticket.
    REQUIRE(d.support().agent_reply(id, "Second answer.", "").ok());
    REQUIRE(d.support().agent_reply(other, "On the other one.", "").ok());
    std::map<std::string, int> to;
    for (const auto& r : d.rows())
        if (r.kind == "replied") ++to[r.recipient + " " + (r.ticket == id ? "this" : "other")];
    CHECK(to == std::map<std::string, int>{{"ana@demo.store this", 2}, {"ops@loja.com.br this", 1},
                                           {"ana@demo.store other", 1}, {"ops@loja.com.br other", 1}});
}

TEST_CASE("in development the emails are readable in the dev outbox") {
    Desk d;
    const std::string id = d.create("k-1")["id"];
    REQUIRE(d.support().agent_reply(id, "Looking at it.", "Marta").ok());
    server::Notifier* worker = d.server->http->notification_worker();
    REQUIRE(worker != nullptr);
    CHECK(worker->run_once().sent == 4);
    auto res = d.cli->Get("/dev/outbox?to=ops%40loja.com.br");
    REQUIRE(res);
    const json outbox = json::parse(res->body);
    REQUIRE(outbox["messages"].size() == 2);
    CHECK(has(outbox["messages"][0]["subject"], "] Checkout fails"));
    CHECK(has(outbox["messages"][0]["body"], "Marta escreveu:"));
    CHECK(has(outbox["messages"][0]["body"], "/#/tickets/" + id));
}

TEST_CASE("sent notifications are swept after a month; those still waiting stay") {
    Desk d;
    d.create("k-1");
    REQUIRE(d.server->http->notification_worker()->run_once().sent == 2);
    d.create("k-2", incident("Not sent yet"));
    d.clock.advance(31 * 86400);
    server::SweepCounts swept;
    REQUIRE(server::sweep(*d.server->database, d.server->dir / "data/attachments", *d.clock.now, &swept));
    CHECK(swept.notifications == 2);
    const auto left = d.rows();
    REQUIRE(left.size() == 2);
    for (const auto& r : left) CHECK_FALSE(r.sent);
}

TEST_CASE("the requester takes a person off the copies: they get no more emails, and only the requester may") {
    Desk d;
    const std::string bruno = d.sign_in_by_email("bruno@demo.store");
    json body = incident();
    body["cc"] = {"bruno@demo.store", "ops@loja.com.br"};
    const std::string id = d.create("k-1", body)["id"];
    auto remove = [&](const std::string& token, const std::string& email) {
        return d.cli->Delete("/api/tickets/" + id + "/cc?email=" + core::percent_encode(email),
                             {{"Authorization", "Bearer " + token}});
    };
    auto refused = remove(bruno, "ops@loja.com.br");  // Bruno sees it (a member, copied) but did not open it
    REQUIRE(refused);
    CHECK(refused->status == 403);
    CHECK(json::parse(refused->body)["error"] == "not_requester");
    auto brunos_view = d.cli->Get("/api/tickets/" + id, {{"Authorization", "Bearer " + bruno}});
    CHECK(json::parse(brunos_view->body)["yours"] == false);

    auto removed = remove(d.ana, "OPS@loja.com.br");
    REQUIRE(removed);
    REQUIRE(removed->status == 200);
    const json ticket = json::parse(removed->body);
    CHECK(ticket["cc"] == json{"bruno@demo.store"});
    CHECK(ticket["yours"] == true);
    CHECK(remove(d.ana, "ops@loja.com.br")->status == 404);  // not copied any more

    // The email already waiting for ops is not sent; the others are.
    auto pass = d.server->http->notification_worker()->run_once();
    CHECK(pass.sent == 2);
    CHECK(pass.dropped == 1);
    REQUIRE(d.support().agent_reply(id, "Noted.", "").ok());
    std::set<std::string> told;
    for (const auto& r : d.rows())
        if (r.kind == "replied") told.insert(r.recipient);
    CHECK(told == std::set<std::string>{"ana@demo.store", "bruno@demo.store"});
}

TEST_CASE("the deadline is told on the reader's own clock when the portal named their zone, else on the region's") {
    Desk d;
    httplib::Headers h{{"Authorization", "Bearer " + d.ana}, {"Idempotency-Key", "k-tokyo"}, {"Accept-Language", "en"},
                       {"X-Time-Zone", "Asia/Tokyo"}};
    auto res = d.cli->Post("/api/accounts/lojadaana/tickets", h, incident().dump(), "application/json");
    REQUIRE(res);
    REQUIRE(res->status == 201);
    REQUIRE(d.server->http->notification_worker()->run_once().sent == 2);
    auto outbox = [&](const char* to) {
        return json::parse(d.cli->Get(std::string("/dev/outbox?to=") + to)->body)["messages"][0]["body"].get<std::string>();
    };
    const std::string ana = outbox("ana%40demo.store"), ops = outbox("ops%40loja.com.br");
    CHECK(has(ana, "(Tokyo time)"));
    CHECK(has(ana, "with priority Urgent"));  // in English, as she reads the portal
    CHECK(has(ops, "(hor\xC3\xA1rio de S\xC3\xA3o Paulo)"));  // no zone known: the Brazil team's clock, in Portuguese
    // A zone the server cannot read is not kept: her emails go back to... the one kept before.
    h = {{"Authorization", "Bearer " + d.ana}, {"Idempotency-Key", "k-mars"}, {"X-Time-Zone", "Mars/Olympus_Mons"}};
    REQUIRE(d.cli->Post("/api/accounts/lojadaana/tickets", h, incident("Another").dump(), "application/json")->status == 201);
    auto r = d.server->database->reader();
    server::Statement zone(*r, "SELECT time_zone FROM users WHERE email = 'ana@demo.store'");
    REQUIRE(zone.step());
    CHECK(zone.text(0) == "Asia/Tokyo");
}
