// The great-circle distance between two WGS-84 points, by the haversine formula on a sphere of
// the Earth's mean radius (6371008.8 m): within 0.5% of the ellipsoidal distance, which is plenty
// for "within 200 m". Pure.
#pragma once

#include "engine/geo/datum.h"

namespace caseflow::geo {

inline constexpr double kEarthMeanRadiusM = 6371008.8;

// Metres between `a` and `b` (both WGS-84 degrees).
double haversine_m(LonLat a, LonLat b);

}  // namespace caseflow::geo
