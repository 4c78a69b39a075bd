#pragma once
// Ana signed in with her draft restored, and on the thread of her ticket t_5: where the tests of the
// ticket logic in update() start. The answers are fed in as the runner would.
#include <string>
#include <vector>

#include "app/tickets.hpp"
#include "app/update.hpp"
#include "fixtures.hpp"

inline app::AppState signed_in() {
    app::AppState state = signed_in_state();
    app::tickets::session_ready(state);
    return state;
}

// The request ids of the uploads among `effects`, in order.
inline std::vector<int> upload_ids(const app::Effects& effects) {
    std::vector<int> ids;
    for (const app::Effect& e : effects)
        if (auto* u = std::get_if<app::UploadFile>(&e)) ids.push_back(u->id);
    return ids;
}

inline void fill(app::AppState& state) {
    using namespace app;
    update(state, FormChoice{.kind = core::RequestKind::incident});
    update(state, FormChoice{.users = core::UsersAffected::admin, .impact = core::Impact::important});
    update(state, FormChoice{.environment = core::Environment::sandbox, .experience = core::Experience::beginner});
    update(state, FormFieldChanged{FormField::title, "Promoção não aplica"});
    update(state, FormFieldChanged{FormField::description, "The 10% promotion is ignored at checkout."});
}

// Sends the form as it stands: the ticket's request that goes out.
inline app::HttpRequest submit_form(app::AppState& state) {
    auto effects = app::update(state, app::SubmitClicked{});
    const app::HttpRequest* request = find<app::HttpRequest>(effects);
    REQUIRE(request != nullptr);
    return *request;
}

// Ana's ticket t_5 as GET /api/tickets/t_5 answers it, in `status`, with one file.
inline std::string thread_json(const char* status) {
    return std::string(R"({"id":"t_5","number":1005,"account":"lojadaana","kind":"incident","title":"Checkout fails",)") +
           R"("status":")" + status + R"(","priority":"high","opened_at":"2026-11-27T17:00:00Z",)"
           R"("updated_at":"2026-11-27T17:00:00Z","due_at":"2026-11-30T14:00:00Z","description":"Every order fails.",)"
           R"("comments":[],"attachments":[{"id":"a_1","name":"network.har","size":2048,"sha256":"ab",)"
           R"("mime":"application/json"}]})";
}

// Ana on the thread of t_5, loaded.
inline app::AppState on_thread(const char* status, std::string kept_reply = "") {
    using namespace app;
    AppState state = signed_in();
    if (!kept_reply.empty()) state.environment.stored["portal.reply.ana@demo.store.t_5"] = kept_reply;
    auto opened = update(state, TicketOpened{"t_5"});
    const HttpRequest* get = find<HttpRequest>(opened);
    REQUIRE(get != nullptr);
    update(state, HttpResponded{get->id, 200, thread_json(status)});
    return state;
}

// Ana's thread t_5 awaiting her reply, with a reply from support saying `body`.
inline app::AppState thread_with_reply(const std::string& body) {
    app::AppState state = on_thread("awaiting_reply");
    core::TicketComment reply;
    reply.id = 7;
    reply.role = core::CommentRole::agent;
    reply.author = "Marta";
    reply.body = body;
    reply.created_at = 1'800'000'000;
    state.thread.comments.push_back(reply);
    return state;
}
