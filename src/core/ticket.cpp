#include "core/ticket.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "core/json_text.hpp"
#include "core/sla.hpp"
#include "core/utf8.hpp"

namespace core {

namespace {

using nlohmann::json;

bool is_technical(RequestKind kind) { return kind != RequestKind::financial; }

std::string trim(std::string_view text) {
    size_t a = 0, b = text.size();
    while (a < b && std::isspace(static_cast<unsigned char>(text[a]))) ++a;
    while (b > a && std::isspace(static_cast<unsigned char>(text[b - 1]))) --b;
    return std::string(text.substr(a, b - a));
}

Error malformed(const std::string& field, const std::string& what) {
    return Error{"invalid_request", field + ": " + what};
}

}  // namespace

const std::vector<std::string_view>& financial_subjects() {
    // The wire values (the ticket's title), in English whatever the reader's language: the words of the
    // English catalog's financial.subject.N (a test holds the two together). Kept here, not read from
    // the catalog: the web portal carries only the reader's catalog, where English would be missing.
    static const std::vector<std::string_view> subjects = {"Invoice or billing", "Payment or refund",
                                                           "Contract or plan change", "Cancellation",
                                                           "Other financial matter"};
    return subjects;
}

std::string ascii_lower(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::string file_extension(std::string_view name) {
    const size_t dot = name.rfind('.');
    return dot == std::string_view::npos ? "" : ascii_lower(name.substr(dot + 1));
}

std::string search_fold(std::string_view text) {
    // U+00C0 to U+00FF (UTF-8 C3 80 to C3 BF) folded; nullptr: kept as it is (the signs x and /).
    static constexpr const char* latin1[64] = {
        "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",   // C0-CF
        "d", "n", "o", "o", "o", "o", "o", nullptr, "o", "u", "u", "u", "u", "y", "th", "ss",  // D0-DF
        "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",   // E0-EF
        "d", "n", "o", "o", "o", "o", "o", nullptr, "o", "u", "u", "u", "u", "y", "th", "y",   // F0-FF
    };
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c >= 'A' && c <= 'Z') out += static_cast<char>(c - 'A' + 'a');
        else if (c == 0xC3 && i + 1 < text.size() && (static_cast<unsigned char>(text[i + 1]) & 0xC0) == 0x80 &&
                 latin1[static_cast<unsigned char>(text[i + 1]) - 0x80]) {
            out += latin1[static_cast<unsigned char>(text[++i]) - 0x80];
        } else out += static_cast<char>(c);
    }
    return out;
}

bool is_valid_email(std::string_view text) {
    const size_t at = text.find('@');
    if (at == std::string_view::npos || at == 0 || at != text.rfind('@') || text.size() > 254) return false;
    std::string_view domain = text.substr(at + 1);
    const size_t dot = domain.find('.');
    if (dot == std::string_view::npos || dot == 0 || domain.back() == '.' || domain.find("..") != std::string_view::npos)
        return false;
    return std::none_of(text.begin(), text.end(), [](char c) {
        return std::isspace(static_cast<unsigned char>(c)) || c == ',' || c == ';' || c == '<' || c == '>';
    });
}

std::vector<std::string> split_emails(std::string_view text) {
    std::vector<std::string> out;
    std::string current;
    auto flush = [&] {
        std::string t = trim(current);
        if (!t.empty()) out.push_back(std::move(t));
        current.clear();
    };
    for (char c : text) {
        if (c == ',' || c == ';' || std::isspace(static_cast<unsigned char>(c))) flush();
        else current += c;
    }
    flush();
    return out;
}

