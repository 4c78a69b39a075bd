# The portal's own code for the web (the core, the app, the catalogs; the web runner and baseline A's
# window below):
# - no RTTI: nothing in it asks a type its name, and the names of the lambdas' and variants' types
#   (std::function keeps one each) were kilobytes of the wasm;
# - link-time optimization: the linker sees every caller at once, drops what no path reaches and inlines
#   across files: -10 KB brotli of the portal's wasm, and My requests' frames no slower (10,000 tickets
#   against the empty list, bench/list_frames.mjs: 1.17-1.21x with it, 1.13-1.24x without, 5 runs each).
#   Dear ImGui and SDL2 stay prebuilt without it (scripts/setup.sh; LTO on Dear ImGui alone added 0.4 KB).
set(web_lto -flto)
foreach(target IN ITEMS portal_core portal_app portal_catalogs_fetched)
  target_compile_options(${target} PRIVATE -fno-rtti ${web_lto})
endforeach()
# No C++ exception is caught in the browser (Emscripten's default: a throw ends the program), so
# nlohmann_json ends it itself where it would throw (JSON_NOEXCEPTION), without building the exception's
# message first. Every web program that reads JSON shares the setting, through the core.
target_compile_definitions(portal_core PUBLIC JSON_NOEXCEPTION)

# The web configuration (emcmake): the portal, baseline A for the bench, and the core's tests under node.
set(web_link_options ${web_lto} -sMIN_WEBGL_VERSION=2 -sMAX_WEBGL_VERSION=2 -sALLOW_MEMORY_GROWTH=1 -sNO_FILESYSTEM=1
  -sENVIRONMENT=web -sDYNAMIC_EXECUTION=0 -sDEFAULT_LIBRARY_FUNCS_TO_INCLUDE=@${CMAKE_SOURCE_DIR}/cmake/sdl_js_deps.json)

# SDL2 as two builds of the same sources and headers (scripts/setup.sh): the portal's lean one, and the
# stock one of baseline A.
function(sdl2_library name prefix)
  add_library(${name} STATIC IMPORTED)
  set_target_properties(${name} PROPERTIES IMPORTED_LOCATION ${prefix}/lib/libSDL2.a)
  # SDL2's own include folder first: a bare <SDL.h> must never find Emscripten's SDL 1.2 headers.
  target_include_directories(${name} SYSTEM BEFORE INTERFACE ${prefix}/include/SDL2)
endfunction()
sdl2_library(sdl2 ${SDL2_PREFIX})

# The C library's strtod and sscanf replaced by src/web/numbers.cpp's (its comment says why: 7.5 KB brotli),
# in every web program that reads numbers as text: the portal and the core's suites under node.
add_library(portal_web_numbers STATIC src/web/numbers.cpp)
target_compile_options(portal_web_numbers PRIVATE -fno-rtti ${web_lto})
target_link_libraries(portal_web_numbers PRIVATE portal_warnings)
target_link_options(portal_web_numbers INTERFACE -Wl,--wrap=strtod -Wl,--wrap=sscanf)

add_library(portal_web OBJECT src/web/main.cpp src/web/runner.cpp src/web/effects.cpp src/web/exports.cpp src/web/js_shims.cpp
  src/web/page_sync.cpp src/web/wake.cpp src/web/mirror_bridge.cpp src/web/http.cpp src/web/renderer.cpp
  src/web/default_font.cpp src/web/gl_proc_address.cpp src/web/game_controller.cpp src/web/touch_gestures.cpp)
