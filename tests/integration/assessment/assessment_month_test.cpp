// The proof of the assessment (issue 13): a hand-worked month driven through the engine core
// (month_run.cpp), every record it wrote put into a real SQLite archive the way the archiver does
// (parse_archive_record, batch_of, ArchiveStore::apply), and the figures read back by the report
// (the library call `caseflow report assessment` makes, and the binary once), by
// GET /api/v1/assessment, and by a real Prometheus evaluating deploy/prometheus/rules.yml over
// the engine's own counters. All of them must give the table below, worked out by hand.
//
// November 2026, Asia/Shanghai. Units (a grid-level stage's work counts under its community):
//   A = community:C1 (street S1): cases a01..a15, and c06 after the dispatcher moved it to a grid
//   B = community:C2 (street S2): cases b01..b16
//   C = street:S1    (the street office of S1): c01..c09, and a07, a08 after A returned them
// Default weights (solved 1, partly .5, not solved 0; satisfied 1, basically .5, unsatisfied 0;
// score 30/35/35; unrated excluded). "+" on time, "-" late (the sign clock breached, or the holding
// ended before the resident was called); (r, s) the final rating's weights; "na" no answer.
//
// case  what happens (the facts the engine writes)                   counts for
// a01   A + Nov 2; solved/satisfied Nov 6                             A resp +, (1, 1)
// a02   A + Nov 3; an extension of 2 days granted Nov 4; rated Nov 10 A resp +, (1, 1)
// a03   A - Nov 4; partly/basically Nov 12                            A resp -, (.5, .5)
// a04   A + Nov 9; rated unsatisfied Nov 16 and reopened (no fact);   A resp +, (1, .5)
//       the final rating solved/basically Nov 25
// a05   A + Nov 10; solved/no_answer Nov 14                           A resp +, (1, na)
// a06   A - Nov 11; the revisit clock runs out Nov 28: unrated        A resp -, unrated
// a07   A returns it unsigned Nov 12 (a late fact), the return is     A: out (justified return)
//       reviewed justified Nov 13; the dispatcher gives it to C, C +
//       Nov 14; solved/satisfied Nov 19                               C resp +, (1, 1)
// a08   the same, reviewed unjustified; C + Nov 15; partly/satisfied  A resp -; C resp +, (.5, 1)
// a09   A + Nov 16; exemption asked Nov 17, granted Nov 18; the       A: out (exempted)
//       final rating not_solved/unsatisfied Nov 24
// a10   A - Nov 17; exemption asked Nov 18, refused Nov 19;           A resp -, (0, 0)
//       not_solved/unsatisfied Nov 26
// a11   A + Nov 18; invalid proposed Nov 19, confirmed Nov 21         A: out (invalid)
// a12   A + Oct 31 23:30 (October's); solved/satisfied Nov 3           A (1, 1) only
// a13   A + Nov 27; solved/satisfied Dec 1 00:30 (December's)          A resp + only
// a14   A - Nov 30 23:59:59 (the month's last second)                 A resp -
// a15   A - Nov 20; not_solved/unsatisfied Nov 27; exemption asked    A: out — the LATE decision:
//       Nov 28, granted Dec 3, after the live counters were taken       the counters kept it
// b01   B + Nov 2; solved/satisfied Nov 5                             B resp +, (1, 1)
// b02   B + Nov 2; solved/satisfied Nov 6                             B resp +, (1, 1)
// b03   B + Nov 5; partly/basically Nov 9                             B resp +, (.5, .5)
// b04   B - Nov 6; not_solved/unsatisfied Nov 12                      B resp -, (0, 0)
// b05   B + Nov 8; solved/no_answer Nov 12                            B resp +, (1, na)
// b06   B + Nov 9; partly/no_answer Nov 15                            B resp +, (.5, na)
// b07   B + Nov 10; unrated Nov 25                                    B resp +, unrated
// b08   B + Nov 15; unrated Nov 29                                    B resp +, unrated
// b09   B - Nov 16; solved/basically Nov 20                           B resp -, (1, .5)
// b10   B + Nov 18; reopened Nov 22, final solved/satisfied Nov 29    B resp +, (1, 1)
// b11   B + Nov 22; not_solved/unsatisfied twice: closed Nov 28       B resp +, (0, 0)
//       rated_bad_after_max_reopens
// b12   B returns it Nov 23, justified Nov 24; merged into b15 Nov 25 B: out (justified return)
// b13   invalid proposed Nov 25 before contact (no fact), refused     B resp -, (.5, .5)
//       Nov 26; B signs late, calls Nov 26; partly/basically Nov 30
// b14   answered at intake Nov 7 (直办): the centre's, no unit         answered 1
// b15   B + Nov 3; plan filed Nov 10, approved Nov 11, until January  B resp +, staged
// b16   B + Nov 4; plan approved Nov 6 until Nov 20, due Nov 20;      B resp +, (1, 1)
//       solved/satisfied Nov 27
// c01   reported Oct 14 to a grid of C1 that never signs: escalated   A resp -; C resp +, (1, 1)
//       Nov 3; C + Nov 3; solved/satisfied Nov 12
// c02   C + Nov 6; partly/basically Nov 14                            C resp +, (.5, .5)
// c03   C - Nov 7; not_solved/no_answer Nov 17                        C resp -, (0, na)
// c04   C + Nov 20; unrated Nov 30                                    C resp +, unrated
// c05   C + Nov 21; exemption granted Nov 25; not_solved Nov 28       C: out (exempted)
// c06   the dispatcher moves it from C to a grid of C1 Nov 22         C resp -; A resp +, (1, 1)
//       (C's holding ended before contact); A + Nov 23; rated Nov 29
// c07   C + Nov 24; solved/satisfied Dec 2 (December's)               C resp + only
// c08   C + Oct 30; solved/basically Oct 31 23:59:59.999 (October)    nothing
// c09   C + Dec 1 00:00:00 (the month's end is exclusive)             nothing
//
// A = community:C1
//   response: a01 a02 a03 a04 a05 a06 a08 a10 a13 a14 c01 c06 = 12; on time a01 a02 a04 a05 a13
//             c06 = 6                                                 -> 6/12 = 0.5
//   resolution: a01 1, a02 1, a03 .5, a04 1, a05 1, a10 0, a12 1, c06 1 = 6.5 / 8 = 0.8125
//   satisfaction (a05 no answer out): 1 + 1 + .5 + .5 + 0 + 1 + 1 = 5 / 7
//   score = 30 * .5 + 35 * .8125 + 35 * 5/7 = 15 + 28.4375 + 25 = 68.4375
//   unrated 1 (a06), no answer 1 (a05), exempted 2 (a09 a15), justified 1 (a07), invalid 1 (a11)
// B = community:C2
//   response: b01..b11, b13, b15, b16 = 14; late b04 b09 b13          -> 11/14
//   resolution: b01 1, b02 1, b03 .5, b04 0, b05 1, b06 .5, b09 1, b10 1, b11 0, b13 .5, b16 1
//               = 7.5 / 11
//   satisfaction (b05 b06 out): 1 + 1 + .5 + 0 + .5 + 1 + 0 + .5 + 1 = 5.5 / 9
//   score = 30 * 11/14 + 35 * 7.5/11 + 35 * 5.5/9 = 23.5714… + 23.8636… + 21.3888… = 68.8239538…
//   unrated 2 (b07 b08), no answer 2 (b05 b06), justified 1 (b12), staged 1 (b15)
// C = street:S1
//   response: a07 + a08 + c01 + c02 + c03 - c04 + c06 - c07 + = 6/8 = 0.75 (c05 exempted)
//   resolution: a07 1 + a08 .5 + c01 1 + c02 .5 + c03 0 = 3 / 5 = 0.6
//   satisfaction (c03 out): 1 + 1 + 1 + .5 = 3.5 / 4 = 0.875
//   score = 22.5 + 21 + 30.625 = 74.125
//   unrated 1 (c04), no answer 1 (c03), exempted 1 (c05)
//   by week (7 days from Nov 1 00:00; the fifth is Nov 29-30):
//     W1 c01 + c02 + c03 -, nothing rated                  -> 100 * 2/3
//     W2 a07 +; c01 1/1, c02 .5/.5                          -> 30 + 35 * .75 + 35 * .75 = 82.5
//     W3 a08 + c04 +; a07 1/1, c03 0/na                     -> 30 + 17.5 + 35 = 82.5
//     W4 c06 - c07 +; a08 .5/1                              -> 15 + 17.5 + 35 = 67.5
//     W5 only c04's unrated close                           -> no score
// Ranking by unit: C 74.125, B 68.82…, A 68.4375.
// By street (each fact's own unit decides whether a decision takes it out):
//   S1 = A's and C's facts: response 12 of 20 = 0.6; resolution 9.5 / 13; satisfaction 8.5 / 11;
//        score = 18 + 35 * 9.5/13 + 35 * 8.5/11 = 70.6223776…; unrated 2, no answer 2,
//        exempted 3, justified 1, invalid 1
//   S2 = B's facts, B's figures.  38 cases have a fact in November (not c08, c09); answered 1.
//
// The live rates. A counter only goes up: what a decision took out after it was counted stays
// counted (a07's return by A, the responses of a09, a11 and a15 for A and a15's rating, b12's
// return by B, c05's response for C). What comes after a granted exemption is not counted for the
// exempted unit (the ratings of a09 and c05). Without those six cases' observations for the unit
// they were taken out for, the counters of November give the report's figures exactly; with them
// A's live response is 8 on time of 16 and its resolution 6.5 of 9 rated cases — which is why the
// report is the assessment (docs/assessment.md).
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <boost/json.hpp>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <set>
#include <sstream>

