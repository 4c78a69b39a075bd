#pragma once
// Which bytes of a buffer's new contents differ from what it held: the renderer sends the GPU process
// only those (src/web/renderer.cpp). Pure, so that the native tests check it.
#include <cstddef>
#include <cstdint>
#include <cstring>

namespace web {

// [first, end) of `now` (`size` bytes) to write over `held` (`held_size` bytes) so that the buffer holds
// `now`; first == end when nothing changed. Past what the buffer held, every byte counts as changed.
struct ByteSpan {
    std::size_t first = 0, end = 0;
    bool empty() const { return end <= first; }
};

namespace detail {

// Eight bytes at a time: the C library's memcmp compares one byte at a time in wasm.
inline std::uint64_t word(const unsigned char* at) {
    std::uint64_t value;
    std::memcpy(&value, at, 8);
    return value;
}

}  // namespace detail

inline ByteSpan changed_bytes(const unsigned char* held, std::size_t held_size, const unsigned char* now, std::size_t size) {
    const std::size_t common = size < held_size ? size : held_size;
    std::size_t first = 0;
    while (first + 8 <= common && detail::word(held + first) == detail::word(now + first)) first += 8;
    while (first < common && held[first] == now[first]) ++first;
    if (size > held_size) return {first, size};
    if (first == size) return {size, size};
    std::size_t end = size;
    while (end >= first + 8 && detail::word(held + end - 8) == detail::word(now + end - 8)) end -= 8;
    while (end > first && held[end - 1] == now[end - 1]) --end;
    return {first, end};
}

}  // namespace web
