// wait_group.cpp: the wait group of the public kit (over dyn_runtime), compiled once here.
#include <chancheck/model/wait_group.hpp>

namespace chancheck::detail {

template class basic_wait_group<detail::dyn_runtime>;

}  // namespace chancheck::detail
