#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#ifdef __EMSCRIPTEN__
#define DOCTEST_CONFIG_NO_POSIX_SIGNALS
#endif
#include <doctest/doctest.h>
