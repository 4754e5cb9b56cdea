// The simulator's own random numbers: a seeded SplitMix64 generator and the distributions the
// load model names, written out here (Box-Muller for the normal, the lognormal from its median
// and p90) so that a seed gives the same month on every standard library.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "engine/simulate/load_model.h"

namespace caseflow::simulate {

// SplitMix64 (Steele, Lea, Flood 2014): one 64-bit word of state, so every case can carry its
// own stream cheaply. Plain value.
class Random {
 public:
  explicit Random(uint64_t seed) : state_(seed) {}
  // The stream of arrival number `n` under run seed `seed` (n = 0 is the arrival stream itself
  // when `salt` differs).
  static Random stream(uint64_t seed, uint64_t n, uint64_t salt);

  uint64_t next();
  double uniform();  // [0, 1), 53 bits
  double normal();   // standard normal, Box-Muller
  bool chance(double p) { return uniform() < p; }
  double hours(const DurationDistribution& d);  // >= 0

  uint64_t state() const { return state_; }

 private:
  uint64_t state_;
};

// Weighted choice by cumulative weights (binary search): index into the weights it was built
// from. Negative weights count as zero; all-zero weights choose uniformly.
class WeightedPick {
 public:
  WeightedPick() = default;
  explicit WeightedPick(std::span<const double> weights);
  size_t pick(Random& random) const;
  size_t size() const { return cumulative_.size(); }

 private:
  std::vector<double> cumulative_;
};

}  // namespace caseflow::simulate
