// The runtime's own lines on standard error, and the steady clock it times its cycles with.
#pragma once

#include <chrono>
#include <cstdint>
#include <iostream>
#include <string_view>

namespace caseflow::runtime {

inline void log_line(std::string_view what) {
  std::cerr << "caseflow[runtime]: " << what << std::endl;
}

// Milliseconds of the steady clock: for intervals only, never a date.
inline int64_t steady_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

}  // namespace caseflow::runtime
