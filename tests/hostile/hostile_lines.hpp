// hostile_lines.hpp: the lines the hostile scenarios' reports must name (each is
// checked by a static_assert beside it in hostile_scenarios.cpp).
#pragma once

namespace hostile {

inline constexpr unsigned abort_recv = 25;        ///< worker's last scheduling point before std::abort()
inline constexpr unsigned null_store_recv = 31;   ///< before the store through a null pointer
inline constexpr unsigned recursion_recv = 45;    ///< before the unbounded recursion
inline constexpr unsigned big_frame_recv = 62;    ///< before the 600 KB local buffer
inline constexpr unsigned exit_recv = 68;         ///< before std::exit(3)
inline constexpr unsigned destructor_recv = 82;   ///< before the destructor that throws
inline constexpr unsigned spin_recv = 89;         ///< before the busy loop
inline constexpr unsigned mutex_recv = 103;       ///< main's, before it locks the std::mutex the holder holds

// teardown_scenarios.cpp: where each leaked task blocks.
inline constexpr unsigned teardown_destructor_recv = 23;  ///< beside a destructor that throws
inline constexpr unsigned teardown_defer_recv = 31;       ///< beside a defer that calls expect()
inline constexpr unsigned teardown_catch_recv = 40;       ///< inside a try with catch (...)

// misuse_scenarios.cpp: where each object is made and used.
inline constexpr unsigned static_chan_made = 14;
inline constexpr unsigned static_mutex_made = 15;
inline constexpr unsigned static_chan_used = 20;
inline constexpr unsigned static_mutex_used = 25;
inline constexpr unsigned local_static_made = 30;
inline constexpr unsigned local_static_used = 33;
inline constexpr unsigned carried_made = 39;
inline constexpr unsigned carried_used = 44;
inline constexpr unsigned thread_send = 49;  ///< a std::thread's send
inline constexpr unsigned thread_go = 54;    ///< a std::thread's go()

// limit_scenarios.cpp: the go() that starts one task per item.
inline constexpr unsigned many_tasks_go = 13;

}  // namespace hostile
