#include "app/ui/mirror_json.hpp"

#include <cmath>
#include <cstdio>

#include "core/utf8.hpp"

namespace ui {

namespace {

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
        } else if (const size_t n = core::decode_utf8(text, i).length) {
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
        if (item.role == Role::file) text_field(out, "target", item.value);
        if (!item.href.empty()) text_field(out, "href", item.href);
        if (!item.group.empty()) text_field(out, "group", item.group);
        if (!item.lang.empty()) text_field(out, "lang", item.lang);
        if (!item.description.empty()) text_field(out, "description", item.description);
        if (item.toggle) out += item.checked ? ",\"pressed\":true" : ",\"pressed\":false";
        else if (item.role == Role::checkbox || item.role == Role::radio || item.role == Role::tab)
            out += item.checked ? ",\"checked\":true" : ",\"checked\":false";
        if (item.disabled) out += ",\"disabled\":true";
        if (item.font_px > 0) {
            number_field(out, "font", item.font_px);
            number_field(out, "line", item.line_px);
            if (item.weight) {
                field(out, "weight");
                append_unsigned(out, static_cast<unsigned int>(item.weight));
            }
        }
        if (item.wrap_w > 0) number_field(out, "wrap", item.wrap_w);
        if (item.pad_x > 0 || item.pad_y > 0) {
            number_field(out, "pad_x", item.pad_x);
            number_field(out, "pad_y", item.pad_y);
        }
        if (item.scroll_y > 0) number_field(out, "scroll", item.scroll_y);
        if (!item.links.empty()) {
            // [begin, end, href]: byte offsets into the label's UTF-8.
            field(out, "links");
            out += '[';
            for (size_t i = 0; i < item.links.size(); ++i) {
                const core::TextLink& link = item.links[i];
                out += i ? ",[" : "[";
                append_unsigned(out, static_cast<unsigned int>(link.begin));
                out += ',';
                append_unsigned(out, static_cast<unsigned int>(link.end));
                out += ',';
                append_json_string(out, link.href);
                out += ']';
            }
            out += ']';
        }
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
    if (scroll.covered_bottom > 0) {
        out += ",\"covered\":";
        append_number(out, scroll.covered_bottom);
    }
    out += "}}";
    return out;
}

}  // namespace ui
