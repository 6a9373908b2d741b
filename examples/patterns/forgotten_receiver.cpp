// forgotten_receiver.cpp: a results channel nobody drains after an early return.
//
// fetch_all() starts one task per source and collects their results, but returns
// at the first error. The tasks that have not reported yet block forever on their
// send on the unbuffered results channel: nobody will ever receive again. The fix
// gives the channel room for every result, so each send completes unreceived.
//
// The Go original:
//   func fetchAll(sources []string) error {
//       results := make(chan error) // fix: make(chan error, len(sources))
//       for _, s := range sources {
//           go func(s string) { results <- fetch(s) }(s)
//       }
//       for range sources {
//           if err := <-results; err != nil {
//               return err // the senders still to come are stranded
//           }
//       }
//       return nil
//   }
#include <chancheck/scenario.hpp>
#include <string>
#include <vector>

using namespace chancheck;

namespace {

/// Pretends to fetch a source: "bad" fails with a message, the others succeed ("").
std::string fetch(const std::string& source) { return source == "bad" ? "cannot fetch " + source : ""; }

std::string fetch_all(std::size_t capacity) {
  const std::vector<std::string> sources{"bad", "good"};
  auto results = make_chan<std::string>(capacity);
  for (const auto& s : sources)
    go("fetch " + s, [results, s] {
      results.send(fetch(s));  // <- reported here
    });
  for (std::size_t i = 0; i < sources.size(); ++i) {
    auto [err, ok] = results.recv();
    if (!err.empty()) return err;  // early return: nobody drains results any more
  }
  return "";
}

}  // namespace

CHANCHECK_SCENARIO("patterns/forgotten_receiver", expected::leak) { fetch_all(0); }

CHANCHECK_SCENARIO("patterns/forgotten_receiver_fixed") { fetch_all(2); }
