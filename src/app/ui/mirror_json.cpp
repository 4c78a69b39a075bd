#include "app/ui/mirror_json.hpp"

#include <cmath>
#include <cstdio>

namespace ui {

namespace {

// The length of the UTF-8 sequence at `i`, or 0 when it is not one (overlong, surrogate, past U+10FFFF,
// cut short).
size_t utf8_sequence(std::string_view text, size_t i) {
    const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char lead = byte(i);
    size_t length = 0;
    unsigned int min = 0, code = 0;
    if (lead >= 0xC2 && lead <= 0xDF) length = 2, min = 0x80, code = lead & 0x1Fu;
    else if (lead >= 0xE0 && lead <= 0xEF) length = 3, min = 0x800, code = lead & 0x0Fu;
    else if (lead >= 0xF0 && lead <= 0xF4) length = 4, min = 0x10000, code = lead & 0x07u;
    else return 0;
    if (i + length > text.size()) return 0;
    for (size_t k = 1; k < length; ++k) {
        if ((byte(i + k) & 0xC0) != 0x80) return 0;
        code = (code << 6) | (byte(i + k) & 0x3Fu);
    }
    if (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return 0;
    return length;
}

void append_number(std::string& out, float value) {
    char text[32];
    const int n = std::snprintf(text, sizeof text, "%.2f", std::isfinite(value) ? static_cast<double>(value) : 0.0);
    out.append(text, static_cast<size_t>(n));
}

void append_unsigned(std::string& out, unsigned int value) {
    char text[16];
    const int n = std::snprintf(text, sizeof text, "%u", value);
    out.append(text, static_cast<size_t>(n));
}

void field(std::string& out, const char* name) {
    out += ",\"";
    out += name;
    out += "\":";
}

void text_field(std::string& out, const char* name, std::string_view value) {
    field(out, name);
    append_json_string(out, value);
}

void number_field(std::string& out, const char* name, float value) {
    field(out, name);
    append_number(out, value);
}

}  // namespace

void append_json_string(std::string& out, std::string_view text) {
    out += '"';
    for (size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += static_cast<char>(c);
            ++i;
        } else if (c < 0x20) {
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
            out += escaped;
            ++i;
        } else if (c < 0x80) {
            out += static_cast<char>(c);
            ++i;
        } else if (const size_t n = utf8_sequence(text, i)) {
            out.append(text.substr(i, n));
            i += n;
        } else {
            out += "\xEF\xBF\xBD";
            ++i;
        }
    }
    out += '"';
}

std::string mirror_json(const ItemCollector& collector, ImGuiID active_text_id,
                        const std::function<const std::string*(ImGuiID)>& typed) {
    std::string out;
    out.reserve(128 + collector.items().size() * 160);
    out += "{\"items\":[";
    bool first = true;
    for (const Item& item : collector.items()) {
        out += first ? "{\"id\":" : ",{\"id\":";
        first = false;
        append_unsigned(out, item.id);
        text_field(out, "role", role_name(item.role));
        text_field(out, "label", item.label);
        number_field(out, "x", item.x);
        number_field(out, "y", item.y);
        number_field(out, "w", item.w);
        number_field(out, "h", item.h);
        if (item.role == Role::textbox) {
            const std::string* waiting = typed ? typed(item.id) : nullptr;
            text_field(out, "value", waiting ? *waiting : item.value);
            text_field(out, "type", item.input_type.empty() ? "text" : item.input_type);
            text_field(out, "autocomplete", item.autocomplete.empty() ? "off" : item.autocomplete);
            if (item.multiline) out += ",\"multiline\":true";
        }
        if (!item.href.empty()) text_field(out, "href", item.href);
        if (!item.group.empty()) text_field(out, "group", item.group);
        if (!item.lang.empty()) text_field(out, "lang", item.lang);
        if (item.toggle) out += item.checked ? ",\"pressed\":true" : ",\"pressed\":false";
        else if (item.role == Role::checkbox || item.role == Role::radio || item.role == Role::tab)
            out += item.checked ? ",\"checked\":true" : ",\"checked\":false";
        if (item.disabled) out += ",\"disabled\":true";
        if (item.level) {
            field(out, "level");
            append_unsigned(out, static_cast<unsigned int>(item.level));
        }
        out += '}';
    }
    out += "],\"active\":";
    append_unsigned(out, active_text_id);
    const ItemCollector::Scroll& scroll = collector.scroll();
    out += ",\"scroll\":{\"y\":";
    append_number(out, scroll.y);
    out += ",\"height\":";
    append_number(out, scroll.max_y + scroll.view_height);
    out += "}}";
    return out;
}

}  // namespace ui
