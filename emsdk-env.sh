# Source this file (`source emsdk-env.sh`) to use Debian's Emscripten 3.1.6 the way the project does.
# Debian's emcc needs Debian's acorn on NODE_PATH; EMSDK_PYTHON makes each emcc call about a third faster.
# The Emscripten cache itself is Debian's frozen, prebuilt one: leave EM_CACHE alone.
export NODE_PATH=/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}
export EMSDK_PYTHON=/usr/bin/python3
# Heavy third-party builds (SDL2, Dear ImGui, header shims) live outside the source tree, keyed by
# version and flags, so a clean clone reuses them.
export PORTAL_CACHE=${PORTAL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/support-portal}
