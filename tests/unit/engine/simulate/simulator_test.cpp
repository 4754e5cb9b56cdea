// simulate::run on worlds small enough to check: a hand-worked backlog, determinism, the same
// seed under two workflow sets (--against), and the repository's workflows under a random load.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "engine/core/catalog_router.h"
#include "engine/core/simple_router.h"
#include "engine/definition/catalog.h"
#include "engine/definition/workflow_loader.h"
#include "engine/simulate/simulator.h"
#include "engine/time/calendar_loader.h"
#include "engine/time/rfc3339.h"

namespace caseflow::simulate {
namespace {

namespace fs = std::filesystem;
const fs::path kRoot = CASEFLOW_SOURCE_DIR;

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

core::CalendarRegistryPtr repo_calendars() {
  auto registry = std::make_shared<core::MapCalendarRegistry>();
  for (const char* name : {"cn-mainland.yaml", "always.yaml"}) {
    Diagnostics problems;
    const fs::path file = kRoot / "config" / "calendars" / name;
    auto calendar = load_calendar(file.string(), read(file), problems);
    for (const auto& p : problems) ADD_FAILURE() << p.to_string();
    if (calendar) registry->add(calendar);
  }
  return registry;
}

definition::WorkflowPtr workflow_from(const std::string& text) {
  Diagnostics problems;
  auto wf = definition::load_workflow("inline.yaml", text, definition::LoadContext{}, problems);
  for (const auto& p : problems) ADD_FAILURE() << p.to_string();
  return wf;
}

LocalDate date(const char* text) { return *LocalDate::parse(text); }

DurationDistribution fixed_hours(double hours) {
  return {DurationDistribution::Kind::fixed, hours, hours, 0, 0};
}

// Every field of the Figures but wall_seconds, as text: equal texts, equal runs.
std::string dump(const Figures& f) {
  std::ostringstream o;
  auto rates = [&](const Rates& r) {
    o << r.dispatches << ' ' << r.signed_on_time << ' ' << r.rated << ' ' << r.solved_points << ' '
      << r.satisfied_points << '\n';
  };
  o << f.label << ' ' << f.from << ' ' << f.days << ' ' << f.seed << ' ' << f.cases << ' '
    << f.events << ' ' << f.closed << ' ' << f.open_at_end << ' ' << f.rejected << ' '
    << f.rejection_note << ' ' << f.warnings << ' ' << f.breaches << ' ' << f.escalations << '\n';
  for (auto e : f.escalations_by_level) o << e << ' ';
  rates(f.rates);
  for (const auto& d : f.by_day) {
    o << d.date << ' ' << d.arrivals << ' ' << d.closed << ' ' << d.warnings << ' ' << d.breaches
      << ' ' << d.escalations << ':';
    for (auto n : d.open_by_level) o << ' ' << n;
    o << '\n';
  }
  for (const auto& s : f.by_street) {
    o << s.street_id << ' ' << s.cases << ' ' << s.breaches << ' ' << s.escalations << ' ';
    rates(s.rates);
  }
  for (const auto& g : f.growing_queues)
    o << g.unit_id << ' ' << g.level << ' ' << g.queue_at_start_of_last_week << ' '
      << g.queue_at_end << ' ' << g.capacity_per_day << '\n';
  for (auto b : f.resolve_buckets) o << b << ' ';
  o << f.resolve_hours_median << ' ' << f.resolve_hours_p90 << '\n';
  return o.str();
}

// --- the hand-checkable run ---------------------------------------------------------------------

// One grid stage: resolve within 2 days (warning at 50%, then supervision only).
const char* kHandWorkflow = R"(
workflow: litter
version: 1
calendar: always
match:
  categories: [litter]
stages:
  - level: grid
    clocks:
      resolve:
        limit: 2d
        warn_at: 50%
        on_breach: [supervise]
revisit:
  within: 1d
)";

TEST(SimulatorTest, HandCheckedBacklogOfOneUnitThatFinishesOneCaseADay) {
  World world;
  world.router = std::make_shared<core::SimpleRouter>(
      std::vector<definition::WorkflowPtr>{workflow_from(kHandWorkflow)});
  world.calendars = repo_calendars();
  world.grids = {"G1"};  // no directory: the grid is its own place and its own unit

  LoadModel model;
  model.calendar = "always";  // every day a working day, all of it working time
  model.reports_per_day = 3;
  model.hourly[9] = 1;  // all reports between 09:00 and 10:00 (Beijing time)
  model.categories = {{"litter", 1}};
  model.urgency = {1, 0, 0};
  UnitBehaviour& unit = model.default_behaviour;
  unit.p_ignore = 0;
  unit.p_return = 0;
  unit.time_to_sign = fixed_hours(0);
  unit.contacts = false;
  unit.handling = fixed_hours(0);
  unit.capacity_per_day = 1;
  model.revisit.p_rated = 1;
  model.revisit.solved = {1, 0, 0};
  model.revisit.satisfaction = {1, 0, 0};
  model.revisit.delay = fixed_hours(1);

  RunOptions options;
  options.from = date("2026-11-01");
  options.days = 10;
  auto result = run(world, model, options);
  ASSERT_TRUE(result.ok()) << result.error().message;
  const Figures& f = *result;

  // Worked by hand. Number the cases k = 0, 1, 2, ... in arrival order; case k arrives on day
  // a = k / 3 at 09:xx and is signed at once. G1 finishes one case a day, in order: case 0 the
  // moment it arrives, case k >= 1 at 00:00 of day k (the first instant of the next day with
  // capacity left). Each finished case is rated an hour later and closes.
  //   closed:  day 0: case 0; day d >= 1: case d                       -> 1 a day
  //   open at the end of day d: 3(d+1) arrived - (d+1) closed         -> 2(d+1), all at the grid
  //   warning (24 h after the report, day a+1 09:xx) when case k is not finished by then, i.e.
  //     day k 00:00 > day a+1 09:xx, k >= a+2: every case but 0 and 1. Case 2 is warned on
  //     day 1, cases of day a >= 1 on day a+1                          -> 0, 1, 3, 3, ...
  //   breach (48 h, day a+2 09:xx) when k >= a+3: cases 4 and 5 (day 1's last two) on day 3,
  //     then all three of day a >= 2 on day a+2                        -> 0, 0, 0, 2, 3, 3, ...
  const std::vector<uint64_t> warnings{0, 1, 3, 3, 3, 3, 3, 3, 3, 3};
  const std::vector<uint64_t> breaches{0, 0, 0, 2, 3, 3, 3, 3, 3, 3};
  ASSERT_EQ(f.by_day.size(), 10u);
  for (size_t d = 0; d < 10; ++d) {
    SCOPED_TRACE("day " + std::to_string(d));
    const DayFigures& day = f.by_day[d];
    EXPECT_EQ(day.date, (date("2026-11-01") + static_cast<int32_t>(d)).to_string());
    EXPECT_EQ(day.arrivals, 3u);
    EXPECT_EQ(day.closed, 1u);
    EXPECT_EQ(day.warnings, warnings[d]);
    EXPECT_EQ(day.breaches, breaches[d]);
    EXPECT_EQ(day.escalations, 0u);
    EXPECT_EQ(day.open_by_level, (std::vector<uint64_t>{2 * (d + 1), 0, 0, 0, 0, 0}));
  }
  EXPECT_EQ(f.cases, 30u);
  EXPECT_EQ(f.closed, 10u);
  EXPECT_EQ(f.open_at_end, 20u);
  EXPECT_EQ(f.warnings, 25u);
  EXPECT_EQ(f.breaches, 20u);
  EXPECT_EQ(f.escalations, 0u);
  EXPECT_EQ(f.rejected, 0u) << f.rejection_note;
  // Every case was dispatched once and signed at once; the ten closed ones were rated solved and
  // satisfied.
  EXPECT_EQ(f.rates.dispatches, 30u);
  EXPECT_EQ(f.rates.signed_on_time, 30u);
  EXPECT_EQ(f.rates.rated, 10u);
  EXPECT_DOUBLE_EQ(f.rates.score(), 100.0);
  // Report to resolution of the closed cases 0..9, in hours (x = the minutes after 09:00):
  // 0, 24-9.x, 48-9.x, 72-33.x, 96-33.x, 120-33.x, 144-57.x, 168-57.x, 192-57.x, 216-81.x
  //   = 0, 14.x, 38.x, 38.x, 62.x, 86.x, 86.x, 110.x, 134.x, 134.x
  EXPECT_EQ(f.resolve_buckets, (std::vector<uint64_t>{1, 1, 3, 5, 0, 0}));
  EXPECT_GT(f.resolve_hours_median, 62.0);  // the 5th of 10
  EXPECT_LE(f.resolve_hours_median, 63.0);
  EXPECT_GT(f.resolve_hours_p90, 134.0);  // the 9th of 10
  EXPECT_LE(f.resolve_hours_p90, 135.0);
  // G1's queue (signed, unfinished) at the start of day 3 (the last 7 days): 9 arrived, cases
  // 0..2 finished; at the end: 30 - 10.
  ASSERT_EQ(f.growing_queues.size(), 1u);
  EXPECT_EQ(f.growing_queues[0].unit_id, "G1");
  EXPECT_EQ(f.growing_queues[0].level, "grid");
  EXPECT_EQ(f.growing_queues[0].queue_at_start_of_last_week, 6u);
  EXPECT_EQ(f.growing_queues[0].queue_at_end, 20u);
  EXPECT_EQ(f.growing_queues[0].capacity_per_day, 1.0);
}

// --- the sample city in small --------------------------------------------------------------------

// Grids g1..g6 in communities c1 (g1-g3) and c2, streets s1 and s2 (c2), one district; every
// level has a unit, every department code a unit "dept-<code>".
class SmallCity final : public geo::PlaceDirectory {
 public:
  std::optional<geo::Place> place_of_grid(std::string_view g) const override {
    if (g.size() != 2 || g[0] != 'g' || g[1] < '1' || g[1] > '6') return std::nullopt;
    const bool first = g[1] <= '3';
    return geo::Place{std::string(g), first ? "c1" : "c2", first ? "s1" : "s2", "d1"};
  }
  std::optional<geo::Place> locate(double, double, geo::Datum) const override {
    return std::nullopt;
  }
  std::optional<std::string> unit_for(definition::Level level, const geo::Place& p) const override {
    switch (level) {
      case definition::Level::grid:
        return "grid-" + p.grid_id;
      case definition::Level::community:
        return "comm-" + p.community_id;
      case definition::Level::street:
        return "street-" + p.street_id;
      case definition::Level::district:
        return "district-" + p.district_id;
      case definition::Level::department:
      case definition::Level::property:
        return std::nullopt;
    }
    return std::nullopt;
  }
  std::optional<std::string> department_unit(std::string_view code) const override {
    return "dept-" + std::string(code);
  }
};

// The repository's workflows; `edit` may change a file's text before it is read.
core::WorkflowRouterPtr repo_workflows(
    const std::function<std::string(const std::string&, std::string)>& edit = nullptr) {
  std::vector<definition::WorkflowPtr> all;
  Diagnostics problems;
  for (const auto& entry : fs::directory_iterator(kRoot / "workflows")) {
    if (entry.path().extension() != ".yaml") continue;
    std::string text = read(entry.path());
    if (edit) text = edit(entry.path().filename().string(), text);
    if (auto wf = definition::load_workflow(entry.path().string(), text, {}, problems))
      all.push_back(wf);
  }
  std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a->name < b->name; });
  auto catalog = definition::Catalog::build(all, problems);
  for (const auto& p : problems) ADD_FAILURE() << p.to_string();
  return std::make_shared<core::CatalogRouter>(catalog);
}

