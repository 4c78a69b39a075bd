// assets/help_center.json as core::parse_help_center reads it, then the lists the Help Center screen
// shows (core::articles_for) for every region and language. Checks: every article has an id and English
// title, summary and link; a list holds the global articles first, then the region's own, each once; a
// view's words are the article's in the language asked for, or its English; no exception.
#include "core/help_center.hpp"
#include "fuzz.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, size_t size) {
    fuzz::guard([&] {
        auto parsed = core::parse_help_center(fuzz::bytes(data, size));
        if (!parsed) {
            FUZZ_CHECK(!parsed.error().code.empty() && !parsed.error().message.empty());
            return;
        }
        const core::HelpCenter& help = parsed.value();
        for (const core::Article& article : help.articles)
            FUZZ_CHECK(!article.id.empty() && !article.title.en.empty() && !article.summary.en.empty() &&
                       !article.url.en.empty());
        for (core::RegionId region : core::all_regions)
            for (std::string_view lang : {"en", "es", "pt", "fr"}) {
                const auto views = core::articles_for(help, region, lang);
                size_t expected = 0, globals = 0;
                for (const core::Article& article : help.articles) {
                    if (!article.region) ++globals;
                    if (!article.region || article.region == region) ++expected;
                }
                FUZZ_CHECK(views.size() == expected);
                for (size_t i = 0; i < views.size(); ++i) {
                    const core::Article& article = *views[i].article;
                    FUZZ_CHECK(i < globals ? !article.region : article.region == region);
                    FUZZ_CHECK(views[i].title == article.title.in(lang) && !views[i].title.empty());
                    FUZZ_CHECK(views[i].summary == article.summary.in(lang) && views[i].url == article.url.in(lang));
                    FUZZ_CHECK(views[i].title == article.title.en || (lang != "en" && article.title.has(lang)));
                }
            }
    });
    return 0;
}
