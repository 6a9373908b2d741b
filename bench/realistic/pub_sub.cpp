// pub_sub.cpp: a broker task owns the subscriber list; two subscribers join
// through it, main publishes once both joined, then shuts the broker down, which
// closes every subscriber's channel.
//
// The Go original:
//   subscribe := make(chan chan string)
//   publish := make(chan string)
//   quit := make(chan struct{})
//   go func() { // broker
//       var subs []chan string
//       for {
//           select {
//           case s := <-subscribe: subs = append(subs, s)
//           case m := <-publish: for _, s := range subs { s <- m }
//           case <-quit: for _, s := range subs { close(s) }; return
//           }
//       }
//   }()
//   var joined, done sync.WaitGroup
//   for i := 0; i < 2; i++ {
//       joined.Add(1); done.Add(1)
//       go func() { defer done.Done(); s := make(chan string, 1); subscribe <- s; joined.Done()
//           for range s {} }()
//   }
//   joined.Wait(); publish <- "news"; close(quit); done.Wait()
//
// The bug twin (realistic/pub_sub_bug): main publishes without joined.Wait(); a
// subscriber that joins after the publish never gets the message.
#include <chancheck/scenario.hpp>
#include <memory>
#include <string>
#include <vector>

using namespace chancheck;

namespace {

void broker(chan<chan<std::string>> subscribe, chan<std::string> publish, chan<empty> quit) {
  std::vector<chan<std::string>> subs;
  for (bool done = false; !done;)
    select(recv(subscribe, [&](chan<std::string> s) { subs.push_back(s); }),
           recv(publish,
                [&](std::string m) {
                  for (auto& s : subs) s.send(m);
                }),
           recv(quit, [&] {
             for (auto& s : subs) s.close();
             done = true;
           }));
}

void run(bool fixed) {
  auto subscribe = make_chan<chan<std::string>>();
  auto publish = make_chan<std::string>();
  auto quit = make_chan<empty>();
  go("broker", [subscribe, publish, quit] { broker(subscribe, publish, quit); });
  auto joined = std::make_shared<wait_group>();
  auto done = std::make_shared<wait_group>();
  for (int i = 0; i < 2; ++i) {
    joined->add(1);
    done->add(1);
    go("subscriber", [subscribe, joined, done] {
      auto s = make_chan<std::string>(1);
      subscribe.send(s);
      joined->done();
      int got = 0;
      while (s.recv().ok) ++got;
      expect(got == 1, "each subscriber gets the one message");
      done->done();
    });
  }
  if (fixed) joined->wait();  // the bug twin publishes without waiting: a late subscriber misses the message
  publish.send("news");
  quit.close();
  done->wait();  // <- reported in the bug twin
}

}  // namespace

CHANCHECK_SCENARIO("realistic/pub_sub") { run(true); }

CHANCHECK_SCENARIO("realistic/pub_sub_bug", expected::deadlock) { run(false); }
