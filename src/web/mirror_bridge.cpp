#include "web/mirror_bridge.hpp"

#include <algorithm>

#include "app/ui/mirror_json.hpp"
#include "web/js_shims.hpp"

namespace web {

namespace {
std::string last_published;
// What the last published JSON was written from: a frame that draws the same items (most frames: the
// pointer moved, a caret blinked) is not written out again to find it equal.
std::vector<ui::Item> last_items;
ui::ItemCollector::Scroll last_scroll;
ImGuiID last_active = 0;
bool last_typed = false;  // the last JSON showed typed text in place of a value
PageInput input;
}  // namespace

PageInput& page_input() { return input; }

void publish_mirror(const ui::ItemCollector& items, ImGuiID active_text_id) {
    const bool typed_waiting =
        std::any_of(input.actions.begin(), input.actions.end(), [](const PageAction& a) { return a.text.has_value(); });
    if (!typed_waiting && !last_typed && !last_published.empty() && active_text_id == last_active &&
        items.scroll() == last_scroll && items.items() == last_items)
        return;
    last_typed = typed_waiting;
    last_active = active_text_id;
    last_scroll = items.scroll();
    last_items = items.items();
    // Text the page typed that waits behind a click: the page's element keeps showing it.
    std::string json = ui::mirror_json(items, active_text_id, [](ImGuiID id) -> const std::string* {
        for (auto it = input.actions.rbegin(); it != input.actions.rend(); ++it)
            if (it->id == id && it->text) return &it->text->text;
        return nullptr;
    });
    if (json == last_published) return;
    js_mirror_update(json.c_str());
    last_published = std::move(json);
}

}  // namespace web
