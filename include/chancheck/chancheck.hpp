// chancheck.hpp: the public header. Go-style channels, select, tasks, context and
// timers that run on real threads in production and under the explorer in tests.
#pragma once

#include "model/chan.hpp"
#include "model/context.hpp"
#include "model/go.hpp"
#include "model/panic.hpp"
#include "model/select.hpp"
#include "model/time.hpp"
