#include "core/help_center.hpp"

#include <nlohmann/json.hpp>

#include "core/json_text.hpp"

namespace core {

const std::string& LocalizedText::in(std::string_view lang) const {
    if (lang == "es" && !es.empty()) return es;
    if (lang == "pt" && !pt.empty()) return pt;
    return en;
}

bool LocalizedText::has(std::string_view lang) const {
    if (lang == "es") return !es.empty();
    if (lang == "pt") return !pt.empty();
    return !en.empty();
}

namespace {

using nlohmann::json;

Error field_error(const std::string& field, const std::string& what) {
    return Error{"invalid_help_center", "help_center.json: " + field + " " + what};
}

std::optional<Error> read_localized(const json& object, const std::string& key, const std::string& where,
                                    LocalizedText& out) {
    auto it = object.find(key);
    if (it == object.end() || !it->is_object()) return field_error(where + "." + key, "must be an object of languages");
    for (auto& [lang, text] : it->items()) {
        if (!text.is_string()) return field_error(where + "." + key + "." + lang, "must be a string");
        if (lang == "en") out.en = text.get<std::string>();
        else if (lang == "es") out.es = text.get<std::string>();
        else if (lang == "pt") out.pt = text.get<std::string>();
        else return field_error(where + "." + key + "." + lang, "is not a supported language (en, es, pt)");
    }
    if (out.en.empty()) return field_error(where + "." + key + ".en", "is required (English is the fallback)");
    return std::nullopt;
}

}  // namespace

Result<HelpCenter> parse_help_center(std::string_view json_text) {
    json doc = parse_json(json_text);
    if (doc.is_discarded()) return Error{"invalid_json", "help_center.json is not valid JSON"};
    if (!doc.is_object()) return field_error("(root)", "must be an object");
    auto list = doc.find("articles");
    if (list == doc.end() || !list->is_array()) return field_error("articles", "must be an array");
    HelpCenter help;
    for (size_t i = 0; i < list->size(); ++i) {
        const json& item = (*list)[i];
        std::string where = "articles[" + std::to_string(i) + "]";
        if (!item.is_object()) return field_error(where, "must be an object");
        Article article;
        auto id = item.find("id");
        if (id == item.end() || !id->is_string() || id->get<std::string>().empty())
            return field_error(where + ".id", "must be a non-empty string");
        article.id = id->get<std::string>();
        auto scope = item.find("scope");
        if (scope == item.end() || !scope->is_string()) return field_error(where + ".scope", "must be a string");
        std::string scope_key = scope->get<std::string>();
        if (scope_key != "global") {
            article.region = parse_region(scope_key);
            if (!article.region)
                return field_error(where + ".scope", "must be global, brazil, latam, apac, us or emea");
        }
        for (auto [key, out] : {std::pair{"title", &article.title}, std::pair{"summary", &article.summary},
                                std::pair{"url", &article.url}})
            if (auto error = read_localized(item, key, where, *out)) return *error;
        help.articles.push_back(std::move(article));
    }
    return help;
}

std::vector<ArticleView> articles_for(const HelpCenter& help, RegionId region, std::string_view lang) {
    std::vector<ArticleView> views;
    auto add = [&](const Article& article) {
        bool english_only = !article.title.has("es") && !article.title.has("pt");
        views.push_back(ArticleView{&article, article.title.in(lang), article.summary.in(lang), article.url.in(lang),
                                    english_only});
    };
    for (const Article& article : help.articles)
        if (!article.region) add(article);
    for (const Article& article : help.articles)
        if (article.region == region) add(article);
    return views;
}

}  // namespace core
