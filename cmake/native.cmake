# The native configuration: the reference server, and every native test suite.
find_package(Threads REQUIRED)
find_package(PkgConfig REQUIRED)
pkg_check_modules(SQLITE3 REQUIRED IMPORTED_TARGET sqlite3)
pkg_check_modules(LIBPQ REQUIRED IMPORTED_TARGET libpq)  # Debian's libpq-dev: the PostgreSQL engine
pkg_check_modules(BROTLI REQUIRED IMPORTED_TARGET libbrotlidec libbrotlienc)
find_package(ZLIB REQUIRED)
find_package(OpenSSL REQUIRED)

# cpp-httplib from Debian trixie with its security fixes, split into httplib.h + httplib.cc by
# scripts/setup.sh (bookworm's 0.11.4 reads chunked bodies without limit). Never the system's copy.
if(NOT HTTPLIB_PREFIX)
  set(HTTPLIB_PREFIX "$ENV{HTTPLIB_PREFIX}")
endif()
if(NOT EXISTS "${HTTPLIB_PREFIX}/httplib.cc")
  message(FATAL_ERROR "cpp-httplib not found in HTTPLIB_PREFIX='${HTTPLIB_PREFIX}': run scripts/setup.sh and source $PORTAL_CACHE/paths.env")
endif()
add_library(httplib STATIC ${HTTPLIB_PREFIX}/httplib.cc)
target_include_directories(httplib SYSTEM BEFORE PUBLIC ${HTTPLIB_PREFIX})
# Its listen backlog is 5: a burst of connections (a bench's 64, many merchants at 9:00) overflowed it and
# clients waited a second for their SYN to be retried. Linux caps it at net.core.somaxconn. poll, not
# select: with hundreds of connections a socket's number passes FD_SETSIZE (the library answered 500).
target_compile_definitions(httplib PUBLIC CPPHTTPLIB_OPENSSL_SUPPORT CPPHTTPLIB_ZLIB_SUPPORT CPPHTTPLIB_BROTLI_SUPPORT
  CPPHTTPLIB_LISTEN_BACKLOG=4096 CPPHTTPLIB_USE_POLL)
target_link_libraries(httplib PUBLIC OpenSSL::SSL OpenSSL::Crypto ZLIB::ZLIB PkgConfig::BROTLI Threads::Threads)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
pkg_check_modules(LIBCRYPTO REQUIRED IMPORTED_TARGET libcrypto)
pkg_check_modules(LIBCURL REQUIRED IMPORTED_TARGET libcurl>=7.85)  # CURLOPT_PROTOCOLS_STR; SMTP and the SMS API

# The API contract compiled into the server: docs/openapi.yaml, and the reference page built from it
# (tools/api-reference.mjs, with swagger-parser from package-lock.json).
find_program(NODE node REQUIRED)
set(api_reference_html ${CMAKE_BINARY_DIR}/generated/api-reference.html)
add_custom_command(OUTPUT ${api_reference_html}
  COMMAND ${NODE} ${CMAKE_SOURCE_DIR}/tools/api-reference.mjs ${CMAKE_SOURCE_DIR}/docs/openapi.yaml ${api_reference_html}
  DEPENDS ${CMAKE_SOURCE_DIR}/docs/openapi.yaml ${CMAKE_SOURCE_DIR}/tools/api-reference.mjs VERBATIM)
portal_embed(openapi_yaml_cpp ${CMAKE_SOURCE_DIR}/docs/openapi.yaml openapi_yaml server::contract)
portal_embed(api_reference_cpp ${api_reference_html} api_reference_html server::contract)

add_library(portal_server_lib STATIC ${openapi_yaml_cpp} ${api_reference_cpp} src/server/config.cpp
  src/server/address_set.cpp src/server/bounded_server.cpp src/server/database.cpp src/server/statement.cpp
  src/server/migrations.cpp src/server/sqlite_store.cpp src/server/postgres_store.cpp src/server/postgres_open.cpp
  src/server/static_files.cpp src/server/site_routes.cpp src/server/http_server.cpp src/server/identity/crypto.cpp src/server/identity/jwt.cpp
  src/server/identity/auth_service.cpp src/server/identity/auth_codes.cpp src/server/identity/auth_factors.cpp
  src/server/identity/auth_tokens.cpp src/server/identity/auth_routes.cpp src/server/identity/identity_store.cpp
  src/server/identity/demo_data.cpp src/server/identity/google.cpp src/server/identity/messaging.cpp
  src/server/identity/mail_message.cpp src/server/access_log.cpp src/server/exchange_log.cpp src/server/reply.cpp
  src/server/tickets/ticket_service.cpp src/server/tickets/ticket_create.cpp src/server/tickets/ticket_list.cpp
  src/server/tickets/ticket_thread.cpp src/server/tickets/ticket_files.cpp src/server/tickets/ticket_support.cpp
  src/server/tickets/ticket_store.cpp
  src/server/tickets/ticket_routes.cpp src/server/tickets/attachment_name.cpp src/server/admin.cpp
  src/server/identity/keys.cpp src/server/retention.cpp src/server/move_data.cpp
  src/server/notifications/notice.cpp src/server/notifications/outbox.cpp src/server/notifications/notifier.cpp
  src/server/notifications/notification_store.cpp
  src/server/notifications/notification_routes.cpp src/server/notifications/system_zones.cpp src/server/events/ticket_events.cpp src/server/events/event_hub.cpp
  src/server/events/event_routes.cpp)