World small_city(core::WorkflowRouterPtr router) {
  World world;
  world.router = std::move(router);
  world.calendars = repo_calendars();
  world.directory = std::make_shared<SmallCity>();
  world.grids = {"g1", "g2", "g3", "g4", "g5", "g6"};
  return world;
}

// A lively month: units that ignore, return and dawdle, residents who are often unhappy.
LoadModel lively_load(double per_day) {
  LoadModel model;
  model.reports_per_day = per_day;
  for (int h = 8; h < 20; ++h) model.hourly[static_cast<size_t>(h)] = h == 9 || h == 14 ? 3 : 1;
  model.categories = {{"parking.illegal", 3},
                      {"parking.shortage", 1},
                      {"environment.litter", 2},
                      {"noise.construction", 2},
                      {"ev_charging.shortage", 1},
                      {"ev_charging.corridor", 1},
                      {"potholes", 1}};
  model.urgency = {0.8, 0.15, 0.05};
  model.hot_spots = {{"g2", 1}};
  model.hot_spot_share = 0.3;
  model.default_behaviour.p_ignore = 0.1;
  model.default_behaviour.p_return = 0.2;
  model.default_behaviour.capacity_per_day = 2;
  model.behaviour[definition::Level::department].capacity_per_day = 0;
  model.revisit.solved = {0.6, 0.2, 0.2};
  model.revisit.satisfaction = {0.6, 0.2, 0.2};
  return model;
}

