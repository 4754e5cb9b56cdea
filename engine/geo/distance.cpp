#include "engine/geo/distance.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace caseflow::geo {

double haversine_m(LonLat a, LonLat b) {
  constexpr double kRad = std::numbers::pi / 180.0;
  const double dlat = (b.lat - a.lat) * kRad;
  const double dlon = (b.lon - a.lon) * kRad;
  const double s = std::sin(dlat / 2);
  const double t = std::sin(dlon / 2);
  const double h = s * s + std::cos(a.lat * kRad) * std::cos(b.lat * kRad) * t * t;
  return 2 * kEarthMeanRadiusM * std::asin(std::sqrt(std::clamp(h, 0.0, 1.0)));
}

}  // namespace caseflow::geo
