// scenario.hpp: registering scenarios for the explorer, opt-in beside chancheck.hpp.
//
//   CHANCHECK_SCENARIO("orders/process_timeout") { process("gophers"); }
//
// Link chancheck::main to get the chancheck CLI (list, run, replay) over them.
#pragma once

#include <chancheck/chancheck.hpp>
#include <chancheck/properties/scenario.hpp>
