// The catalogs compiled in (the native build: the server's own texts, the tests).
#include "core/assets.hpp"
#include "core/i18n.hpp"

namespace core {

std::string_view embedded_catalog(std::string_view lang) {
    if (lang == "en") return assets::i18n_en_json();
    if (lang == "es") return assets::i18n_es_json();
    if (lang == "pt") return assets::i18n_pt_json();
    return {};
}

}  // namespace core
