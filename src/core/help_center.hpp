#pragma once
// Help Center articles by region: a user sees the global article plus the one of the account's region,
// each in the user's language when it exists, otherwise in English with a note.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/region.hpp"
#include "core/result.hpp"

namespace core {

struct LocalizedText {
    std::string en, es, pt;  // empty where the article does not exist in that language
    const std::string& in(std::string_view lang) const;  // falls back to English
    bool has(std::string_view lang) const;
};

struct Article {
    std::string id;
    std::optional<RegionId> region;  // nullopt: global
    LocalizedText title, summary, url;
};

struct HelpCenter {
    std::vector<Article> articles;
};

// Parses assets/help_center.json; a malformed file yields an Error naming the field.
Result<HelpCenter> parse_help_center(std::string_view json_text);

struct ArticleView {
    const Article* article;
    std::string_view title, summary, url;
    bool english_only;  // the article exists only in English
};

// The articles a user of `region` sees, global first, in `lang` ("en", "es", "pt").
std::vector<ArticleView> articles_for(const HelpCenter& help, RegionId region, std::string_view lang);

}  // namespace core
