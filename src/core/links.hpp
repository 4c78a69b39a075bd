#pragma once
// Links inside plain text a person wrote (a ticket's description, support's replies): web addresses
// starting with http://, https:// or www., and email addresses. Punctuation that ends the sentence
// around an address is not part of it ("see https://help.vtex.com/faq." links without the full stop).
#include <string>
#include <string_view>
#include <vector>

namespace core {

struct TextLink {
    size_t begin = 0, end = 0;  // bytes of the text the link covers
    std::string href;           // where it goes: the address itself, https:// before www., mailto: before emails
    bool operator==(const TextLink&) const = default;
};

// The links in `text`, in order, never overlapping.
std::vector<TextLink> find_links(std::string_view text);

}  // namespace core
