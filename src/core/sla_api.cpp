#include "core/sla_api.hpp"

#include <nlohmann/json.hpp>

#include "core/json_text.hpp"

namespace core {

namespace {

using nlohmann::json;

Error invalid(const std::string& field, const std::string& what) { return Error{"invalid_request", field + ": " + what}; }

template <class Enum, class Parse>
Result<Enum> enum_field(const json& object, const std::string& name, const std::string& field, Parse parse,
                        const std::string& allowed) {
    auto it = object.find(name);
    if (it == object.end() || it->is_null()) return invalid(field, "is required, one of " + allowed);
    if (!it->is_string()) return invalid(field, "must be a string, one of " + allowed);
    auto value = parse(it->template get<std::string>());
    if (!value) return invalid(field, "\"" + it->template get<std::string>() + "\" is not one of " + allowed);
    return *value;
}

}  // namespace

Result<SlaPreviewRequest> parse_sla_preview_request(std::string_view body) {
    json doc = parse_json(body);
    if (doc.is_discarded()) return Error{"invalid_json", "The request body is not valid JSON."};
    if (!doc.is_object()) return Error{"invalid_request", "The request body must be a JSON object."};
    SlaPreviewRequest request;
    auto region = enum_field<RegionId>(doc, "region", "region", parse_region, "brazil, latam, apac, us, emea");
    if (!region) return region.error();
    request.region = region.value();

    const bool has_priority = doc.contains("priority") && !doc["priority"].is_null();
    const bool has_answers = doc.contains("answers") && !doc["answers"].is_null();
    if (has_priority && has_answers) return invalid("priority", "give either priority or answers, not both");
    if (!has_priority && !has_answers) return invalid("priority", "is required (or answers to derive it from)");
    if (has_priority) {
        auto priority = enum_field<Priority>(doc, "priority", "priority", parse_key<Priority>, key_list<Priority>());
        if (!priority) return priority.error();
        request.priority = priority.value();
    } else {
        const json& a = doc["answers"];
        if (!a.is_object()) return invalid("answers", "must be an object with kind, users and impact");
        Answers answers;
        auto kind = enum_field<RequestKind>(a, "kind", "answers.kind", parse_key<RequestKind>, key_list<RequestKind>());
        if (!kind) return kind.error();
        answers.kind = kind.value();
        const bool incident = answers.kind == RequestKind::incident;
        if (incident || (a.contains("users") && !a["users"].is_null())) {
            auto users = enum_field<UsersAffected>(a, "users", "answers.users", parse_key<UsersAffected>,
                                                   key_list<UsersAffected>());
            if (!users) return users.error();
            answers.users = users.value();
        }
        if (incident || (a.contains("impact") && !a["impact"].is_null())) {
            auto impact = enum_field<Impact>(a, "impact", "answers.impact", parse_key<Impact>, key_list<Impact>());
            if (!impact) return impact.error();
            answers.impact = impact.value();
        }
        auto decision = derive_priority(answers);
        if (!decision) return invalid("answers", decision.error().message);
        request.priority = decision.value().priority;
    }
    if (doc.contains("opened_at") && !doc["opened_at"].is_null()) {
        const json& t = doc["opened_at"];
        auto parsed = t.is_string() ? parse_rfc3339(t.get<std::string>()) : std::nullopt;
        if (!parsed) return invalid("opened_at", "must be an RFC 3339 time such as 2026-03-06T22:15:00Z");
        // The deadline and the next opening may come up to ten years after the opening (sla.cpp looks
        // 3660 days ahead): an opening after 9979 could answer with a time past 9999, which RFC 3339
        // cannot write (the answer said "10000-01-03T...").
        constexpr UtcSeconds latest_opening = 252771148800;  // 9980-01-01T00:00:00Z
        if (*parsed >= latest_opening) return invalid("opened_at", "must be before the year 9980");
        request.opened_at = *parsed;
    }
    return request;
}

std::string sla_preview_json(const SlaPreview& p) {
    json out = {{"region", region_key(p.region)},
                {"priority", key(p.priority)},
                {"opened_at", format_rfc3339(p.opened_at)},
                {"due_at", format_rfc3339(p.due_at)},
                {"team_open", p.team.open},
                {"next_open_at", p.team.next_open ? json(format_rfc3339(*p.team.next_open)) : json(nullptr)}};
    return out.dump();
}

}  // namespace core
