// The day profile a load model has when its file gives no `hourly` list: reports by local hour,
// quiet at night, rising from 7:00, peaks 9:00-11:00 and 14:00-17:00, tailing off in the evening.
// Weights: the simulator normalises them.
#pragma once

#include <array>

namespace caseflow::simulate {

inline constexpr std::array<double, 24> default_hourly_profile() {
  return {0.8, 0.5, 0.4, 0.3, 0.3, 0.5, 1.2, 3.0,   // 0:00-7:59
          5.0, 7.5, 8.0, 6.5, 4.0, 4.5, 7.0, 7.5,   // 8:00-15:59
          7.0, 5.5, 4.0, 3.5, 3.2, 2.8, 2.0, 1.0};  // 16:00-23:59
}

}  // namespace caseflow::simulate
