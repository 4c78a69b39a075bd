// The ticket logic of update(): drafts, uploads, the submission that retries with the same key, and
// the list dropping stale pages. The answers are fed in as the runner would.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "app/tickets.hpp"
#include "app/update.hpp"
#include "fixtures.hpp"
#include "headless_ui.hpp"

using namespace app;

namespace {

AppState signed_in() {
    AppState state = signed_in_state();
    tickets::session_ready(state);
    return state;
}

// The request ids of the uploads among `effects`, in order.
std::vector<int> upload_ids(const Effects& effects) {
    std::vector<int> ids;
    for (const Effect& e : effects)
        if (auto* u = std::get_if<UploadFile>(&e)) ids.push_back(u->id);
    return ids;
}

void fill(AppState& state) {
    update(state, FormChoice{.kind = core::RequestKind::incident});
    update(state, FormChoice{.users = core::UsersAffected::admin, .impact = core::Impact::important});
    update(state, FormChoice{.environment = core::Environment::sandbox, .experience = core::Experience::beginner});
    update(state, FormFieldChanged{FormField::title, "Promoção não aplica"});
    update(state, FormFieldChanged{FormField::description, "The 10% promotion is ignored at checkout."});
}

}  // namespace

TEST_CASE("every change saves the draft under the user's and account's key; it reads back whole") {
    AppState state = signed_in();
    CHECK(state.form.draft_key == "portal.draft.ana@demo.store.lojadaana");
    auto saved = update(state, FormFieldChanged{FormField::cc, "ops@loja.com.br; dev@agency.io"});
    const SaveDraft* draft = find<SaveDraft>(saved);
    REQUIRE(draft != nullptr);
    CHECK(draft->key == state.form.draft_key);
    fill(state);
    state.form.fields.attachments.push_back(core::AttachmentRef{"a_1", "har.har", 22, "abc"});
    TicketForm back = tickets::parse_draft(tickets::draft_json(state.form));
    CHECK(back.fields.title == "Promoção não aplica");
    CHECK(back.fields.impact == core::Impact::important);
    CHECK(back.fields.experience == core::Experience::beginner);
    CHECK(back.cc_text == "ops@loja.com.br; dev@agency.io");
    CHECK(back.fields.cc.size() == 2);
    REQUIRE(back.fields.attachments.size() == 1);
    CHECK(back.fields.attachments[0].name == "har.har");
    CHECK(tickets::parse_draft("{broken").fields.title.empty());  // an unreadable draft: an empty form, no crash

    // Restored from the browser when the account is known; each account has its own draft.
    const std::string saved_text = tickets::draft_json(state.form);
    AppState reloaded = signed_in_state();
    reloaded.session.accounts.push_back(Account{"anashop-us", "Ana Shop US", core::RegionId::us, true});
    reloaded.environment.stored["portal.draft.ana@demo.store.lojadaana"] = saved_text;
    tickets::session_ready(reloaded);
    CHECK(reloaded.form.fields.title == "Promoção não aplica");
    REQUIRE(reloaded.form.fields.attachments.size() == 1);
    update(reloaded, AccountChosen{"anashop-us"});
    CHECK(reloaded.form.fields.title.empty());
    // Typed right after choosing an account (the same frame): kept, never replaced by a late draft.
    update(reloaded, FormFieldChanged{FormField::title, "Typed at once"});
    CHECK(reloaded.form.fields.title == "Typed at once");
    update(reloaded, AccountChosen{"lojadaana"});
    CHECK(reloaded.form.fields.title == "Promoção não aplica");
}

TEST_CASE("an invalid form sends nothing and marks the fields; a title asks for suggestions after a pause") {
    AppState state = signed_in();
    update(state, FormChoice{.kind = core::RequestKind::incident});
    auto effects = update(state, SubmitClicked{});
    CHECK(find<HttpRequest>(effects) == nullptr);
    CHECK(state.form.errors.size() == 6);
    CHECK(core::english(state.form.submit_error) == "Check the fields marked below; nothing was sent.");
    auto typed = update(state, FormFieldChanged{FormField::title, "How does support work"});
    const StartTimer* timer = find<StartTimer>(typed);
    REQUIRE(timer != nullptr);
    CHECK(timer->kind == TimerKind::title_suggestions);
    CHECK(state.form.errors.size() == 5);  // the title's error went as it was typed
    update(state, FormFieldChanged{FormField::title, "How does support work?"});
    update(state, TimerFired{TimerKind::title_suggestions, timer->version});  // stale: a newer keystroke came
    CHECK(state.form.suggestions.empty());
    update(state, TimerFired{TimerKind::title_suggestions, state.form.title_version});
    CHECK_FALSE(state.form.suggestions.empty());
    // Typed without accents, the suggestion still comes: the article's summary says "gestão", "satisfação".
    state.lang = "pt";
    update(state, FormFieldChanged{FormField::title, "GESTAO da satisfacao"});
    update(state, TimerFired{TimerKind::title_suggestions, state.form.title_version});
    REQUIRE(state.form.suggestions.size() == 1);
    update(state, FormFieldChanged{FormField::title, "qualquer coisa"});
    update(state, TimerFired{TimerKind::title_suggestions, state.form.title_version});
    CHECK(state.form.suggestions.empty());
}

