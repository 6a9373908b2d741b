// mutex.cpp: the mutex of the public kit (over dyn_runtime), compiled once here.
#include "model/mutex.hpp"

namespace chancheck::detail {

template class basic_mutex<dyn_runtime>;

}  // namespace chancheck::detail
