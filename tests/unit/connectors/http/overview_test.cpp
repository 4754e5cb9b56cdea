// The overview's counting (which cases are warned or breached now) and the city map's outlines.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "connectors/http/city_map.h"
#include "connectors/http/overview.h"
#include "engine/core/case_state.h"
#include "engine/geo/grid_map.h"

namespace caseflow::http {
namespace {

const Instant kNoon = Instant::from_unix_millis(1'764'000'000'000);

core::Clock clock_due(Instant due, Instant warn_at = Instant::max(), uint8_t flags = 0) {
  core::Clock k;
  k.due = due;
  k.original_due = due;
  k.warn_at = warn_at;
  k.flags = flags;
  return k;
}

core::CaseState with_clocks(std::vector<core::Clock> clocks) {
  core::CaseState c;
  c.clocks = std::move(clocks);
  return c;
}

TEST(OverviewAlarm, ACaseIsAsPressingAsItsMostPressingClockNow) {
  const Instant later = kNoon + Duration::hours(2);
  const Instant earlier = kNoon - Duration::hours(1);
  EXPECT_EQ(alarm_now(with_clocks({}), kNoon), Alarm::none);
  EXPECT_EQ(alarm_now(with_clocks({clock_due(later, later)}), kNoon), Alarm::none);
  // The warning time passed before the engine's timer marked it.
  EXPECT_EQ(alarm_now(with_clocks({clock_due(later, earlier)}), kNoon), Alarm::warned);
  EXPECT_EQ(alarm_now(with_clocks({clock_due(later, later, core::Clock::kWarned)}), kNoon),
            Alarm::warned);
  // The deadline passed, marked or not; a deadline at this very instant has passed.
  EXPECT_EQ(alarm_now(with_clocks({clock_due(earlier)}), kNoon), Alarm::breached);
  EXPECT_EQ(alarm_now(with_clocks({clock_due(kNoon)}), kNoon), Alarm::breached);
  EXPECT_EQ(alarm_now(with_clocks({clock_due(later, later, core::Clock::kBreached)}), kNoon),
            Alarm::breached);
  // Any clock decides: a calm lead clock and a breached assist's clock make a breached case.
  EXPECT_EQ(alarm_now(with_clocks({clock_due(later), clock_due(earlier)}), kNoon), Alarm::breached);
  // A paused clock does not run out while paused, but keeps the marks it had.
  EXPECT_EQ(alarm_now(with_clocks({clock_due(earlier, earlier, core::Clock::kPaused)}), kNoon),
            Alarm::none);
  EXPECT_EQ(
      alarm_now(
          with_clocks({clock_due(earlier, earlier, core::Clock::kPaused | core::Clock::kWarned)}),
          kNoon),
      Alarm::warned);
}

TEST(Overview, CountsByStageStreetAndGridAndWarnedExcludesBreached) {
  Overview o;
  o.scope = "city";
  o.count("grid", "S1", "G01", Alarm::none);
  o.count("grid", "S1", "G01", Alarm::warned);
  o.count("community", "S1", "G02", Alarm::breached);
  o.count("", "", "", Alarm::breached);  // unplaced, waiting at the dispatcher
  const auto answer = boost::json::parse(overview_json(o, kNoon, nullptr)).as_object();
  EXPECT_EQ(answer.at("scope").as_string(), "city");
  EXPECT_EQ(answer.at("open").as_int64(), 4);
  EXPECT_EQ(answer.at("warned").as_int64(), 1);
  EXPECT_EQ(answer.at("breached").as_int64(), 2);
  EXPECT_EQ(answer.at("unplaced").as_int64(), 1);
  EXPECT_EQ(boost::json::serialize(answer.at("by_stage")),
            R"([{"stage":"","open":1,"warned":0,"breached":1},)"
            R"({"stage":"community","open":1,"warned":0,"breached":1},)"
            R"({"stage":"grid","open":2,"warned":1,"breached":0}])");
  EXPECT_EQ(boost::json::serialize(answer.at("by_street")),
            R"([{"street":"S1","name":"","open":3,"warned":1,"breached":1}])");
  EXPECT_EQ(boost::json::serialize(answer.at("grids")), R"([["G01",2,1,0],["G02",1,0,1]])");
}

geo::Grid square_grid(const std::string& id, double west, double south, double side) {
  geo::Grid g;
  g.place = {id, "C1", "S1", "D1"};
  geo::Polygon p;
  for (auto [x, y] : {std::pair{0.0, 0.0}, {side, 0.0}, {side, side}, {0.0, side}, {0.0, 0.0}}) {
    p.outer().emplace_back(west + x, south + y);
  }
  g.shape.push_back(p);
  g.bounds = geo::Box({west, south}, {west + side, south + side});
  return g;
}

TEST(CityMap, OutlinesAreIntegerOffsetsFromTheSouthWestCornerWithoutTheClosingPoint) {
  std::vector<geo::Grid> grids;
  grids.push_back(square_grid("G02", 120.001, 30.0, 0.001));
  grids.push_back(square_grid("G01", 120.0, 30.0, 0.001));
  const geo::GridMap city(std::move(grids));
  const auto answer = boost::json::parse(city_grids_json(city)).as_object();
  EXPECT_EQ(answer.at("scale").as_int64(), 100'000);
  const auto& bbox = answer.at("bbox").as_array();
  ASSERT_EQ(bbox.size(), 4u);
  EXPECT_DOUBLE_EQ(bbox[0].to_number<double>(), 120.0);
  EXPECT_DOUBLE_EQ(bbox[2].to_number<double>(), 120.002);
  EXPECT_EQ(boost::json::serialize(answer.at("columns")),
            R"(["grid","community","street","district","rings"])");
  EXPECT_EQ(boost::json::serialize(answer.at("grids")),
            R"([["G01","C1","S1","D1",[[0,0,100,0,100,100,0,100]]],)"
            R"(["G02","C1","S1","D1",[[100,0,200,0,200,100,100,100]]]])");
}

}  // namespace
}  // namespace caseflow::http