TEST_CASE("a dropped submission keeps the draft and retries with the same key until it is confirmed") {
    AppState state = signed_in();
    fill(state);
    auto sent = update(state, SubmitClicked{});
    const HttpRequest* first = find<HttpRequest>(sent);
    REQUIRE(first != nullptr);
    CHECK(first->request.path == "/api/accounts/lojadaana/tickets");
    REQUIRE_FALSE(first->idempotency_key.empty());
    const std::string key = first->idempotency_key;
    const SaveDraft* saved = find<SaveDraft>(sent);
    REQUIRE(saved != nullptr);
    CHECK(saved->text.find(key) != std::string::npos);  // a crash now still retries with this key
    CHECK(update(state, SubmitClicked{}).empty());      // no second request while one is in flight

    auto dropped = update(state, HttpResponded{first->id, 0, ""});
    const StartTimer* retry = find<StartTimer>(dropped);
    REQUIRE(retry != nullptr);
    CHECK(retry->ms == 2000);
    CHECK(state.form.fields.title == "Promoção não aplica");
    CHECK(core::english(state.form.submit_error).find("never created twice") != std::string::npos);
    auto again = update(state, TimerFired{TimerKind::submit_retry, retry->version});
    const HttpRequest* second = find<HttpRequest>(again);
    REQUIRE(second != nullptr);
    CHECK(second->idempotency_key == key);
    auto done = update(state, HttpResponded{second->id, 200,
                                            R"({"id":"t_1","number":1001,"account":"lojadaana","kind":"incident",)"
                                            R"("title":"x","status":"open","priority":"normal",)"
                                            R"("opened_at":"2026-11-27T17:00:00Z","updated_at":"2026-11-27T17:00:00Z","due_at":"2026-11-30T14:00:00Z"})"});
    REQUIRE(state.confirmation.has_value());
    CHECK(state.confirmation->number == 1001);
    const SaveDraft* cleared = find<SaveDraft>(done);
    REQUIRE(cleared != nullptr);
    CHECK(cleared->text.empty());
    CHECK(state.form.fields.title.empty());
    CHECK(state.form.idempotency_key.empty());
}

TEST_CASE("files are checked before upload; the server's refusal is shown and the draft keeps the rest") {
    AppState state = signed_in();
    fill(state);
    auto effects = update(state, FormFilesChosen{{{1, "huge.zip", 20'000'000}, {2, "clip.mov", 10}, {3, "har.har", 50}}});
    REQUIRE(state.form.file_errors.size() == 2);
    CHECK(core::english(state.form.file_errors[0]).find("\"huge.zip\" is 19.1 MB") == 0);
    const UploadFile* upload = find<UploadFile>(effects);
    REQUIRE(upload != nullptr);
    CHECK(upload->handle == 3);
    CHECK(upload->path == "/api/accounts/lojadaana/attachments");
    update(state, HttpResponded{upload->id, 507, R"({"error":"storage_full","message":"The server has no room for this file right now."})"});
    REQUIRE(state.form.file_errors.size() == 3);
    CHECK(core::english(state.form.file_errors[2]) ==
          "\"har.har\" was not attached: VTEX Support has no room for this file right now. Try again later, or attach a "
          "smaller file.");
    CHECK(state.form.fields.title == "Promoção não aplica");
    CHECK(uploads_to(state, "").empty());
}

TEST_CASE("My requests: a page answering an older filter is dropped") {
    AppState state = signed_in();
    auto first = update(state, MyRequestsOpened{});
    const HttpRequest* all = find<HttpRequest>(first);
    REQUIRE(all != nullptr);
    auto second = update(state, ListFilterChosen{core::TicketStatus::solved});
    const HttpRequest* solved = find<HttpRequest>(second);
    REQUIRE(solved != nullptr);
    CHECK(solved->request.path == "/api/accounts/lojadaana/tickets?limit=50&status=solved");
    const char* page = R"({"tickets":[{"id":"t_1","number":1001,"account":"lojadaana","kind":"question","title":"a",)"
                       R"("status":"solved","priority":"normal","opened_at":"2026-11-27T17:00:00Z",)"
                       R"("due_at":"2026-11-30T14:00:00Z","updated_at":"2026-11-27T17:00:00Z"}],"next_cursor":"1001"})";
    update(state, HttpResponded{all->id, 200, R"({"tickets":[{"id":"t_9","number":1009,"account":"lojadaana","kind":"question",)"
                                                     R"("title":"b","status":"open","priority":"normal",)"
                                                     R"("opened_at":"2026-11-27T17:00:00Z","due_at":"2026-11-30T14:00:00Z",)"
                                                     R"("updated_at":"2026-11-27T17:00:00Z"}],"next_cursor":null})"});
    CHECK(state.list.tickets.empty());
    CHECK(state.list.loading);
    update(state, HttpResponded{solved->id, 200, page});
    REQUIRE(state.list.tickets.size() == 1);
    CHECK(state.list.next_cursor == "1001");
    auto more = update(state, LoadMoreClicked{});
    REQUIRE(find<HttpRequest>(more) != nullptr);
    CHECK(find<HttpRequest>(more)->request.path == "/api/accounts/lojadaana/tickets?limit=50&status=solved&cursor=1001");
}

