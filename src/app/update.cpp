#include "app/update.hpp"

#include <algorithm>
#include <cstdio>
#include <iterator>

#include "app/live.hpp"
#include "app/routes.hpp"
#include "app/session.hpp"
#include "app/tickets.hpp"
#include "core/assets.hpp"
#include "core/ticket.hpp"

namespace app {

namespace {
template <class... F> struct Overloaded : F... { using F::operator()...; };
template <class... F> Overloaded(F...) -> Overloaded<F...>;
}  // namespace

std::int32_t UserClock::offset_at(core::UtcSeconds t) const {
    if (offsets.empty()) return 0;
    auto after = std::upper_bound(offsets.begin(), offsets.end(), t,
                                  [](core::UtcSeconds instant, const Offset& o) { return instant < o.from; });
    return after == offsets.begin() ? offsets.front().seconds : std::prev(after)->seconds;
}

std::string UserClock::label(core::UtcSeconds t) const {
    if (!zone_name.empty()) return zone_name;
    const std::int32_t offset = offset_at(t);
    const std::int32_t minutes = (offset < 0 ? -offset : offset) / 60;
    char text[16];
    std::snprintf(text, sizeof text, "UTC%c%02d:%02d", offset < 0 ? '-' : '+', minutes / 60, minutes % 60);
    return text;
}

UserClock read_user_clock(std::string zone_name, const std::function<std::int32_t(core::UtcSeconds)>& offset_at,
                          core::UtcSeconds from, core::UtcSeconds to) {
    constexpr core::UtcSeconds day = 86'400;
    UserClock clock{std::move(zone_name), {{from, offset_at(from)}}};
    for (core::UtcSeconds start = from; start < to; start += day) {
        const core::UtcSeconds end = std::min(start + day, to);
        if (offset_at(end) == clock.offsets.back().seconds) continue;
        // Zones change at most once a day: the first second with the new offset lies in (start, end].
        core::UtcSeconds before = start, after = end;
        while (after - before > 1) {
            const core::UtcSeconds middle = before + (after - before) / 2;
            (offset_at(middle) == clock.offsets.back().seconds ? before : after) = middle;
        }
        clock.offsets.push_back({after, offset_at(after)});
    }
    return clock;
}

std::string files_target(const std::string& ticket) { return ticket.empty() ? "form" : "ticket:" + ticket; }

std::optional<Event> files_chosen(std::string_view target, std::vector<ChosenFile> files) {
    if (target == "form") return FormFilesChosen{std::move(files)};
    constexpr std::string_view ticket = "ticket:";
    if (target.size() > ticket.size() && target.substr(0, ticket.size()) == ticket)
        return ThreadFilesChosen{std::string(target.substr(ticket.size())), std::move(files)};
    return std::nullopt;
}

AppState initial_state(Environment environment) {
    AppState state;
    state.environment = std::move(environment);
    if (!state.environment.entropy.empty()) state.random = core::RandomStream(state.environment.entropy);
    auto help = core::parse_help_center(core::assets::help_center_json());
    if (help) state.help = std::move(help).value();
    else state.help_error = help.error().message;
    auto regions = core::parse_regions(core::assets::regions_json());
    if (regions) state.regions = std::move(regions).value();
    else state.regions_error = regions.error().message;
    for (std::string_view lang : core::languages)
        if (core::has_catalog(lang)) state.catalogs.emplace(lang);
    return state;
}

namespace {

// The page's lang attribute for language `lang`: `tag` (pt-BR, en-GB) when it names that language (its
// region picks the accent and the clock), else the language alone.
std::string page_locale(const std::string& tag, const std::string& lang) {
    const std::string primary = core::ascii_lower(tag.substr(0, tag.find_first_of("-_")));
    return primary == lang && tag.size() <= 35 ? tag : lang;
}

// Speaks `lang` from now on when its catalog is here; else asks for the catalog and keeps the current
// language until it arrives (CatalogArrived).
Effects switch_language(AppState& state, const std::string& lang, const std::string& locale, bool picked) {
    state.language_problem.clear();
    if (!state.catalogs.count(lang)) {
        const bool asked = state.switching && state.switching->lang == lang;
        state.switching = AppState::LanguageSwitch{lang, locale, picked};
        if (asked) return {};
        return {FetchCatalog{lang}};
    }
    state.switching.reset();
    state.lang = lang;
    state.locale = locale;
    if (picked) return {SaveLanguage{lang}};
    return {};
}

// A catalog the portal asked for came (or could not): the switch waiting for it happens now, or the
// reader is told it did not and the portal stays in its language.
Effects catalog_arrived(AppState& state, const CatalogArrived& e) {
    // Reading it into core's catalogs is idempotent: a catalog once read stays as it is.
    if (e.ok && core::add_catalog(e.lang, e.text).empty()) state.catalogs.insert(e.lang);
    if (!state.switching || state.switching->lang != e.lang) return {};
    const AppState::LanguageSwitch wanted = *state.switching;
    state.switching.reset();
    if (state.catalogs.count(e.lang)) return switch_language(state, wanted.lang, wanted.locale, wanted.picked);
    state.language_problem = core::Text{"language.fetch_failed", {}, {{"language", "language." + e.lang}}, {}};
    return {};
}

// What the browser keeps under `key` from now on (empty text: nothing).
void now_stored(AppState& state, const std::string& key, const std::string& text) {
    if (text.empty()) state.environment.stored.erase(key);
    else state.environment.stored[key] = text;
}

// Calls made with the access token are kept until answered, to be sent again if it expired (session.cpp);
// what is saved in the browser is known at once, as the browser will have it.
void keep(AppState& state, const Effects& effects) {
    for (const Effect& effect : effects) {
        if (const auto* save = std::get_if<SaveDraft>(&effect)) now_stored(state, save->key, save->text);
        std::visit([&](const auto& e) {
            if constexpr (requires { e.bearer; e.id; })
                if (!e.bearer.empty())
                    if (auto call = state.in_flight.find(e.id); call != state.in_flight.end() && !call->second.call)
                        call->second.call = effect;
        }, effect);
    }
}

Effects apply(AppState& state, const Event& event) {
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
        [&](const RequestKindChosen& e) -> Effects {
            state.answers.kind = e.kind;
            return {};
        },
        [&](const UsersAffectedChosen& e) -> Effects {
            state.answers.users = e.users;
            return {};
        },
        [&](const ImpactChosen& e) -> Effects {
            state.answers.impact = e.impact;
            return {};
        },
        [&](const ClockTicked& e) -> Effects {
            state.now = e.now;
            return {};
        },
        [&](const TimeZoneNamed& e) -> Effects {
            state.environment.clock.zone_name = e.name;
            return {};
        },
        [&](const AppStarted&) { return session::start(state); },
        [&](const SignInOpened&) { return session::open_sign_in(state, core::SignInMethod::email_code); },
        [&](const HomeOpened&) -> Effects {
            state.screen = Screen::help_center;
            return {};
        },
        [&](const SignInMethodChosen& e) { return session::open_sign_in(state, e.method); },
        [&](const SignInFieldChanged& e) { return session::field_changed(state, e); },
        [&](const SendCodeClicked&) { return session::send_code(state); },
        [&](const VerifyCodeClicked&) { return session::verify_code(state); },
        [&](const PasswordSubmitted&) { return session::submit_password(state); },
        [&](const FactorChosen& e) { return session::choose_factor(state, e.factor); },
        [&](const VerifyFactorClicked&) { return session::verify_factor(state); },
        [&](const SignOutClicked&) { return session::sign_out(state); },
        [&](const AccountChosen& e) { return session::choose_account(state, e.id); },
        [&](const HttpResponded& e) { return session::responded(state, e); },
        [&](const GoogleClicked&) { return session::continue_with_google(state); },
        [&](const GoogleWindowReopened&) { return session::reopen_google(state); },
        [&](const PopupBlocked&) { return session::popup_blocked(state); },
        [&](const GoogleReturned& e) { return session::google_returned(state, e); },
        [&](const NewTicketOpened&) { return tickets::open_new(state); },
        [&](const MyRequestsOpened&) { return tickets::open_list(state); },
        [&](const TicketOpened& e) { return tickets::open_ticket(state, e.id); },
        [&](const FormFieldChanged& e) { return tickets::field_changed(state, e); },
        [&](const FormChoice& e) { return tickets::choice(state, e); },
        [&](const FormFilesChosen& e) { return tickets::form_files_chosen(state, e); },
        [&](const ThreadFilesChosen& e) { return tickets::thread_files_chosen(state, e); },
        [&](const AttachmentRemoved& e) { return tickets::attachment_removed(state, e.id); },
        [&](const AttachmentOpened& e) { return tickets::attachment_opened(state, e.id); },
        [&](const SubmitClicked&) { return tickets::submit(state); },
        [&](const NewTicketAgain&) { return tickets::new_again(state); },
        [&](const TimerFired& e) {
            return e.kind == TimerKind::live_retry ? live::timer(state, e) : tickets::timer(state, e);
        },
        [&](const LiveEvent& e) { return live::arrived(state, e); },
        [&](const ListFilterChosen& e) { return tickets::filter(state, e.status); },
        [&](const ListSearchChanged& e) { return tickets::search(state, e.text); },
        [&](const ListScopeChosen& e) { return tickets::choose_scope(state, e.all_accounts); },
        [&](const LoadMoreClicked&) { return tickets::load_more(state); },
        [&](const ThreadReplyChanged& e) { return tickets::reply_changed(state, e.text); },
        [&](const ReplyClicked&) { return tickets::reply(state); },
        [&](const ReopenClicked&) { return tickets::reopen(state); },
        [&](const CcRemoveClicked& e) { return tickets::remove_cc(state, e.email); },
        [&](const FollowUpClicked&) { return tickets::follow_up(state); },
        [&](const FollowUpRemoved&) { return tickets::follow_up_removed(state); },
        [&](const RatingChosen& e) { return tickets::rating(state, e.good); },
        [&](const RatingReasonChanged& e) { return tickets::reason_changed(state, e.text); },
        [&](const SendRatingClicked&) { return tickets::send_rating(state); },
        [&](const DraftSaveResult& e) { return tickets::draft_save_result(state, e); },
        [&](const StoredChanged& e) -> Effects {
            now_stored(state, e.key, e.text);
            return {};
        },
        [&](const RouteChanged& e) { return routes::follow(state, e.hash); },
        [&](const ThemeChosen& e) -> Effects {
            state.dark = e.dark;
            return {};
        },
        [&](const PointerChosen& e) -> Effects {
            state.touch = e.coarse;
            return {};
        },
        [&](const MenuToggled& e) -> Effects {
            state.menu = state.menu == e.menu ? Menu::none : e.menu;
            return {};
        },
        [&](const SummaryToggled&) -> Effects {
            state.summary_open = !state.summary_open;
            return {};
        },
        [&](const LocaleChosen& e) -> Effects {
            if (e.from_host) state.host_language = true;
            const std::string lang = core::language_of(e.locale);
            // The tag as it came (pt-BR) when it names that language, so screen readers pick the accent.
            return switch_language(state, lang, page_locale(e.locale, lang), false);
        },
        [&](const LanguagePicked& e) -> Effects {
            const std::string lang = core::language_of(e.lang);
            return switch_language(state, lang, page_locale(state.environment.browser_locale, lang), true);
        },
        [&](const CatalogArrived& e) { return catalog_arrived(state, e); },
    }, event);
}

}  // namespace

// Whether `event` takes the reader elsewhere (another screen or account, signing in or out): an open
// menu of the shell has done its work then.
bool moves_on(const Event& event) {
    return std::holds_alternative<HomeOpened>(event) || std::holds_alternative<NewTicketOpened>(event) ||
           std::holds_alternative<MyRequestsOpened>(event) || std::holds_alternative<TicketOpened>(event) ||
           std::holds_alternative<AccountChosen>(event) || std::holds_alternative<SignOutClicked>(event) ||
           std::holds_alternative<SignInOpened>(event) || std::holds_alternative<RouteChanged>(event);
}

Effects update(AppState& state, const Event& event) {
    if (moves_on(event)) state.menu = Menu::none;
    Effects effects = apply(state, event);
    Effects live = live::follow_session(state);
    effects.insert(effects.end(), live.begin(), live.end());
    keep(state, effects);
    return effects;
}

}  // namespace app
