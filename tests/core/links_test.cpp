// core/links: which words of a message become links, and where each one goes.
#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

#include "core/links.hpp"

using core::find_links;

namespace {

// The linked words of `text`, each as "words -> href".
std::vector<std::string> linked(std::string_view text) {
    std::vector<std::string> out;
    for (const core::TextLink& link : find_links(text))
        out.push_back(std::string(text.substr(link.begin, link.end - link.begin)) + " -> " + link.href);
    return out;
}

using Words = std::vector<std::string>;

}  // namespace

TEST_CASE("web addresses with a scheme are links to themselves") {
    CHECK(linked("see https://help.vtex.com/en/faq for more") == Words{"https://help.vtex.com/en/faq -> https://help.vtex.com/en/faq"});
    CHECK(linked("http://example.com") == Words{"http://example.com -> http://example.com"});
    CHECK(linked("HTTPS://Example.com/A?b=1&c=2#d") == Words{"HTTPS://Example.com/A?b=1&c=2#d -> HTTPS://Example.com/A?b=1&c=2#d"});
    CHECK(linked("two: https://a.example.com and https://b.example.com/x").size() == 2);
}

TEST_CASE("www addresses link over https") {
    CHECK(linked("go to www.vtex.com/pt-br now") == Words{"www.vtex.com/pt-br -> https://www.vtex.com/pt-br"});
    CHECK(linked("www. is not an address").empty());
    CHECK(linked("www.localhost").empty());
}

TEST_CASE("punctuation around an address is not part of it") {
    CHECK(linked("Read https://help.vtex.com/faq.") == Words{"https://help.vtex.com/faq -> https://help.vtex.com/faq"});
    CHECK(linked("(https://help.vtex.com/faq)") == Words{"https://help.vtex.com/faq -> https://help.vtex.com/faq"});
    CHECK(linked("\"https://a.example.com/x\", then") == Words{"https://a.example.com/x -> https://a.example.com/x"});
    CHECK(linked("Is it https://a.example.com/?") == Words{"https://a.example.com/ -> https://a.example.com/"});
    CHECK(linked("<https://a.example.com/x>") == Words{"https://a.example.com/x -> https://a.example.com/x"});
    // A bracket the address opened stays.
    CHECK(linked("https://en.wikipedia.org/wiki/Foo_(bar) ok") ==
          Words{"https://en.wikipedia.org/wiki/Foo_(bar) -> https://en.wikipedia.org/wiki/Foo_(bar)"});
    CHECK(linked("(see https://en.wikipedia.org/wiki/Foo_(bar))") ==
          Words{"https://en.wikipedia.org/wiki/Foo_(bar) -> https://en.wikipedia.org/wiki/Foo_(bar)"});
}

TEST_CASE("an address must start a word") {
    CHECK(linked("xhttps://example.com").empty());
    CHECK(linked("https://").empty());
    CHECK(linked("http:// example.com").empty());
}

TEST_CASE("email addresses link with mailto") {
    CHECK(linked("write to support@vtex.com.") == Words{"support@vtex.com -> mailto:support@vtex.com"});
    CHECK(linked("(ana.silva+store@loja-exemplo.com.br)") ==
          Words{"ana.silva+store@loja-exemplo.com.br -> mailto:ana.silva+store@loja-exemplo.com.br"});
    CHECK(linked("me@localhost is local").empty());
    CHECK(linked("@vtex.com").empty());
    CHECK(linked("a@b.c").empty());
    CHECK(linked("x@y.com@z.com").empty());
}

TEST_CASE("an email inside a web address belongs to the address") {
    CHECK(linked("https://example.com/u/me@example.com") ==
          Words{"https://example.com/u/me@example.com -> https://example.com/u/me@example.com"});
}

TEST_CASE("offsets are bytes, also after non-ASCII words") {
    const std::string text = "Olá, veja https://vtex.com/ação e fale com suporte@vtex.com";
    const auto links = find_links(text);
    REQUIRE(links.size() == 2);
    CHECK(text.substr(links[0].begin, links[0].end - links[0].begin) == "https://vtex.com/ação");
    CHECK(links[1].href == "mailto:suporte@vtex.com");
    CHECK(links[1].end == text.size());
}

TEST_CASE("text without addresses has no links") {
    CHECK(linked("").empty());
    CHECK(linked("The checkout fails since 9:00. Order 1234.").empty());
    CHECK(linked("file.txt and v1.2.3").empty());
}
