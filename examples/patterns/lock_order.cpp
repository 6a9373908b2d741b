// lock_order.cpp: two locks taken in opposite orders (AB-BA).
//
// transfer() locks the source account, then the destination. Two transfers in
// opposite directions can each take their first lock and wait forever for the
// other's: a cycle of tasks waiting on each other's locks. The fix takes the
// two locks in one global order (by account id), whatever the direction.
//
// The Go original:
//   func transfer(from, to *account, n int) {
//       from.mu.Lock() // fix: lock the account with the smaller id first
//       defer from.mu.Unlock()
//       to.mu.Lock()
//       defer to.mu.Unlock()
//       from.balance -= n
//       to.balance += n
//   }
//   go transfer(a, b, 10)
//   go transfer(b, a, 20)
#include <chancheck/scenario.hpp>
#include <memory>

using namespace chancheck;

namespace {

struct account {
  explicit account(int i) : id(i) {}
  int id;
  mutex mu;
  int balance = 100;
};

void transfer(account& from, account& to, int n, bool ordered) {
  account& first = !ordered || from.id < to.id ? from : to;
  account& second = &first == &from ? to : from;
  first.mu.lock();
  second.mu.lock();  // <- reported here
  from.balance -= n;
  to.balance += n;
  second.mu.unlock();
  first.mu.unlock();
}

void run(bool ordered) {
  auto a = std::make_shared<account>(1);
  auto b = std::make_shared<account>(2);
  auto wg = std::make_shared<wait_group>();
  wg->add(2);
  go("a to b", [=] {
    transfer(*a, *b, 10, ordered);
    wg->done();
  });
  go("b to a", [=] {
    transfer(*b, *a, 20, ordered);
    wg->done();
  });
  wg->wait();
  expect(a->balance + b->balance == 200, "transfers keep the total");
}

}  // namespace

CHANCHECK_SCENARIO("patterns/lock_order", expected::deadlock) { run(false); }

CHANCHECK_SCENARIO("patterns/lock_order_fixed") { run(true); }