#include "connectors/archive/archive_record.h"
#include "connectors/archive/archive_store.h"
#include "connectors/metrics/metrics_registry.h"
#include "connectors/report/assessment_read.h"
#include "engine/assessment/period.h"
#include "tests/integration/assessment/month_run.h"
#include "tests/integration/http/http_fixture.h"
#include "tests/integration/metrics/scrape_endpoint.h"
#include "tests/integration/support/child_process.h"

namespace caseflow::testing {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;
using namespace std::chrono_literals;

const std::string A = "community:C1", B = "community:C2", C = "street:S1";
using Ids = std::vector<std::string>;

// One row of the hand-worked table.
struct Expected {
  std::string key;
  double response_on_time;
  size_t response;
  double resolution_sum;
  size_t rated;
  double satisfaction_sum;
  size_t answered;
  double score;
  size_t unrated, no_answer, exempted, justified, invalid, staged;
};

const double kScoreB = 30.0 * 11 / 14 + 35 * 7.5 / 11 + 35 * 5.5 / 9;
const std::vector<Expected> kByUnit = {
    {C, 6, 8, 3, 5, 3.5, 4, 74.125, 1, 1, 1, 0, 0, 0},
    {B, 11, 14, 7.5, 11, 5.5, 9, kScoreB, 2, 2, 0, 1, 0, 1},
    {A, 6, 12, 6.5, 8, 5, 7, 68.4375, 1, 1, 2, 1, 1, 0},
};
const std::vector<Expected> kByStreet = {
    {"S1", 12, 20, 9.5, 13, 8.5, 11, 18 + 35 * 9.5 / 13 + 35 * 8.5 / 11, 2, 2, 3, 1, 1, 0},
    {"S2", 11, 14, 7.5, 11, 5.5, 9, kScoreB, 2, 2, 0, 1, 0, 1},
};
const Ids kResponseA = {"a01", "a02", "a03", "a04", "a05", "a06",
                        "a08", "a10", "a13", "a14", "c01", "c06"};
const Ids kResponseC = {"a07", "a08", "c01", "c02", "c03", "c04", "c06", "c07"};

assessment::Period november() { return *assessment::month_period("2026-11", "Asia/Shanghai"); }

// The run is made once: every test reads what it wrote.
const MonthRun& the_run() {
  static const MonthRun run = run_the_month();
  return run;
}

class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "caseflow-month-XXXXXX").string();
    if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