TEST_CASE("a draft the browser refuses to save is reported beside Submit until a save succeeds again") {
    AppState state = signed_in();
    update(state, NewTicketOpened{});
    update(state, FormFieldChanged{FormField::title, "Checkout fails"});
    update(state, DraftSaveResult{"portal.draft.someone-else.other", false});
    CHECK_FALSE(state.form.draft_unsaved);  // another draft's failure is not this form's
    update(state, DraftSaveResult{state.form.draft_key, false});
    CHECK(state.form.draft_unsaved);
    CHECK(state.form.fields.title == "Checkout fails");  // nothing typed is touched

    HeadlessUi ui(state);
    ui.frames(3);
    auto shown = [&] {
        for (const ui::Item& item : ui.items())
            if (item.label.rfind("This browser could not save your draft", 0) == 0 && item.role == ui::Role::status)
                return true;
        return false;
    };
    CHECK(shown());
    CHECK(ui.has("Submit ticket"));
    update(ui.state, DraftSaveResult{ui.state.form.draft_key, true});
    ui.frames(2);
    CHECK_FALSE(shown());
}

TEST_CASE("the server's field problems are said in the reader's language when the catalog knows them") {
    AppState state = signed_in();
    fill(state);
    auto effects = update(state, SubmitClicked{});
    const HttpRequest* submit = find<HttpRequest>(effects);
    REQUIRE(submit != nullptr);
    update(state, HttpResponded{submit->id, 400, R"({"error":"invalid_ticket","message":"title: ...","fields":[
        {"field":"title","message":"Keep the title under 150 characters (it has 151).","key":"ticket.error.title_long",
         "values":{"max":"150","has":"151"}},
        {"field":"cc","message":"A rule this portal does not know yet.","key":"ticket.error.new_rule"}]})"});
    REQUIRE(state.form.errors.size() == 2);
    CHECK(core::render("pt", state.form.errors[0].message) == "O título deve ter menos de 150 caracteres (tem 151).");
    CHECK(core::render("pt", state.form.errors[1].message) == "A rule this portal does not know yet.");
    CHECK(state.form.fields.title == "Promoção não aplica");  // the draft is untouched
}

TEST_CASE("a closed ticket is followed up: the form links it, the draft keeps the link, the request carries it") {
    HeadlessUi ui(signed_in());
    ui.state.screen = Screen::ticket;
    ui.state.thread.id = "t_9";
    ui.state.thread.summary = TicketSummary{.id = "t_9", .number = 1009, .account = "lojadaana",
                                            .kind = core::RequestKind::incident, .title = "Checkout down",
                                            .status = core::TicketStatus::closed, .priority = core::Priority::high,
                                            .opened_at = 1795798800, .due_at = 1795802400, .updated_at = 1795802400};
    ui.frames(2);
    CHECK_FALSE(ui.has("Reply", ui::Role::button));
    REQUIRE(ui.click("Open a follow-up ticket", ui::Role::button));
    ui.frames(2);
    CHECK(ui.state.screen == Screen::new_ticket);
    CHECK(ui.state.form.fields.follow_up_of == "t_9");
    CHECK(ui.has("This ticket follows up #1009 Checkout down; support will see the link.", ui::Role::status));
    const SaveDraft* saved = find<SaveDraft>(ui.effects);
    REQUIRE(saved != nullptr);
    // After a reload the draft still follows up the same ticket, named the same way.
    TicketForm back = tickets::parse_draft(saved->text);
    CHECK(back.fields.follow_up_of == "t_9");
    CHECK(back.follow_up_label == "#1009 Checkout down");

    fill(ui.state);
    auto sent = update(ui.state, SubmitClicked{});
    const HttpRequest* request = find<HttpRequest>(sent);
    REQUIRE(request != nullptr);
    CHECK(nlohmann::json::parse(request->request.body)["follow_up_of"] == "t_9");

    // "Not a follow-up" takes the link away, from the form and from the saved draft.
    AppState other = signed_in();
    other.form.fields.follow_up_of = "t_9";
    other.form.follow_up_label = "#1009 Checkout down";
    other.screen = Screen::new_ticket;
    HeadlessUi form(std::move(other));
    form.frames(2);
    REQUIRE(form.click("Not a follow-up", ui::Role::button));
    form.frames(2);
    CHECK(form.state.form.fields.follow_up_of.empty());
    CHECK_FALSE(form.has("This ticket follows up #1009 Checkout down; support will see the link.", ui::Role::status));
    const SaveDraft* unlinked = nullptr;
    for (const Effect& e : form.effects)
        if (auto* s = std::get_if<SaveDraft>(&e)) unlinked = s;
    REQUIRE(unlinked != nullptr);
    CHECK(tickets::parse_draft(unlinked->text).fields.follow_up_of.empty());
}

