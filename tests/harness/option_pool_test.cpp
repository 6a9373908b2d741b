// option_pool_test.cpp: dpor's compact options give back exactly the list the
// engine offered, read from the list or from the engine's bit set, through a
// checkpoint too; a list out of the engine's order is refused.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <cstdint>
#include <set>
#include <vector>

#include <chancheck/harness/strategies/dpor/option_pool.hpp>

using namespace chancheck::detail;  // tests and benchmarks reach the internals

namespace chancheck::testing {

namespace {

/// Options in the engine's order: a lead task, the other tasks ascending, then timers.
struct offered {
  std::vector<std::int32_t> list;
  std::vector<std::uint64_t> runnable;  ///< the tasks as the engine's bit set
};

rc::Gen<offered> gen_offered() {
  return rc::gen::map(
      rc::gen::tuple(rc::gen::container<std::set<std::int32_t>>(rc::gen::inRange(0, 700)),
                     rc::gen::container<std::set<std::int32_t>>(rc::gen::inRange(-300, 0)), rc::gen::inRange(0, 1000)),
      [](const auto& t) {
        const auto& [tasks, timers, lead_pick] = t;
        offered o;
        o.list.assign(tasks.begin(), tasks.end());
        if (!o.list.empty())
          std::rotate(o.list.begin(), o.list.begin() + lead_pick % o.list.size(),
                      o.list.begin() + lead_pick % o.list.size() + 1);
        for (std::int32_t m : timers) o.list.push_back(m);
        for (std::int32_t x : tasks) {
          if (o.runnable.size() <= static_cast<std::size_t>(x) / 64) o.runnable.resize(x / 64 + 1 + lead_pick % 3, 0);
          o.runnable[static_cast<std::size_t>(x) / 64] |= std::uint64_t{1} << (x % 64);
        }
        return o;
      });
}

/// Checks that span s of `pool` holds exactly `list`.
void check_holds(const option_pool& pool, const option_span& s, const std::vector<std::int32_t>& list) {
  RC_ASSERT(pool.size(s) == list.size());
  std::vector<std::int32_t> decoded;
  pool.decode(s, decoded);
  RC_ASSERT(decoded == list);
  for (std::uint32_t o = 0; o < list.size(); ++o) {
    RC_ASSERT(pool.at(s, o) == list[o]);
    RC_ASSERT(pool.index_of(s, list[o]) == o);
  }
  for (std::int32_t q : {-301, -1, 0, 1, 701, 5000})
    if (std::find(list.begin(), list.end(), q) == list.end()) RC_ASSERT(pool.index_of(s, q) == list.size());
}

}  // namespace

RC_GTEST_PROP(OptionPool, GivesBackTheOptionsOfEveryDecisionOnTheStack, ()) {
  const std::vector<offered> stack = *rc::gen::container<std::vector<offered>>(gen_offered());
  option_pool pool, from_bits;
  std::vector<option_span> spans, bit_spans;
  for (const offered& o : stack) {
    RC_ASSERT(pool.scan(o.list));
    spans.push_back(pool.push_scanned());
    RC_ASSERT(from_bits.scan(o.list, o.runnable));
    bit_spans.push_back(from_bits.push_scanned());
    // Read from the engine's bit set, the options compare equal to those read from the list.
    RC_ASSERT(pool.scan(o.list, o.runnable));
    RC_ASSERT(pool.scanned_equal(spans.back()));
  }
  for (std::size_t d = 0; d < stack.size(); ++d) {
    check_holds(pool, spans[d], stack[d].list);
    check_holds(from_bits, bit_spans[d], stack[d].list);
  }
  // Through a checkpoint.
  search_state_writer out;
  for (const option_span& s : spans) pool.save(out, s);
  const std::vector<std::uint64_t> words = out.take();
  search_state_reader in(words);
  option_pool read;
  for (const offered& o : stack) {
    option_span s;
    RC_ASSERT(read.read(in, s));
    check_holds(read, s, o.list);
  }
  RC_ASSERT(in.done());
  // Popping a decision leaves those below it as they were.
  if (!spans.empty()) {
    pool.pop(spans.back());
    for (std::size_t d = 0; d + 1 < stack.size(); ++d) check_holds(pool, spans[d], stack[d].list);
  }
}

TEST(OptionPool, OtherOptionsDoNotCompareEqual) {
  option_pool pool;
  ASSERT_TRUE(pool.scan(std::vector<std::int32_t>{3, 1, 2, -1}));
  const option_span s = pool.push_scanned();
  for (const std::vector<std::int32_t>& other : std::vector<std::vector<std::int32_t>>{
           {1, 2, 3, -1}, {3, 1, 2}, {3, 1, 2, -2}, {3, 1, 4, -1}, {3, 1, 2, 64, -1}}) {
    ASSERT_TRUE(pool.scan(other));
    EXPECT_FALSE(pool.scanned_equal(s));
  }
  ASSERT_TRUE(pool.scan(std::vector<std::int32_t>{3, 1, 2, -1}));
  EXPECT_TRUE(pool.scanned_equal(s));
}

TEST(OptionPool, OptionsOutOfTheEnginesOrderAreRefused) {
  option_pool pool;
  EXPECT_FALSE(pool.scan(std::vector<std::int32_t>{1, 3, 2}));           // not ascending after the lead
  EXPECT_FALSE(pool.scan(std::vector<std::int32_t>{2, 1, 2}));           // the lead twice
  EXPECT_FALSE(pool.scan(std::vector<std::int32_t>{1, -1, 2}));          // a task after a timer
  EXPECT_FALSE(pool.scan(std::vector<std::int32_t>{0, 200, 300, 100}));  // the last is not the highest
  // Read from the engine's bit set: as many tasks as the set holds, the lead among them.
  EXPECT_FALSE(pool.scan(std::vector<std::int32_t>{1, 2, 3}, std::vector<std::uint64_t>{0b1010}));
  EXPECT_FALSE(pool.scan(std::vector<std::int32_t>{2, 3}, std::vector<std::uint64_t>{0b1010}));
  EXPECT_TRUE(pool.scan(std::vector<std::int32_t>{3, 1, -1}, std::vector<std::uint64_t>{0b1010, 0}));
  EXPECT_TRUE(pool.scan(std::vector<std::int32_t>{-1, -2}, std::vector<std::uint64_t>{0b1010}));  // timers only
}

TEST(OptionPool, AMisshapenCheckpointIsRefused) {
  const auto refused = [](const std::vector<std::uint64_t>& words) {
    search_state_reader in(words);
    option_pool pool;
    option_span s;
    return !pool.read(in, s);
  };
  EXPECT_FALSE(refused({0, 0, 0, 0}));                    // no options at all (a select's choice)
  EXPECT_FALSE(refused({1, 0, 1, 0b10, 0}));              // task 1
  EXPECT_TRUE(refused({2, 0, 1, 0b10, 0}));               // the lead not among the tasks
  EXPECT_TRUE(refused({1, 0, 2, 0b10, 0, 0}));            // an empty word at an end
  EXPECT_TRUE(refused({1, (1u << 25) - 1, 2, 1, 1, 0}));  // task ids past 2^31
  EXPECT_TRUE(refused({1, 0, 1, 0b10, 1, 5}));            // a timer that is not negative
  EXPECT_TRUE(refused({1, 0, 3, 0b10}));                  // cut short
}

}  // namespace chancheck::testing