// Everything the run published, into a SQLite archive as the archive writer does it.
void archive_the_run(const archive::ArchiveLocation& where) {
  auto store = archive::open_archive(where);
  ASSERT_TRUE(store.ok()) << store.error().message;
  std::vector<archive::ArchiveRecord> records;
  for (const auto& r : the_run().records) {
    auto parsed = archive::parse_archive_record(r.key, r.value);
    ASSERT_TRUE(parsed.ok()) << parsed.error().code << ": " << parsed.error().message << "\n"
                             << r.value;
    records.push_back(std::move(*parsed));
  }
  ASSERT_GT(records.size(), 200u);
  const Status applied = (*store)->apply(archive::batch_of(std::move(records)));
  ASSERT_TRUE(applied.ok()) << applied.error().message;
}

void expect_rows(const assessment::Report& report, const std::vector<Expected>& table) {
  EXPECT_TRUE(report.problems.empty()) << report.problems.front();
  ASSERT_EQ(report.rows.size(), table.size());
  for (size_t i = 0; i < table.size(); ++i) {
    const Expected& e = table[i];
    const assessment::Row& row = report.rows[i];
    SCOPED_TRACE(e.key);
    EXPECT_EQ(row.key, e.key) << "rank " << i + 1;
    EXPECT_EQ(row.response.numerator, e.response_on_time);
    EXPECT_EQ(row.response.denominator, e.response);
    EXPECT_EQ(row.resolution.numerator, e.resolution_sum);
    EXPECT_EQ(row.resolution.denominator, e.rated);
    EXPECT_EQ(row.satisfaction.numerator, e.satisfaction_sum);
    EXPECT_EQ(row.satisfaction.denominator, e.answered);
    ASSERT_TRUE(row.score.has_value());
    EXPECT_NEAR(*row.score, e.score, 1e-9);
    EXPECT_EQ(row.unrated, e.unrated);
    EXPECT_EQ(row.no_answer, e.no_answer);
    EXPECT_EQ(row.exempted, e.exempted);
    EXPECT_EQ(row.justified_returns, e.justified);
    EXPECT_EQ(row.invalid, e.invalid);
    EXPECT_EQ(row.staged, e.staged);
  }
}

