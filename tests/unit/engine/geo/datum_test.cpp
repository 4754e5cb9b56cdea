#include "engine/geo/datum.h"

#include <cmath>
#include <numbers>

#include <gtest/gtest.h>

namespace caseflow::geo {
namespace {

// Metres between two nearby points (equirectangular; fine below a few km).
double metres_between(LonLat a, LonLat b) {
  constexpr double kEarthRadius = 6371008.8;
  const double rad = std::numbers::pi / 180;
  const double dx = (a.lon - b.lon) * rad * std::cos((a.lat + b.lat) / 2 * rad);
  const double dy = (a.lat - b.lat) * rad;
  return std::hypot(dx, dy) * kEarthRadius;
}

// Published example pairs for (116.404, 39.915), Tiananmen, from the README test of the widely
// used coordtransform library (wandergis/coordtransform, test/app.js).
TEST(Datum, WgsToGcjMatchesPublishedPair) {
  const LonLat gcj = wgs84_to_gcj02({116.404, 39.915});
  EXPECT_NEAR(gcj.lon, 116.41024449916938, 1e-9);
  EXPECT_NEAR(gcj.lat, 39.91640428150164, 1e-9);
}

TEST(Datum, GcjToBdMatchesPublishedPair) {
  const LonLat bd = gcj02_to_bd09({116.404, 39.915});
  EXPECT_NEAR(bd.lon, 116.41036949371029, 1e-9);
  EXPECT_NEAR(bd.lat, 39.92133699351021, 1e-9);
}

TEST(Datum, BdToGcjMatchesPublishedPair) {
  const LonLat gcj = bd09_to_gcj02({116.404, 39.915});
  EXPECT_NEAR(gcj.lon, 116.39762729119315, 1e-9);
  EXPECT_NEAR(gcj.lat, 39.90865673957631, 1e-9);
}

TEST(Datum, GcjToWgsInvertsThePublishedPairWithinACentimetre) {
  const LonLat wgs = gcj02_to_wgs84({116.41024449916938, 39.91640428150164});
  EXPECT_LT(metres_between(wgs, {116.404, 39.915}), 0.01);
}

TEST(Datum, TheOffsetIsHundredsOfMetresInHangzhou) {
  // Why the conversion matters: without it a report lands ~500 m away, in another grid.
  const LonLat wgs{120.15, 30.27};
  const double shift = metres_between(wgs, wgs84_to_gcj02(wgs));
  EXPECT_GT(shift, 300);
  EXPECT_LT(shift, 800);
}

TEST(Datum, RoundTripsAcrossTheSampleCityStayWithinHalfAMetre) {
  for (double lon = 119.85; lon <= 120.45; lon += 0.05) {
    for (double lat = 30.02; lat <= 30.52; lat += 0.05) {
      const LonLat wgs{lon, lat};
      const LonLat via_gcj = to_wgs84(wgs84_to_gcj02(wgs), Datum::gcj02);
      EXPECT_LT(metres_between(wgs, via_gcj), 0.5) << lon << "," << lat;
      const LonLat via_bd = to_wgs84(gcj02_to_bd09(wgs84_to_gcj02(wgs)), Datum::bd09);
      EXPECT_LT(metres_between(wgs, via_bd), 0.5) << lon << "," << lat;
    }
  }
}

TEST(Datum, OutsideChinaGcjIsWgs) {
  const LonLat paris{2.3522, 48.8566};
  EXPECT_TRUE(outside_china(paris));
  EXPECT_EQ(wgs84_to_gcj02(paris).lon, paris.lon);
  EXPECT_EQ(gcj02_to_wgs84(paris).lat, paris.lat);
  EXPECT_FALSE(outside_china({120.15, 30.27}));
}

TEST(Datum, WgsIsUnchanged) {
  const LonLat p{120.15, 30.27};
  EXPECT_EQ(to_wgs84(p, Datum::wgs84).lon, p.lon);
  EXPECT_EQ(to_wgs84(p, Datum::wgs84).lat, p.lat);
}

TEST(Datum, ParsesTheNamesReportsUse) {
  EXPECT_EQ(parse_datum("wgs84"), Datum::wgs84);
  EXPECT_EQ(parse_datum("WGS-84"), Datum::wgs84);
  EXPECT_EQ(parse_datum("GCJ-02"), Datum::gcj02);
  EXPECT_EQ(parse_datum("gcj02"), Datum::gcj02);
  EXPECT_EQ(parse_datum("BD-09"), Datum::bd09);
  EXPECT_EQ(parse_datum("bd09"), Datum::bd09);
  EXPECT_EQ(parse_datum("mercator"), std::nullopt);
  EXPECT_EQ(parse_datum(""), std::nullopt);
  EXPECT_EQ(datum_name(Datum::gcj02), "gcj02");
}

}  // namespace
}  // namespace caseflow::geo