RunOptions month(uint64_t seed) {
  RunOptions options;
  options.from = date("2026-09-20");  // through the National Day holiday
  options.days = 30;
  options.seed = seed;
  return options;
}

TEST(SimulatorTest, RepositoryWorkflowsAcceptEveryEventOfALivelyMonth) {
  const World world = small_city(repo_workflows());
  auto result = run(world, lively_load(40), month(7));
  ASSERT_TRUE(result.ok()) << result.error().message;
  const Figures& f = *result;
  EXPECT_EQ(f.rejected, 0u) << f.rejection_note;
  // The month had the whole story: escalations up the levels, the dispatcher queue, closes.
  EXPECT_GT(f.cases, 700u);
  EXPECT_GT(f.closed, 0u);
  EXPECT_GT(f.breaches, 0u);
  EXPECT_GT(f.escalations_by_level[0], 0u);
  EXPECT_GT(f.escalations_by_level[1], 0u);
  EXPECT_GT(f.rates.rated, 0u);
  EXPECT_EQ(f.closed + f.open_at_end, f.cases);
  EXPECT_EQ(f.by_street.size(), 2u);
  // National Day (2026-10-01..07) is a holiday: reports_per_day x holiday_factor 0.5.
  EXPECT_EQ(f.by_day[11].date, "2026-10-01");
  EXPECT_EQ(f.by_day[11].arrivals, 20u);
  EXPECT_EQ(f.by_day[0].date, "2026-09-20");  // a Sunday worked for National Day
  EXPECT_EQ(f.by_day[0].arrivals, 40u);
  EXPECT_EQ(f.by_day[6].arrivals, 20u);  // Saturday 2026-09-26, inside Mid-Autumn: a holiday
  EXPECT_EQ(f.by_day[20].date, "2026-10-10");
  EXPECT_EQ(f.by_day[20].arrivals, 40u);  // a Saturday worked for National Day
  EXPECT_EQ(f.by_day[27].date, "2026-10-17");
  EXPECT_EQ(f.by_day[27].arrivals, 28u);  // a plain Saturday: weekend_factor 0.7
  uint64_t arrivals = 0;
  for (const auto& d : f.by_day) arrivals += d.arrivals;
  EXPECT_EQ(arrivals, f.cases);
}