// The JSON of the report (API and CLI) against the same table.
void expect_json_rows(const json::object& doc, const std::vector<Expected>& table) {
  EXPECT_EQ(doc.at("period").at("label").as_string(), "2026-11");
  EXPECT_EQ(doc.at("cases").to_number<int>(), 38);
  EXPECT_EQ(doc.at("answered_at_intake").to_number<int>(), 1);
  const json::array& rows = doc.at("rows").as_array();
  ASSERT_EQ(rows.size(), table.size());
  for (size_t i = 0; i < table.size(); ++i) {
    const Expected& e = table[i];
    const json::object& row = rows[i].as_object();
    SCOPED_TRACE(e.key);
    EXPECT_EQ(row.at("key").as_string(), e.key);
    EXPECT_EQ(row.at("rank").to_number<size_t>(), i + 1);
    auto rate = [&](const char* part, double sum, size_t of) {
      const json::object& r = row.at(part).as_object();
      EXPECT_EQ(r.at("numerator").to_number<double>(), sum) << part;
      EXPECT_EQ(r.at("denominator").to_number<size_t>(), of) << part;
      EXPECT_NEAR(r.at("rate").to_number<double>(), sum / static_cast<double>(of), 1e-12) << part;
    };
    rate("response", e.response_on_time, e.response);
    rate("resolution", e.resolution_sum, e.rated);
    rate("satisfaction", e.satisfaction_sum, e.answered);
    EXPECT_NEAR(row.at("score").to_number<double>(), e.score, 1e-9);
    EXPECT_EQ(row.at("unrated").to_number<size_t>(), e.unrated);
    EXPECT_EQ(row.at("no_answer").to_number<size_t>(), e.no_answer);
    EXPECT_EQ(row.at("exempted").to_number<size_t>(), e.exempted);
    EXPECT_EQ(row.at("justified_returns").to_number<size_t>(), e.justified);
    EXPECT_EQ(row.at("invalid").to_number<size_t>(), e.invalid);
    EXPECT_EQ(row.at("staged").to_number<size_t>(), e.staged);
  }
}

TEST(AssessmentMonth, TheStoryRunsThroughTheEngineWithoutARejection) {
  const MonthRun& run = the_run();
  EXPECT_TRUE(run.rejections.empty()) << ::testing::PrintToString(run.rejections);
  std::set<std::string> cases;
  for (const auto& r : run.records) {
    const auto subject = json::parse(r.value).at("subject").as_string();
    cases.insert(std::string(subject));
  }
  EXPECT_EQ(cases.size(), 40u);
}

