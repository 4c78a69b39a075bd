#include "web/page_sync.hpp"

#include <cmath>
#include <optional>
#include <string>

#include "app/routes.hpp"
#include "app/ui/imgui_internals.hpp"
#include "web/js_shims.hpp"
#include "web/runner.hpp"

namespace web {

// The height is for the embedding page to size its frame.
void report_to_host() {
    if (const std::optional<float> content = ui::internals::content_height("Support portal")) {
        const int height = static_cast<int>(std::lround(*content));
        if (height != runner.reported_height) {
            runner.reported_height = height;
            js_report_height(height);
        }
    }
    const auto& confirmation = runner.state.confirmation;
    if (confirmation && confirmation->id != runner.reported_ticket) {
        runner.reported_ticket = confirmation->id;
        js_report_ticket(confirmation->id.c_str(), static_cast<double>(confirmation->number));
    }
}

// The address is left alone while the session is being checked at start: the address opened (a deep
// link) waits for it.
void show_route() {
    if (runner.state.locale != runner.shown_lang) {
        js_show_language(runner.state.locale.c_str());
        runner.shown_lang = runner.state.locale;
    }
    const std::string title = app::routes::title_of(runner.state);
    if (title != runner.shown_title) {
        js_show_title(title.c_str(), runner.shown_title.empty() ? 0 : 1);
        runner.shown_title = title;
    }
    if (runner.state.session.status == app::SessionStatus::checking) return;
    const std::string route = app::routes::route_of(runner.state);
    if (route == runner.shown_route) return;
    js_show_route(route.c_str(), runner.route_from_browser ? 1 : 0);
    runner.shown_route = route;
    runner.route_from_browser = false;
}

}  // namespace web
