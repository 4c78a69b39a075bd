// The new-ticket form in update(): drafts, uploads, the submission that retries with the same key, the
// server's field problems, follow-ups.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "headless_ui.hpp"
#include "tickets_fixtures.hpp"

using namespace app;

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
    CHECK(core::english(state.form.submit_error) == "Check the fields marked above; nothing was sent.");
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
    const HttpRequest submit = submit_form(state);
    update(state, HttpResponded{submit.id, 400, R"({"error":"invalid_ticket","message":"title: ...","fields":[
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
    // What web/mirror/files.js answers when the handle has no file behind it.
    update(state, HttpResponded{find<UploadFile>(chosen)->id, 410,
                                R"({"error":"file_gone","message":"The page no longer has this file. Choose it again."})"});
    REQUIRE(state.form.file_errors.size() == 1);
    CHECK(core::render("pt", state.form.file_errors[0]) ==
          "“network.har” não foi anexado: A página não tem mais este arquivo. Escolha-o de novo.");
}