std::vector<FieldError> validate_ticket(const TicketFields& f) {
    std::vector<FieldError> errors;
    auto add = [&](const char* field, std::string key, std::vector<std::pair<std::string, std::string>> args = {}) {
        errors.push_back({field, Text::of(std::move(key), std::move(args))});
    };
    const std::string title = trim(f.title);
    if (title.empty())
        add("title", f.kind == RequestKind::financial ? "ticket.error.subject_missing" : "ticket.error.title_missing");
    else if (utf8_length(title) > max_title_chars)
        add("title", "ticket.error.title_long",
            {{"max", std::to_string(max_title_chars)}, {"has", std::to_string(utf8_length(title))}});
    // A title is one line wherever it is shown (a row of My requests, the thread's heading): a line
    // break or a control character sent through the API would break the list's even rows.
    else if (std::any_of(title.begin(), title.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; }))
        add("title", "ticket.error.title_one_line");
    const std::string description = trim(f.description);
    if (description.empty())
        add("description", f.kind == RequestKind::financial ? "ticket.error.what_happened_missing"
                                                              : "ticket.error.description_missing");
    else if (utf8_length(description) > max_description_chars)
        add("description", "ticket.error.description_long", {{"max", std::to_string(max_description_chars)}});
    if (is_technical(f.kind)) {
        if (f.kind == RequestKind::incident && !f.users) add("users", "ticket.error.users_missing");
        if (f.kind == RequestKind::incident && !f.impact) add("impact", "ticket.error.impact_missing");
        if (!f.environment) add("environment", "ticket.error.environment_missing");
        if (!f.experience) add("experience", "ticket.error.experience_missing");
    }
    if (utf8_length(f.agency) > 100) add("agency", "ticket.error.agency_long", {{"max", "100"}});
    if (f.cc.size() > max_cc) add("cc", "ticket.error.cc_many", {{"max", std::to_string(max_cc)}});
    for (const std::string& email : f.cc)
        if (!is_valid_email(email)) {
            add("cc", "ticket.error.cc_invalid", {{"email", email}});
            break;
        }
    if (f.attachments.size() > static_cast<size_t>(default_attachment_limits().max_files))
        add("attachments", "ticket.error.attachments_many", {{"max", std::to_string(default_attachment_limits().max_files)}});
    return errors;
}

Answers answers_of(const TicketFields& f) { return Answers{f.kind, f.users, f.impact}; }

std::string ticket_request_json(const TicketFields& f) {
    json body = {{"kind", key(f.kind)}, {"title", f.title}, {"description", f.description}, {"agency", f.agency},
                 {"cc", f.cc}, {"attachments", json::array()}};
    if (f.users) body["users"] = key(*f.users);
    if (f.impact) body["impact"] = key(*f.impact);
    if (f.environment) body["environment"] = key(*f.environment);
    if (f.experience) body["experience"] = key(*f.experience);
    for (const AttachmentRef& a : f.attachments) body["attachments"].push_back(a.id);
    if (!f.follow_up_of.empty()) body["follow_up_of"] = f.follow_up_of;
    return body.dump();
}

Result<TicketFields> parse_ticket_request(std::string_view text) {
    json doc = parse_json(text);
    if (doc.is_discarded()) return Error{"invalid_json", "The request body is not valid JSON."};
    if (!doc.is_object()) return Error{"invalid_request", "The request body must be a JSON object."};
    TicketFields f;
    auto string_field = [&](const char* name, std::string& out) -> std::optional<Error> {
        auto it = doc.find(name);
        if (it == doc.end() || it->is_null()) return std::nullopt;
        if (!it->is_string()) return malformed(name, "must be a string");
        out = it->get<std::string>();
        return std::nullopt;
    };
    auto kind = doc.find("kind");
    if (kind == doc.end() || !kind->is_string() || !parse_key<RequestKind>(kind->get<std::string>()))
        return malformed("kind", "is required, one of " + key_list<RequestKind>());
    f.kind = *parse_key<RequestKind>(kind->get<std::string>());
    for (auto [name, out] : {std::pair{"title", &f.title}, {"description", &f.description}, {"agency", &f.agency},
                             {"follow_up_of", &f.follow_up_of}})
        if (auto e = string_field(name, *out)) return *e;
    // Kept as shown: one line, without the spaces or the line break around it.
    f.title = trim(f.title);
    f.agency = trim(f.agency);
    auto choice = [&]<class Enum>(const char* name, std::optional<Enum>& out) -> std::optional<Error> {
        auto it = doc.find(name);
        if (it == doc.end() || it->is_null()) return std::nullopt;
        if (!it->is_string() || !parse_key<Enum>(it->template get<std::string>()))
            return malformed(name, "must be one of " + key_list<Enum>());
        out = parse_key<Enum>(it->template get<std::string>());
        return std::nullopt;
    };
    if (auto e = choice("users", f.users)) return *e;
    if (auto e = choice("impact", f.impact)) return *e;
    if (auto e = choice("environment", f.environment)) return *e;
    if (auto e = choice("experience", f.experience)) return *e;
    for (const char* list : {"cc", "attachments"}) {
        auto it = doc.find(list);
        if (it == doc.end() || it->is_null()) continue;
        if (!it->is_array() || it->size() > 100) return malformed(list, "must be a list of strings");
        for (const json& item : *it) {
            if (!item.is_string()) return malformed(list, "must be a list of strings");
            if (std::string_view(list) == "cc") f.cc.push_back(trim(item.get<std::string>()));
            else f.attachments.push_back(AttachmentRef{item.get<std::string>(), "", 0, ""});
        }
    }
    return f;
}

