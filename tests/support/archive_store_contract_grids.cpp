// The ArchiveStore contract, part four: grid_activity(), the archive's half of the grid report
// (docs/assessment.md "Grids that do not idle"): which reports are a grid's own patrol, which are
// residents', which are another worker's, the period's edges, and the response and resolution
// times with their medians and means.
#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "tests/support/archive_store_contract.h"

namespace caseflow::archive::testing {
namespace {

// 2026-11-01T00:00:00+08:00 and 2026-12-01T00:00:00+08:00.
constexpr Instant kGridNovember = Instant::from_unix_seconds(1'793'462'400);
constexpr Instant kGridDecember = Instant::from_unix_seconds(1'796'054'400);

class GridMonth {
 public:
  // A case reported at `at` in `grid` on `channel` (nullopt: none said), by `actor` (the actor
  // of its first history row, the report's).
  void report(const std::string& id, std::optional<std::string> grid,
              std::optional<std::string> channel, std::string actor, Instant at) {
    CaseRow row;
    row.id = id;
    row.seq = 1;
    row.status = "dispatched";
    row.grid = std::move(grid);
    row.channel = std::move(channel);
    row.reported_at = at;
    row.updated_at = at;
    batch_.cases.push_back(std::move(row));
    reported_[id] = at;
    add(id, 0, "dispatched", "", std::move(actor));
  }
  // A later `updated` row of the case, `seconds` after its report.
  void then(const std::string& id, int64_t seconds, std::string what, std::string unit,
            std::string actor = "engine") {
    add(id, seconds, std::move(what), std::move(unit), std::move(actor));
  }
  const Batch& batch() const { return batch_; }

 private:
  void add(const std::string& id, int64_t seconds, std::string what, std::string unit,
           std::string actor) {
    const uint64_t seq = ++seqs_[id];
    batch_.history.push_back(HistoryRow{.case_id = id,
                                        .seq = seq,
                                        .at = reported_[id] + Duration::seconds(seconds),
                                        .type = "updated",
                                        .what = std::move(what),
                                        .stage = "grid",
                                        .unit = std::move(unit),
                                        .note = "",
                                        .facts = "",
                                        .actor = std::move(actor)});
  }
  Batch batch_;
  std::map<std::string, Instant> reported_;
  std::map<std::string, uint64_t> seqs_;
};

assessment::CityGrid city_grid(std::string id, std::string unit) {
  return assessment::CityGrid{.id = std::move(id),
                              .name = "",
                              .community = "C1",
                              .street = "S1",
                              .district = "D1",
                              .unit = std::move(unit)};
}

std::vector<assessment::GridCounts> grid_rows(ArchiveStore& store,
                                              const std::vector<assessment::CityGrid>& city) {
  auto rows = store.grid_activity(kGridNovember, kGridDecember, city);
  EXPECT_TRUE(rows.ok()) << rows.error().code << ": " << rows.error().message;
  if (!rows.ok()) return {};
  std::sort(rows->begin(), rows->end(),
            [](const auto& a, const auto& b) { return a.grid < b.grid; });
  return *rows;
}

TEST_P(ArchiveStoreContract, GridActivityTellsAGridsOwnPatrolFromResidentsAndOtherWorkers) {
  GridMonth m;
  const Instant day = kGridNovember + Duration::days(3);
  // G1's worker finds one thing on patrol; signing it at once is no response time.
  m.report("a", "G1", "grid_worker", "unit:grid:G1", day);
  m.then("a", 5, "signed", "grid:G1", "unit:grid:G1");
  // Residents report four things in G1.
  m.report("b", "G1", "hotline", "/hotline/12345", day);
  m.then("b", 600, "signed", "grid:G1");
  m.then("b", 3600, "resolved", "grid:G1");
  m.report("c", "G1", "app", "/apps/city-app", day);
  m.then("c", 100, "signed", "grid:G2");  // another unit's signing is not G1's response
  m.then("c", 1200, "signed", "grid:G1");
  m.then("c", 7200, "resolved", "grid:G1");
  m.then("c", 9000, "resolved", "grid:G1");  // reopened and resolved again: the first counts
  m.report("d", "G1", "hotline", "/hotline/12345", day);  // never signed
  m.report("e", "G1", "open311", "resident:open311", day);
  m.then("e", 300, "signed", "grid:G1");
  m.then("e", 1800, "resolved", "grid:G1");
  // G1's worker reports in G2: patrol for neither grid, even when G2's worker signs it.
  m.report("f", "G2", "grid_worker", "unit:grid:G1", day);
  m.then("f", 60, "signed", "grid:G2", "unit:grid:G2");
  m.report("g", "G2", std::nullopt, "/units/legacy", day);  // no channel: a resident's
  // G3 belongs to the community office: its worker reports as that unit.
  m.report("h", "G3", "grid_worker", "unit:community:C9", day);
  m.report("i", "G3", "grid_worker", "unit:grid:G3", day);
  // G4 is not in the city's list: its unit is the default.
  m.report("j", "G4", "grid_worker", "unit:grid:G4", day);
  // Outside the month, or in no grid: not counted.
  m.report("k", "G1", "hotline", "/hotline/12345", kGridNovember - Duration::millis(1));
  m.report("l", "G1", "grid_worker", "unit:grid:G1", kGridDecember);
  m.report("n", std::nullopt, "hotline", "/hotline/12345", day);
  m.report("o", "", "hotline", "/hotline/12345", day);
  m.report("p", "G1", "grid_worker", "unit:grid:G1", kGridNovember);  // the first instant counts
  apply_ok(store(), m.batch());

  const auto rows =
      grid_rows(store(), {city_grid("G1", "grid:G1"), city_grid("G2", "grid:G2"),
                          city_grid("G3", "community:C9"), city_grid("G5", "grid:G5")});
  ASSERT_EQ(rows.size(), 4u);
  const assessment::GridCounts& g1 = rows[0];
  EXPECT_EQ(g1.grid, "G1");
  EXPECT_EQ(g1.patrol, 2);
  EXPECT_EQ(g1.resident, 4);
  EXPECT_EQ(g1.other_workers, 0);
  // Responses 300, 600, 1200 s; resolutions 1800, 3600, 7200 s.
  EXPECT_EQ(g1.response, (assessment::Durations{.count = 3, .median = 600.0, .mean = 700.0}));
  EXPECT_EQ(g1.resolution, (assessment::Durations{.count = 3, .median = 3600.0, .mean = 4200.0}));

  const assessment::GridCounts& g2 = rows[1];
  EXPECT_EQ(g2.grid, "G2");
  EXPECT_EQ(g2.patrol, 0);
  EXPECT_EQ(g2.resident, 1);
  EXPECT_EQ(g2.other_workers, 1);
  EXPECT_EQ(g2.response, assessment::Durations{});
  EXPECT_EQ(g2.resolution, assessment::Durations{});

  EXPECT_EQ(rows[2].grid, "G3");
  EXPECT_EQ(rows[2].patrol, 1);
  EXPECT_EQ(rows[2].other_workers, 1);
  EXPECT_EQ(rows[3].grid, "G4");
  EXPECT_EQ(rows[3].patrol, 1);
  EXPECT_EQ(rows[3].resident, 0);
}

TEST_P(ArchiveStoreContract, GridActivityMediansOfAnEvenCountAreTheMiddleTwosMean) {
  GridMonth m;
  const Instant day = kGridNovember + Duration::days(10);
  const int64_t signs[] = {60, 120, 240, 1000};
  for (int i = 0; i < 4; ++i) {
    const std::string id = "r" + std::to_string(i);
    m.report(id, "G7", "hotline", "/hotline/12345", day);
    m.then(id, signs[i], "signed", "grid:G7");
  }
  apply_ok(store(), m.batch());
  const auto rows = grid_rows(store(), {});
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].resident, 4);
  EXPECT_EQ(rows[0].response, (assessment::Durations{.count = 4, .median = 180.0, .mean = 355.0}));
  EXPECT_EQ(rows[0].resolution, assessment::Durations{});
}

TEST_P(ArchiveStoreContract, GridActivityOfAnEmptyArchiveIsNoRow) {
  EXPECT_TRUE(grid_rows(store(), {city_grid("G1", "grid:G1")}).empty());
}

}  // namespace
}  // namespace caseflow::archive::testing
