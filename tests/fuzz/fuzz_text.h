// Helpers every fuzz target shares: libFuzzer's bytes as the text a parser reads, and the check
// that turns a broken promise of the code under test (not only a sanitizer report) into a crash
// libFuzzer keeps.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace caseflow::fuzz {

inline std::string_view as_text(const uint8_t* data, size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// Aborts with `what` when `promise` does not hold.
inline void require(bool promise, std::string_view what) {
  if (promise) return;
  std::fprintf(stderr, "fuzz check failed: %.*s\n", static_cast<int>(what.size()), what.data());
  std::abort();
}

}  // namespace caseflow::fuzz
