// once.cpp: the once of the public kit (over dyn_runtime), compiled once here.
#include <chancheck/model/once.hpp>

namespace chancheck::detail {

template class basic_once<detail::dyn_runtime>;

}  // namespace chancheck::detail