target_link_libraries(portal_web PUBLIC portal_app sdl2 PRIVATE portal_warnings)
target_compile_options(portal_web PRIVATE -fno-rtti ${web_lto})
# GL_SUPPORT_*_ENABLE_EXTENSIONS=0: the runtime enabled every WebGL extension the browser offers as the
# context was made (20-35 ms of the start in headless Chromium); the portal draws with WebGL 2's core only.
# MALLOC=emmalloc: Emscripten's small allocator instead of dlmalloc: -1.9 KB brotli, and no slower (16 cold
# and repeat loads each, in turn: cold 251 -> 232 ms median, repeat 138 -> 132; My requests' frames with
# 10,000 tickets against the empty list, bench/list_frames.mjs, 3 runs each: 1.09-1.24x, dlmalloc 1.22-1.27x).
# Less of Emscripten's runtime in portal.js (-0.7 KB brotli): the browser's TextDecoder only (every browser
# the portal runs in has it); no GL error bookkeeping in the runtime (WebGL's own errors still reach
# glGetError); no errno from the runtime's JavaScript functions (nothing reads it); and the runtime reads
# only the Module properties web/boot.js sets.
set(portal_link_options ${web_link_options} -sMALLOC=emmalloc
  -sTEXTDECODER=2 -sGL_TRACK_ERRORS=0 -sSUPPORT_ERRNO=0 -sINCOMING_MODULE_JS_API=[canvas,print,printErr,instantiateWasm,onAbort]
  -sGL_SUPPORT_AUTOMATIC_ENABLE_EXTENSIONS=0 -sGL_SUPPORT_SIMPLE_ENABLE_EXTENSIONS=0
  --pre-js ${CMAKE_SOURCE_DIR}/web/heap_strings.js
  # Dear ImGui's built-in font left out: its one caller goes to src/web/default_font.cpp instead.
  -Wl,--wrap=_ZN11ImFontAtlas14AddFontDefaultEPK12ImFontConfig
  # SDL's eglGetProcAddress knows the few GL functions SDL asks for, not all of them (src/web/gl_proc_address.cpp).
  -Wl,--wrap=eglGetProcAddress
  # Dear ImGui's SDL2 backend's calls of SDL's game controllers, which the portal never uses (src/web/game_controller.cpp).
  -Wl,--wrap=SDL_GameControllerOpen -Wl,--wrap=SDL_GameControllerGetButton -Wl,--wrap=SDL_GameControllerGetAxis
  -Wl,--wrap=SDL_GameControllerClose
  # SDL's gesture recognizer, whose events the portal never reads (src/web/touch_gestures.cpp).
  -Wl,--wrap=SDL_GestureAddTouch -Wl,--wrap=SDL_GestureDelTouch -Wl,--wrap=SDL_GestureProcessEvent
  -Wl,--wrap=SDL_GestureQuit
  -sEXPORTED_FUNCTIONS=@${CMAKE_SOURCE_DIR}/src/web/exports.json
  -sEXPORTED_RUNTIME_METHODS=@${CMAKE_SOURCE_DIR}/src/web/runtime_exports.json)
add_executable(portal $<TARGET_OBJECTS:portal_web>)
target_link_libraries(portal PRIVATE portal_app sdl2 portal_catalogs_fetched portal_web_numbers)
target_link_options(portal PRIVATE ${portal_link_options})
set_property(TARGET portal APPEND PROPERTY LINK_DEPENDS ${CMAKE_SOURCE_DIR}/web/heap_strings.js)
set_target_properties(portal PROPERTIES SUFFIX ".js")
# Binaryen's current wasm-opt (npm `binaryen`, a dependency in package.json that scripts/setup.sh installs
# for every profile) shrinks the linked wasm further than the one Debian's Emscripten runs at link time.
find_program(NODE node REQUIRED)
set(wasm_opt ${CMAKE_SOURCE_DIR}/node_modules/binaryen/bin/wasm-opt)
if(NOT EXISTS ${wasm_opt})
  message(FATAL_ERROR "${wasm_opt} is missing: run scripts/setup.sh (it installs the npm packages)")
endif()
add_custom_command(TARGET portal POST_BUILD
  COMMAND ${NODE} ${wasm_opt} $<TARGET_FILE_DIR:portal>/portal.wasm -Oz --gufa -Oz --converge
          -o $<TARGET_FILE_DIR:portal>/portal.wasm VERBATIM)
# The same link with the functions' names kept, for ./dev bench to tell where the bytes go (bench/wasm_parts.mjs).
add_executable(portal_profile EXCLUDE_FROM_ALL $<TARGET_OBJECTS:portal_web>)
target_link_libraries(portal_profile PRIVATE portal_app sdl2 portal_catalogs_fetched portal_web_numbers)
target_link_options(portal_profile PRIVATE ${portal_link_options} --profiling-funcs)
set_target_properties(portal_profile PROPERTIES SUFFIX ".js")

