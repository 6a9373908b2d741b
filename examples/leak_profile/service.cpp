// service.cpp: leak_profile() in a long-running service on real threads.
//
// The server handles each request in a task; the handler waits for a lookup with
// a timeout shorter than the lookup, returns, and the lookup blocks forever
// sending its result (the catalog's patterns/server_handler_leak, on threads).
// The server keeps serving; now and then it asks leak_profile() which tasks are
// blocked for good, and logs them. `--fixed` gives the result channel room for
// the one result, and nothing is named.
//
//   chancheck_leak_profile_service [--fixed]
// prints the profile's report and exits 0 once it named a task (or, with --fixed,
// after the requests are served and nothing was named), 1 otherwise.
#include <chrono>
#include <cstdio>
#include <cstring>
#include <thread>

#include <chancheck/chancheck.hpp>

using namespace chancheck;
using namespace std::chrono_literals;

namespace {

void handle(int req, std::size_t capacity) {
  auto result = make_chan<int>(capacity);
  go("lookup", [result, req] {
    std::this_thread::sleep_for(20ms);  // slower than the handler's timeout
    result.send(req * 2);
  });
  select(recv(result), recv(after(5ms)));
}

void serve(const chan<int>& requests, std::size_t capacity) {
  for (;;) {
    auto [req, ok] = requests.recv();
    if (!ok) return;
    go("handler", [req, capacity] { handle(req, capacity); });
  }
}

}  // namespace

int main(int argc, char** argv) {
  const bool fixed = argc > 1 && std::strcmp(argv[1], "--fixed") == 0;
  leak_profile_enable();
  auto requests = make_chan<int>();
  go("client", [requests] {
    for (int req = 1; req <= 3; ++req) requests.send(req);
    requests.close();
  });
  go("server", [requests, fixed] { serve(requests, fixed ? 1 : 0); });
  // The service's own loop: profile every 20 ms for up to 5 s.
  for (int round = 0; round < 250; ++round) {
    std::this_thread::sleep_for(20ms);
    leak_profile_report r = leak_profile();
    if (!r.leaked.empty()) {
      std::fputs(r.text().c_str(), stdout);
      return fixed ? 1 : 0;
    }
    if (fixed && round == 25) {  // half a second: every lookup has long finished
      std::puts("leak profile: nothing blocked forever");
      return 0;
    }
  }
  std::puts("leak profile: nothing named within 5 s");
  return fixed ? 0 : 1;
}
