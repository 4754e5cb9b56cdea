// LOAD.yaml as admins write it: the sample and the tests' tiny model load with the values as
// written; every broken file under tests/data/simulate/broken/ reports exactly the problems its
// trailing "# expect: LINE:COL: MESSAGE" comments list; misspelt keys get a did-you-mean.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <tuple>

#include "engine/definition/catalog.h"
#include "engine/definition/workflow_loader.h"
#include "engine/simulate/load_hourly.h"
#include "engine/simulate/load_model_loader.h"

namespace caseflow::simulate {
namespace {

using Kind = DurationDistribution::Kind;
using definition::Level;

std::filesystem::path source_dir() { return CASEFLOW_SOURCE_DIR; }

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// Loads a file of the repository under its repository-relative name, as the CLI would name it.
std::optional<LoadModel> load_file(const std::string& relative, Diagnostics& problems) {
  return load_load_model(relative, read_text(source_dir() / relative), problems);
}

std::optional<LoadModel> load_text(const std::string& text, Diagnostics& problems) {
  return load_load_model("load.yaml", text, problems);
}

std::string joined(const Diagnostics& problems) {
  std::string out;
  for (const auto& d : problems) out += d.to_string() + "\n";
  return out;
}

DurationDistribution lognormal(double median, double p90) {
  return {Kind::lognormal, median, p90, 0, 0};
}
DurationDistribution fixed(double hours) { return {Kind::fixed, hours, hours, 0, 0}; }

TEST(LoadModelLoader, SampleLoadsWithTheValuesAsWritten) {
  Diagnostics problems;
  const auto model = load_file("config/simulate/load.yaml", problems);
  ASSERT_TRUE(model) << joined(problems);
  EXPECT_TRUE(problems.empty()) << joined(problems);

  EXPECT_EQ(model->file, "config/simulate/load.yaml");
  EXPECT_EQ(model->reports_per_day, 30'000);
  EXPECT_EQ(model->hourly[3], 0.3);
  EXPECT_EQ(model->hourly[10], 8.0);
  EXPECT_EQ(model->hourly[23], 1.0);
  EXPECT_EQ(model->weekend_factor, 0.7);
  EXPECT_EQ(model->holiday_factor, 0.5);
  EXPECT_EQ(model->calendar, "cn-mainland");

  ASSERT_EQ(model->categories.size(), 12u);
  EXPECT_EQ(model->categories.front(), (Weighted{"parking.illegal", 26}));
  EXPECT_EQ(model->categories[9], (Weighted{"ev_charging.corridor", 3}));
  EXPECT_EQ(model->categories.back(), (Weighted{"greening.damaged_trees", 4}));
  EXPECT_EQ(model->urgency, (std::array<double, 3>{0.9, 0.08, 0.02}));
  ASSERT_EQ(model->channels.size(), 4u);
  EXPECT_EQ(model->channels[0], (Weighted{"hotline", 0.55}));
  EXPECT_EQ(model->channels[3], (Weighted{"open311", 0.03}));

  EXPECT_EQ(model->hot_spot_share, 0.01);
  ASSERT_EQ(model->hot_spots.size(), 20u);
  EXPECT_EQ(model->hot_spots.front(), (HotSpot{"G00420", 3}));
  EXPECT_EQ(model->hot_spots.back(), (HotSpot{"G16200", 1}));

  const UnitBehaviour& all = model->default_behaviour;
  EXPECT_EQ(all.time_to_sign, lognormal(2, 8));
  EXPECT_EQ(all.p_ignore, 0.02);
  EXPECT_EQ(all.p_return, 0.03);
  EXPECT_TRUE(all.contacts);
  EXPECT_EQ(all.time_to_contact, lognormal(1, 4));
  EXPECT_EQ(all.handling, lognormal(4, 16));
  EXPECT_EQ(all.capacity_per_day, 0);

  const UnitBehaviour& grid = model->behaviour_of(Level::grid);
  EXPECT_EQ(grid.time_to_sign, lognormal(1, 6));
  EXPECT_EQ(grid.p_ignore, 0.03);
  EXPECT_EQ(grid.p_return, 0.05);
  EXPECT_EQ(grid.time_to_contact, lognormal(0.5, 3));
  EXPECT_EQ(grid.handling, lognormal(1, 6));
  EXPECT_EQ(grid.capacity_per_day, 6);
  // A level says only how it differs from `default`.
  const UnitBehaviour& community = model->behaviour_of(Level::community);
  EXPECT_EQ(community.time_to_sign, lognormal(2, 8));
  EXPECT_EQ(community.p_ignore, 0.02);
  EXPECT_EQ(community.handling, lognormal(4, 16));
  EXPECT_EQ(community.capacity_per_day, 20);
  const UnitBehaviour& department = model->behaviour_of(Level::department);
  EXPECT_EQ(department.handling, lognormal(8, 40));
  EXPECT_EQ(department.p_return, 0.06);
  EXPECT_EQ(department.capacity_per_day, 1500);
  EXPECT_EQ(model->behaviour.size(), 5u);

  EXPECT_EQ(model->dispatcher_delay, lognormal(2, 6));
  EXPECT_EQ(model->revisit.p_rated, 0.9);
  EXPECT_EQ(model->revisit.solved, (std::array<double, 3>{85, 10, 5}));
  EXPECT_EQ(model->revisit.satisfaction, (std::array<double, 3>{80, 12, 8}));
  EXPECT_EQ(model->revisit.delay.kind, Kind::uniform);
  EXPECT_EQ(model->revisit.delay.min_hours, 2);
  EXPECT_EQ(model->revisit.delay.max_hours, 20);
}

// The loader does not know the workflows (caseflow simulate checks categories against the ones it
// runs), so the sample's own promise is checked here: each category reaches the workflow its
// comment names, and only the two meant for it fall through to the catch-all.
TEST(LoadModelLoader, SampleCategoriesRouteToTheShippedWorkflowsTheirCommentsName) {
  std::vector<definition::WorkflowPtr> workflows;
  for (const auto& entry : std::filesystem::directory_iterator(source_dir() / "workflows")) {
    if (entry.path().extension() != ".yaml") continue;
    Diagnostics problems;
    auto workflow = definition::load_workflow(entry.path().string(), read_text(entry.path()),
                                              definition::LoadContext{}, problems);
    ASSERT_TRUE(workflow) << joined(problems);
    workflows.push_back(std::move(workflow));
  }
  Diagnostics problems;
  const auto catalog = definition::Catalog::build(workflows, problems);
  ASSERT_TRUE(catalog) << joined(problems);
  const auto model = load_file("config/simulate/load.yaml", problems);
  ASSERT_TRUE(model) << joined(problems);

  const std::map<std::string, std::string> expected{
      {"parking.illegal", "parking"},
      {"parking.shortage", "parking_shortage"},
      {"noise.neighbourhood", "noise"},
      {"noise.construction", "noise"},
      {"noise.commercial", "noise"},
      {"environment.litter", "environment"},
      {"environment.bins", "environment"},
      {"ev_charging.shortage", "ev_charging"},
      {"ev_charging.broken", "ev_charging"},
      {"ev_charging.corridor", "ev_charging_corridor"},
      {"public_facilities.streetlight", "general"},
      {"greening.damaged_trees", "general"}};
  ASSERT_EQ(model->categories.size(), expected.size());
  for (const auto& category : model->categories) {
    for (auto urgency : {definition::Urgency::normal, definition::Urgency::emergency}) {
      const auto workflow = catalog->route(category.value, urgency);
      ASSERT_TRUE(workflow) << category.value;
      EXPECT_EQ(workflow->name, expected.at(category.value)) << category.value;
    }
  }
}

TEST(LoadModelLoader, TinyModelIsDeterministic) {
  Diagnostics problems;
  const auto model = load_file("tests/data/simulate/tiny.yaml", problems);
  ASSERT_TRUE(model) << joined(problems);
  EXPECT_EQ(model->reports_per_day, 4);
  std::array<double, 24> only_ten{};
  only_ten[10] = 1;
  EXPECT_EQ(model->hourly, only_ten);
  EXPECT_EQ(model->weekend_factor, 1);
  EXPECT_EQ(model->holiday_factor, 1);
  EXPECT_EQ(model->categories, (std::vector<Weighted>{{"parking.illegal", 1}}));
  EXPECT_EQ(model->urgency, (std::array<double, 3>{1, 0, 0}));
  EXPECT_EQ(model->channels, (std::vector<Weighted>{{"hotline", 1}}));
  EXPECT_TRUE(model->hot_spots.empty());
  EXPECT_EQ(model->hot_spot_share, 0);
  EXPECT_TRUE(model->behaviour.empty()) << "every level behaves as default";
  const UnitBehaviour& unit = model->default_behaviour;
  EXPECT_EQ(unit.time_to_sign, fixed(1));
  EXPECT_EQ(unit.time_to_contact, fixed(0.5));
  EXPECT_EQ(unit.handling, fixed(2));
  EXPECT_EQ(unit.p_ignore, 0);
  EXPECT_EQ(unit.p_return, 0);
  EXPECT_EQ(unit.capacity_per_day, 0);
  EXPECT_EQ(model->dispatcher_delay, fixed(1));
  EXPECT_EQ(model->revisit.p_rated, 1);
  EXPECT_EQ(model->revisit.solved, (std::array<double, 3>{1, 0, 0}));
  EXPECT_EQ(model->revisit.satisfaction, (std::array<double, 3>{1, 0, 0}));
  EXPECT_EQ(model->revisit.delay, fixed(4));
}

TEST(LoadModelLoader, KeysLeftOutKeepTheirDefaultsAndTheDayHasAShape) {
  Diagnostics problems;
  const auto model = load_text("categories: {noise.commercial: 1}\n", problems);
  ASSERT_TRUE(model) << joined(problems);
  const LoadModel defaults;
  EXPECT_EQ(model->reports_per_day, defaults.reports_per_day);
  EXPECT_EQ(model->calendar, defaults.calendar);
  EXPECT_EQ(model->channels, defaults.channels);
  EXPECT_EQ(model->default_behaviour, defaults.default_behaviour);
  EXPECT_EQ(model->revisit, defaults.revisit);
  EXPECT_EQ(model->dispatcher_delay, defaults.dispatcher_delay);
  // Not a flat (or empty) day: quiet at night, busy in the morning and afternoon peaks.
  EXPECT_EQ(model->hourly, default_hourly_profile());
  const auto& h = model->hourly;
  EXPECT_GT(h[10], 5 * h[3]);
  EXPECT_GT(h[15], 5 * h[3]);
  EXPECT_GT(h[10], h[12]);
  EXPECT_GT(h[15], h[12]);
}

TEST(LoadModelLoader, SharesDurationsAndDistributionsInEveryForm) {
  Diagnostics problems;
  const auto model = load_text(R"(categories: {parking.illegal: 50%, noise.commercial: 0.5}
hot_spots: {share: 12.5%, grids: {G00001: 1}}
units:
  default: {ignore: 0.1, return: 5%, sign: 90m, contact: never, handling: {fixed: 1d}}
  street: {sign: {median: 45s, p90: 30m}, handling: {min: 1.5h, max: 2d}, capacity_per_day: 2.5}
dispatcher: {fixed: 0s}
)",
                               problems);
  ASSERT_TRUE(model) << joined(problems);
  EXPECT_EQ(model->categories[0].weight, model->categories[1].weight);
  EXPECT_EQ(model->hot_spot_share, 0.125);
  const UnitBehaviour& all = model->default_behaviour;
  EXPECT_EQ(all.p_ignore, 0.1);
  EXPECT_EQ(all.p_return, 0.05);
  EXPECT_EQ(all.time_to_sign, fixed(1.5));
  EXPECT_FALSE(all.contacts);
  EXPECT_EQ(all.handling, fixed(24));
  const UnitBehaviour& street = model->behaviour_of(Level::street);
  EXPECT_EQ(street.time_to_sign, lognormal(1.0 / 80, 0.5));
  EXPECT_EQ(street.handling.kind, Kind::uniform);
  EXPECT_EQ(street.handling.min_hours, 1.5);
  EXPECT_EQ(street.handling.max_hours, 48);
  EXPECT_EQ(street.capacity_per_day, 2.5);
  EXPECT_FALSE(street.contacts) << "street starts from default, which never contacts";
  EXPECT_EQ(model->behaviour_of(Level::grid), all) << "a level left out behaves as default";
  EXPECT_EQ(model->dispatcher_delay, fixed(0));
}

TEST(LoadModelLoader, MisspeltKeyGetsADidYouMeanAtItsPlace) {
  Diagnostics problems;
  const auto model = load_text(
      "categories: {parking.illegal: 1}\nunits:\n  grid:\n    capacity_pre_day: 3\n", problems);
  EXPECT_FALSE(model);
  ASSERT_EQ(problems.size(), 1u) << joined(problems);
  EXPECT_EQ(problems[0].to_string(),
            "load.yaml:4:5: error: unknown key 'capacity_pre_day' in 'units.grid'; did you mean "
            "'capacity_per_day'?");
}

TEST(LoadModelLoader, YamlSyntaxErrorsAreDiagnosticsNotExceptions) {
  Diagnostics problems;
  EXPECT_FALSE(load_text("categories: {parking.illegal: 1\n", problems));
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].file, "load.yaml");
  EXPECT_GT(problems[0].line, 0);

