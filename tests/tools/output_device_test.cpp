// output_device_test.cpp: an output path that is a device is written in place, never
// replaced: `--json` and `--report` on a null device (made here with mknod, as root)
// leave it a character device (a rename over /dev/null would break the machine).
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "tools/cli_process.hpp"

namespace chancheck::testing {
namespace {

std::filesystem::path scratch(const std::string& name) {
  auto dir = std::filesystem::path(::testing::TempDir()) / ("chancheck_device_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  return dir / name;
}

bool is_char_device(const std::filesystem::path& p) {
  struct stat st {};
  return ::stat(p.c_str(), &st) == 0 && S_ISCHR(st.st_mode);
}

TEST(OutputDevice, ANullDeviceStaysADevice) {
  const auto json = scratch("null_json"), junit = scratch("null_junit");
  for (const auto& p : {json, junit}) {
    std::filesystem::remove(p);
    if (::mknod(p.c_str(), S_IFCHR | 0666, makedev(1, 3)) != 0) GTEST_SKIP() << "mknod needs root";
  }
  std::string out;
  EXPECT_EQ(cli_of(CHANCHECK_CLI, "run seed/leak --json " + json.string() + " --report junit:" + junit.string(), out),
            1)
      << out;
  EXPECT_TRUE(is_char_device(json)) << "--json replaced the device with a file";
  EXPECT_TRUE(is_char_device(junit)) << "--report replaced the device with a file";
  for (const auto& p : {json, junit}) std::filesystem::remove(p);
}

}  // namespace
}  // namespace chancheck::testing
