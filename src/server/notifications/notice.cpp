#include "server/notifications/notice.hpp"

#include <array>

#include "core/enum_names.hpp"
#include "core/i18n.hpp"

namespace server {

namespace {

// The words of the emails, by language. {n} is the ticket's number, {title} its title, {priority} its
// priority's name, {due} and {until} a day and time with the place whose clock tells it.
struct Words {
    const char* hello;
    const char* opened;       // {n} {title} {priority} {due}
    const char* follow_up;    // {n} {title} {previous} {priority} {due}
    const char* replied;      // {n} {title}
    const char* wrote;        // {author}
    const char* support;      // the author when support signed no name
    const char* solved;       // {n} {title}
    const char* solved_until; // {until}
    const char* rate;         // the survey's question
    const char* rate_good;
    const char* rate_bad;
    const char* reopened;     // {n} {title}
    const char* view;         // the link to the ticket
    const char* why;          // why this email came
    const char* stop;         // the link that stops them
    const char* place_time;   // {place}
};

constexpr Words english{
    "Hello,",
    "Ticket #{n} \xE2\x80\x9C{title}\xE2\x80\x9D is open with priority {priority}. Support will answer by {due}.",
    "Ticket #{n} \xE2\x80\x9C{title}\xE2\x80\x9D is open as a follow-up to #{previous}, with priority {priority}. Support "
    "will answer by {due}.",
    "Support replied to ticket #{n} \xE2\x80\x9C{title}\xE2\x80\x9D.",
    "{author} wrote:",
    "The support team",
    "Ticket #{n} \xE2\x80\x9C{title}\xE2\x80\x9D is solved.",
    "If something is still wrong, reply in the portal by {until} and the ticket opens again.",
    "How did support do?",
    "Good, I am satisfied",
    "Bad, I am not satisfied",
    "Ticket #{n} \xE2\x80\x9C{title}\xE2\x80\x9D is open again: support will look at it once more.",
    "View the ticket",
    "You receive this email because you opened this ticket or were copied on it.",
    "Stop emails about this ticket",
    "{place} time",
};

constexpr Words spanish{
    "Hola:",
    "El ticket #{n} \xC2\xAB{title}\xC2\xBB est\xC3\xA1 abierto con prioridad {priority}. El soporte responder\xC3\xA1 "
    "antes del {due}.",
    "El ticket #{n} \xC2\xAB{title}\xC2\xBB est\xC3\xA1 abierto como seguimiento del #{previous}, con prioridad "
    "{priority}. El soporte responder\xC3\xA1 antes del {due}.",
    "El soporte respondi\xC3\xB3 al ticket #{n} \xC2\xAB{title}\xC2\xBB.",
    "{author} escribi\xC3\xB3:",
    "El equipo de soporte",
    "El ticket #{n} \xC2\xAB{title}\xC2\xBB est\xC3\xA1 resuelto.",
    "Si algo sigue mal, responde en el portal antes del {until} y el ticket se abrir\xC3\xA1 de nuevo.",
    "\xC2\xBF" "C\xC3\xB3mo fue la atenci\xC3\xB3n del soporte?",
    "Buena, estoy satisfecho",
    "Mala, no estoy satisfecho",
    "El ticket #{n} \xC2\xAB{title}\xC2\xBB est\xC3\xA1 abierto de nuevo: el soporte lo revisar\xC3\xA1 otra vez.",
    "Ver el ticket",
    "Recibes este correo porque abriste este ticket o te copiaron en \xC3\xA9l.",
    "No recibir m\xC3\xA1s correos sobre este ticket",
    "hora de {place}",
};

constexpr Words portuguese{
    "Ol\xC3\xA1,",
    "O ticket #{n} \xE2\x80\x9C{title}\xE2\x80\x9D est\xC3\xA1 aberto com prioridade {priority}. O suporte vai "
    "responder at\xC3\xA9 {due}.",
    "O ticket #{n} \xE2\x80\x9C{title}\xE2\x80\x9D est\xC3\xA1 aberto como continua\xC3\xA7\xC3\xA3o do #{previous}, "
    "com prioridade {priority}. O suporte vai responder at\xC3\xA9 {due}.",
    "O suporte respondeu ao ticket #{n} \xE2\x80\x9C{title}\xE2\x80\x9D.",
    "{author} escreveu:",
    "A equipe de suporte",
    "O ticket #{n} \xE2\x80\x9C{title}\xE2\x80\x9D foi resolvido.",
    "Se algo ainda estiver errado, responda no portal at\xC3\xA9 {until} e o ticket ser\xC3\xA1 reaberto.",
    "Como foi o atendimento do suporte?",
    "Bom, estou satisfeito",
    "Ruim, n\xC3\xA3o estou satisfeito",
    "O ticket #{n} \xE2\x80\x9C{title}\xE2\x80\x9D foi reaberto: o suporte vai analis\xC3\xA1-lo de novo.",
    "Ver o ticket",
    "Voc\xC3\xAA recebe este e-mail porque abriu este ticket ou foi copiado nele.",
    "N\xC3\xA3o receber mais e-mails sobre este ticket",
    "hor\xC3\xA1rio de {place}",
};

const Words& words_of(std::string_view language) {
    if (language == "es") return spanish;
    if (language == "pt") return portuguese;
    return english;
}

using Args = std::vector<std::pair<std::string, std::string>>;

// A day and time on the zone's clock, and whose clock it is: "Thu, Dec 3, 5:00 PM (São Paulo time)".
std::string when(const NoticeFacts& f, core::UtcSeconds instant) {
    const core::TimeZone* zone = f.zone;
    const std::string at = core::format_day_time(zone ? zone->to_local(instant) : instant, f.language, f.locale);
    const std::string place = zone ? zone_place(zone->name()) : "UTC";
    return at + " (" + core::fill(words_of(f.language).place_time, {{"place", place}}) + ")";
}

struct Paragraphs {
    std::vector<std::string> lines;          // each a paragraph of text
    std::string quote_author, quote;         // replied: the reply, quoted
    std::vector<std::pair<std::string, std::string>> links;  // label, address (the survey's answers)
};

Paragraphs body_of(const NoticeFacts& f) {
    const Words& w = words_of(f.language);
    const Args ticket{{"n", std::to_string(f.number)}, {"title", f.title}};
    auto with = [&ticket](Args more) {
        Args all = ticket;
        all.insert(all.end(), more.begin(), more.end());
        return all;
    };
    Paragraphs p;
    const std::string priority = core::translate(f.language, "priority." + std::string(core::key(f.priority)));
    switch (f.kind) {
        case NoticeKind::opened:
            if (f.follow_up_of)
                p.lines.push_back(core::fill(w.follow_up, with({{"previous", std::to_string(f.follow_up_of)},
                                                                {"priority", priority}, {"due", when(f, f.due_at)}})));
            else
                p.lines.push_back(core::fill(w.opened, with({{"priority", priority}, {"due", when(f, f.due_at)}})));
            break;
        case NoticeKind::replied:
            p.lines.push_back(core::fill(w.replied, ticket));
            p.quote_author = core::fill(w.wrote, {{"author", f.reply_author.empty() ? w.support : f.reply_author}});
            p.quote = f.reply_text;
            break;
        case NoticeKind::solved:
            p.lines.push_back(core::fill(w.solved, ticket));
            if (f.reopen_until) p.lines.push_back(core::fill(w.solved_until, {{"until", when(f, *f.reopen_until)}}));
            p.lines.push_back(w.rate);
            p.links = {{w.rate_good, f.rate_good_link}, {w.rate_bad, f.rate_bad_link}};
            break;
        case NoticeKind::reopened:
            p.lines.push_back(core::fill(w.reopened, ticket));
            break;
    }
    return p;
}

std::string text_of(const NoticeFacts& f, const Paragraphs& p) {
    const Words& w = words_of(f.language);
    std::string text = std::string(w.hello) + "\n\n";
    for (const std::string& line : p.lines) text += line + "\n\n";
    if (!p.quote_author.empty()) {
        text += p.quote_author + "\n\n";
        std::string_view rest = p.quote;
        while (!rest.empty()) {  // each line of the reply quoted, as mail clients quote
            const size_t end = rest.find('\n');
            text += "> " + std::string(rest.substr(0, end)) + "\n";
            rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
        }
        text += "\n";
    }
    for (const auto& [label, address] : p.links) text += label + ": " + address + "\n";
    if (!p.links.empty()) text += "\n";
    text += std::string(w.view) + ": " + f.ticket_link + "\n\n-- \n";
    text += std::string(w.why) + "\n" + w.stop + ": " + f.stop_link + "\n";
    return text;
}

std::string html_of(const NoticeFacts& f, const Paragraphs& p) {
    const Words& w = words_of(f.language);
    auto link = [](const std::string& label, const std::string& address, const char* style) {
        return "<a href=\"" + html_escape(address) + "\" style=\"" + style + "\">" + html_escape(label) + "</a>";
    };
    // The admin's type and colours (LOOK.md): Inter where the reader has it, the accent blue for actions.
    std::string html =
        "<!DOCTYPE html><html lang=\"" + f.language + "\"><head><meta charset=\"utf-8\"><title>" +
        html_escape(core::fill("[#{n}] {title}", {{"n", std::to_string(f.number)}, {"title", f.title}})) +
        "</title></head><body style=\"margin:0;padding:24px;background:#f5f5f5;color:#1f1f1f;"
        "font:14px/1.5 Inter,-apple-system,'Segoe UI',Roboto,sans-serif\"><div style=\"max-width:560px;margin:0 auto;"
        "background:#fff;border:1px solid #e0e0e0;border-radius:8px;padding:24px\">";
    html += "<p style=\"margin:0 0 16px\">" + html_escape(w.hello) + "</p>";
    for (const std::string& line : p.lines) html += "<p style=\"margin:0 0 16px\">" + html_escape(line) + "</p>";
    if (!p.quote_author.empty())
        html += "<p style=\"margin:0 0 8px;color:#707070\">" + html_escape(p.quote_author) +
                "</p><blockquote style=\"margin:0 0 16px;padding:8px 12px;border-left:3px solid #e0e0e0;"
                "white-space:pre-wrap\">" + html_escape(p.quote) + "</blockquote>";
    for (const auto& [label, address] : p.links)
        html += "<p style=\"margin:0 0 8px\">" + link(label, address, "color:#0366dd") + "</p>";
    html += "<p style=\"margin:24px 0\">" +
            link(w.view, f.ticket_link,
                 "display:inline-block;padding:8px 16px;border-radius:4px;background:#0366dd;color:#fff;"
                 "text-decoration:none;font-weight:600") + "</p>";
    html += "<p style=\"margin:0;font-size:12px;color:#707070\">" + html_escape(w.why) + " " +
            link(w.stop, f.stop_link, "color:#707070") + "</p></div></body></html>\n";
    return html;
}

}  // namespace

std::string_view notice_kind_key(NoticeKind kind) {
    static constexpr std::array<std::string_view, 4> keys = {"opened", "replied", "solved", "reopened"};
    return keys[static_cast<size_t>(kind)];
}

std::optional<NoticeKind> parse_notice_kind(std::string_view key) {
    for (NoticeKind kind : {NoticeKind::opened, NoticeKind::replied, NoticeKind::solved, NoticeKind::reopened})
        if (notice_kind_key(kind) == key) return kind;
    return std::nullopt;
}

MailContent compose_notice(const NoticeFacts& facts) {
    const Paragraphs p = body_of(facts);
    return MailContent{core::fill("[#{n}] {title}", {{"n", std::to_string(facts.number)}, {"title", facts.title}}),
                       text_of(facts, p), html_of(facts, p), facts.stop_link};
}

std::string_view region_language(core::RegionId region) {
    switch (region) {
        case core::RegionId::brazil: return "pt";
        case core::RegionId::latam: return "es";
        default: return "en";
    }
}

std::string_view region_locale(core::RegionId region) {
    switch (region) {
        case core::RegionId::brazil: return "pt-BR";
        case core::RegionId::latam: return "es-419";
        case core::RegionId::apac: return "en-SG";
        case core::RegionId::us: return "en-US";
        case core::RegionId::emea: return "en-GB";
    }
    return "en-US";
}

std::string zone_place(std::string_view zone_name) {
    if (zone_name == "America/Sao_Paulo") return "S\xC3\xA3o Paulo";
    if (zone_name == "America/Bogota") return "Bogot\xC3\xA1";
    std::string place(zone_name.substr(zone_name.rfind('/') == std::string_view::npos ? 0 : zone_name.rfind('/') + 1));
    for (char& c : place)
        if (c == '_') c = ' ';
    return place;
}

std::string html_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out += c;
        }
    }
    return out;
}

}  // namespace server
