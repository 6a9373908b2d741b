// whole_file.hpp: writing an output file whole. A regular file (or a new one) is
// written to a temporary file beside it and renamed over it, so a reader never sees
// half of it; anything else that exists (/dev/null, /dev/stdout, a named pipe) is
// written in place, never replaced by a rename.
#pragma once

#include <string>

namespace chancheck::detail {

/// Writes all of `text` to `fd`, going on after EINTR; 0, or the errno of the failure.
int write_all(int fd, const std::string& text);

/// Writes all of `text` to `path` as above; 0, or the errno of the failure.
int write_whole_file(const std::string& path, const std::string& text);

}  // namespace chancheck::detail
