#include "app/update.hpp"

#include "core/assets.hpp"

namespace app {

namespace {
template <class... F> struct Overloaded : F... { using F::operator()...; };
template <class... F> Overloaded(F...) -> Overloaded<F...>;
}  // namespace

AppState initial_state() {
    AppState state;
    auto help = core::parse_help_center(core::assets::help_center_json());
    if (help) state.help = std::move(help).value();
    else state.help_error = help.error().message;
    return state;
}

Effects update(AppState& state, const Event& event) {
    return std::visit(Overloaded{
        [&](const RegionChosen& e) -> Effects {
            state.region = e.region;
            return {};
        },
        [&](const ArticleFilterChanged& e) -> Effects {
            state.article_filter = e.text;
            return {};
        },
        [&](const ArticleOpened& e) -> Effects { return {OpenUrl{e.url}}; },
    }, event);
}

}  // namespace app
