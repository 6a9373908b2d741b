// forgotten_sender.cpp: the seed's forgotten sender and its one-line fix.
//
// process() starts a search and waits for its result or a timeout. When the
// timeout wins, process() returns and the search task blocks forever on its send
// on the unbuffered channel: it leaked. With capacity 1 the send always completes.
//
// The Go original:
//   func process(term string) string {
//       ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
//       defer cancel()
//       ch := make(chan string)
//       go func() { ch <- search(term) }()
//       select {
//       case <-ctx.Done():
//           return "search canceled"
//       case result := <-ch:
//           return result
//       }
//   }
#include "examples/seed/forgotten_sender.hpp"

#include <chancheck/scenario.hpp>

using namespace chancheck;

namespace seed {

std::string search(const std::string& term, duration took) {
  sleep(took);
  return "result for " + term;
}

std::string process(const std::string& term, std::size_t capacity, duration search_time, duration timeout) {
  auto [ctx, cancel] = with_timeout(background(), timeout);
  CHANCHECK_DEFER(cancel());
  auto ch = make_chan<std::string>(capacity);
  go("search", [ch, term, search_time] {
    ch.send(search(term, search_time));
  });
  std::string result;
  select(recv(ctx.done(), [&] { result = "search canceled"; }),
         recv(ch, [&](std::string r) { result = r; }));
  return result;
}

}  // namespace seed

CHANCHECK_SCENARIO("seed/forgotten_sender", expected::leak) { seed::process("gophers", 0, 200ms); }

CHANCHECK_SCENARIO("seed/buffered_fix") { seed::process("gophers", 1, 200ms); }
