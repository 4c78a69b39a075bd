#include "server/notifications/outbox.hpp"

#include <set>
#include <vector>

#include "core/base64url.hpp"
#include "core/enum_names.hpp"
#include "core/i18n.hpp"
#include "core/url.hpp"
#include "server/identity/auth_service.hpp"
#include "server/identity/crypto.hpp"
#include "server/identity/mail_message.hpp"
#include "server/notifications/system_zones.hpp"
#include "server/notifications/notification_store.hpp"
#include "server/tickets/ticket_store.hpp"

namespace server {

namespace {

struct Recipient {
    std::string address, language;
};

std::string ticket_link(const NotificationSettings& settings, std::string_view ticket_id) {
    return settings.origin + "/#/tickets/" + std::string(ticket_id);
}

// The language a person last used in the portal, if they have an account and used one.
std::string language_of_user(Connection& c, const std::string& address) {
    const std::string language = NotificationStore(c).language_of(address);
    return core::is_language(language) ? language : "";
}

// The clock a reader of `language` expects: the region's when it is the region's language, else that
// language's usual one.
std::string locale_for(const std::string& language, core::RegionId region) {
    if (language == region_language(region)) return std::string(region_locale(region));
    return language == "pt" ? "pt-BR" : language == "es" ? "es-419" : "en-US";
}

bool stopped(Connection& c, const std::string& ticket_id, const std::string& address) {
    return NotificationStore(c).stopped(ticket_id, address);
}

}  // namespace

std::string stop_signature(std::string_view key, std::string_view ticket_id, std::string_view address) {
    const std::string message = "notification-stop\n" + std::string(ticket_id) + "\n" + fold_email(address);
    return core::base64url(crypto::hmac_sha256(key, message));
}

std::string stop_link(const NotificationSettings& settings, std::string_view ticket_id, std::string_view address,
                      std::string_view language) {
    return settings.origin + "/notifications/stop?t=" + core::percent_encode(ticket_id) +
           "&a=" + core::percent_encode(fold_email(address)) + "&s=" + stop_signature(settings.link_key, ticket_id, address) +
           "&l=" + core::percent_encode(language);
}

bool enqueue_notices(Connection& c, const std::string& ticket_id, const NoticeEvent& event, core::UtcSeconds now,
                     std::string& error) {
    NotificationStore store(c);
    const auto ticket = store.audience(ticket_id, error);
    if (!ticket) {
        if (error.empty()) error = "the ticket " + ticket_id + " is not there";
        return false;
    }
    const core::RegionId region = ticket->region;
    // The requester first, then the people copied; each address once, case aside.
    std::vector<Recipient> recipients;
    std::set<std::string> seen;
    auto add = [&](const std::string& address, std::string language) {
        const std::string folded = fold_email(address);
        if (!valid_mail_address(folded) || !seen.insert(folded).second) return;
        recipients.push_back({folded, std::move(language)});
    };
    add(ticket->requester_email, core::is_language(ticket->requester_language) ? ticket->requester_language : "");
    for (const std::string& address : ticket->cc) add(address, "");

    for (Recipient& r : recipients) {
        if (stopped(c, ticket_id, r.address)) continue;
        if (r.language.empty()) r.language = language_of_user(c, r.address);
        if (r.language.empty()) r.language = region_language(region);
        const std::string kind(notice_kind_key(event.kind));
        error = store.enqueue(ticket_id, r.address, kind, r.language, event.comment_id, now);
        if (!error.empty()) return false;
    }
    return true;
}

core::Result<MailContent> notice_mail(Connection& c, const NotificationSettings& settings,
                                      const core::SupportRegions& regions, const OutboxNotice& notice) {
    if (stopped(c, notice.ticket_id, notice.recipient))
        return core::Error{"stopped", "the recipient stopped the emails about this ticket"};
    NotificationStore store(c);
    std::string failed;
    const auto ticket = store.ticket(notice.ticket_id, failed);
    if (!ticket)
        return failed.empty() ? core::Error{"gone", "the ticket " + notice.ticket_id + " is not there"}
                              : core::Error{"storage", failed};
    const core::RegionId region = ticket->region;
    NoticeFacts facts;
    facts.kind = parse_notice_kind(notice.kind).value_or(NoticeKind::opened);
    facts.language = notice.language;
    facts.number = ticket->number;
    facts.title = ticket->title;
    facts.priority = core::parse_key<core::Priority>(ticket->priority).value_or(core::Priority::normal);
    facts.due_at = ticket->due_at;
    facts.reopen_until = ticket->reopen_until;
    // The deadline on the reader's own clock when the portal told us their zone, else on the region's.
    facts.zone = regions.get(region).zone;
    facts.locale = locale_for(notice.language, region);
    facts.follow_up_of = ticket->follow_up_number;
    // Someone the requester took off the copies since gets nothing more.
    bool on_ticket = fold_email(ticket->requester_email) == notice.recipient;
    for (const std::string& address : ticket->cc) on_ticket = on_ticket || fold_email(address) == notice.recipient;
    if (!on_ticket) return core::Error{"removed", "the recipient is no longer copied on the ticket"};
    if (const std::string zone = store.time_zone_of(notice.recipient); !zone.empty())
        if (const core::TimeZone* own = find_zone(zone)) facts.zone = own;
    if (facts.kind == NoticeKind::replied) {
        const auto reply = store.reply(notice.comment_id, notice.ticket_id, failed);
        if (!reply)
            return failed.empty()
                       ? core::Error{"gone", "the reply " + std::to_string(notice.comment_id) + " is not there"}
                       : core::Error{"storage", failed};
        facts.reply_author = reply->author;
        facts.reply_text = reply->body;
    }
    facts.ticket_link = ticket_link(settings, notice.ticket_id);
    facts.rate_good_link = facts.ticket_link + "/rate/good";
    facts.rate_bad_link = facts.ticket_link + "/rate/bad";
    facts.stop_link = stop_link(settings, notice.ticket_id, notice.recipient, notice.language);
    return compose_notice(facts);
}

namespace {

// The stop page's words: {n} the ticket's number, {a} the address.
struct StopWords {
    const char *invalid_title, *invalid, *gone_title, *gone, *failed_title, *failed, *done_title, *done, *ask_title,
        *ask, *button;
};
constexpr StopWords stop_english{
    "This link is not valid",
    "The link is incomplete or was changed. Open it again from the email, or follow the ticket in the portal.",
    "This ticket is not here", "There is no such ticket any more: no email about it will come.",
    "Not stopped yet", "The emails could not be stopped right now. Try the link again in a moment.",
    "Emails stopped",
    "No more emails about ticket #{n} will be sent to {a}. The ticket itself goes on, and you can still follow it in "
    "the portal.",
    "Stop emails about ticket #{n}?", "{a} will get no more emails about ticket #{n}.", "Stop these emails"};
constexpr StopWords stop_spanish{
    "Este enlace no es v\xC3\xA1lido",
    "El enlace est\xC3\xA1 incompleto o fue modificado. \xC3\x81" "brelo de nuevo desde el correo, o sigue el ticket en "
    "el portal.",
    "Este ticket no est\xC3\xA1 aqu\xC3\xAD", "Ese ticket ya no existe: no llegar\xC3\xA1n correos sobre \xC3\xA9l.",
    "A\xC3\xBAn no se detuvieron", "No se pudieron detener los correos ahora. Prueba el enlace de nuevo en un momento.",
    "Correos detenidos",
    "No se enviar\xC3\xA1n m\xC3\xA1s correos sobre el ticket #{n} a {a}. El ticket sigue, y puedes seguirlo en el "
    "portal.",
    "\xC2\xBF" "Dejar de recibir correos sobre el ticket #{n}?", "{a} no recibir\xC3\xA1 m\xC3\xA1s correos sobre el ticket #{n}.",
    "Dejar de recibir estos correos"};
constexpr StopWords stop_portuguese{
    "Este link n\xC3\xA3o \xC3\xA9 v\xC3\xA1lido",
    "O link est\xC3\xA1 incompleto ou foi alterado. Abra-o de novo pelo e-mail, ou acompanhe o ticket no portal.",
    "Este ticket n\xC3\xA3o est\xC3\xA1 aqui", "Esse ticket n\xC3\xA3o existe mais: n\xC3\xA3o chegar\xC3\xA3o e-mails sobre ele.",
    "Ainda n\xC3\xA3o parou", "N\xC3\xA3o foi poss\xC3\xADvel parar os e-mails agora. Tente o link de novo em instantes.",
    "E-mails interrompidos",
    "N\xC3\xA3o ser\xC3\xA3o enviados mais e-mails sobre o ticket #{n} para {a}. O ticket continua, e voc\xC3\xAA pode "
    "acompanh\xC3\xA1-lo no portal.",
    "Parar de receber e-mails sobre o ticket #{n}?", "{a} n\xC3\xA3o receber\xC3\xA1 mais e-mails sobre o ticket #{n}.",
    "Parar estes e-mails"};

}  // namespace

StopAnswer stop_notices(Database& db, const NotificationSettings& settings, const std::string& ticket_id,
                        const std::string& address, const std::string& signature, bool confirm, core::UtcSeconds now,
                        std::string_view language) {
    const std::string lang = language == "es" || language == "pt" ? std::string(language) : "en";
    const StopWords& w = lang == "es" ? stop_spanish : lang == "pt" ? stop_portuguese : stop_english;
    const std::string folded = fold_email(address);
    auto answer_of = [&](Outcome outcome, const char* title, const char* message, std::int64_t number, bool done) {
        const std::vector<std::pair<std::string, std::string>> args{{"n", std::to_string(number)}, {"a", folded}};
        return StopAnswer{outcome, core::fill(title, args), core::fill(message, args), w.button, lang, number, done};
    };
    const std::string expected = stop_signature(settings.link_key, ticket_id, folded);
    if (settings.link_key.empty() || ticket_id.empty() || folded.empty() || !crypto::equal(expected, signature))
        return answer_of(Outcome::invalid, w.invalid_title, w.invalid, 0, false);
    std::int64_t number = 0;
    bool done = false;
    {
        auto r = db.reader();
        const auto found = TicketStore(*r).number_of(ticket_id);
        if (!found) return answer_of(Outcome::not_found, w.gone_title, w.gone, 0, false);
        number = *found;
        done = stopped(*r, ticket_id, folded);
    }
    if (!done && confirm) {
        std::string failed;
        const bool committed = db.write([&](Connection& c) {
            failed = NotificationStore(c).stop(ticket_id, folded, now);
            return failed.empty();
        });
        if (!committed || !failed.empty())
            return answer_of(Outcome::unavailable, w.failed_title, w.failed, number, false);
        done = true;
    }
    return done ? answer_of(Outcome::ok, w.done_title, w.done, number, true)
                : answer_of(Outcome::ok, w.ask_title, w.ask, number, false);
}

}  // namespace server
