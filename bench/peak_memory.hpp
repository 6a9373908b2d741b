// peak_memory.hpp: the peak resident memory of this process, for the family
// benchmarks. getrusage's ru_maxrss is not used: Linux keeps it across execve, so
// a program started by a bigger process (the Python script that runs the
// benchmarks) would report its parent's peak. VmHWM in /proc/self/status is the
// peak of this program's own address space. Only open/read/close: callable from
// a signal handler.
#pragma once

#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

namespace chancheck::bench {

/// Peak resident set of this program in KiB (VmHWM); ru_maxrss where /proc is missing.
inline long peak_rss_kb() {
  char buf[4096];
  int fd = open("/proc/self/status", O_RDONLY);
  if (fd >= 0) {
    ssize_t got = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (got > 0) {
      buf[got] = '\0';
      const char key[] = "VmHWM:";
      for (ssize_t i = 0; i + 6 < got; ++i) {
        bool match = true;
        for (int k = 0; k < 6 && match; ++k) match = buf[i + k] == key[k];
        if (!match) continue;
        long kb = 0;
        for (ssize_t j = i + 6; j < got && buf[j] != '\n'; ++j)
          if (buf[j] >= '0' && buf[j] <= '9') kb = kb * 10 + (buf[j] - '0');
        return kb;
      }
    }
  }
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

}  // namespace chancheck::bench
