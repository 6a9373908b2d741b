// result_file.cpp: the whole document again after each scenario (whole_file.hpp).
#include "tools/isolation/result_file.hpp"

#include <cstring>

#include "tools/isolation/scenario_report.hpp"
#include "tools/isolation/whole_file.hpp"

namespace chancheck::detail {

bool result_file::start(std::string& error) { return write(error); }

bool result_file::add(std::string scenario_object, std::string& error) {
  objects_.push_back(std::move(scenario_object));
  return write(error);
}

bool result_file::write(std::string& error) const {
  if (path_.empty()) return true;
  const int failure = write_whole_file(path_, json_document(objects_));
  if (failure == 0) return true;
  error = "cannot write the JSON result to \"" + path_ + "\" (" + std::strerror(failure) +
          "); check that its folder is writable and has room";
  return false;
}

}  // namespace chancheck::detail