TEST(AssessmentMonth, TheReportFromTheArchiveGivesTheHandWorkedTable) {
  TempDir dir;
  const archive::ArchiveLocation where{(dir.path() / "archive.sqlite").string(), ""};
  archive_the_run(where);
  auto store = archive::open_archive(where);
  ASSERT_TRUE(store.ok()) << store.error().message;
  auto reports = report::read_and_assess(**store, november(),
                                         {assessment::By::unit, assessment::By::street}, {});
  ASSERT_TRUE(reports.ok()) << reports.error().message;
  const assessment::Report& by_unit = (*reports)[0];
  EXPECT_EQ(by_unit.cases, 38u);
  EXPECT_EQ(by_unit.answered_at_intake, 1u);
  expect_rows(by_unit, kByUnit);
  expect_rows((*reports)[1], kByStreet);
  if (by_unit.rows.size() != 3) return;
  EXPECT_EQ(by_unit.rows[2].response_cases, kResponseA);
  EXPECT_EQ(by_unit.rows[2].rated_cases,
            (Ids{"a01", "a02", "a03", "a04", "a05", "a10", "a12", "c06"}));
  EXPECT_EQ(by_unit.rows[2].excluded_cases, (Ids{"a06", "a07", "a09", "a11", "a15"}));
  EXPECT_EQ(by_unit.rows[1].excluded_cases, (Ids{"b07", "b08", "b12"}));
  const assessment::Row& c = by_unit.rows[0];
  EXPECT_EQ(c.response_cases, kResponseC);
  EXPECT_EQ(c.rated_cases, (Ids{"a07", "a08", "c01", "c02", "c03"}));
  EXPECT_EQ(c.excluded_cases, (Ids{"c04", "c05"}));
  ASSERT_EQ(c.weekly_score.size(), 5u);
  EXPECT_NEAR(c.weekly_score[0].value_or(-1), 200.0 / 3, 1e-9);
  EXPECT_DOUBLE_EQ(c.weekly_score[1].value_or(-1), 82.5);
  EXPECT_DOUBLE_EQ(c.weekly_score[2].value_or(-1), 82.5);
  EXPECT_DOUBLE_EQ(c.weekly_score[3].value_or(-1), 67.5);
  EXPECT_FALSE(c.weekly_score[4].has_value());
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(AssessmentMonth, TheCommandLineGivesTheHandWorkedTable) {
  TempDir dir;
  const fs::path db = dir.path() / "archive.sqlite";
  archive_the_run({db.string(), ""});
  std::ofstream(dir.path() / "caseflow.yaml")
      << "archive:\n  path: " << db.string() << "\ncalendars: " << CASEFLOW_SOURCE_DIR
      << "/config/calendars\nworkflows: " << CASEFLOW_SOURCE_DIR << "/workflows\n";
  for (const auto& [by, table] : {std::pair{"unit", &kByUnit}, std::pair{"street", &kByStreet}}) {
    const fs::path out = dir.path() / "out.json", err = dir.path() / "err.txt";
    const std::string command =
        std::string("'") + CASEFLOW_BINARY + "' report assessment --config '" +
        (dir.path() / "caseflow.yaml").string() + "' --month 2026-11 --format json --by " + by +
        " >'" + out.string() + "' 2>'" + err.string() + "'";
    const int status = std::system(command.c_str());
    ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << read_file(err);
    SCOPED_TRACE(by);
    expect_json_rows(json::parse(read_file(out)).as_object(), *table);
  }
}

TEST(AssessmentMonth, TheApiGivesTheHandWorkedTable) {
  TempDir dir;
  const archive::ArchiveLocation where{(dir.path() / "archive.sqlite").string(), ""};
  archive_the_run(where);
  HttpFixtureOptions options = test_options();
  options.archive = [where]() -> Result<archive::ArchiveStorePtr> {
    return archive::open_archive(where);
  };
  HttpFixture api(options);
  for (const auto& [by, table] : {std::pair{"unit", &kByUnit}, std::pair{"street", &kByStreet}}) {
    const Reply r = api.get(std::string("/api/v1/assessment?period=2026-11&by=") + by);
    ASSERT_EQ(r.status, 200) << r.body;
    SCOPED_TRACE(by);
    const json::object doc = json::parse(r.body).as_object();
    EXPECT_EQ(doc.at("by").as_string(), by);
    expect_json_rows(doc, *table);
  }
}

// The cases a decision took out, with the unit it took them out for: all their observations for
// that unit are left out of the live comparison (the counters would keep them).
const std::set<std::pair<std::string, std::string>> kDecidedOut = {
    {"a07", A}, {"a09", A}, {"a11", A}, {"a15", A}, {"b12", B}, {"c05", C}};

std::string label_of(const TimedObservation& o, std::string_view name) {
  for (const auto& [n, v] : o.labels)
    if (n == name) return v;
  return "";
}

// November's observations into `registry`; without the ones kDecidedOut names when `decided` is
// false.
void count_november(metrics::MetricsRegistry& registry, bool decided) {
  const assessment::Period month = november();
  for (const TimedObservation& o : the_run().observations) {
    if (o.at < month.from || !(o.at < month.to)) continue;
    if (!decided && kDecidedOut.count({o.case_id, label_of(o, "unit")})) continue;
    core::MetricObservation m;
    m.name = o.name;
    m.kind = o.kind;
    m.value = o.value;
    for (const auto& [n, v] : o.labels) m.labels[m.label_count++] = {n, v};
    registry.engine_metric(m);
  }
}

double sum_of(const std::string& text, const std::string& family, const std::string& part) {
  double sum = 0;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    if (line.starts_with(family + "{") && line.find(part) != std::string::npos)
      sum += std::stod(line.substr(line.rfind(' ') + 1));
  }
  return sum;
}

