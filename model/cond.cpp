// cond.cpp: the condition variable of the public kit (over dyn_runtime), compiled once here.
#include <chancheck/model/cond.hpp>

namespace chancheck::detail {

template class basic_cond<detail::dyn_runtime>;

}  // namespace chancheck::detail