TEST_CASE("a ticket that follows up another names it by its number") {
    AppState state = signed_in();
    auto opened = tickets::open_ticket(state, "t_10");
    const HttpRequest* get = find<HttpRequest>(opened);
    REQUIRE(get != nullptr);
    update(state, HttpResponded{get->id, 200,
                                R"({"id":"t_10","number":1010,"account":"lojadaana","kind":"incident","title":"Again",)"
                                R"("status":"open","priority":"high","opened_at":"2026-11-27T17:00:00Z","updated_at":"2026-11-27T17:00:00Z",)"
                                R"("due_at":"2026-11-30T14:00:00Z","follow_up_of":"t_9","follow_up_number":1009,"comments":[]})"});
    CHECK(state.thread.follow_up_of == "#1009");
}

namespace {

// Ana's ticket t_5 as GET /api/tickets/t_5 answers it, in `status`, with one file.
std::string thread_json(const char* status) {
    return std::string(R"({"id":"t_5","number":1005,"account":"lojadaana","kind":"incident","title":"Checkout fails",)") +
           R"("status":")" + status + R"(","priority":"high","opened_at":"2026-11-27T17:00:00Z","updated_at":"2026-11-27T17:00:00Z",)"
           R"("due_at":"2026-11-30T14:00:00Z","description":"Every order fails.","comments":[],)"
           R"("attachments":[{"id":"a_1","name":"network.har","size":2048,"sha256":"ab","mime":"application/json"}]})";
}

// Ana on the thread of t_5, loaded.
AppState on_thread(const char* status, std::string kept_reply = "") {
    AppState state = signed_in();
    if (!kept_reply.empty()) state.environment.stored["portal.reply.ana@demo.store.t_5"] = kept_reply;
    auto opened = update(state, TicketOpened{"t_5"});
    const HttpRequest* get = find<HttpRequest>(opened);
    REQUIRE(get != nullptr);
    update(state, HttpResponded{get->id, 200, thread_json(status)});
    return state;
}

}  // namespace

TEST_CASE("a reply being typed is kept in the browser per ticket until it is sent; a reopen does not take it") {
    HeadlessUi ui(on_thread("solved", "Half of what I wanted to say"));
    ui.frames(2);
    AppState& state = ui.state;
    // Typed before a reload: back in the reply box.
    CHECK(state.thread.reply == "Half of what I wanted to say");
    auto typed = update(state, ThreadReplyChanged{"It fails again since noon."});
    const SaveDraft* kept = find<SaveDraft>(typed);
    REQUIRE(kept != nullptr);
    CHECK(kept->key == "portal.reply.ana@demo.store.t_5");
    CHECK(kept->text == "It fails again since noon.");

    // Reopening is not sending the reply: the text stays, and so does what the browser keeps.
    auto reopen = update(state, ReopenClicked{});
    const HttpRequest* post = find<HttpRequest>(reopen);
    REQUIRE(post != nullptr);
    CHECK(post->request.path == "/api/tickets/t_5/reopen");
    auto reopened = update(state, HttpResponded{post->id, 200, thread_json("open")});
    CHECK(state.thread.summary.status == core::TicketStatus::open);
    CHECK(state.thread.reply == "It fails again since noon.");
    CHECK(find<SaveDraft>(reopened) == nullptr);

    // A reply that does not get through stays; once it is sent, the box and the kept copy are emptied.
    auto first = update(state, ReplyClicked{});
    REQUIRE(find<HttpRequest>(first) != nullptr);
    update(state, HttpResponded{find<HttpRequest>(first)->id, 0, ""});
    CHECK(state.thread.reply == "It fails again since noon.");
    CHECK(core::english(state.thread.error) == "No connection to VTEX Support. Check your internet connection.");
    auto second = update(state, ReplyClicked{});
    const HttpRequest* comment = find<HttpRequest>(second);
    REQUIRE(comment != nullptr);
    CHECK(comment->request.path == "/api/tickets/t_5/comments");
    auto sent = update(state, HttpResponded{comment->id, 201, thread_json("open")});
    CHECK(state.thread.reply.empty());
    const SaveDraft* cleared = find<SaveDraft>(sent);
    REQUIRE(cleared != nullptr);
    CHECK(cleared->key == "portal.reply.ana@demo.store.t_5");
    CHECK(cleared->text.empty());

    // Text typed while a reply is on its way is a new reply: kept when the first is confirmed.
    update(state, ThreadReplyChanged{"First part."});
    auto part = update(state, ReplyClicked{});
    REQUIRE(find<HttpRequest>(part) != nullptr);
    update(state, ThreadReplyChanged{"First part. And a second thought."});
    auto confirmed = update(state, HttpResponded{find<HttpRequest>(part)->id, 201, thread_json("open")});
    CHECK(state.thread.reply == "First part. And a second thought.");
    CHECK(find<SaveDraft>(confirmed) == nullptr);

    // A browser that cannot keep it says so beside the reply box.
    update(state, DraftSaveResult{"portal.reply.ana@demo.store.t_5", false});
    ui.frames(2);
    bool warned = false;
    for (const ui::Item& item : ui.items())
        warned = warned || item.label.rfind("This browser could not keep your reply", 0) == 0;
    CHECK(warned);
}

