// result_file.cpp: write to a temporary file beside the target, then rename it over.
#include "tools/isolation/result_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "tools/isolation/scenario_report.hpp"

namespace chancheck::detail {

namespace {
/// Writes all of `text` to `fd`; false on an error.
bool write_all(int fd, const std::string& text) {
  for (std::size_t done = 0; done < text.size();) {
    ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return true;
}
}  // namespace

bool result_file::start(std::string& error) { return write(error); }

bool result_file::add(std::string scenario_object, std::string& error) {
  objects_.push_back(std::move(scenario_object));
  return write(error);
}

bool result_file::write(std::string& error) const {
  if (path_.empty()) return true;
  const std::string temp = path_ + ".tmp-" + std::to_string(::getpid());
  const std::string text = json_document(objects_);
  int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  bool ok = fd >= 0 && write_all(fd, text);
  int failure = errno;
  if (fd >= 0 && ::close(fd) != 0 && ok) ok = false, failure = errno;
  if (ok && ::rename(temp.c_str(), path_.c_str()) != 0) ok = false, failure = errno;
  if (ok) return true;
  if (fd >= 0) ::unlink(temp.c_str());
  error = "cannot write the JSON result to \"" + path_ + "\" (" + std::strerror(failure) +
          "); check that its folder is writable and has room";
  return false;
}

}  // namespace chancheck::detail
