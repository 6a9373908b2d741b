// once_recursive.cpp: a once function that calls its own once.
//
// config() loads the configuration once. The loader, for a configuration that
// inherits from a base, calls config() again; the inner call waits for the once
// to finish, which waits for the inner call: the task waits for itself. The fix
// has the loader read the base directly instead of going through config().
//
// The Go original:
//   var once sync.Once
//   var cfg *Config
//   func config() *Config {
//       once.Do(load)
//       return cfg
//   }
//   func load() {
//       cfg = parse()
//       if cfg.Inherit {
//           cfg.Base = config() // fix: cfg.Base = parseBase()
//       }
//   }
#include <chancheck/scenario.hpp>
#include <memory>
#include <string>

using namespace chancheck;

namespace {

struct settings {
  once loaded;
  std::string value;
  std::string base;
  bool fixed = false;

  const std::string& get() {
    loaded.call([this] { load(); });  // <- reported here
    return value;
  }

  void load() {
    value = "inherits";
    base = fixed ? std::string("defaults") : get();
  }
};

void run(bool fixed) {
  auto s = std::make_shared<settings>();
  s->fixed = fixed;
  go("reader", [s] { (void)s->get(); });
  (void)s->get();
}

}  // namespace

CHANCHECK_SCENARIO("patterns/once_recursive", expected::deadlock) { run(false); }

CHANCHECK_SCENARIO("patterns/once_recursive_fixed") { run(true); }