# Baseline A: a bare Dear ImGui window, same sources, toolchain and flags, on the stock SDL2 and the stock
# Dear ImGui build (only the `all` set-up builds them: ./dev test and bench).
if(SDL2_STOCK_PREFIX AND IMGUI_STOCK_PREFIX)
sdl2_library(sdl2_stock ${SDL2_STOCK_PREFIX})
imgui_library(imgui_stock ${IMGUI_STOCK_PREFIX})
add_executable(baseline_a bench/baseline_a/main.cpp)
target_link_libraries(baseline_a PRIVATE imgui_stock sdl2_stock)
target_compile_options(baseline_a PRIVATE ${web_lto})
target_link_options(baseline_a PRIVATE ${web_link_options})
set_target_properties(baseline_a PROPERTIES SUFFIX ".js")
endif()

# The page's words before the portal runs (boot.* of assets/i18n), as a script beside boot.js.
set(words_js ${CMAKE_BINARY_DIR}/generated/words.js)
set(i18n_files ${CMAKE_SOURCE_DIR}/assets/i18n/en.json ${CMAKE_SOURCE_DIR}/assets/i18n/es.json ${CMAKE_SOURCE_DIR}/assets/i18n/pt.json)
add_custom_command(OUTPUT ${words_js}
  COMMAND ${NODE} ${CMAKE_SOURCE_DIR}/tools/boot-words.mjs ${words_js} ${i18n_files}
  DEPENDS ${i18n_files} ${CMAKE_SOURCE_DIR}/tools/boot-words.mjs VERBATIM)

# The catalogs, served beside the wasm (which carries none): the page fetches the reader's at start and
# another when the reader switches to it.
set(catalog_files)
foreach(lang IN ITEMS en es pt)
  set(served ${CMAKE_BINARY_DIR}/generated/i18n-${lang}.json)
  add_custom_command(OUTPUT ${served}
    COMMAND ${CMAKE_COMMAND} -E copy ${CMAKE_SOURCE_DIR}/assets/i18n/${lang}.json ${served}
    DEPENDS ${CMAKE_SOURCE_DIR}/assets/i18n/${lang}.json VERBATIM)
  list(APPEND catalog_files ${served})
endforeach()

# The semantics mirror, written in parts (web/mirror/), served as one script: one request.
set(mirror_parts ${CMAKE_SOURCE_DIR}/web/mirror/mirror.js ${CMAKE_SOURCE_DIR}/web/mirror/elements.js
  ${CMAKE_SOURCE_DIR}/web/mirror/input.js ${CMAKE_SOURCE_DIR}/web/mirror/files.js)
set(mirror_js ${CMAKE_BINARY_DIR}/generated/mirror.js)
add_custom_command(OUTPUT ${mirror_js}
  COMMAND ${CMAKE_COMMAND} -E cat ${mirror_parts} > ${mirror_js}
  DEPENDS ${mirror_parts} VERBATIM)

# The scripts of the first download minified (tools/minify-js.mjs, terser from npm): portal.js with its
# top-level names shortened too (Emscripten's runtime lives there; only `Module` is shared).
set(min_dir ${CMAKE_BINARY_DIR}/min)
set(minified_scripts)
foreach(script IN ITEMS ${words_js} ${CMAKE_SOURCE_DIR}/web/boot.js ${mirror_js})
  get_filename_component(script_name ${script} NAME)
  add_custom_command(OUTPUT ${min_dir}/${script_name}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${min_dir}
    COMMAND ${NODE} ${CMAKE_SOURCE_DIR}/tools/minify-js.mjs ${script} ${min_dir}/${script_name}
    DEPENDS ${script} ${CMAKE_SOURCE_DIR}/tools/minify-js.mjs VERBATIM)
  list(APPEND minified_scripts ${min_dir}/${script_name})