  // An alias bomb: a billion nodes if expanded. Refused within the reader's limits.
  std::string bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  for (char level = 'b'; level <= 'j'; ++level)
    bomb += std::string(1, level) + ": &" + level + " [*" + char(level - 1) + ", *" +
            char(level - 1) + ", *" + char(level - 1) + ", *" + char(level - 1) + ", *" +
            char(level - 1) + ", *" + char(level - 1) + ", *" + char(level - 1) + ", *" +
            char(level - 1) + ", *" + char(level - 1) + ", *" + char(level - 1) + "]\n";
  bomb += "categories: {parking.illegal: 1}\nhourly: *j\n";
  problems.clear();
  EXPECT_FALSE(load_text(bomb, problems));
  ASSERT_EQ(problems.size(), 1u) << joined(problems);
  EXPECT_EQ(problems[0].file, "load.yaml");
}

// --- broken files ------------------------------------------------------------------------------

std::vector<std::string> expected_problems(const std::string& file, const std::string& text) {
  std::vector<std::string> expected;
  const std::string marker = "# expect: ";
  size_t at = 0;
  while ((at = text.find(marker, at)) != std::string::npos) {
    const size_t end = text.find('\n', at);
    expected.push_back(file + ":" + text.substr(at + marker.size(), end - at - marker.size()));
    at = end;
  }
  return expected;
}

