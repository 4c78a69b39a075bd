#!/usr/bin/env bash
# scripts/record-sdl2-checks.sh CMAKECACHE STAMP: the feature checks' results of a configured SDL2 tree, as
# a CMake script to preload (cmake -C), with STAMP (the SDL2 version, Emscripten's and the flags' key, as
# scripts/setup.sh writes it) as its first line. setup.sh writes one to $PORTAL_CACHE after each configure
# that ran the checks; copying it to cmake/sdl2-web-checks.cmake spares fresh machines the checks.
set -euo pipefail
cache=$1 stamp=$2
printf '%s\n' "$stamp"
printf '# Written by scripts/record-sdl2-checks.sh from a real configure; preloaded by scripts/setup.sh only\n'
printf '# when the line above is what it would write now.\n'
# The check macros' results (check_include_file, check_symbol_exists, check_c_source_compiles, ...):
# internal cache entries, each skipped by its check when already defined.
grep -E '^(HAVE_[A-Za-z0-9_]+|CHECK_CPU_ARCHITECTURE_[A-Z0-9_]+|ICONV_IN_[A-Z]+|LIBC_[A-Z_]+|LIBUNWIND_[A-Z_]+|STDC_HEADERS):INTERNAL=' "$cache" \
  | sort | while IFS= read -r line; do
      name=${line%%:INTERNAL=*} value=${line#*:INTERNAL=}
      printf 'set(%s "%s" CACHE INTERNAL "")\n' "$name" "$value"
    done