endforeach()
add_custom_command(OUTPUT ${min_dir}/portal.js
  COMMAND ${CMAKE_COMMAND} -E make_directory ${min_dir}
  COMMAND ${NODE} ${CMAKE_SOURCE_DIR}/tools/minify-js.mjs $<TARGET_FILE_DIR:portal>/portal.js ${min_dir}/portal.js --toplevel
  DEPENDS portal ${CMAKE_SOURCE_DIR}/tools/minify-js.mjs VERBATIM)

# The served folders: our pages and scripts beside the wasm, pre-compressed (brotli, gzip).
set(web_files ${minified_scripts} ${catalog_files} ${CMAKE_SOURCE_DIR}/shell.html
  ${CMAKE_SOURCE_DIR}/web/portal.css ${CMAKE_SOURCE_DIR}/web/callback.html ${CMAKE_SOURCE_DIR}/web/callback.js
  ${CMAKE_SOURCE_DIR}/web/host.html ${CMAKE_SOURCE_DIR}/web/host.js ${CMAKE_SOURCE_DIR}/web/host.css
  ${CMAKE_SOURCE_DIR}/web/favicon.svg)
# Then the names that change with the content (tools/hash-names.mjs), so browsers keep them a year.
add_custom_target(web_dist ALL
  COMMAND ${CMAKE_SOURCE_DIR}/scripts/stage-web.sh ${CMAKE_BINARY_DIR}/dist
          ${min_dir}/portal.js $<TARGET_FILE_DIR:portal>/portal.wasm ${web_files}
  COMMAND ${NODE} ${CMAKE_SOURCE_DIR}/tools/hash-names.mjs ${CMAKE_BINARY_DIR}/dist
  DEPENDS portal ${min_dir}/portal.js ${web_files} ${CMAKE_SOURCE_DIR}/scripts/stage-web.sh ${CMAKE_SOURCE_DIR}/tools/hash-names.mjs VERBATIM)
if(TARGET baseline_a)
set(baseline_files ${CMAKE_SOURCE_DIR}/bench/baseline_a/index.html ${CMAKE_SOURCE_DIR}/bench/baseline_a/boot.js)
add_custom_target(baseline_dist ALL
  COMMAND ${CMAKE_SOURCE_DIR}/scripts/stage-web.sh ${CMAKE_BINARY_DIR}/baseline-dist
          $<TARGET_FILE_DIR:baseline_a>/baseline_a.js $<TARGET_FILE_DIR:baseline_a>/baseline_a.wasm ${baseline_files}
  DEPENDS baseline_a ${baseline_files} ${CMAKE_SOURCE_DIR}/scripts/stage-web.sh VERBATIM)
endif()

# The core's suites again, compiled by em++ and run under node: same code, same answers in wasm.
include(${CMAKE_SOURCE_DIR}/tests/core/sources.cmake)
add_executable(core_tests_wasm ${core_test_sources})
target_link_libraries(core_tests_wasm PRIVATE portal_core portal_catalogs_embedded portal_warnings portal_web_numbers)
# doctest ends a test case on a failed REQUIRE by throwing: exceptions on, for the tests only.
target_compile_options(core_tests_wasm PRIVATE -fexceptions)
target_link_options(core_tests_wasm PRIVATE -fexceptions -sWASM_ASYNC_COMPILATION=0 -sENVIRONMENT=node -sALLOW_MEMORY_GROWTH=1
  -sEXIT_RUNTIME=1 -sNODERAWFS=0)
add_test(NAME core_wasm COMMAND ${CMAKE_CROSSCOMPILING_EMULATOR} $<TARGET_FILE:core_tests_wasm> --no-colors)

# The same SLA tool in wasm, run under node by the parity test and the bench.
add_executable(sla_tool_wasm tools/sla_tool.cpp)
target_link_libraries(sla_tool_wasm PRIVATE portal_core portal_catalogs_embedded portal_warnings)
target_link_options(sla_tool_wasm PRIVATE -sWASM_ASYNC_COMPILATION=0 -sENVIRONMENT=node -sALLOW_MEMORY_GROWTH=1
  -sEXIT_RUNTIME=1 -sNODERAWFS=1)