TEST_CASE("files chosen on a ticket's thread go to that ticket; its files are links the browser saves by name") {
    HeadlessUi ui(on_thread("awaiting_reply"));
    ui.frames(2);
    AppState& state = ui.state;
    CHECK(ui.has("Attach files", ui::Role::file));
    auto chosen = update(state, ThreadFilesChosen{"t_5", {{7, "checkout.png", 1000}, {8, "screen.mov", 10}}});
    const UploadFile* upload = find<UploadFile>(chosen);
    REQUIRE(upload != nullptr);
    CHECK(upload->handle == 7);
    CHECK(upload->path == "/api/tickets/t_5/attachments");
    CHECK(uploads_to(state, "").empty());  // the ticket's, not the new-ticket form's
    REQUIRE(state.thread.file_errors.size() == 1);
    CHECK(core::english(state.thread.file_errors[0]).find("\"screen.mov\" cannot be attached") == 0);
    ui.frames(2);
    CHECK(ui.has("Uploading checkout.png…"));
    update(state, HttpResponded{upload->id, 201, R"({"id":"a_2","name":"checkout.png","size":1000,"sha256":"cd","mime":"image/png"})"});
    REQUIRE(state.thread.attachments.size() == 2);
    CHECK(state.thread.attachments[1].id == "a_2");
    CHECK(core::english(state.thread.notice) == "\"checkout.png\" is attached to the ticket; support sees it with the conversation.");

    // One the server refuses says why, beside the button.
    auto again = update(state, ThreadFilesChosen{"t_5", {{9, "trace.log", 5000}}});
    REQUIRE(find<UploadFile>(again) != nullptr);
    update(state, HttpResponded{find<UploadFile>(again)->id, 409,
                                R"({"error":"ticket_closed","message":"This ticket is closed. Open a follow-up ticket to send more files."})"});
    REQUIRE(state.thread.file_errors.size() == 1);
    CHECK(core::english(state.thread.file_errors[0]) ==
          "\"trace.log\" was not attached: This ticket is closed. Open a follow-up ticket; it will link to this one.");
    CHECK(state.thread.attachments.size() == 2);

    // A file's link: the browser fetches it with the sign-in and saves it under its name, once.
    ui.frames(2);
    REQUIRE(ui.click("Attached: network.har (2 KB)", ui::Role::link));
    ui.frames(2);
    const DownloadFile* download = find<DownloadFile>(ui.effects);
    REQUIRE(download != nullptr);
    CHECK(download->path == "/api/attachments/a_1");
    CHECK(download->name == "network.har");
    CHECK(download->bearer == "token");
    CHECK(ui.has("Downloading network.har…"));
    CHECK(update(state, AttachmentOpened{"a_1"}).empty());  // already on its way
    update(state, HttpResponded{download->id, 200, ""});
    CHECK_FALSE(downloading(state, "a_1"));
    CHECK(state.thread.error.empty());
    auto missing = update(state, AttachmentOpened{"a_2"});
    REQUIRE(find<DownloadFile>(missing) != nullptr);
    update(state, HttpResponded{find<DownloadFile>(missing)->id, 404,
                                R"({"error":"not_found","message":"There is no such file on your accounts."})"});
    CHECK(core::english(state.thread.error) == "\"checkout.png\" could not be downloaded: This was not found among your accounts' tickets.");
    auto offline = update(state, AttachmentOpened{"a_2"});
    update(state, HttpResponded{find<DownloadFile>(offline)->id, 0, ""});
    CHECK(core::english(state.thread.error) ==
          "\"checkout.png\" could not be downloaded: No connection to VTEX Support. Check your internet connection.");
}

TEST_CASE("a closed ticket takes no more files: no button, and files chosen anyway are not sent") {
    HeadlessUi ui(on_thread("closed"));
    ui.frames(2);
    CHECK_FALSE(ui.has("Attach files", ui::Role::file));
    CHECK(update(ui.state, ThreadFilesChosen{"t_5", {{7, "checkout.png", 1000}}}).empty());
    CHECK(ui.state.thread.file_errors.empty());
}

