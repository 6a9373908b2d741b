# ChancheckDiscoverScenarios.cmake: chancheck_discover_scenarios(), one CTest test per
# scenario of a test binary, in the style of gtest_discover_tests. Included by
# chancheckConfig.cmake (find_package) and by chancheck's own CMakeLists.txt
# (add_subdirectory).
#
#   chancheck_discover_scenarios(order_checks [LABELS l...] [TIMEOUT seconds]
#                                [TEST_PREFIX prefix] [EXTRA_ARGS arg...])
#
# After each build of `target` (an executable linking chancheck::main), runs
# `target list --format json` and adds a test named PREFIX+SCENARIO that runs
# `target run SCENARIO --expected EXTRA_ARGS...`, so a scenario passes when its
# verdict is the declared one.

function(chancheck_discover_scenarios target)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "TIMEOUT;TEST_PREFIX" "LABELS;EXTRA_ARGS")
  if(arg_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "chancheck_discover_scenarios: unknown arguments ${arg_UNPARSED_ARGUMENTS}; it takes "
                        "a target, then LABELS, TIMEOUT, TEST_PREFIX and EXTRA_ARGS")
  endif()
  if(NOT TARGET ${target})
    message(FATAL_ERROR "chancheck_discover_scenarios: ${target} is not a target; call it after add_executable(${target} ...)")
  endif()
  if(DEFINED arg_TIMEOUT AND NOT arg_TIMEOUT MATCHES "^[0-9]+$")
    message(FATAL_ERROR "chancheck_discover_scenarios: TIMEOUT takes whole seconds, not \"${arg_TIMEOUT}\"")
  endif()
  set(base "${CMAKE_CURRENT_BINARY_DIR}/${target}_scenarios")
  # The settings, written now so that lists need no quoting through the build tool.
  file(WRITE "${base}_settings.cmake"
       "set(labels [==[${arg_LABELS}]==])\nset(timeout [==[${arg_TIMEOUT}]==])\n"
       "set(prefix [==[${arg_TEST_PREFIX}]==])\nset(extra_args [==[${arg_EXTRA_ARGS}]==])\n")
  add_custom_command(
    TARGET ${target} POST_BUILD BYPRODUCTS "${base}_tests.cmake"
    COMMAND "${CMAKE_COMMAND}" -D "binary=$<TARGET_FILE:${target}>" -D "settings=${base}_settings.cmake"
            -D "out=${base}_tests.cmake" -P "${CMAKE_CURRENT_FUNCTION_LIST_DIR}/ChancheckDiscoverScenariosImpl.cmake"
    VERBATIM)
  file(WRITE "${base}_include.cmake"
       "if(EXISTS [==[${base}_tests.cmake]==])\n  include([==[${base}_tests.cmake]==])\n"
       "else()\n  add_test([==[${target}_NOT_BUILT]==] [==[${target}_NOT_BUILT]==])\nendif()\n")
  set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES "${base}_include.cmake")
endfunction()
