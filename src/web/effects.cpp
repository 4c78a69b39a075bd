#include "web/effects.hpp"

#include <string>
#include <variant>

#include "app/update.hpp"
#include "web/http.hpp"
#include "web/js_shims.hpp"
#include "web/runner.hpp"

namespace web {

namespace {

// One overload per app::Effect type and no catch-all, so an Effect added to app/event.hpp without a
// handler here does not compile.
struct Executor {
    void operator()(const app::OpenUrl& open) const { js_open_url(open.url.c_str()); }
    void operator()(const app::HttpRequest& http) const { send(http); }
    void operator()(const app::RememberSession& remember) const { js_remember_session(remember.signed_in); }
    void operator()(const app::OpenPopup& popup) const {
        if (!js_open_popup(popup.path.c_str())) runner.pending_events.push_back(app::PopupBlocked{});
    }
    void operator()(const app::UploadFile& upload) const {
        js_file_request(upload.id, upload.handle, upload.path.c_str(), upload.bearer.c_str(), "");
    }
    void operator()(const app::DownloadFile& download) const {
        js_file_request(download.id, 0, download.path.c_str(), download.bearer.c_str(), download.name.c_str());
    }
    void operator()(const app::SaveDraft& draft) const {
        const bool saved = js_save_draft(draft.key.c_str(), draft.text.c_str()) != 0;
        if (saved != runner.draft_saved || (!saved && draft.key != runner.draft_key))
            deliver(app::DraftSaveResult{draft.key, saved});
        runner.draft_saved = saved;
        runner.draft_key = draft.key;
    }
    void operator()(const app::StartTimer& timer) const {
        js_start_timer(timer.ms, static_cast<int>(timer.kind), timer.version);
    }
    void operator()(const app::SaveLanguage& language) const { js_keep_choice("portal.lang", language.lang.c_str()); }
    void operator()(const app::RememberAccount& account) const { js_keep_choice("portal.account", account.id.c_str()); }
    void operator()(const app::FetchCatalog& fetch) const { js_fetch_catalog(fetch.lang.c_str()); }
    void operator()(const app::OpenLiveUpdates& open) const {
        js_live_open(open.version, open.bearer.c_str(), std::to_string(open.last_event_id).c_str());
    }
    void operator()(const app::CloseLiveUpdates&) const { js_live_close(); }
};

}  // namespace

void execute(const app::Effect& effect) { std::visit(Executor{}, effect); }

void apply(const app::Event& event) {
    for (const app::Effect& effect : app::update(runner.state, event)) execute(effect);
}

}  // namespace web
