/* SDL >= 2.28 declares EM_JS_DEPS, which Emscripten 3.1.6 lacks; force-included into SDL's C files. */
#ifndef EM_JS_DEPS
#define EM_JS_DEPS(tag, deps) extern int em_js_deps_unused_##tag
#endif