// Units that sign within the hour and finish within a working morning meet every clock of the
// sample workflows but EV charging's, whose grid must resolve within 24 hours even over a weekend
// (and whose fire-corridor sign clock is 15 minutes): those are left out of this load.
TEST(SimulatorTest, PromptUnitsBreachNothing) {
  const World world = small_city(repo_workflows());
  LoadModel model = lively_load(40);
  std::erase_if(model.categories,
                [](const Weighted& w) { return w.value.starts_with("ev_charging"); });
  model.urgency = {1, 0, 0};
  model.default_behaviour = UnitBehaviour{};
  model.default_behaviour.p_ignore = 0;
  model.default_behaviour.p_return = 0;
  model.default_behaviour.time_to_sign = fixed_hours(1);
  model.default_behaviour.time_to_contact = fixed_hours(1);
  model.default_behaviour.handling = fixed_hours(2);
  model.behaviour.clear();
  model.revisit.solved = {1, 0, 0};
  model.revisit.satisfaction = {1, 0, 0};
  RunOptions november = month(3);  // no long holiday: National Day would run past 3-day limits
  november.from = date("2026-11-01");
  auto f = run(world, model, november);
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(f->rejected, 0u) << f->rejection_note;
  EXPECT_EQ(f->breaches, 0u);
  EXPECT_EQ(f->escalations, 0u);
  EXPECT_EQ(f->rates.signed_on_time, f->rates.dispatches);
  EXPECT_GT(f->closed, f->cases * 9 / 10);
}

