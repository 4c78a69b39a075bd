#include "core/ticket_api.hpp"

#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>

#include "core/json_text.hpp"

namespace core {

namespace {

using nlohmann::json;

json time_or_null(const std::optional<UtcSeconds>& instant) {
    return instant ? json(format_rfc3339(*instant)) : json(nullptr);
}

template <class Enum>
json key_or_null(const std::optional<Enum>& value) {
    return value ? json(key(*value)) : json(nullptr);
}

// A T read from `doc` by its read_members below, or the first problem among its members.
template <class T>
Result<T> read(const json& doc, const std::string& path);

// Reads the members of one JSON object. The first problem is kept, named with the member's path; the
// readings after it give empty values, so that each type states its members once and read() checks once.
class Members {
public:
    Members(const json& object, std::string path) : doc(object), prefix(std::move(path)) {
        if (!doc.is_object()) fail("", "must be an object");
    }

    std::optional<Error> problem;

    // Keeps the problem of a member, unless an earlier one was kept.
    void fail(const std::string& name, const std::string& what) {
        const std::string member = prefix.empty() || name.empty() ? prefix + name : prefix + "." + name;
        keep(Error{"invalid_response", member.empty() ? "The answer " + what + "." : member + ": " + what});
    }

    std::string text(const char* name, bool required = true) {
        const json* v = find(name, required);
        if (!v) return {};
        if (v->is_string()) return v->get<std::string>();
        fail(name, "must be text");
        return {};
    }
    std::optional<std::string> optional_text(const char* name) {
        if (!find(name, false)) return std::nullopt;
        return text(name);
    }
    std::int64_t integer(const char* name) {
        const json* v = find(name, true);
        if (!v) return 0;
        // A number above the largest int64 is kept as unsigned by the parser: not one of ours.
        constexpr auto largest = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
        if (v->is_number_integer() && !(v->is_number_unsigned() && v->get<std::uint64_t>() > largest))
            return v->get<std::int64_t>();
        fail(name, "must be a whole number");
        return 0;
    }
    bool flag(const char* name) {  // false when absent
        const json* v = find(name, false);
        if (!v) return false;
        if (v->is_boolean()) return v->get<bool>();
        fail(name, "must be true or false");
        return false;
    }
    std::optional<std::int64_t> optional_integer(const char* name) {
        if (!find(name, false)) return std::nullopt;
        return integer(name);
    }
    UtcSeconds time(const char* name) {
        const json* v = find(name, true);
        if (!v) return 0;
        auto instant = v->is_string() ? parse_rfc3339(v->get<std::string>()) : std::nullopt;
        if (instant) return *instant;
        fail(name, "must be an RFC 3339 time such as 2026-03-06T22:15:00Z");
        return 0;
    }
    std::optional<UtcSeconds> optional_time(const char* name) {
        if (!find(name, false)) return std::nullopt;
        return time(name);
    }
    template <KeyedEnum Enum>
    std::optional<Enum> optional_choice(const char* name, bool required = false) {
        const json* v = find(name, required);
        if (!v) return std::nullopt;
        auto value = v->is_string() ? parse_key<Enum>(v->get<std::string>()) : std::nullopt;
        if (!value)
            fail(name, (v->is_string() ? "\"" + v->get<std::string>() + "\"" : "the value") + " is not one of " +
                           key_list<Enum>());
        return value;
    }
    template <KeyedEnum Enum>
    Enum choice(const char* name) {
        return optional_choice<Enum>(name, true).value_or(Enum{});
    }
    // The member's entries, or none when it is absent or null.
    const json* list(const char* name) {
        const json* v = find(name, false);
        if (!v || v->is_array()) return v;
        fail(name, "must be a list");
        return nullptr;
    }
    // A member that is an object of its own (its problems are named below the member).
    template <class T>
    T object(const char* name) {
        const json* v = find(name, false);
        if (!v) return T{};
        auto value = read<T>(*v, prefix.empty() ? std::string(name) : prefix + "." + name);
        if (value) return std::move(value).value();
        keep(value.error());
        return T{};
    }
    // A member's texts by name, or none when it is absent or not an object; what is not text is left out.
    std::map<std::string, std::string> texts_by_name(const char* name) {
        std::map<std::string, std::string> out;
        const json* v = find(name, false);
        if (!v || !v->is_object()) return out;
        for (const auto& [entry, value] : v->items())
            if (value.is_string()) out.emplace(entry, value.get<std::string>());
        return out;
    }

private:
    const json* find(const char* name, bool required) {
        if (problem || !doc.is_object()) return nullptr;
        auto it = doc.find(name);
        if (it == doc.end() || it->is_null()) {
            if (required) fail(name, "is missing");
            return nullptr;
        }
        return &*it;
    }
    void keep(Error error) {
        if (!problem) problem = std::move(error);
    }

