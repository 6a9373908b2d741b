// chancheck.hpp: the public header. Go-style channels, select, tasks, context,
// time and timers, and Go's sync primitives (mutex, rwmutex, wait_group, cond,
// once), that run on real threads in production and under the explorer in tests.
#pragma once

#include "model/chan.hpp"
#include "model/cond.hpp"
#include "model/context.hpp"
#include "model/go.hpp"
#include "model/leak_check.hpp"
#include "model/mutex.hpp"
#include "model/once.hpp"
#include "model/panic.hpp"
#include "model/rwmutex.hpp"
#include "model/select.hpp"
#include "model/time.hpp"
#include "model/timer.hpp"
#include "model/wait_group.hpp"
