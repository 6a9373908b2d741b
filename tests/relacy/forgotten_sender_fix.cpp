// forgotten_sender_fix.cpp: Relacy suite. The seed's fix (a result channel of
// capacity 1) must pass under both schedulers: the search task always ends.
#include <relacy/relacy.hpp>

#include "tests/relacy/forgotten_sender.hpp"

using namespace chancheck::relacy_test;

int main() { return run_suite<forgotten_sender_suite<1>>("forgotten_sender_fix", {200000, 1}); }
