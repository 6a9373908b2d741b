// semaphore.cpp: the semaphore of the public kit (over dyn_runtime), compiled once here.
#include <chancheck/model/semaphore.hpp>

namespace chancheck::detail {

template class basic_semaphore<detail::dyn_runtime>;

}  // namespace chancheck::detail
