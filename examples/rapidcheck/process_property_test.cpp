// process_property_test.cpp: the property as a RapidCheck test inside GoogleTest. It
// fails by design (process() leaks when the search is slower than the timeout):
// the failure shows the shrunk latency and timeout, the report of the leak and a
// token that replays both. tests/CMakeLists.txt runs it and checks that output.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "examples/rapidcheck/process_property.hpp"

RC_GTEST_PROP(ProcessProperty, NeverLeaks, ()) { rc_example::process_never_leaks(); }
