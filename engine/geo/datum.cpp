#include "engine/geo/datum.h"

#include <cctype>
#include <cmath>
#include <numbers>
#include <string>

namespace caseflow::geo {
namespace {

constexpr double kPi = std::numbers::pi;
constexpr double kXPi = kPi * 3000.0 / 180.0;            // BD-09 rotation constant
constexpr double kKrasovskyA = 6378245.0;                // semi-major axis, metres
constexpr double kKrasovskyEe = 0.00669342162296594323;  // first eccentricity squared

// The two published polynomial-plus-sine offsets, in metres-ish units before scaling; x and y are
// longitude - 105 and latitude - 35.
double offset_lat(double x, double y) {
  double r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * std::sqrt(std::abs(x));
  r += (20.0 * std::sin(6.0 * x * kPi) + 20.0 * std::sin(2.0 * x * kPi)) * 2.0 / 3.0;
  r += (20.0 * std::sin(y * kPi) + 40.0 * std::sin(y / 3.0 * kPi)) * 2.0 / 3.0;
  r += (160.0 * std::sin(y / 12.0 * kPi) + 320.0 * std::sin(y * kPi / 30.0)) * 2.0 / 3.0;
  return r;
}

double offset_lon(double x, double y) {
  double r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * std::sqrt(std::abs(x));
  r += (20.0 * std::sin(6.0 * x * kPi) + 20.0 * std::sin(2.0 * x * kPi)) * 2.0 / 3.0;
  r += (20.0 * std::sin(x * kPi) + 40.0 * std::sin(x / 3.0 * kPi)) * 2.0 / 3.0;
  r += (150.0 * std::sin(x / 12.0 * kPi) + 300.0 * std::sin(x / 30.0 * kPi)) * 2.0 / 3.0;
  return r;
}

// The GCJ-02 shift (in degrees) to add to a WGS-84 point.
LonLat gcj_shift(LonLat wgs) {
  const double x = wgs.lon - 105.0;
  const double y = wgs.lat - 35.0;
  const double rad_lat = wgs.lat / 180.0 * kPi;
  const double s = std::sin(rad_lat);
  const double magic = 1.0 - kKrasovskyEe * s * s;
  const double sqrt_magic = std::sqrt(magic);
  // Metres -> degrees on the Krasovsky ellipsoid: meridian and parallel radii of curvature.
  const double dlat = offset_lat(x, y) * 180.0 /
                      ((kKrasovskyA * (1.0 - kKrasovskyEe)) / (magic * sqrt_magic) * kPi);
  const double dlon =
      offset_lon(x, y) * 180.0 / (kKrasovskyA / sqrt_magic * std::cos(rad_lat) * kPi);
  return {dlon, dlat};
}

}  // namespace

bool outside_china(LonLat p) {
  return p.lon < 72.004 || p.lon > 137.8347 || p.lat < 0.8293 || p.lat > 55.8271;
}

LonLat wgs84_to_gcj02(LonLat wgs) {
  if (outside_china(wgs)) return wgs;
  const LonLat d = gcj_shift(wgs);
  return {wgs.lon + d.lon, wgs.lat + d.lat};
}

LonLat gcj02_to_wgs84(LonLat gcj) {
  if (outside_china(gcj)) return gcj;
  // The shift changes slowly (about 1e-5 of a degree per degree), so w <- w - (f(w) - gcj)
  // contracts fast from the first guess w = gcj.
  LonLat w = gcj;
  for (int round = 0; round < 30; ++round) {
    const LonLat f = wgs84_to_gcj02(w);
    const double err_lon = f.lon - gcj.lon;
    const double err_lat = f.lat - gcj.lat;
    w.lon -= err_lon;
    w.lat -= err_lat;
    if (std::abs(err_lon) < 1e-9 && std::abs(err_lat) < 1e-9) break;
  }
  return w;
}

LonLat gcj02_to_bd09(LonLat gcj) {
  const double x = gcj.lon;
  const double y = gcj.lat;
  const double z = std::sqrt(x * x + y * y) + 0.00002 * std::sin(y * kXPi);
  const double theta = std::atan2(y, x) + 0.000003 * std::cos(x * kXPi);
  return {z * std::cos(theta) + 0.0065, z * std::sin(theta) + 0.006};
}

LonLat bd09_to_gcj02(LonLat bd) {
  const double x = bd.lon - 0.0065;
  const double y = bd.lat - 0.006;
  const double z = std::sqrt(x * x + y * y) - 0.00002 * std::sin(y * kXPi);
  const double theta = std::atan2(y, x) - 0.000003 * std::cos(x * kXPi);
  return {z * std::cos(theta), z * std::sin(theta)};
}

LonLat to_wgs84(LonLat p, Datum datum) {
  switch (datum) {
    case Datum::wgs84:
      return p;
    case Datum::gcj02:
      return gcj02_to_wgs84(p);
    case Datum::bd09:
      return gcj02_to_wgs84(bd09_to_gcj02(p));
  }
  return p;
}

std::optional<Datum> parse_datum(std::string_view text) {
  std::string key;
  for (char c : text) {
    if (c == '-' || c == '_') continue;
    key += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  if (key == "wgs84") return Datum::wgs84;
  if (key == "gcj02") return Datum::gcj02;
  if (key == "bd09" || key == "bd09ll") return Datum::bd09;
  return std::nullopt;
}

std::string_view datum_name(Datum datum) {
  switch (datum) {
    case Datum::wgs84:
      return "wgs84";
    case Datum::gcj02:
      return "gcj02";
    case Datum::bd09:
      return "bd09";
  }
  return "wgs84";
}

}  // namespace caseflow::geo
