// The grid report's join (engine/assessment/grid_activity.h) over a hand-made month of five grids:
//
//   grid  what the archive counted                          idle?
//   G1    3 patrol reports, 2 resident reports              no
//   G2    4 resident reports only                           yes: residents found things, the
//                                                               worker nothing
//   G3    1 report by G1's worker (other_workers)           yes: another grid's worker's report
//                                                               is patrol for neither grid
//   G4    nothing at all                                    yes: no case, still listed
//   G5    1 patrol report                                   no
//   G9    1 patrol report, but not in the city's list       not a city grid: shown, never idle
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "engine/assessment/grid_activity.h"

namespace caseflow::assessment {
namespace {

CityGrid listed(std::string id) {
  return CityGrid{.id = id,
                  .name = "grid " + id,
                  .community = "C1",
                  .street = "S1",
                  .district = "D1",
                  .unit = "grid:" + id};
}

GridCounts counts(std::string grid, int64_t patrol, int64_t resident, int64_t other = 0) {
  return GridCounts{.grid = std::move(grid),
                    .patrol = patrol,
                    .resident = resident,
                    .other_workers = other,
                    .response = {},
                    .resolution = {}};
}

std::vector<std::string> ids_of(const GridActivity& a, const std::vector<size_t>& lines) {
  std::vector<std::string> out;
  for (size_t i : lines) out.push_back(a.lines[i].grid.id);
  return out;
}

GridActivity hand_made_month() {
  const std::vector<CityGrid> city = {listed("G4"), listed("G2"), listed("G1"), listed("G3"),
                                      listed("G5")};
  GridCounts g1 = counts("G1", 3, 2);
  g1.response = {.count = 2, .median = 450.0, .mean = 450.0};
  return grid_activity(
      Period{.from = {}, .to = {}, .label = "2026-11"}, city,
      {counts("G2", 0, 4), counts("G5", 1, 0), g1, counts("G3", 0, 0, 1), counts("G9", 1, 0)});
}

TEST(GridActivity, EveryGridOfTheCityIsListedAndThoseWithNoPatrolReportAreIdle) {
  const GridActivity a = hand_made_month();
  EXPECT_EQ(a.period.label, "2026-11");
  EXPECT_EQ(a.grids, 5);
  EXPECT_EQ(a.idle, 3);
  ASSERT_TRUE(a.idle_share.has_value());
  EXPECT_DOUBLE_EQ(*a.idle_share, 0.6);
  // The idle grids with the most resident reports first: where residents saw what the worker
  // did not.
  EXPECT_EQ(ids_of(a, a.idle_lines), (std::vector<std::string>{"G2", "G3", "G4"}));
  for (size_t i : a.idle_lines) EXPECT_TRUE(a.lines[i].idle);
}

TEST(GridActivity, LinesAreRankedByPatrolReportsThenIdAndUnknownGridsComeLastUnranked) {
  const GridActivity a = hand_made_month();
  ASSERT_EQ(a.lines.size(), 6u);
  std::vector<std::string> order;
  std::vector<int> ranks;
  for (const GridLine& line : a.lines) {
    order.push_back(line.grid.id);
    ranks.push_back(line.rank);
  }
  EXPECT_EQ(order, (std::vector<std::string>{"G1", "G5", "G2", "G3", "G4", "G9"}));
  EXPECT_EQ(ranks, (std::vector<int>{1, 2, 3, 4, 5, 0}));
  EXPECT_EQ(a.unknown_grids, 1u);
  const GridLine& g9 = a.lines.back();
  EXPECT_FALSE(g9.idle);
  EXPECT_EQ(g9.grid.unit, "grid:G9");
  EXPECT_EQ(g9.grid.street, "");

  // The city's facts travel with the counts; a grid with no case has zero counts and no times.
  EXPECT_EQ(a.lines[0].grid.name, "grid G1");
  EXPECT_EQ(a.lines[0].counts.response.median, std::optional<double>(450.0));
  const GridLine& g4 = a.lines[4];
  EXPECT_EQ(g4.counts.grid, "G4");
  EXPECT_EQ(g4.counts.patrol + g4.counts.resident + g4.counts.other_workers, 0);
  EXPECT_EQ(g4.counts.response, Durations{});
}

TEST(GridActivity, TotalsCountEveryLineIncludingGridsTheCityNoLongerLists) {
  const GridActivity a = hand_made_month();
  EXPECT_EQ(a.patrol, 5);  // G1 3, G5 1, G9 1
  EXPECT_EQ(a.resident, 6);
  EXPECT_EQ(a.other_workers, 1);
}

TEST(GridActivity, ACityOfNoGridHasNoIdleShare) {
  const GridActivity a = grid_activity(Period{}, {}, {});
  EXPECT_EQ(a.grids, 0);
  EXPECT_FALSE(a.idle_share.has_value());
  EXPECT_TRUE(a.lines.empty());
}

TEST(GridActivity, AGridListedTwiceIsOneLine) {
  const std::vector<CityGrid> city = {listed("G1"), listed("G1")};
  const GridActivity a = grid_activity(Period{}, city, {counts("G1", 0, 1)});
  ASSERT_EQ(a.lines.size(), 1u);
  EXPECT_EQ(a.grids, 1);
  EXPECT_EQ(a.idle, 1);
}

}  // namespace
}  // namespace caseflow::assessment