target_link_libraries(portal_server_lib PUBLIC portal_core PkgConfig::SQLITE3 PkgConfig::LIBPQ httplib PkgConfig::SODIUM
  PkgConfig::LIBCRYPTO PkgConfig::LIBCURL Threads::Threads PRIVATE portal_warnings)

add_executable(portal-server src/server/main.cpp)
target_link_libraries(portal-server PRIVATE portal_server_lib portal_warnings)

include(${CMAKE_SOURCE_DIR}/tests/core/sources.cmake)
add_executable(core_tests ${core_test_sources})
target_link_libraries(core_tests PRIVATE portal_core portal_warnings)
add_test(NAME core COMMAND core_tests)

if(PORTAL_WITH_UI)  # the headless UI's suites need the native Dear ImGui
add_executable(app_tests tests/app/main.cpp tests/app/headless_ui.cpp tests/app/help_center_ui_test.cpp
  tests/app/update_test.cpp tests/app/sla_preview_ui_test.cpp tests/app/sign_in_ui_test.cpp tests/app/tickets_form_test.cpp
  tests/app/tickets_thread_test.cpp tests/app/routes_test.cpp
  tests/app/my_requests_ui_test.cpp tests/app/i18n_test.cpp tests/app/mirror_json_test.cpp tests/app/changed_bytes_test.cpp
  tests/app/theme_test.cpp tests/app/controls_ui_test.cpp tests/app/text_layout_test.cpp tests/app/text_ui_test.cpp
  tests/app/catalog_switch_test.cpp tests/app/live_test.cpp tests/app/first_atlas_test.cpp tests/app/font_pack_test.cpp)
target_include_directories(app_tests PRIVATE tests)
target_compile_definitions(app_tests PRIVATE PORTAL_SOURCE_DIR="${CMAKE_SOURCE_DIR}"  # the key scan reads src/
  PORTAL_GENERATED_DIR="${CMAKE_BINARY_DIR}/generated")  # the font pack's test reads the instanced fonts
target_link_libraries(app_tests PRIVATE portal_app portal_warnings)
target_sources(app_tests PRIVATE tests/app/touch_scroll_test.cpp tests/app/layout_test.cpp
  tests/app/layout_ui_test.cpp tests/app/look_finish_test.cpp)
add_test(NAME app COMMAND app_tests)
endif()

add_executable(server_tests tests/server/main.cpp tests/server/test_server.cpp tests/server/test_database.cpp
  tests/server/static_files_test.cpp
  tests/server/database_test.cpp tests/server/http_test.cpp tests/server/sla_preview_test.cpp tests/server/auth_test.cpp
  tests/server/google_test.cpp tests/server/messaging_test.cpp tests/server/mail_message_test.cpp
  tests/server/smtp_relay_process.cpp tests/server/child_process.cpp tests/server/tickets_test.cpp
  tests/server/access_log_test.cpp tests/server/trust_test.cpp tests/server/http_limits_test.cpp tests/server/http_proxy_test.cpp
  tests/server/jwt_test.cpp tests/server/contract_test.cpp tests/server/ticket_resource_test.cpp
  tests/server/postgres_test.cpp tests/server/move_data_test.cpp tests/server/notifications_test.cpp
  tests/server/events_test.cpp tests/server/system_zones_test.cpp tests/server/outcome_test.cpp)
target_include_directories(server_tests PRIVATE tests src)
target_link_libraries(server_tests PRIVATE portal_server_lib portal_warnings)
target_compile_definitions(server_tests PRIVATE PORTAL_SERVER_BINARY="$<TARGET_FILE:portal-server>"
  PORTAL_SOURCE_DIR="${CMAKE_SOURCE_DIR}")  # the SMTP relay script beside the tests
add_dependencies(server_tests portal-server)
add_test(NAME server COMMAND server_tests)
# The same suites on PostgreSQL 15: a throwaway cluster (scripts/test-postgres.sh), a schema per test
# server. Not again under the sanitizers (build/fuzz): the engine's code is the same there.
if(NOT PORTAL_FUZZ)
  add_test(NAME server_postgresql COMMAND ${CMAKE_SOURCE_DIR}/scripts/test-postgres.sh $<TARGET_FILE:server_tests>)
endif()

# The SLA engine for the parity test (against the wasm build) and the bench.
add_executable(sla_tool tools/sla_tool.cpp)
target_link_libraries(sla_tool PRIVATE portal_core portal_warnings)

# The list's frame time with many tickets against an empty list (./dev bench).
if(PORTAL_WITH_UI)
add_executable(frame_bench tools/frame_bench.cpp tests/app/headless_ui.cpp)
target_include_directories(frame_bench PRIVATE tests/app)
target_link_libraries(frame_bench PRIVATE portal_app portal_warnings)
endif()

# The load generator of the ticket-creation bench (bench/ticket_load.mjs).
add_executable(ticket_load tools/ticket_load.cpp)
target_link_libraries(ticket_load PRIVATE portal_warnings)

# The fuzz preset (clang): everything above under ASan + UBSan, and the libFuzzer targets of tests/fuzz.
option(PORTAL_FUZZ "sanitize everything and build the fuzz targets (clang only)" OFF)
if(PORTAL_FUZZ)
  include(cmake/fuzz.cmake)
endif()
