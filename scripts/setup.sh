#!/usr/bin/env bash
# scripts/setup.sh [run|cluster|all]: installs what the portal needs on a fresh Debian 12 machine, idempotently
# and quickly when nothing changed: Debian packages, SDL2, Dear ImGui and cpp-httplib sources through
# `apt-get source`, npm packages from package-lock.json, and the third-party builds (SDL2 for the web,
# Dear ImGui for web and native), cached outside the source tree under $PORTAL_CACHE, keyed by version and
# flags. `run` (./dev run) takes only what running the portal needs; `all` (the default: ./dev test,
# bench, fuzz) adds the browser, the test and fuzz tools, the npm packages of the tests and the native
# Dear ImGui of the headless UI tests. `cluster` (./dev cluster) is `run` with PostgreSQL and HAProxy.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
profile=${1:-all}
case "$profile" in run|cluster|all) ;; *) echo "setup: the profile is run, cluster or all, not $profile" >&2; exit 2 ;; esac
# shellcheck source=../emsdk-env.sh
source "$root/emsdk-env.sh"
log() { printf '[setup] %s\n' "$*" >&2; }
# shellcheck source=progress.sh
source "$root/scripts/progress.sh"
# A failed step ends with one sentence saying what to do (./dev prints it last); the tool's own words
# go to a log beside it.
fail() { printf 'setup: %s\n' "$*" >&2; exit 1; }
offline_hint="check the network connection (and a proxy, if this machine needs one), then run the same command again"

sdl_version=2.32.4
imgui_version=1.90.1
# trixie's cpp-httplib with Debian's security fixes (CVE-2025-46728, -52887, -53629): bookworm's 0.11.4
# reads a chunked body of any size. Header-only upstream; split here into httplib.h + httplib.cc.
httplib_version=0.18.7-1+deb13u1
packages=(build-essential cmake ninja-build pkg-config emscripten brotli dpkg-dev python3
  tzdata sqlite3 libsqlite3-dev libsodium-dev libssl-dev zlib1g-dev libbrotli-dev nlohmann-json3-dev
  libhowardhinnant-date-dev liboath-dev fonts-inter-variable fonttools
  libcurl4-openssl-dev openssl  # mail and SMS
  libpq-dev)  # the PostgreSQL engine (--database postgresql://...)
if [ "$profile" != run ]; then
  packages+=(postgresql-15  # the database of ./dev cluster, and the throwaway one the server suites also run on
    haproxy curl)  # the proxy in front of the nodes, and its readiness check (./dev cluster, the cluster tests)
fi
if [ "$profile" = all ]; then
  packages+=(chromium doctest-dev python3-aiosmtpd  # the browser tests, the suites, the tests' SMTP relay
    clang-14 libclang-rt-14-dev)  # clang: the fuzz preset (libFuzzer, ASan, UBSan)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# node and npm come with the machine's nodejs package (node 20); Debian's own only where none is present.
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  [ "$(id -u)" = 0 ] || { echo "setup: missing Debian packages: ${missing[*]} (run as root, or apt-get install them)" >&2; exit 1; }
  log "installing Debian packages: ${missing[*]}"
  mkdir -p "$PORTAL_CACHE"
  apt-get update -qq >"$PORTAL_CACHE/apt.log" 2>&1 && ! grep -q "^[WE]: .*\(Failed to fetch\|Could not resolve\|Temporary failure\)" "$PORTAL_CACHE/apt.log" \
    || fail "Debian's package mirrors could not be reached ($PORTAL_CACHE/apt.log): $offline_hint."
  DEBIAN_FRONTEND=noninteractive apt_progress "installing Debian packages" "$PORTAL_CACHE/apt.log" \
    apt-get install -y -qq -o APT::Status-Fd=3 "${missing[@]}" \
    || { grep -q "No space left" "$PORTAL_CACHE/apt.log" && fail "the disk is full: free some space, then run the same command again."
         fail "apt-get could not install ${missing[*]} ($PORTAL_CACHE/apt.log): $offline_hint."; }
fi

