// mutex.cpp: the mutex of the public kit (over dyn_runtime), compiled once here.
#include <chancheck/model/mutex.hpp>

namespace chancheck::detail {

template class basic_mutex<detail::dyn_runtime>;

}  // namespace chancheck::detail
