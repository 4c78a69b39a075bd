// eglGetProcAddress for the portal's link. SDL2's EGL layer keeps a pointer to Emscripten's
// eglGetProcAddress, whose table names every GL and WebGL function Emscripten has: with it, the wasm
// imports all of them and portal.js carries their JavaScript (271 functions; 54 KB of portal.js, 6 KB
// brotli, plus 3.5 KB of the wasm). The portal draws through <GLES3/gl3.h> directly (src/web/renderer.cpp)
// and never asks SDL for a GL function; SDL asks by name only for the few below (SDL_video.c, SDL_egl.c:
// context attributes and extension checks). The web link (cmake/web.cmake, wasm-ld's --wrap) sends
// SDL's calls here; any other name gets no function, which is what eglGetProcAddress answers for a name
// it does not know, and what SDL checks for.
#include <EGL/egl.h>
#include <GLES3/gl3.h>

#include <cstring>

namespace {
using Proc = __eglMustCastToProperFunctionPointerType;
struct Known {
    const char* name;
    Proc proc;
};
const Known known[] = {
    {"glGetString", reinterpret_cast<Proc>(glGetString)},
    {"glGetStringi", reinterpret_cast<Proc>(glGetStringi)},
    {"glGetIntegerv", reinterpret_cast<Proc>(glGetIntegerv)},
    {"glGetError", reinterpret_cast<Proc>(glGetError)},
    {"glBindFramebuffer", reinterpret_cast<Proc>(glBindFramebuffer)},
    {"glGetFramebufferAttachmentParameteriv", reinterpret_cast<Proc>(glGetFramebufferAttachmentParameteriv)},
};
}  // namespace

extern "C" Proc __wrap_eglGetProcAddress(const char* name) {
    for (const Known& k : known)
        if (name && std::strcmp(name, k.name) == 0) return k.proc;
    return nullptr;
}
