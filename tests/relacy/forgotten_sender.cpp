// forgotten_sender.cpp: Relacy suite. The seed's bug: Relacy must report the
// search task blocked forever on its send (a deadlock) under both schedulers.
#include <relacy/relacy.hpp>

#include "tests/relacy/forgotten_sender.hpp"

using namespace chancheck::relacy_test;

int main() {
  return run_suite<forgotten_sender_suite<0>>("forgotten_sender (must be reported)", {200000, 1},
                                              rl::test_result_deadlock);
}
