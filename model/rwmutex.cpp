// rwmutex.cpp: the read-write lock of the public kit (over dyn_runtime), compiled once here.
#include <chancheck/model/rwmutex.hpp>

namespace chancheck::detail {

template class basic_rwmutex<detail::dyn_runtime>;

}  // namespace chancheck::detail
