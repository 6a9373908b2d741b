// cond.cpp: the condition variable of the public kit (over dyn_runtime), compiled once here.
#include "model/cond.hpp"

namespace chancheck::detail {

template class basic_cond<dyn_runtime>;

}  // namespace chancheck::detail