std::vector<std::string> reported_problems(const Diagnostics& problems) {
  Diagnostics sorted = problems;
  std::stable_sort(sorted.begin(), sorted.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.line, a.column) < std::tie(b.line, b.column);
  });
  std::vector<std::string> lines;
  for (const auto& d : sorted)
    lines.push_back(d.file + ":" + std::to_string(d.line) + ":" + std::to_string(d.column) + ": " +
                    d.message);
  return lines;
}

TEST(LoadModelLoader, EachBrokenFileReportsExactlyItsExpectedProblems) {
  const std::filesystem::path folder = source_dir() / "tests/data/simulate/broken";
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(folder))
    if (entry.path().extension() == ".yaml")
      files.push_back(std::filesystem::relative(entry.path(), source_dir()).string());
  std::sort(files.begin(), files.end());
  ASSERT_GE(files.size(), 20u) << "the broken-file collection went missing";
  for (const auto& file : files) {
    const std::string text = read_text(source_dir() / file);
    const auto expected = expected_problems(file, text);
    ASSERT_FALSE(expected.empty()) << file << " has no '# expect:' line";
    Diagnostics problems;
    EXPECT_FALSE(load_load_model(file, text, problems)) << file << " loaded although it is broken";
    EXPECT_EQ(reported_problems(problems), expected) << "in " << file;
  }
}

}  // namespace
}  // namespace caseflow::simulate
