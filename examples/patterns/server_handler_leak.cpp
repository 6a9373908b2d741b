// server_handler_leak.cpp: a server loop whose request handler leaks a task.
//
// serve() takes requests in a loop and handles each in a task of its own, as Go
// servers do. The handler starts a lookup and waits for it with a timeout; when
// the timeout wins, the handler returns, and the lookup blocks forever sending
// its result on the unbuffered channel nobody reads any more. The server goes on
// serving: a long-running service never reaches quiescence, so the leak is named
// by the mid-run leak check, at the step the handler dropped the channel's last
// other handle. The fix gives the channel room for the one result.
//
// The Go original:
//   func serve(requests <-chan int) {
//       for req := range requests { // a real server: for { req := <-requests; ... }
//           go handle(req)
//       }
//   }
//   func handle(req int) {
//       result := make(chan int) // fix: make(chan int, 1)
//       go func() { result <- lookup(req) }()
//       select {
//       case r := <-result:
//           reply(r)
//       case <-time.After(10 * time.Millisecond):
//       }
//   }
#include <chancheck/scenario.hpp>

using namespace chancheck;

namespace {

int lookup(int req) {
  sleep(20ms);  // slower than the handler's timeout
  return req * 2;
}

void handle(int req, std::size_t capacity) {
  auto result = make_chan<int>(capacity);
  go("lookup", [result, req] { result.send(lookup(req)); });  // <- reported here
  select(recv(result), recv(after(10ms)));
}

void serve(const chan<int>& requests, std::size_t capacity) {
  for (;;) {
    auto [req, ok] = requests.recv();
    if (!ok) return;
    go("handler", [req, capacity] { handle(req, capacity); });
  }
}

void run(std::size_t capacity, int count) {
  auto requests = make_chan<int>(static_cast<std::size_t>(count));  // the requests that arrived
  for (int req = 1; req <= count; ++req) requests.send(req);
  requests.close();
  serve(requests, capacity);
}

}  // namespace

// Two requests: the second is still being handled when the first lookup is
// certainly leaked. The fixed twin serves one, which keeps its exhaustive search
// (dfs included) small; the fix is the same for every request.
CHANCHECK_SCENARIO("patterns/server_handler_leak", expected::leak) { run(0, 2); }

CHANCHECK_SCENARIO("patterns/server_handler_leak_fixed") { run(1, 1); }
