// semaphore.hpp: the weighted semaphore of golang.org/x/sync/semaphore, opt-in
// as x/sync is outside Go's standard library. #include <chancheck/semaphore.hpp>
// next to <chancheck/chancheck.hpp> (or <chancheck/scenario.hpp>).
#pragma once

#include <chancheck/model/semaphore.hpp>