TEST_CASE("an expired sign-in is renewed silently and the refused call goes again, once, with the new token") {
    AppState state = signed_in();
    fill(state);
    auto sent = update(state, SubmitClicked{});
    const HttpRequest* submit = find<HttpRequest>(sent);
    REQUIRE(submit != nullptr);
    const HttpRequest first = *submit;
    // Two calls refused together (the token expired): one renewal for both.
    auto listed = update(state, MyRequestsOpened{});
    REQUIRE(find<HttpRequest>(listed) != nullptr);
    const HttpRequest list = *find<HttpRequest>(listed);
    const char* expired = R"({"error":"invalid_token","message":"The sign-in has expired or is not valid (expired). Sign in again."})";
    auto renewal = update(state, HttpResponded{first.id, 401, expired});
    const HttpRequest* renew = find<HttpRequest>(renewal);
    REQUIRE(renew != nullptr);
    CHECK(renew->request.path == "/oauth/token");
    CHECK(renew->request.body == "grant_type=refresh_token");
    CHECK(renew->bearer.empty());
    CHECK(state.form.submit_error.empty());  // nothing to tell yet
    CHECK(update(state, HttpResponded{list.id, 401, expired}).empty());
    auto again = update(state, HttpResponded{renew->id, 200, R"({"access_token":"fresh","token_type":"Bearer","expires_in":900})"});
    REQUIRE(again.size() == 2);
    const auto* resubmit = std::get_if<HttpRequest>(&again[0]);
    REQUIRE(resubmit != nullptr);
    CHECK(resubmit->id == first.id);
    CHECK(resubmit->bearer == "fresh");
    CHECK(resubmit->idempotency_key == first.idempotency_key);  // the same ticket, never a second
    CHECK(resubmit->request.body == first.request.body);
    CHECK(std::get<HttpRequest>(again[1]).request.path == list.request.path);
    CHECK(state.session.access_token == "fresh");
    update(state, HttpResponded{first.id, 201, R"({"id":"t_1","number":1001,"account":"lojadaana","kind":"incident",)"
                                                           R"("title":"x","status":"open","priority":"high",)"
                                                           R"("opened_at":"2026-11-27T17:00:00Z","due_at":"2026-11-30T14:00:00Z",)"
                                                           R"("updated_at":"2026-11-27T17:00:00Z"})"});
    REQUIRE(state.confirmation);
    CHECK(state.confirmation->number == 1001);

    // Refused again with the new token: not a loop; the screen says so.
    fill(state);
    auto twice = update(state, SubmitClicked{});
    const int id = find<HttpRequest>(twice)->id;
    auto renew2 = update(state, HttpResponded{id, 401, expired});
    REQUIRE(find<HttpRequest>(renew2) != nullptr);
    auto resent = update(state, HttpResponded{find<HttpRequest>(renew2)->id, 200, R"({"access_token":"fresher"})"});
    REQUIRE(resent.size() == 1);
    CHECK(update(state, HttpResponded{id, 401, expired}).empty());
    CHECK(core::english(state.form.submit_error) == "Your sign-in has expired. Sign in again; the draft stays here.");
    CHECK(state.form.fields.title == "Promoção não aplica");
}

TEST_CASE("a renewal that fails gives each refused call its own answer; uploads and downloads are renewed too") {
    AppState state = signed_in();
    update(state, NewTicketOpened{});
    auto chosen = update(state, FormFilesChosen{{{4, "trace.log", 100}}});
    const UploadFile upload = *find<UploadFile>(chosen);
    const char* expired = R"({"error":"invalid_token","message":"The sign-in has expired or is not valid (expired). Sign in again."})";
    auto renewal = update(state, HttpResponded{upload.id, 401, expired});
    REQUIRE(find<HttpRequest>(renewal) != nullptr);
    auto again = update(state, HttpResponded{find<HttpRequest>(renewal)->id, 200, R"({"access_token":"fresh"})"});
    const UploadFile* resent = find<UploadFile>(again);
    REQUIRE(resent != nullptr);
    CHECK(resent->handle == 4);
    CHECK(resent->bearer == "fresh");
    CHECK(resent->path == upload.path);

    // The refresh cookie is gone too (signed out elsewhere): the call's own refusal reaches its screen.
    auto second = update(state, FormFilesChosen{{{5, "more.log", 100}}});
    const UploadFile other = *find<UploadFile>(second);
    auto renewal2 = update(state, HttpResponded{other.id, 401, expired});
    REQUIRE(find<HttpRequest>(renewal2) != nullptr);
    auto ended = update(state, HttpResponded{find<HttpRequest>(renewal2)->id, 401, R"({"error":"invalid_grant","message":"Sign in again."})"});
    REQUIRE(state.form.file_errors.size() == 1);
    CHECK(core::english(state.form.file_errors[0]).find("\"more.log\" was not attached: ") == 0);
    CHECK(uploads_to(state, "").size() == 1);  // the first one, still on its way
    // The session is over: the sign-in form, with the email, says why; then back to the form as it was.
    CHECK(state.session.status == SessionStatus::signed_out);
    CHECK(state.screen == Screen::sign_in);
    CHECK(state.sign_in.email == "ana@demo.store");
    CHECK(core::english(state.sign_in.notice) ==
          "Your sign-in has expired. Sign in again to go on where you were; what you typed is kept.");
    CHECK(state.pending_route == "#/tickets/new");
    CHECK(find<RememberSession>(ended) != nullptr);
    CHECK(state.form.draft_key == "portal.draft.ana@demo.store.lojadaana");  // kept for the same user

    // No connection for the renewal: the call says so, as if it had not got through.
    AppState thread = on_thread("open");
    auto opened = update(thread, AttachmentOpened{"a_1"});
    const DownloadFile download = *find<DownloadFile>(opened);
    auto renewal3 = update(thread, HttpResponded{download.id, 401, expired});
    REQUIRE(find<HttpRequest>(renewal3) != nullptr);
    update(thread, HttpResponded{find<HttpRequest>(renewal3)->id, 0, ""});
    CHECK(core::english(thread.thread.error) ==
          "\"network.har\" could not be downloaded: No connection to VTEX Support. Check your internet connection.");

    // Signed out while the renewal was on its way: nothing is sent again.
    AppState gone = signed_in();
    auto listed = update(gone, MyRequestsOpened{});
    auto renewal4 = update(gone, HttpResponded{find<HttpRequest>(listed)->id, 401, expired});
    const int renew_id = find<HttpRequest>(renewal4)->id;
    update(gone, SignOutClicked{});
    CHECK(update(gone, HttpResponded{renew_id, 200, R"({"access_token":"late"})"}).empty());
    CHECK(gone.session.access_token.empty());
}

