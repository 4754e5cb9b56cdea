// Issue 6's "done when": the core routes a report that has only coordinates to the right grid
// unit, through the real CityDirectory loaded from the fixture city (tests/data/geo) and the
// CloudEvents decoder, with the point given as a Chinese map app gives it (GCJ-02).
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <fstream>
#include <sstream>

#include "engine/events/case_event_decoder.h"
#include "engine/events/json_writer.h"
#include "engine/geo/city_directory.h"
#include "engine/geo/datum.h"
#include "tests/unit/engine/core/engine_fixture.h"

namespace caseflow::core::testing {
namespace {

std::string read_source_file(const std::string& relative) {
  std::ifstream in(std::string(CASEFLOW_SOURCE_DIR) + "/" + relative, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

geo::CityDirectoryPtr fixture_city() {
  Diagnostics problems;
  geo::CityDirectoryPtr city = geo::load_city_directory(
      "fixture_city.geojson", read_source_file("tests/data/geo/fixture_city.geojson"),
      "fixture_units.yaml", read_source_file("tests/data/geo/fixture_units.yaml"), problems);
  EXPECT_NE(city, nullptr) << (problems.empty() ? "" : problems[0].to_string());
  return city;
}

// A caseflow.case.reported CloudEvent whose data places the problem by coordinates only.
std::string report_at(const std::string& case_id, double lat, double lon, const char* datum) {
  std::string out;
  events::JsonWriter w(out);
  w.begin_object();
  w.field("specversion", "1.0");
  w.field("id", "in-" + case_id);
  w.field("source", "/app/map");
  w.field("type", "caseflow.case.reported");
  w.field("subject", case_id);
  w.field("datacontenttype", "application/json");
  w.key("data");
  w.begin_object();
  w.field("category", "parking.illegal");
  w.field("description", "a car on the fire lane");
  w.key("location");
  w.begin_object();
  w.key("lat");
  w.decimal(lat);
  w.key("lon");
  w.decimal(lon);
  w.field("datum", datum);
  w.end_object();
  w.end_object();
  w.end_object();
  return out;
}

class GeoRouting : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_NE(city_, nullptr); }

  // Decodes `bytes` and applies them; returns the effects.
  Effects send(const std::string& bytes) {
    auto event = events::decode_case_event(bytes);
    EXPECT_TRUE(event.ok()) << (event.ok() ? "" : event.error().message);
    if (!event.ok()) return {};
    Effects fx = engine_.apply(*event, now_);
    EXPECT_EQ(engine_.check_invariants(), "");
    return fx;
  }

  geo::CityDirectoryPtr city_ = fixture_city();
  Engine engine_{EngineOptions{}, std::make_shared<SimpleRouter>(std::vector{parking_workflow()}),
                 std::make_shared<MapCalendarRegistry>(), city_};
  Instant now_ = at("2026-03-02T09:00:00+08:00");
};

TEST_F(GeoRouting, AReportWithOnlyGcj02CoordinatesGoesToItsGridUnit) {
  // A point in grid G01 (West Square, community C1, street S1), 300 m from its east edge, as a
  // map app shows it: GCJ-02 moves it ~450 m east and ~280 m south.
  const geo::LonLat wgs{120.007, 30.005};
  const geo::LonLat gcj = geo::wgs84_to_gcj02(wgs);
  // The offset matters: read as WGS-84, the app's point lies in the neighbouring grid G02.
  const auto misread = city_->locate(gcj.lat, gcj.lon, geo::Datum::wgs84);
  ASSERT_TRUE(misread);
  EXPECT_EQ(misread->grid_id, "G02");

  const Effects fx = send(report_at("c-gcj", gcj.lat, gcj.lon, "gcj02"));
  ASSERT_TRUE(fx.rejections.empty());
  const Record* d = record_on(fx, OutType::dispatched, "caseflow.stage.grid");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->key, "grid:G01");  // the fixture's unit directory: "grid:{id}"
  const auto data = boost::json::parse(d->value).at("data");
  EXPECT_EQ(data.at("place").at("grid").as_string(), "G01");
  EXPECT_EQ(data.at("location").at("datum").as_string(), "gcj02");  // as reported

  const CaseView v = *engine_.view("c-gcj");
  EXPECT_EQ(v.status, "dispatched");
  EXPECT_EQ(v.unit, "grid:G01");
  EXPECT_EQ(v.grid, "G01");
  EXPECT_EQ(v.community, "C1");
  EXPECT_EQ(v.street, "S1");
  EXPECT_EQ(v.district, "D1");
}

TEST_F(GeoRouting, TheUnitDirectoryDecidesWhoHandlesTheGrid) {
  // G05 (Far Field) has no grid worker: the fixture's override hands it to its community.
  const geo::LonLat gcj = geo::wgs84_to_gcj02({120.035, 30.005});
  const Effects fx = send(report_at("c-far", gcj.lat, gcj.lon, "gcj02"));
  const Record* d = record_on(fx, OutType::dispatched, "caseflow.stage.grid");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->key, "community:C4");
  EXPECT_EQ(engine_.view("c-far")->grid, "G05");
}

TEST_F(GeoRouting, Bd09AndWgs84PointsArePlacedToo) {
  const geo::LonLat wgs{120.015, 30.005};  // the middle of G02
  const geo::LonLat bd = geo::gcj02_to_bd09(geo::wgs84_to_gcj02(wgs));
  send(report_at("c-bd", bd.lat, bd.lon, "bd09"));
  EXPECT_EQ(engine_.view("c-bd")->unit, "grid:G02");
  send(report_at("c-wgs", wgs.lat, wgs.lon, "wgs84"));
  EXPECT_EQ(engine_.view("c-wgs")->unit, "grid:G02");
}

TEST_F(GeoRouting, APointOutsideEveryGridGoesToTheDispatcherQueue) {
  const Effects fx = send(report_at("c-away", 31.5, 121.5, "gcj02"));
  const Record* q = record_on(fx, OutType::unrouted, "caseflow.dispatcher");
  ASSERT_NE(q, nullptr);
  EXPECT_NE(q->value.find("\"reason\":\"unplaced\""), std::string::npos);
  EXPECT_EQ(engine_.view("c-away")->status, "received");
}

}  // namespace
}  // namespace caseflow::core::testing