std::string url_encode(const std::string& s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '_' || c == '-' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out += {'%', hex[c >> 4], hex[c & 15]};
    }
  }
  return out;
}

// The values of an instant-vector answer of /api/v1/query (empty if not a success).
std::vector<double> values_of(const std::string& body) {
  boost::system::error_code ec;
  const auto doc = json::parse(body, ec);
  if (ec || !doc.is_object()) return {};
  const auto* data = doc.as_object().if_contains("data");
  if (!data || !data->is_object()) return {};
  const auto* result = data->as_object().if_contains("result");
  if (!result || !result->is_array()) return {};
  std::vector<double> out;
  for (const auto& sample : result->as_array())
    out.push_back(std::stod(std::string(sample.as_object().at("value").as_array()[1].as_string())));
  return out;
}

// The counters keep what a decision took out afterwards: the month's raw counters are not the
// assessment (the reason the report is authoritative).
TEST(AssessmentMonth, TheRawCountersKeepWhatLaterDecisionsTookOut) {
  metrics::MetricsRegistry raw;
  count_november(raw, true);
  const std::string text = raw.text();
  const std::string a = "unit=\"" + A + "\"", b = "unit=\"" + B + "\"", c = "unit=\"" + C + "\"";
  EXPECT_EQ(sum_of(text, "caseflow_response_assessed_total", a), 16);  // 12 + a07 a09 a11 a15
  EXPECT_EQ(sum_of(text, "caseflow_response_on_time_total", a), 8);    // 6 + a09 a11
  EXPECT_EQ(sum_of(text, "caseflow_rated_cases_total", a), 9);         // 8 + a15 (a09: exempted)
  EXPECT_EQ(sum_of(text, "caseflow_response_assessed_total", c), 9);   // 8 + c05
  EXPECT_EQ(sum_of(text, "caseflow_rated_cases_total", c), 5);         // 5 (c05: exempted)
  EXPECT_EQ(sum_of(text, "caseflow_response_assessed_total", b), 15);  // 14 + b12
}

