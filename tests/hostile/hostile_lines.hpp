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

}  // namespace hostile
