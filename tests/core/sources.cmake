# The core's doctest suites, built natively and again with em++ (run under node).
set(core_test_sources
  ${CMAKE_SOURCE_DIR}/tests/core/main.cpp
  ${CMAKE_SOURCE_DIR}/tests/core/region_test.cpp
  ${CMAKE_SOURCE_DIR}/tests/core/help_center_test.cpp
  ${CMAKE_BINARY_DIR}/generated/help_center_json.cpp)