// A real Prometheus with the shipped recording rules over November's counters. The rules look at
// the last day (increase over [1d]); the month is put into that window whole: Prometheus first
// scrapes every unit's counters at 0 (the month's start), then the counters as they stand at the
// month's end. increase() is then the month's count (no extrapolation before a first sample of 0,
// and the one to the query time scales numerator and denominator alike).
TEST(AssessmentMonth, PrometheusRulesGiveTheSameRatesForTheCasesWithoutLaterDecisions) {
  metrics::MetricsRegistry registry;
  registry.set_assessment_weights(assessment::Weights{});
  registry.declare_assessment_series(metrics::assessment_label_pairs(the_run().directory.get()));
  ScrapeEndpoint endpoint(registry.text_function());
  TempDir dir;
  const uint16_t port = free_loopback_port();
  {
    std::ifstream shipped(std::string(CASEFLOW_SOURCE_DIR) + "/deploy/prometheus/rules.yml");
    std::string rules((std::istreambuf_iterator<char>(shipped)), std::istreambuf_iterator<char>());
    const std::string every_minute = "interval: 1m";
    ASSERT_NE(rules.find(every_minute), std::string::npos);
    rules.replace(rules.find(every_minute), every_minute.size(), "interval: 1s");
    std::ofstream(dir.path() / "rules.yml") << rules;
    std::ofstream(dir.path() / "prometheus.yml")
        << "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n"
        << "rule_files:\n  - " << (dir.path() / "rules.yml").string() << "\n"
        << "scrape_configs:\n  - job_name: caseflow\n    static_configs:\n"
        << "      - targets: ['127.0.0.1:" << endpoint.port() << "']\n";
  }
  ChildProcess prometheus({"/usr/bin/prometheus",
                           "--config.file=" + (dir.path() / "prometheus.yml").string(),
                           "--storage.tsdb.path=" + (dir.path() / "data").string(),
                           "--web.listen-address=127.0.0.1:" + std::to_string(port)});
  ASSERT_TRUE(prometheus.wait_for_line("Server is ready to receive web requests", 60s))
      << prometheus.output();
  auto ask = [&](const std::string& q) {
    return values_of(http_get(port, "/api/v1/query?query=" + url_encode(q)));
  };
  // Asks again after each new scrape (Prometheus scrapes and evaluates every second) until the
  // answer is right or `until` passes. One deadline serves all the rates of a phase: a wrong rate
  // fails within it instead of each waiting its own minute.
  using Clock = std::chrono::steady_clock;
  auto await = [&](const std::string& q, const std::function<bool(const std::vector<double>&)>& ok,
                   Clock::time_point until) {
    std::vector<double> got = ask(q);
    for (; !ok(got) && Clock::now() < until; got = ask(q))
      endpoint.wait_for_scrape_after(endpoint.scrapes(), 5s);
    return got;
  };

  // The month's start: every unit's counters at 0, seen twice (so 0 is a sample before the rise).
  const std::string zero = "caseflow_response_assessed_total{unit=~\"community:C1|street:S1\"}";
  ASSERT_EQ(await(
                zero, [](const auto& v) { return v.size() == 2; }, Clock::now() + 60s),
            std::vector<double>(2, 0.0));
  endpoint.wait_for_scrape_after(endpoint.scrapes(), 5s);

  count_november(registry, false);

  const Clock::time_point settled_by = Clock::now() + 60s;
  for (const Expected& e : kByUnit) {
    SCOPED_TRACE(e.key);
    const std::string unit = "{unit=\"" + e.key + "\"}";
    auto settles_at = [&](const std::string& rule, double expected) {
      const auto got = await(
          rule + unit,
          [&](const std::vector<double>& v) {
            return v.size() == 1 && std::abs(v[0] - expected) < 1e-9;
          },
          settled_by);
      EXPECT_TRUE(got.size() == 1 && std::abs(got[0] - expected) < 1e-9)
          << rule << unit << " is " << ::testing::PrintToString(got) << ", not " << expected;
    };
    settles_at("caseflow:response_rate:ratio_1d", e.response_on_time / e.response);
    settles_at("caseflow:resolution_rate:ratio_1d", e.resolution_sum / e.rated);
    settles_at("caseflow:satisfaction_rate:ratio_1d", e.satisfaction_sum / e.answered);
    settles_at("caseflow:score:weighted_1d", e.score);
  }
  // Street S2 has one unit with cases; its street office has none, so no rate (not 0, not NaN).
  EXPECT_TRUE(ask("caseflow:response_rate:ratio_1d{unit=\"street:S2\"}").empty());
}

}  // namespace
}  // namespace caseflow::testing
