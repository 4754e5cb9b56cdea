#include "engine/simulate/random.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace caseflow::simulate {
namespace {

uint64_t mix(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// z of the standard normal's 90th percentile: a lognormal with median m and p90 q has
// sigma = ln(q / m) / z90.
constexpr double kZ90 = 1.2815515655446004;

}  // namespace

Random Random::stream(uint64_t seed, uint64_t n, uint64_t salt) {
  return Random(mix(mix(seed ^ salt) + n * 0x9e3779b97f4a7c15ULL));
}

uint64_t Random::next() {
  state_ += 0x9e3779b97f4a7c15ULL;
  return mix(state_);
}

double Random::uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

double Random::normal() {
  // 1 - uniform() is in (0, 1], so the logarithm is finite.
  const double u1 = 1.0 - uniform();
  const double u2 = uniform();
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

double Random::hours(const DurationDistribution& d) {
  switch (d.kind) {
    case DurationDistribution::Kind::fixed:
      return std::max(0.0, d.median_hours);
    case DurationDistribution::Kind::uniform:
      return std::max(0.0, d.min_hours + (d.max_hours - d.min_hours) * uniform());
    case DurationDistribution::Kind::lognormal:
      break;
  }
  if (d.median_hours <= 0) return 0;
  const double sigma =
      d.p90_hours > d.median_hours ? std::log(d.p90_hours / d.median_hours) / kZ90 : 0.0;
  return d.median_hours * std::exp(sigma * normal());
}

WeightedPick::WeightedPick(std::span<const double> weights) {
  double sum = 0;
  cumulative_.reserve(weights.size());
  for (double w : weights) {
    sum += w > 0 ? w : 0;
    cumulative_.push_back(sum);
  }
  if (sum <= 0) {  // nothing weighted: every choice alike
    for (size_t i = 0; i < cumulative_.size(); ++i) cumulative_[i] = static_cast<double>(i + 1);
  }
}

size_t WeightedPick::pick(Random& random) const {
  if (cumulative_.empty()) return 0;
  const double x = random.uniform() * cumulative_.back();
  const auto it = std::upper_bound(cumulative_.begin(), cumulative_.end(), x);
  return std::min(static_cast<size_t>(it - cumulative_.begin()), cumulative_.size() - 1);
}

}  // namespace caseflow::simulate
