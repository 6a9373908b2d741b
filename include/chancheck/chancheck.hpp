// chancheck.hpp: the public header. Go-style channels, select, tasks, context,
// time and timers, and Go's sync primitives (mutex, rwmutex, wait_group, cond,
// once), and the explored choice choose(n), that run on real threads in production
// and under the explorer in tests.
#pragma once

#include <chancheck/model/chan.hpp>
#include <chancheck/model/choose.hpp>
#include <chancheck/model/cond.hpp>
#include <chancheck/model/context.hpp>
#include <chancheck/model/defer.hpp>
#include <chancheck/model/go.hpp>
#include <chancheck/model/leak_check.hpp>
#include <chancheck/model/mutex.hpp>
#include <chancheck/model/once.hpp>
#include <chancheck/model/panic.hpp>
#include <chancheck/model/rwmutex.hpp>
#include <chancheck/model/select.hpp>
#include <chancheck/model/select_case.hpp>
#include <chancheck/model/time.hpp>
#include <chancheck/model/timer.hpp>
#include <chancheck/model/wait_group.hpp>