TEST_CASE("an open ticket is read again every 30 seconds: support's replies show up, and what is typed stays") {
    AppState state = signed_in();
    auto opened = update(state, TicketOpened{"t_5"});
    const StartTimer* timer = find<StartTimer>(opened);
    REQUIRE(timer != nullptr);
    CHECK(timer->kind == TimerKind::thread_refresh);
    CHECK(timer->ms == 30000);
    const int version = timer->version;
    update(state, HttpResponded{find<HttpRequest>(opened)->id, 200, thread_json("open")});
    update(state, ThreadReplyChanged{"Half a reply"});

    auto fired = update(state, TimerFired{TimerKind::thread_refresh, version});
    const HttpRequest* get = find<HttpRequest>(fired);
    REQUIRE(get != nullptr);
    CHECK(get->request.path == "/api/tickets/t_5");
    REQUIRE(find<StartTimer>(fired) != nullptr);  // and again after that
    CHECK(find<StartTimer>(fired)->version == version);
    std::string replied = thread_json("awaiting_reply");
    const std::string none = R"("comments":[])";
    replied.replace(replied.find(none), none.size(),
                    R"("comments":[{"id":1,"author":"Marta","role":"agent","body":"Which order?","created_at":"2026-11-27T18:00:00Z"}])");
    update(state, HttpResponded{get->id, 200, replied});
    CHECK(state.thread.summary.status == core::TicketStatus::awaiting_reply);
    REQUIRE(state.thread.comments.size() == 1);
    CHECK(core::english(state.thread.notice) == "Support replied.");
    CHECK(state.thread.reply == "Half a reply");
    CHECK_FALSE(state.thread.loading);

    // A refresh that fails says nothing; the next one comes all the same.
    auto again = update(state, TimerFired{TimerKind::thread_refresh, version});
    update(state, HttpResponded{find<HttpRequest>(again)->id, 0, ""});
    CHECK(state.thread.error.empty());
    CHECK(state.thread.comments.size() == 1);

    // Another ticket opened, or the list: the first ticket's timer stops.
    update(state, TicketOpened{"t_6"});
    CHECK(update(state, TimerFired{TimerKind::thread_refresh, version}).empty());
    const int second = state.thread.refresh_version;
    CHECK(second != version);
    update(state, MyRequestsOpened{});
    CHECK(update(state, TimerFired{TimerKind::thread_refresh, second}).empty());
}

TEST_CASE("a file still uploading when the page closes is named after the reload, to be chosen again") {
    AppState state = signed_in();
    fill(state);
    auto chosen = update(state, FormFilesChosen{{{3, "network.har", 50}, {4, "checkout.png", 70}}});
    const SaveDraft* saved = find<SaveDraft>(chosen);
    REQUIRE(saved != nullptr);  // the draft knows they are on their way
    const std::vector<int> ids = upload_ids(chosen);
    REQUIRE(ids.size() == 2);
    auto stored = update(state, HttpResponded{ids[0], 201, R"({"id":"a_1","name":"network.har","size":50,"sha256":"ab","mime":"application/json"})"});
    REQUIRE(find<SaveDraft>(stored) != nullptr);
    // The page closes now: the stored file comes back, the other is named.
    TicketForm back = tickets::parse_draft(find<SaveDraft>(stored)->text);
    REQUIRE(back.fields.attachments.size() == 1);
    CHECK(back.fields.attachments[0].name == "network.har");
    REQUIRE(back.file_errors.size() == 1);
    CHECK(core::english(back.file_errors[0]) ==
          "\"checkout.png\" was still uploading when the page closed, so it is not attached. Choose it again.");
    // Once it is answered, refused or not, it is no longer on its way.
    auto refused = update(state, HttpResponded{ids[1], 507, R"({"error":"storage_full","message":"No room."})"});
    REQUIRE(find<SaveDraft>(refused) != nullptr);
    CHECK(tickets::parse_draft(find<SaveDraft>(refused)->text).file_errors.empty());
}

TEST_CASE("a file the page no longer holds is named, in the reader's language, not taken for a lost connection") {
    AppState state = signed_in();
    auto chosen = update(state, FormFilesChosen{{{3, "network.har", 50}}});
    // What web/mirror.js answers when the handle has no file behind it.
    update(state, HttpResponded{find<UploadFile>(chosen)->id, 410,
                                R"({"error":"file_gone","message":"The page no longer has this file. Choose it again."})"});
    REQUIRE(state.form.file_errors.size() == 1);
    CHECK(core::render("pt", state.form.file_errors[0]) ==
          "“network.har” não foi anexado: A página não tem mais este arquivo. Escolha-o de novo.");
}

