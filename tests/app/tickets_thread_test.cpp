// A ticket's thread in update(): replies kept until sent, files both ways, the refresh, the survey, and
// calls renewed silently when the sign-in expired.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "headless_ui.hpp"
#include "imgui.h"
#include "tickets_fixtures.hpp"

using namespace app;

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
    REQUIRE(ui.find("Attach files", ui::Role::file) != nullptr);
    CHECK(ui.find("Attach files", ui::Role::file)->value == "ticket:t_5");  // the page passes it back with the files
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
    const HttpRequest first = submit_form(state);
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
    const int id = submit_form(state).id;
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

TEST_CASE("an answer about a ticket no longer shown is dropped: the ticket shown now keeps its state") {
    AppState state = on_thread("awaiting_reply");
    update(state, ThreadReplyChanged{"Still failing."});
    auto sent = update(state, ReplyClicked{});
    const HttpRequest* post = find<HttpRequest>(sent);
    REQUIRE(post != nullptr);
    auto opened = update(state, TicketOpened{"t_6"});  // another ticket, before the reply is answered
    REQUIRE(find<HttpRequest>(opened) != nullptr);
    update(state, HttpResponded{post->id, 200, thread_json("open")});  // t_5's answer
    CHECK(state.thread.id == "t_6");
    CHECK(state.thread.loading);  // still waiting for t_6
    CHECK(state.thread.error.empty());
    CHECK(state.thread.summary.id.empty());
}

TEST_CASE("files on their way to one account's draft are not attached to another's after a switch") {
    AppState state = signed_in();
    state.session.accounts.push_back(Account{"anashop-us", "Ana Shop US", core::RegionId::us, true});
    auto chosen = update(state, FormFilesChosen{{{3, "network.har", 50}}});
    const std::vector<int> ids = upload_ids(chosen);
    REQUIRE(ids.size() == 1);
    update(state, AccountChosen{"anashop-us"});
    CHECK(uploads_to(state, "").empty());
    update(state, HttpResponded{ids[0], 201,
                                R"({"id":"a_1","name":"network.har","size":50,"sha256":"ab","mime":"application/json"})"});
    CHECK(state.form.fields.attachments.empty());
}

TEST_CASE("the requester takes a person off the copies with the chip's remove button; others only read the list") {
    AppState state = signed_in();
    auto opened = update(state, TicketOpened{"t_5"});
    std::string mine = thread_json("open");
    mine.insert(mine.size() - 1, R"(,"cc":["ops@loja.com.br","finance@loja.com.br"],"yours":true)");
    update(state, HttpResponded{find<HttpRequest>(opened)->id, 200, mine});
    HeadlessUi ui(state);
    ui.frames(2);
    REQUIRE(ui.has("Remove finance@loja.com.br from the copies", ui::Role::button));
    ui.click("Remove finance@loja.com.br from the copies", ui::Role::button);
    ui.frames(1);
    const HttpRequest* remove = nullptr;
    for (const Effect& e : ui.effects)
        if (auto* r = std::get_if<HttpRequest>(&e)) remove = r;
    REQUIRE(remove != nullptr);
    CHECK(remove->request.method == "DELETE");
    CHECK(remove->request.path == "/api/tickets/t_5/cc?email=finance%40loja.com.br");
    std::string after = thread_json("open");
    after.insert(after.size() - 1, R"(,"cc":["ops@loja.com.br"],"yours":true)");
    update(ui.state, HttpResponded{remove->id, 200, after});
    CHECK(ui.state.thread.fields.cc == std::vector<std::string>{"ops@loja.com.br"});

    // Someone copied, not the requester: the list, no buttons.
    std::string theirs = thread_json("open");
    theirs.insert(theirs.size() - 1, R"(,"cc":["ops@loja.com.br"],"yours":false)");
    AppState other = signed_in();
    auto shown = update(other, TicketOpened{"t_5"});
    update(other, HttpResponded{find<HttpRequest>(shown)->id, 200, theirs});
    HeadlessUi reader(other);
    reader.frames(2);
    CHECK(reader.has("Copied: ops@loja.com.br"));
    CHECK_FALSE(reader.has("Remove ops@loja.com.br from the copies", ui::Role::button));
    CHECK(update(reader.state, CcRemoveClicked{"ops@loja.com.br"}).empty());
}

TEST_CASE("the copied people's chips flow on a wide screen and stay within a 320 px phone, a long address cut at the chip") {
    AppState state = signed_in();
    auto opened = update(state, TicketOpened{"t_5"});
    const std::string long_address = "the.finance.and.accounting.team@lojadaana-store-example.com.br";
    std::string mine = thread_json("open");
    mine.insert(mine.size() - 1, R"(,"cc":["ops@loja.com.br","finance@loja.com.br",")" + long_address + R"("],"yours":true)");
    update(state, HttpResponded{find<HttpRequest>(opened)->id, 200, mine});
    HeadlessUi ui(state);
    ui.frames(2);
    const ui::Item* ops = ui.find("Remove ops@loja.com.br from the copies", ui::Role::button);
    const ui::Item* finance = ui.find("Remove finance@loja.com.br from the copies", ui::Role::button);
    REQUIRE(ops != nullptr);
    REQUIRE(finance != nullptr);
    CHECK(finance->y == ops->y);  // side by side where they fit
    CHECK(finance->w >= 24);
    ImGui::GetIO().DisplaySize = ImVec2(320, 844);
    ui.frames(3);
    for (const ui::Item& item : ui.items()) {
        CAPTURE(item.label);
        CHECK(item.x + item.w <= 320.5f);
    }
    const ui::Item* cut = ui.find("Remove " + long_address + " from the copies", ui::Role::button);
    REQUIRE(cut != nullptr);
    CHECK(ui.has(long_address, ui::Role::text));  // its whole text is there to select and find
}
