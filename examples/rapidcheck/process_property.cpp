// process_property.cpp: the property of process_property.hpp.
#include "examples/rapidcheck/process_property.hpp"

#include "examples/seed/forgotten_sender.hpp"

using namespace chancheck;
using namespace std::chrono_literals;

namespace rc_example {

void process_with(duration latency, duration timeout) { seed::process("gophers", 0, latency, timeout); }

check_options options() {
  check_options o;
  o.name = "rc_example/process";
  o.time = time_mode::exact;
  o.use_environment = false;
  return o;
}

void process_never_leaks() {
  // The timeout first: RapidCheck shrinks the values in the order they were drawn,
  // so the latency is shrunk last, against the smallest timeout.
  const duration timeout = *gen_duration(1ms, 200ms);
  const duration latency = *gen_duration(0ms, 200ms);
  check_property(process_with, options(), latency, timeout);
}

}  // namespace rc_example
