# The fuzz preset: every library, suite and tool of the native configuration compiled with ASan + UBSan
# (a report of either stops the program) and libFuzzer's coverage, and one libFuzzer target per decoder
# of bytes from the network or a file (tests/fuzz/*.cpp). tzgen alone stays plain: it only runs at build
# time on our own regions.json.
if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  message(FATAL_ERROR "PORTAL_FUZZ needs clang (the fuzz preset sets clang++-14)")
endif()

add_library(portal_sanitize INTERFACE)
target_compile_options(portal_sanitize INTERFACE -fsanitize=address,undefined -fno-sanitize-recover=undefined
  -fsanitize=fuzzer-no-link -fno-omit-frame-pointer)
target_link_options(portal_sanitize INTERFACE -fsanitize=address,undefined)
# clang's -Wshadow also counts names that `using namespace std::chrono` brings in (its `last`).
set_source_files_properties(tools/tzgen.cpp PROPERTIES COMPILE_OPTIONS -Wno-shadow)
# Warnings clang has and GCC (the native preset, where -Werror is kept honest) has not: a capture of a
# constant that GCC needs spelled out is one clang calls unneeded.
target_compile_options(portal_warnings INTERFACE -Wno-unused-lambda-capture)
# portal_core is below everything of ours, so its consumers (app, server, suites, tools) inherit the flags.
target_link_libraries(portal_core PUBLIC portal_sanitize)

# fuzz_<name> from tests/fuzz/<name>.cpp, run briefly by ctest (PORTAL_FUZZ_SECONDS each, default 5) on a
# copy of its seed corpus tests/fuzz/corpus/<name>; `./dev fuzz [seconds]` runs them longer.
set(fuzz_targets)
function(portal_fuzz_target name library)
  add_executable(fuzz_${name} ${CMAKE_SOURCE_DIR}/tests/fuzz/${name}.cpp)
  target_include_directories(fuzz_${name} PRIVATE ${CMAKE_SOURCE_DIR}/tests/fuzz)
  target_link_libraries(fuzz_${name} PRIVATE ${library} ${ARGN} portal_warnings)
  target_link_options(fuzz_${name} PRIVATE -fsanitize=fuzzer)
  add_test(NAME fuzz.${name} COMMAND ${CMAKE_SOURCE_DIR}/scripts/fuzz.sh one $<TARGET_FILE:fuzz_${name}>
           ${CMAKE_SOURCE_DIR}/tests/fuzz/corpus/${name})
  set(fuzz_targets ${fuzz_targets} fuzz_${name} PARENT_SCOPE)
endfunction()

portal_fuzz_target(ticket_request portal_core)
portal_fuzz_target(sla_preview portal_core)
portal_fuzz_target(rfc3339 portal_core)
portal_fuzz_target(regions_json portal_core)
portal_fuzz_target(help_center_json portal_core)
portal_fuzz_target(client_responses portal_core)
portal_fuzz_target(access_token portal_server_lib)
portal_fuzz_target(id_token portal_server_lib)
# The RS256 signer it shares with tests/server/google_test.cpp.
target_include_directories(fuzz_id_token PRIVATE ${CMAKE_SOURCE_DIR}/tests/server)
portal_fuzz_target(attachment_name portal_server_lib)
portal_fuzz_target(query_params portal_server_lib)
portal_fuzz_target(json_bodies portal_server_lib)
# Whole requests through cpp-httplib: the library is compiled from its source here (cmake/native.cmake),
# so it is instrumented too and libFuzzer sees into the request parser it fuzzes.
target_link_libraries(httplib PRIVATE portal_sanitize)
portal_fuzz_target(multipart portal_server_lib)

# `cmake --build build/fuzz --target fuzz_targets`: the targets alone (./dev fuzz).
add_custom_target(fuzz_targets DEPENDS ${fuzz_targets})
