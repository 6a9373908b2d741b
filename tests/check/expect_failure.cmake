# expect_failure.cmake: runs the failing CHANCHECK_TEST binary and checks its failure
# output, then replays the token it printed through CHANCHECK_REPLAY.
#   cmake -DBINARY=<chancheck_check_failing> -DSEND_LINE=<line> -P expect_failure.cmake
execute_process(COMMAND ${BINARY} RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(code EQUAL 0)
  message(FATAL_ERROR "the CHANCHECK_TEST that leaks passed:\n${out}${err}")
endif()
foreach(needle "FAIL ExploredTest.ForgottenSenderLeaks: leak found" "blocked forever in send on chan#"
               "forgotten_sender.cpp:${SEND_LINE}" "--gtest_filter=ExploredTest.ForgottenSenderLeaks"
               "[  FAILED  ] ExploredTest.ForgottenSenderLeaks")
  string(FIND "${out}" "${needle}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "the failure output lacks \"${needle}\":\n${out}${err}")
  endif()
endforeach()
if(NOT out MATCHES "replay: CHANCHECK_REPLAY=(cc2-[a-z0-9]+)")
  message(FATAL_ERROR "the failure output has no CHANCHECK_REPLAY=<token>:\n${out}")
endif()
set(token ${CMAKE_MATCH_1})
set(ENV{CHANCHECK_REPLAY} ${token})
execute_process(COMMAND ${BINARY} --gtest_filter=ExploredTest.ForgottenSenderLeaks RESULT_VARIABLE code
                OUTPUT_VARIABLE replayed ERROR_VARIABLE err)
string(FIND "${replayed}" "replay of ExploredTest.ForgottenSenderLeaks: leak" at)
if(code EQUAL 0 OR at EQUAL -1)
  message(FATAL_ERROR "CHANCHECK_REPLAY=${token} did not replay the leak:\n${replayed}${err}")
endif()
message(STATUS "the failing CHANCHECK_TEST shows the report and a token that replays it")
