// failing_gtest.cpp: a CHANCHECK_TEST that must fail (the seed's forgotten sender).
// expect_failure.cmake runs it and checks that the failure shows the report, the
// token and how to replay it, and that the replay fails the same way.
#include <chancheck/gtest.hpp>

#include "examples/seed/forgotten_sender.hpp"

using namespace chancheck;

CHANCHECK_TEST(ExploredTest, ForgottenSenderLeaks) { seed::process("gophers", 0, 200ms); }