const AttachmentLimits& default_attachment_limits() {
    static const AttachmentLimits limits;
    return limits;
}

std::string attachment_limits_json(const AttachmentLimits& l) {
    return json{{"attachments", {{"max_file_bytes", l.max_file_bytes}, {"max_files", l.max_files},
                                 {"extensions", l.extensions}}}}
        .dump();
}

Result<AttachmentLimits> parse_attachment_limits(std::string_view text) {
    json doc = parse_json(text);
    if (!doc.is_object() || !doc.contains("attachments") || !doc["attachments"].is_object())
        return Error{"invalid_response", "The upload limits could not be read."};
    const json& a = doc["attachments"];
    AttachmentLimits l;
    if (!a.contains("max_file_bytes") || !a["max_file_bytes"].is_number_integer() || !a.contains("max_files") ||
        !a["max_files"].is_number_integer() || !a.contains("extensions") || !a["extensions"].is_array())
        return Error{"invalid_response", "The upload limits could not be read."};
    l.max_file_bytes = a["max_file_bytes"].get<std::int64_t>();
    l.max_files = a["max_files"].get<int>();
    l.extensions.clear();
    for (const json& e : a["extensions"])
        if (e.is_string()) l.extensions.push_back(ascii_lower(e.get<std::string>()));
    return l;
}

std::optional<Text> check_attachment(const AttachmentLimits& limits, std::string_view name, std::int64_t size,
                                     size_t already_attached) {
    const std::string file(name);
    if (already_attached >= static_cast<size_t>(limits.max_files))
        return Text::of("file.error.too_many", {{"file", file}, {"max", std::to_string(limits.max_files)}});
    if (size > limits.max_file_bytes)
        return Text::of("file.error.too_big", {{"file", file}, {"size", std::to_string(size)},
                                               {"max", std::to_string(limits.max_file_bytes)}});
    if (size == 0) return Text::of("file.error.empty", {{"file", file}});
    const std::string extension = file_extension(file);
    if (std::find(limits.extensions.begin(), limits.extensions.end(), extension) == limits.extensions.end()) {
        std::string allowed;
        for (const std::string& e : limits.extensions) allowed += (allowed.empty() ? "" : ", ") + e;
        return Text::of("file.error.type", {{"file", file}, {"types", allowed}});
    }
    return std::nullopt;
}

UtcSeconds reopen_until(const SupportRegion& region, UtcSeconds solved_at) {
    return add_business_time(region, solved_at, reopen_business_seconds);
}

TicketStatus effective_status(TicketStatus stored, std::optional<UtcSeconds> until, UtcSeconds now) {
    if (stored == TicketStatus::solved && until && now >= *until) return TicketStatus::closed;
    return stored;
}

SurveyStatus survey_status(TicketStatus stored, std::optional<UtcSeconds> until, bool rated, UtcSeconds now) {
    if (rated) return SurveyStatus::reviewed;
    if (!until || (stored != TicketStatus::solved && stored != TicketStatus::closed)) return SurveyStatus::none;
    return now < *until ? SurveyStatus::pending : SurveyStatus::expired;
}

}  // namespace core