    const json& doc;
    std::string prefix;
};

// The entries of a list that read; the others are left out (see the header).
template <class T>
std::vector<T> entries(const json* list) {
    std::vector<T> out;
    if (!list) return out;
    for (const json& entry : *list)
        if (auto value = read<T>(entry, std::string()); value.ok()) out.push_back(std::move(value).value());
    return out;
}

// Each answer's members, as the contract names them.
void read_members(Members& m, TicketSummary& s) {
    s.id = m.text("id");
    if (s.id.empty()) m.fail("id", "is empty");
    s.number = m.integer("number");
    s.account = m.text("account");
    s.kind = m.choice<RequestKind>("kind");
    s.title = m.text("title");
    s.status = m.choice<TicketStatus>("status");
    s.priority = m.choice<Priority>("priority");
    s.opened_at = m.time("opened_at");
    s.due_at = m.time("due_at");
    s.updated_at = m.time("updated_at");
}

void read_members(Members& m, TicketComment& c) {
    c.id = m.integer("id");
    c.author = m.text("author");
    c.role = m.choice<CommentRole>("role");
    c.body = m.text("body");
    c.created_at = m.time("created_at");
}

void read_members(Members& m, StoredAttachment& a) {
    a.id = m.text("id");
    a.name = m.text("name");
    a.size = m.integer("size");
    a.sha256 = m.text("sha256");
    a.mime = m.text("mime");
    if (a.size < 0) m.fail("size", "must not be negative");
}

void read_members(Members& m, TicketSurvey& s) {
    s.status = m.choice<SurveyStatus>("status");
    s.rating = m.optional_choice<SurveyRating>("rating");
    s.reason = m.optional_text("reason");
    s.until = m.optional_time("until");
}

void read_members(Members& m, TicketDetails& d) {
    read_members(m, d.summary);
    d.description = m.text("description", false);
    d.users = m.optional_choice<UsersAffected>("users");
    d.impact = m.optional_choice<Impact>("impact");
    d.environment = m.optional_choice<Environment>("environment");
    d.experience = m.optional_choice<Experience>("experience");
    d.agency = m.text("agency", false);
    if (const json* cc = m.list("cc"))
        for (const json& email : *cc)
            if (email.is_string()) d.cc.push_back(email.get<std::string>());
    d.yours = m.flag("yours");
    d.follow_up_of = m.text("follow_up_of", false);
    d.follow_up_number = m.optional_integer("follow_up_number");
    d.solved_at = m.optional_time("solved_at");
    d.reopen_until = m.optional_time("reopen_until");
    d.comments = entries<TicketComment>(m.list("comments"));
    d.attachments = entries<StoredAttachment>(m.list("attachments"));
    d.survey = m.object<TicketSurvey>("survey");
}

void read_members(Members& m, TicketPage& page) {
    const json* tickets = m.list("tickets");
    if (!tickets) m.fail("tickets", "is missing");
    page.tickets = entries<TicketSummary>(tickets);
    page.next_cursor = m.optional_text("next_cursor");
}

void read_members(Members& m, RefusedField& f) {
    f.field = m.text("field");
    f.message = m.text("message");
    f.key = m.text("key", false);
    // The values fill the key's places: without a key there is nothing for them to fill.
    if (!f.key.empty()) f.values = m.texts_by_name("values");
}

void read_members(Members& m, TicketRefusal& r) {
    r.code = m.text("error");
    r.message = m.text("message");
    r.fields = entries<RefusedField>(m.list("fields"));
    // Both names or none: half of what to ask an administrator for is not something a person can act on.
    auto product = m.optional_text("product");
    auto resource = m.optional_text("resource");
    if (product && resource) r.missing_resource = LicenseResource{*product, *resource};
}

template <class T>
Result<T> read(const json& doc, const std::string& path) {
    Members m(doc, path);
    T value;
    read_members(m, value);
    if (m.problem) return *m.problem;
    return value;
}

template <class T>
Result<T> parse_body(std::string_view body) {
    const json doc = parse_json(body);
    if (doc.is_discarded()) return Error{"invalid_json", "The answer is not valid JSON."};
    return read<T>(doc, std::string());
}

}  // namespace

TicketFields form_fields(const TicketDetails& d) {
    TicketFields f;
    f.kind = d.summary.kind;
    f.title = d.summary.title;
    f.description = d.description;
    f.users = d.users;
    f.impact = d.impact;
    f.environment = d.environment;
    f.experience = d.experience;
    f.agency = d.agency;
    f.cc = d.cc;
    f.attachments.assign(d.attachments.begin(), d.attachments.end());
    f.follow_up_of = d.follow_up_of;
    return f;
}

RefusedField refused_field(const FieldError& e) {
    return RefusedField{e.field, english(e.message), e.message.key, {e.message.args.begin(), e.message.args.end()}};
}

Text problem_text(const RefusedField& f) {
    if (f.key.empty() || !known_key(f.key)) return Text::words(f.message);
    return Text::of(f.key, {f.values.begin(), f.values.end()});
}

json to_json(const TicketSummary& s) {
    return json{{"id", s.id},
                {"number", s.number},
                {"account", s.account},
                {"kind", key(s.kind)},
                {"title", s.title},
                {"status", key(s.status)},
                {"priority", key(s.priority)},
                {"opened_at", format_rfc3339(s.opened_at)},
                {"due_at", format_rfc3339(s.due_at)},
                {"updated_at", format_rfc3339(s.updated_at)}};
}

json to_json(const TicketComment& c) {
    return json{{"id", c.id}, {"author", c.author}, {"role", key(c.role)}, {"body", c.body},
                {"created_at", format_rfc3339(c.created_at)}};
}

json to_json(const StoredAttachment& a) {
    return json{{"id", a.id}, {"name", a.name}, {"size", a.size}, {"sha256", a.sha256}, {"mime", a.mime}};
}

json to_json(const TicketSurvey& s) {
    return json{{"status", key(s.status)}, {"rating", key_or_null(s.rating)},
                {"reason", s.reason ? json(*s.reason) : json(nullptr)}, {"until", time_or_null(s.until)}};
}

json to_json(const TicketDetails& d) {
    json t = to_json(d.summary);
    t["description"] = d.description;
    t["users"] = key_or_null(d.users);
    t["impact"] = key_or_null(d.impact);
    t["environment"] = key_or_null(d.environment);
    t["experience"] = key_or_null(d.experience);
    t["agency"] = d.agency;
    t["cc"] = d.cc;
    t["yours"] = d.yours;
    t["follow_up_of"] = d.follow_up_of.empty() ? json(nullptr) : json(d.follow_up_of);
    t["follow_up_number"] = d.follow_up_number ? json(*d.follow_up_number) : json(nullptr);
    t["solved_at"] = time_or_null(d.solved_at);
    t["reopen_until"] = time_or_null(d.reopen_until);
    t["comments"] = json::array();
    for (const TicketComment& c : d.comments) t["comments"].push_back(to_json(c));
    t["attachments"] = json::array();
    for (const StoredAttachment& a : d.attachments) t["attachments"].push_back(to_json(a));
    t["survey"] = to_json(d.survey);
    return t;
}

json to_json(const TicketPage& page) {
    json tickets = json::array();
    for (const TicketSummary& s : page.tickets) tickets.push_back(to_json(s));
    return json{{"tickets", std::move(tickets)},
                {"next_cursor", page.next_cursor ? json(*page.next_cursor) : json(nullptr)}};
}

json to_json(const TicketRefusal& r) {
    json body{{"error", r.code}, {"message", r.message}};
    if (!r.fields.empty()) {
        body["fields"] = json::array();
        for (const RefusedField& f : r.fields) {
            json entry{{"field", f.field}, {"message", f.message}};
            if (!f.key.empty()) {
                entry["key"] = f.key;
                entry["values"] = json::object();
                for (const auto& [name, value] : f.values) entry["values"][name] = value;
            }
            body["fields"].push_back(std::move(entry));
        }
    }
    if (r.missing_resource) {
        body["product"] = r.missing_resource->product;
        body["resource"] = r.missing_resource->resource;
    }
    return body;
}

Result<TicketSummary> parse_ticket_summary(std::string_view body) { return parse_body<TicketSummary>(body); }
Result<TicketComment> parse_ticket_comment(std::string_view body) { return parse_body<TicketComment>(body); }
Result<StoredAttachment> parse_stored_attachment(std::string_view body) { return parse_body<StoredAttachment>(body); }
Result<TicketSurvey> parse_ticket_survey(std::string_view body) { return parse_body<TicketSurvey>(body); }
Result<TicketDetails> parse_ticket_details(std::string_view body) { return parse_body<TicketDetails>(body); }
Result<TicketPage> parse_ticket_page(std::string_view body) { return parse_body<TicketPage>(body); }
Result<TicketRefusal> parse_ticket_refusal(std::string_view body) { return parse_body<TicketRefusal>(body); }

}  // namespace core