TEST_CASE("the survey's rating and reason are kept in the browser until they are sent") {
    AppState state = signed_in();
    state.environment.stored["portal.survey.ana@demo.store.t_5"] = R"({"good":false,"reason":"It took two days"})";
    auto opened = update(state, TicketOpened{"t_5"});
    std::string solved = thread_json("solved");
    solved.insert(solved.size() - 1, R"(,"survey":{"status":"pending"})");
    update(state, HttpResponded{find<HttpRequest>(opened)->id, 200, solved});
    CHECK(state.thread.survey.status == core::SurveyStatus::pending);
    REQUIRE(state.thread.rating_good.has_value());
    CHECK_FALSE(*state.thread.rating_good);
    CHECK(state.thread.reason == "It took two days");

    auto typed = update(state, RatingReasonChanged{"It took two days to answer"});
    const SaveDraft* kept = find<SaveDraft>(typed);
    REQUIRE(kept != nullptr);
    CHECK(kept->key == "portal.survey.ana@demo.store.t_5");
    CHECK(nlohmann::json::parse(kept->text) == nlohmann::json{{"good", false}, {"reason", "It took two days to answer"}});
    auto chosen = update(state, RatingChosen{true});
    REQUIRE(find<SaveDraft>(chosen) != nullptr);
    CHECK(nlohmann::json::parse(find<SaveDraft>(chosen)->text)["good"] == true);

    auto sent = update(state, SendRatingClicked{});
    const HttpRequest* post = find<HttpRequest>(sent);
    REQUIRE(post != nullptr);
    CHECK(post->request.path == "/api/tickets/t_5/survey");
    std::string rated = thread_json("solved");
    rated.insert(rated.size() - 1, R"(,"survey":{"status":"reviewed","rating":"good"})");
    auto done = update(state, HttpResponded{post->id, 201, rated});
    const SaveDraft* cleared = find<SaveDraft>(done);
    REQUIRE(cleared != nullptr);
    CHECK(cleared->key == "portal.survey.ana@demo.store.t_5");
    CHECK(cleared->text.empty());
    CHECK(state.thread.survey.status == core::SurveyStatus::reviewed);
}

TEST_CASE("files on their way to a ticket outlive its screen, and one a closed page interrupted is named when it opens") {
    AppState state = on_thread("awaiting_reply");
    const std::string key = "portal.uploading.ana@demo.store.t_5";
    // The names of files on their way are kept in the browser as they change.
    auto chosen = update(state, ThreadFilesChosen{"t_5", {{7, "checkout.png", 1000}, {8, "trace.log", 500}}});
    const std::vector<int> ids = upload_ids(chosen);
    REQUIRE(ids.size() == 2);
    const SaveDraft* kept = find<SaveDraft>(chosen);
    REQUIRE(kept != nullptr);
    CHECK(kept->key == key);
    CHECK(nlohmann::json::parse(kept->text) == nlohmann::json::array({"checkout.png", "trace.log"}));

    // The merchant looks at My requests meanwhile: the first arrives and is attached all the same, and
    // the ticket shows it, with "trace.log" still on its way, when opened again.
    update(state, MyRequestsOpened{});
    auto arrived = update(state, HttpResponded{ids[0], 201, R"({"id":"a_2","name":"checkout.png","size":1000,"sha256":"cd","mime":"image/png"})"});
    REQUIRE(find<SaveDraft>(arrived) != nullptr);
    CHECK(find<SaveDraft>(arrived)->text == R"(["trace.log"])");
    std::string stored = find<SaveDraft>(arrived)->text;  // this browser's storage under `key`
    const std::string at_close = stored;
    CHECK(state.environment.stored[key] == stored);  // update() knows what it saved
    auto reopened = update(state, TicketOpened{"t_5"});
    CHECK(state.thread.file_errors.empty());  // this page is still sending it: not interrupted
    CHECK(find<SaveDraft>(reopened) == nullptr);
    REQUIRE(uploads_to(state, "t_5").size() == 1);
    update(state, HttpResponded{find<HttpRequest>(reopened)->id, 200, thread_json("awaiting_reply")});

    // Refused while another screen is shown: said when the ticket is opened again.
    update(state, MyRequestsOpened{});
    auto refused = update(state, HttpResponded{ids[1], 507, R"({"error":"storage_full","message":"No room."})"});
    REQUIRE(find<SaveDraft>(refused) != nullptr);
    stored = find<SaveDraft>(refused)->text;
    CHECK(stored.empty());  // nothing on its way any more
    CHECK(uploads_to(state, "t_5").empty());
    update(state, TicketOpened{"t_5"});
    REQUIRE(state.thread.file_errors.size() == 1);
    CHECK(core::english(state.thread.file_errors[0]).rfind("\"trace.log\" was not attached", 0) == 0);

    // A page closed while "trace.log" was on its way: the next page names it, once.
    AppState next = signed_in();
    next.environment.stored[key] = at_close;
    auto opened = update(next, TicketOpened{"t_5"});
    REQUIRE(next.thread.file_errors.size() == 1);
    CHECK(core::english(next.thread.file_errors[0]) ==
          "\"trace.log\" was still uploading when the page closed, so it is not attached. Choose it again.");
    const SaveDraft* forgotten = find<SaveDraft>(opened);
    REQUIRE(forgotten != nullptr);
    CHECK(forgotten->key == key);
    CHECK(forgotten->text.empty());
}
