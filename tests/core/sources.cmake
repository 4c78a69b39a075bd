# The core's doctest suites, built natively and again with em++ (run under node).
set(core_test_sources
  ${CMAKE_SOURCE_DIR}/tests/core/main.cpp
  ${CMAKE_SOURCE_DIR}/tests/core/region_test.cpp
  ${CMAKE_SOURCE_DIR}/tests/core/help_center_test.cpp
  ${CMAKE_SOURCE_DIR}/tests/core/time_test.cpp
  ${CMAKE_SOURCE_DIR}/tests/core/priority_test.cpp
  ${CMAKE_SOURCE_DIR}/tests/core/regions_test.cpp
  ${CMAKE_SOURCE_DIR}/tests/core/sla_test.cpp
  ${CMAKE_SOURCE_DIR}/tests/core/sla_api_test.cpp
  ${CMAKE_SOURCE_DIR}/tests/core/pkce_test.cpp
  ${CMAKE_SOURCE_DIR}/tests/core/sign_in_test.cpp
  ${CMAKE_SOURCE_DIR}/tests/core/ticket_test.cpp
  ${CMAKE_SOURCE_DIR}/tests/core/ticket_api_test.cpp
  ${CMAKE_SOURCE_DIR}/tests/core/license_manager_test.cpp
  ${CMAKE_SOURCE_DIR}/tests/core/i18n_test.cpp)
