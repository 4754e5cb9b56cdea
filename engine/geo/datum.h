// Map datums: WGS-84 (GPS), GCJ-02 (the "Mars" offset every map published in China must use) and
// BD-09 (Baidu's further offset of GCJ-02), and the conversion of a point to WGS-84, in which the
// grid boundaries are kept. Formulas: the published GCJ-02 offset on the Krasovsky ellipsoid
// (a = 6378245 m, e^2 = 0.00669342162296594323) and the BD-09 rotation with x_pi = pi*3000/180.
// Pure functions of their arguments; safe from any thread.
#pragma once

#include <optional>
#include <string_view>

#include "engine/geo/place.h"

namespace caseflow::geo {

// A position in degrees. Longitude first, as in GeoJSON.
struct LonLat {
  double lon = 0;
  double lat = 0;
};

// True where the GCJ-02 offset does not apply: the published rough box around China
// (lon 72.004..137.8347, lat 0.8293..55.8271). Outside it GCJ-02 equals WGS-84.
bool outside_china(LonLat p);

// WGS-84 -> GCJ-02: the published forward offset (identity outside China).
LonLat wgs84_to_gcj02(LonLat wgs);

// GCJ-02 -> WGS-84: inverts the forward offset by fixed-point iteration until the forward image
// of the result is within 1e-9 degrees of `gcj` (at most 30 rounds; 3-4 are usual). Error < 1 mm.
LonLat gcj02_to_wgs84(LonLat gcj);

// GCJ-02 <-> BD-09: the published rotation/scaling about (0.0065, 0.006). bd09_to_gcj02 is the
// formula's own (approximate) inverse; the round trip is within ~1e-6 degrees.
LonLat gcj02_to_bd09(LonLat gcj);
LonLat bd09_to_gcj02(LonLat bd);

// Any datum -> WGS-84. WGS-84 input is returned unchanged.
LonLat to_wgs84(LonLat p, Datum datum);

// Reads a datum name as reports give it: "wgs84", "WGS-84", "gcj02", "GCJ-02", "bd09", "BD-09"
// (case-insensitive, '-' and '_' ignored). nullopt for anything else.
std::optional<Datum> parse_datum(std::string_view text);

// The canonical name: "wgs84", "gcj02", "bd09".
std::string_view datum_name(Datum datum);

}  // namespace caseflow::geo
