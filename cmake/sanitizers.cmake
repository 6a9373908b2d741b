# sanitizers.cmake: sanitizer builds. CHANCHECK_SANITIZE=thread builds everything
# with ThreadSanitizer; CHANCHECK_SANITIZE=address with AddressSanitizer and
# UndefinedBehaviorSanitizer (any undefined behaviour is an error). The flags are
# global, so the kit, the explorer and every test binary are instrumented. Keep
# debug information in the build type (RelWithDebInfo) for reports with lines.
# tools/sanitize.sh configures, builds and runs both; docs/sanitizers.md explains.
set(CHANCHECK_SANITIZE "" CACHE STRING "Sanitizer build: thread, address (address+undefined), or empty for none")
set_property(CACHE CHANCHECK_SANITIZE PROPERTY STRINGS "" thread address)

if(CHANCHECK_SANITIZE STREQUAL "thread")
  set(chancheck_sanitize_flags -fsanitize=thread)
elseif(CHANCHECK_SANITIZE STREQUAL "address")
  set(chancheck_sanitize_flags -fsanitize=address,undefined -fno-sanitize-recover=undefined)
elseif(NOT CHANCHECK_SANITIZE STREQUAL "")
  message(FATAL_ERROR "CHANCHECK_SANITIZE=${CHANCHECK_SANITIZE} is not a sanitizer build: use thread, address "
                      "(AddressSanitizer with UndefinedBehaviorSanitizer), or leave it empty")
endif()

if(chancheck_sanitize_flags)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    message(FATAL_ERROR "CHANCHECK_SANITIZE needs GCC or Clang")
  endif()
  message(STATUS "chancheck: sanitizer build (${CHANCHECK_SANITIZE}): ${chancheck_sanitize_flags}")
  add_compile_options(${chancheck_sanitize_flags} -fno-omit-frame-pointer)
  add_link_options(${chancheck_sanitize_flags})
endif()