TEST(SimulatorTest, SameInputsAndSeedGiveTheSameFigures) {
  const World world = small_city(repo_workflows());
  auto a = run(world, lively_load(25), month(11));
  auto b = run(world, lively_load(25), month(11));
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(dump(*a), dump(*b));
  auto other = run(world, lively_load(25), month(12));
  ASSERT_TRUE(other.ok());
  EXPECT_NE(dump(*a), dump(*other));  // the seed matters
}

TEST(SimulatorTest, AgainstIdenticalWorkflowsNothingDiffersAndALongerLimitBreachesLess) {
  const LoadModel model = lively_load(30);
  auto a = run(small_city(repo_workflows()), model, month(5));
  auto same = run(small_city(repo_workflows()), model, month(5));
  ASSERT_TRUE(a.ok() && same.ok());
  EXPECT_EQ(dump(*a), dump(*same));

  // The same month with parking's 7-day resolve limits at 20 days.
  auto longer = run(small_city(repo_workflows([](const std::string& file, std::string text) {
                      if (file != "parking.yaml") return text;
                      for (size_t at = 0; (at = text.find("limit: 7d", at)) != std::string::npos;)
                        text.replace(at, 9, "limit: 20d");
                      return text;
                    })),
                    model, month(5));
  ASSERT_TRUE(longer.ok());
  EXPECT_EQ(longer->rejected, 0u) << longer->rejection_note;
  EXPECT_EQ(longer->cases, a->cases);
  for (size_t d = 0; d < a->by_day.size(); ++d)
    EXPECT_EQ(longer->by_day[d].arrivals, a->by_day[d].arrivals);
  EXPECT_LT(longer->breaches, a->breaches);
}

TEST(SimulatorTest, ReplayedReportsAreTheArrivals) {
  const World world = small_city(repo_workflows());
  std::vector<Arrival> replay;
  for (int i = 0; i < 3; ++i) {
    Arrival a;
    a.at = *parse_rfc3339("2026-11-02T10:0" + std::to_string(i) + ":00+08:00");
    a.report.case_id = "hotline-" + std::to_string(i);
    a.report.category = "parking.illegal";
    a.report.grid_id = "g1";
    replay.push_back(a);
  }
  Arrival outside;  // after the run: skipped
  outside.at = *parse_rfc3339("2026-11-09T10:00:00+08:00");
  outside.report.case_id = "hotline-late";
  outside.report.category = "parking.illegal";
  outside.report.grid_id = "g1";
  replay.push_back(outside);
  RunOptions options;
  options.from = date("2026-11-01");
  options.days = 7;
  options.replay = &replay;
  LoadModel model = lively_load(1000);  // its arrivals are not used
  auto f = run(world, model, options);
  ASSERT_TRUE(f.ok()) << f.error().message;
  EXPECT_EQ(f->cases, 3u);
  EXPECT_EQ(f->by_day[1].arrivals, 3u);
  EXPECT_EQ(f->rejected, 0u) << f->rejection_note;
}

TEST(SimulatorTest, ErrorsForAnUnknownCalendarAndNoGrids) {
  World world = small_city(repo_workflows());
  LoadModel model = lively_load(10);
  model.calendar = "mars";
  auto unknown = run(world, model, month(1));
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, "unknown_calendar");
  world.grids.clear();
  LoadModel nowhere = lively_load(10);
  nowhere.hot_spots.clear();
  auto no_grids = run(world, nowhere, month(1));
  ASSERT_FALSE(no_grids.ok());
  EXPECT_EQ(no_grids.error().code, "no_grids");
}

}  // namespace
}  // namespace caseflow::simulate