mkdir -p "$PORTAL_CACHE/src"
fetch_source() { # $1 package, $2 upstream version, $3 directory name to create, $4 "patched": with Debian's patches
  local pkg=$1 ver=$2 dir=$PORTAL_CACHE/src/$3
  [ -f "$dir/.complete" ] && return 0
  if ! apt-cache showsrc "$pkg" 2>/dev/null | grep -q "^Version: $ver"; then
    [ "$(id -u)" = 0 ] || { echo "setup: no deb-src for $pkg $ver; run scripts/deb-src.sh as root" >&2; exit 1; }
    "$root/scripts/deb-src.sh"
  fi
  local work; work=$(mktemp -d); chmod 755 "$work"; chown _apt "$work" 2>/dev/null || true  # apt fetches as _apt
  log "fetching $pkg $ver with apt-get source"
  local debver; debver=$(apt-cache showsrc "$pkg" | awk -v v="$ver" '/^Version:/ && index($2, v)==1 {print $2; exit}')
  (cd "$work" && apt-get source --download-only -qq "$pkg=$debver" >/dev/null 2>&1) \
    || fail "the sources of $pkg $ver could not be downloaded from Debian's mirrors: $offline_hint."

  local tarball; tarball=$(ls "$work"/*.orig.tar.* | head -1)
  rm -rf "$dir"; mkdir -p "$dir"
  tar -xf "$tarball" -C "$dir" --strip-components=1
  if [ "${4:-}" = patched ] && ls "$work"/*.debian.tar.* >/dev/null 2>&1; then
    tar -xf "$(ls "$work"/*.debian.tar.* | head -1)" -C "$work"
    if [ -f "$work/debian/patches/series" ]; then
      while read -r patch _; do
        case "$patch" in ''|'#'*) continue ;; esac
        patch -s -p1 -d "$dir" < "$work/debian/patches/$patch"
      done < "$work/debian/patches/series"
    fi
  fi
  touch "$dir/.complete"; rm -rf "$work"
}
fetch_source libsdl2 "$sdl_version" "SDL2-$sdl_version"
fetch_source imgui "$imgui_version" "imgui-$imgui_version"

# cpp-httplib: the Debian revision exactly (its patches are the security fixes), unpacked by dpkg-source
# so that they are applied (apt has checked the files against the signed index; --no-check skips only
# the uploader's signature, whose keyring is not on the machine).
httplib_prefix=$PORTAL_CACHE/cpp-httplib-$httplib_version
if [ ! -f "$httplib_prefix/.complete" ]; then
  if ! apt-cache showsrc cpp-httplib 2>/dev/null | grep -qx "Version: $httplib_version"; then
    [ "$(id -u)" = 0 ] || { echo "setup: no deb-src for cpp-httplib $httplib_version; run scripts/deb-src.sh as root" >&2; exit 1; }
    "$root/scripts/deb-src.sh"
  fi
  work=$(mktemp -d); chmod 755 "$work"; chown _apt "$work" 2>/dev/null || true
  log "fetching cpp-httplib $httplib_version with apt-get source"
  (cd "$work" && apt-get source --download-only -qq "cpp-httplib=$httplib_version" >/dev/null 2>&1 \
    && dpkg-source --no-check -x ./*.dsc source >/dev/null) \
    || fail "the sources of cpp-httplib $httplib_version could not be downloaded from Debian's mirrors: $offline_hint."

  rm -rf "$httplib_prefix"; mkdir -p "$httplib_prefix"
  (cd "$work/source" && python3 ./split.py -o "$httplib_prefix" >/dev/null)
  touch "$httplib_prefix/.complete"; rm -rf "$work"
fi

# Header shims: emcc must not see /usr/include, so header-only libraries get their own folder.
shim=$PORTAL_CACHE/include-shim
if [ ! -d "$shim" ]; then
  mkdir -p "$shim.tmp"
  ln -sfn /usr/include/nlohmann "$shim.tmp/nlohmann"
  ln -sfn /usr/include/doctest "$shim.tmp/doctest"
  ln -sfn /usr/include/date "$shim.tmp/date"
  mv "$shim.tmp" "$shim"
fi

key() { printf '%s' "$*" | sha256sum | cut -c1-12; }
# SDL2 for the web. Audio, joystick, haptic and sensor are off: the portal uses none of them.
sdl_flags="-DSDL_SHARED=OFF -DSDL_STATIC=ON -DSDL_TEST=OFF -DSDL_AUDIO=OFF -DSDL_JOYSTICK=OFF -DSDL_HAPTIC=OFF -DSDL_SENSOR=OFF -DSDL_POWER=OFF -DSDL_PTHREADS=OFF -DSDL_THREADS=OFF -DCMAKE_BUILD_TYPE=MinSizeRel"
# SDL2's configure runs some 300 feature checks, each an emcc process: minutes on a fresh machine, for
# answers fixed by the toolchain. Their results, recorded from a real configure with this Emscripten,
# SDL2 and these flags (cmake/sdl2-web-checks.cmake, its first line names all three), are preloaded; with
# any other toolchain, version or flags the checks run, and their results are written to the cache to
# record (scripts/record-sdl2-checks.sh).
sdl_checks_stamp="# SDL2 $sdl_version, emscripten $(dpkg-query -W -f='${Version}' emscripten), flags $(key "$sdl_flags" "$(cat "$root/cmake/em-deps-shim.h")")"
sdl_path() { # $1 a name for the variant, $2 its C defines, $3 its own cmake options
  echo "$PORTAL_CACHE/sdl2-$sdl_version-web-$1-$(key "$sdl_flags" "$2" "$(cat "$root/cmake/em-deps-shim.h")" ${3:+"$3"})"
}
build_sdl() { # $1 a name for the variant, $2 its C defines, $3 its own cmake options; prints the prefix
  local variant=$1 defines=$2 options=${3:-} prefix
  prefix=$(sdl_path "$variant" "$defines" "$options")
  if [ ! -f "$prefix/.complete" ]; then
    local preload=() log_file=$PORTAL_CACHE/sdl2-$variant.log
    if [ "$(head -n 1 "$root/cmake/sdl2-web-checks.cmake" 2>/dev/null)" = "$sdl_checks_stamp" ]; then
      preload=(-C "$root/cmake/sdl2-web-checks.cmake")
      log "building SDL2 $sdl_version for the web, $variant (once) into $prefix"
    else
      log "building SDL2 $sdl_version for the web, $variant (once; its feature checks take about 2-3 minutes) into $prefix"
    fi
    rm -rf "$prefix" "$prefix.build"
    # shellcheck disable=SC2086
    emcmake cmake "${preload[@]}" -S "$PORTAL_CACHE/src/SDL2-$sdl_version" -B "$prefix.build" -G Ninja $sdl_flags $options \
      -DCMAKE_INSTALL_PREFIX="$prefix" -DCMAKE_C_FLAGS="-include $root/cmake/em-deps-shim.h $defines" >"$log_file" 2>&1 \
      || fail "SDL2 could not be configured; what went wrong is in $log_file."
    if [ ${#preload[@]} -eq 0 ]; then
      "$root/scripts/record-sdl2-checks.sh" "$prefix.build/CMakeCache.txt" "$sdl_checks_stamp" > "$PORTAL_CACHE/sdl2-web-checks.cmake"
    fi
    ninja_progress "building SDL2 for the web ($variant)" "$log_file" cmake --build "$prefix.build" >&2 \
      && cmake --install "$prefix.build" >>"$log_file" 2>&1 \
      || { grep -q "No space left" "$log_file" && fail "the disk is full: free some space, then run the same command again."
           fail "SDL2 could not be built; what went wrong is in $log_file."; }
    rm -rf "$prefix.build"; touch "$prefix/.complete"
  fi
  echo "$prefix"
}
# The portal's SDL2 is built lean (SDL_LEAN_AND_MEAN, SDL's own switch): without the software blitters,
# RLE and the software renderer, which a program drawing only through WebGL never runs but which the
# video driver's surface code kept in the wasm (176 KB of it, 18 KB brotli). Baseline A, the bench's
# bare Dear ImGui window, keeps the stock build: the yardstick the portal is measured against.
# The lean build also leaves out what the portal never calls: the render API (its functions stay, and
# answer that it is not there), the offscreen and dummy video drivers (the browser's is the one), HIDAPI,
# locales, SDL_OpenURL, the file-system paths and shared objects: 3.7 KB brotli of the wasm.
sdl_lean_options="-DSDL_RENDER=OFF -DSDL_OFFSCREEN=OFF -DSDL_DUMMYVIDEO=OFF -DSDL_HIDAPI=OFF -DSDL_LOCALE=OFF -DSDL_MISC=OFF -DSDL_FILESYSTEM=OFF -DSDL_LOADSO=OFF"
sdl_prefix=$(build_sdl lean "-DSDL_LEAN_AND_MEAN=1" "$sdl_lean_options")
# Built for `all`, and kept when already there (as the native Dear ImGui below).
sdl_stock_prefix=
if [ "$profile" = all ] || [ -f "$(sdl_path stock "")/.complete" ]; then sdl_stock_prefix=$(build_sdl stock ""); fi

# Dear ImGui as a static library, once for the web (with the SDL2 + OpenGL ES 3 backends) and once native
# (headless, for the UI tests). The item hooks are compiled in (IMGUI_ENABLE_TEST_ENGINE); we define them.
# Both are the portal's lean build (cmake/imgui_defs.cmake); baseline A gets a third, web-stock, without
# the lean definitions and on the stock SDL2, as it gets the stock SDL2.
imgui_path() { # $1 web|web-stock|native
  local sdl=$sdl_prefix; [ "$1" = web-stock ] && sdl=$sdl_stock_prefix
  echo "$PORTAL_CACHE/imgui-$imgui_version-$1-$(key "$(cat "$root/cmake/imgui/CMakeLists.txt" "$root/cmake/imgui_defs.cmake")" "$sdl")"
}
build_imgui() { # $1 web|web-stock|native
  local flavour=$1 prefix
  prefix=$(imgui_path "$flavour")
  if [ ! -f "$prefix/.complete" ]; then
    log "building Dear ImGui $imgui_version ($flavour) into $prefix"
    rm -rf "$prefix" "$prefix.build"
    local runner=() extra=()
    case $flavour in
      web) runner=(emcmake); extra=(-DIMGUI_WEB=ON -DSDL2_PREFIX="$sdl_prefix") ;;
      web-stock) runner=(emcmake); extra=(-DIMGUI_WEB=ON -DIMGUI_STOCK=ON -DSDL2_PREFIX="$sdl_stock_prefix") ;;
    esac
    "${runner[@]}" cmake -S "$root/cmake/imgui" -B "$prefix.build" -G Ninja -DCMAKE_BUILD_TYPE=MinSizeRel \
      -DIMGUI_SOURCE="$PORTAL_CACHE/src/imgui-$imgui_version" -DCMAKE_INSTALL_PREFIX="$prefix" "${extra[@]}" >"$prefix.log" 2>&1 \
      && ninja_progress "building Dear ImGui ($flavour)" "$prefix.log" cmake --build "$prefix.build" && cmake --install "$prefix.build" >>"$prefix.log" 2>&1 \
      || { grep -q "No space left" "$prefix.log" && fail "the disk is full: free some space, then run the same command again."
           fail "Dear ImGui ($flavour) could not be built; what went wrong is in $prefix.log."; }
    rm -rf "$prefix.build"; touch "$prefix/.complete"
  fi
  echo "$prefix"
}
imgui_web=$(build_imgui web)
# Baseline A's, with the stock SDL2 above: built for `all`, and kept when already there.
imgui_web_stock=
if [ -n "$sdl_stock_prefix" ] && { [ "$profile" = all ] || [ -f "$(imgui_path web-stock)/.complete" ]; }; then
  imgui_web_stock=$(build_imgui web-stock)
fi
# The native Dear ImGui serves the headless UI tests only: built for `all`, and kept when already there.
imgui_native=
if [ "$profile" = all ] || [ -f "$(imgui_path native)/.complete" ]; then imgui_native=$(build_imgui native); fi

# npm packages, exactly as package-lock.json pins them; never a browser download. `run` takes the
# dependencies only (the Google stand-in, the API reference's parser); the tests' are devDependencies.
stamp=$root/node_modules/.portal-npm
if [ ! -f "$stamp" ] || [ "$root/package-lock.json" -nt "$stamp" ] || { [ "$profile" = all ] && [ "$(cat "$stamp")" != all ]; }; then
  log "installing npm packages from package-lock.json ($profile)"
  omit=(); [ "$profile" != all ] && omit=(--omit=dev)
  (cd "$root" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci "${omit[@]}" --no-audit --no-fund --loglevel=error \
    >"$PORTAL_CACHE/npm.log" 2>&1) \
    || { grep -q "ENOSPC" "$PORTAL_CACHE/npm.log" && fail "the disk is full: free some space, then run the same command again."
         fail "the npm packages could not be installed ($PORTAL_CACHE/npm.log): $offline_hint."; }
  echo "$profile" > "$stamp"
fi

cat > "$PORTAL_CACHE/paths.env" <<ENV
SDL2_PREFIX=$sdl_prefix
SDL2_STOCK_PREFIX=$sdl_stock_prefix
IMGUI_WEB_PREFIX=$imgui_web
IMGUI_WEB_STOCK_PREFIX=$imgui_web_stock
IMGUI_NATIVE_PREFIX=$imgui_native
SHIM_INCLUDE=$shim
HTTPLIB_PREFIX=$httplib_prefix
ENV
