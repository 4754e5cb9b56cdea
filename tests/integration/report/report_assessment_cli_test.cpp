// `caseflow report assessment`: the real binary over a SQLite archive filled through the store
// with a few cases' fact records; every format checked for what a reader would look at.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "connectors/archive/archive_store.h"
#include "tests/support/archive_fact_batch.h"

namespace caseflow::testing {
namespace {

namespace fs = std::filesystem;

// 2026-11-01T00:00:00+08:00.
constexpr Instant kNov = Instant::from_unix_seconds(1'793'462'400);

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

struct Outcome {
  int exit_code = -1;
  std::string out, err;
};

class ReportCli : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "caseflow-report-XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    std::ofstream(dir_ / "caseflow.yaml")
        << "archive:\n  path: " << (dir_ / "archive.sqlite").string()
        << "\ncalendars: " << CASEFLOW_SOURCE_DIR
        << "/config/calendars\nworkflows: " << CASEFLOW_SOURCE_DIR << "/workflows\n";
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  void fill() {
    auto store = archive::open_archive({(dir_ / "archive.sqlite").string(), ""});
    ASSERT_TRUE(store.ok()) << store.error().message;
    testing::FactBatch rows;
    auto place = [&](std::string id, std::string street, std::string community) {
      rows.place(std::move(id), std::move(street), std::move(community), kNov);
    };
    auto fact = [&](auto&&... args) { rows.fact(std::forward<decltype(args)>(args)...); };
    // case-1: community C1 on time, solved and satisfied. A "<b>" in its street checks escaping.
    place("case-1", "S1<b>", "C1");
    fact("case-1", 2, kNov + Duration::days(2), "updated", "contacted",
         R"({"response":{"unit":"community:C1","stage":"community","on_time":true}})");
    fact("case-1", 4, kNov + Duration::days(4), "closed", "rated",
         R"({"rating":{"unit":"community:C1","solved":"solved","satisfaction":"satisfied"}})");
    // case-4: C1 on time again in the second week (a trend of two points).
    place("case-4", "S1<b>", "C1");
    fact("case-4", 2, kNov + Duration::days(8), "updated", "contacted",
         R"({"response":{"unit":"community:C1","stage":"community","on_time":true}})");
    // case-2: street S2's office late, not solved, unsatisfied.
    place("case-2", "S2", "C2");
    fact("case-2", 2, kNov + Duration::days(9), "updated", "contacted",
         R"({"response":{"unit":"street:S2","stage":"street","on_time":false}})");
    fact("case-2", 4, kNov + Duration::days(12), "closed", "rated",
         R"({"rating":{"unit":"street:S2","solved":"not_solved","satisfaction":"unsatisfied"}})");
    // case-3: October only: not in November's report.
    place("case-3", "S1<b>", "C1");
    fact("case-3", 2, kNov - Duration::days(3), "updated", "contacted",
         R"({"response":{"unit":"community:C1","stage":"community","on_time":false}})");
    ASSERT_TRUE((*store)->apply(rows.batch()).ok());
  }

  Outcome report(const std::string& args) {
    const fs::path out = dir_ / "stdout.txt", err = dir_ / "stderr.txt";
    const std::string command = std::string("'") + CASEFLOW_BINARY +
                                "' report assessment --config '" +
                                (dir_ / "caseflow.yaml").string() + "' " + args + " >'" +
                                out.string() + "' 2>'" + err.string() + "'";
    const int status = std::system(command.c_str());
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, read(out), read(err)};
  }

  fs::path dir_;
};

TEST_F(ReportCli, JsonHasTheFiguresOfEachUnit) {
  fill();
  const auto r = report("--month 2026-11 --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto doc = boost::json::parse(r.out).as_object();
  EXPECT_EQ(doc.at("period").at("label").as_string(), "2026-11");
  EXPECT_EQ(doc.at("period").at("from").as_string(), "2026-10-31T16:00:00Z");
  EXPECT_EQ(doc.at("by").as_string(), "unit");
  EXPECT_EQ(doc.at("cases").to_number<int>(), 3);
  const auto& rows = doc.at("rows").as_array();
  ASSERT_EQ(rows.size(), 2u);
  const auto& first = rows[0].as_object();
  EXPECT_EQ(first.at("key").as_string(), "community:C1");
  EXPECT_EQ(first.at("rank").to_number<int>(), 1);
  EXPECT_EQ(first.at("response").at("rate").to_number<double>(), 1.0);
  EXPECT_EQ(first.at("response").at("denominator").to_number<int>(), 2);
  EXPECT_EQ(first.at("resolution").at("rate").to_number<double>(), 1.0);
  EXPECT_EQ(first.at("satisfaction").at("rate").to_number<double>(), 1.0);
  EXPECT_EQ(first.at("score").to_number<double>(), 100.0);
  EXPECT_EQ(first.at("cases").at("response").as_array(), boost::json::array({"case-1", "case-4"}));
  const auto& second = rows[1].as_object();
  EXPECT_EQ(second.at("key").as_string(), "street:S2");
  EXPECT_EQ(second.at("response").at("rate").to_number<double>(), 0.0);
  EXPECT_EQ(second.at("score").to_number<double>(), 0.0);
}

// The report counts with the config's weights, never built-in ones: a config that gives "not
// solved" a quarter and scores response alone changes street:S2's figures.
TEST_F(ReportCli, TheConfigsWeightsAreTheOnesCounted) {
  fill();
  std::ofstream(dir_ / "caseflow.yaml", std::ios::app)
      << "assessment:\n"
         "  weights: {solved: 1, partly: 0.5, not_solved: 0.25, satisfied: 1, basically: 0.5, "
         "unsatisfied: 0}\n"
         "  score: {response: 1, resolution: 0, satisfaction: 0}\n";
  const auto r = report("--month 2026-11 --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto doc = boost::json::parse(r.out).as_object();
  const auto& rows = doc.at("rows").as_array();
  ASSERT_EQ(rows.size(), 2u);
  const auto& s2 = rows[1].as_object();
  ASSERT_EQ(s2.at("key").as_string(), "street:S2");
  EXPECT_EQ(s2.at("resolution").at("rate").to_number<double>(), 0.25);
  EXPECT_EQ(s2.at("score").to_number<double>(), 0.0);  // response only: late
  EXPECT_EQ(rows[0].at("score").to_number<double>(), 100.0);
}

TEST_F(ReportCli, CsvByStreetParsesWithAHeaderAndOneRowPerStreet) {
  fill();
  const auto r = report("--month 2026-11 --by street --format csv");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<std::string> lines;
  std::istringstream in(r.out);
  for (std::string line; std::getline(in, line);) {
    ASSERT_FALSE(line.empty());
    ASSERT_EQ(line.back(), '\r');
    line.pop_back();
    lines.push_back(line);
  }
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0].substr(0, 41), "period,rank,street,response_rate,response");
  const auto columns = std::count(lines[0].begin(), lines[0].end(), ',');
  EXPECT_EQ(std::count(lines[1].begin(), lines[1].end(), ','), columns);
  EXPECT_EQ(lines[1].substr(0, 17), "2026-11,1,S1<b>,1");
  EXPECT_EQ(lines[2].substr(0, 14), "2026-11,2,S2,0");
}

TEST_F(ReportCli, TheTableRanksWithPercentages) {
  fill();
  const auto r = report("--month 2026-11");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("community:C1"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("100.0% (2)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("0.0% (1)"), std::string::npos) << r.out;
  EXPECT_LT(r.out.find("community:C1"), r.out.find("street:S2")) << r.out;
}

TEST_F(ReportCli, HtmlIsOneOfflineFileWithTrendsAndEveryCaseListed) {
  fill();
  const auto r = report("--month 2026-11 --format html --output " + (dir_ / "m.html").string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(r.out.empty());
  const std::string html = read(dir_ / "m.html");
  EXPECT_EQ(html.find("http://"), std::string::npos);
  EXPECT_EQ(html.find("https://"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_NE(html.find("<svg class=\"trend\""), std::string::npos);
  EXPECT_NE(html.find("<polyline"), std::string::npos);
  // Ids as text (a city's month is 900,000 of them), once under each unit, by street; a street's
  // list points to its units' blocks.
  EXPECT_NE(html.find("<code>/api/v1/cases/{id}</code>"), std::string::npos);
  for (const std::string id : {"case-1", "case-2", "case-4"}) {
    EXPECT_TRUE(html.find(" " + id + " ") != std::string::npos ||
                html.find(" " + id + "</p>") != std::string::npos)
        << id;
  }
  EXPECT_NE(html.find("id=\"unit-1-response-"), std::string::npos);
  EXPECT_NE(html.find("href=\"#unit-1-response-"), std::string::npos);
  EXPECT_EQ(html.find("case-3"), std::string::npos) << "an October case";
  EXPECT_EQ(html.find("S1<b>"), std::string::npos) << "unescaped text";
  EXPECT_NE(html.find("S1&lt;b&gt;"), std::string::npos);
  EXPECT_NE(html.find("id=\"street-1-response\""), std::string::npos);
  EXPECT_NE(html.find("href=\"#street-1-response\""), std::string::npos);
}

TEST_F(ReportCli, ABadMonthIsUsageAndAMissingArchiveIsNamed) {
  const auto bad = report("--month 2026-13");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("2026-13"), std::string::npos) << bad.err;
  const auto missing = report("--month 2026-11");
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("archive.sqlite"), std::string::npos) << missing.err;
  EXPECT_FALSE(fs::exists(dir_ / "archive.sqlite")) << "a report never creates the archive";
}

// --by property: the star rating of property companies (docs/assessment.md). Two companies with
// two cases each, beside fill()'s community and street office (not property companies, so not
// rated), with rules that rate on a case and a survey of 10 respondents:
//   PC0001: on time, solved, satisfied twice: 1, 1, 1; survey 90 -> (100 * 3 + 90) / 4 = 97.5, 5.
//   PC0002: one on time solved satisfied, one late not solved unsatisfied: 0.5, 0.5, 0.5; survey
//     60 -> (50 * 3 + 60) / 4 = 52.5, 1 star.
//   PC0003: only on the survey, 5 respondents (fewer than 10): no part has a value, no stars.
class PropertyReportCli : public ReportCli {
 protected:
  void fill_companies(const std::string& rules) {
    fill();
    auto store = archive::open_archive({(dir_ / "archive.sqlite").string(), ""});
    ASSERT_TRUE(store.ok()) << store.error().message;
    testing::FactBatch rows;
    auto handled = [&](const std::string& id, const std::string& company, int day, bool on_time,
                       const std::string& solved, const std::string& satisfaction) {
      rows.place(id, "S1", "C1", kNov);
      rows.fact(id, 2, kNov + Duration::days(day), "updated", "contacted",
                R"({"response":{"unit":")" + company + R"(","stage":"property","on_time":)" +
                    (on_time ? "true" : "false") + "}}");
      rows.fact(id, 4, kNov + Duration::days(day + 2), "closed", "rated",
                R"({"rating":{"unit":")" + company + R"(","solved":")" + solved +
                    R"(","satisfaction":")" + satisfaction + R"("}})");
    };
    handled("pc1-a", "property:PC0001", 3, true, "solved", "satisfied");
    handled("pc1-b", "property:PC0001", 5, true, "solved", "satisfied");
    handled("pc2-a", "property:PC0002", 3, true, "solved", "satisfied");
    handled("pc2-b", "property:PC0002", 6, false, "not_solved", "unsatisfied");
    ASSERT_TRUE((*store)->apply(rows.batch()).ok());
    std::ofstream(dir_ / "caseflow.yaml", std::ios::app)
        << "assessment:\n  stars: " << rules << "\n";
    fs::create_directories(dir_ / "surveys");
    std::ofstream(dir_ / "surveys/2026-11.csv")
        << "company,score,sample\nproperty:PC0001,90,100\nproperty:PC0002,60,100\n"
           "property:PC0003,80,5\n";
  }
};

TEST_F(PropertyReportCli, JsonRanksTheCompaniesWithTheMonthsSurvey) {
  fill_companies("{min_cases: 1, min_sample: 10, survey_dir: surveys}");
  const auto r = report("--month 2026-11 --by property --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto doc = boost::json::parse(r.out).as_object();
  EXPECT_EQ(doc.at("by").as_string(), "property");
  EXPECT_EQ(doc.at("survey").at("file").as_string(), "2026-11.csv");
  EXPECT_EQ(doc.at("rules").at("min_sample").to_number<int>(), 10);
  const auto& rows = doc.at("rows").as_array();
  ASSERT_EQ(rows.size(), 3u) << r.out;
  EXPECT_EQ(rows[0].at("company").as_string(), "property:PC0001");
  EXPECT_EQ(rows[0].at("stars").to_number<int>(), 5);
  EXPECT_EQ(rows[0].at("composite").to_number<double>(), 97.5);
  EXPECT_EQ(rows[0].at("cases").to_number<int>(), 2);
  EXPECT_EQ(rows[1].at("company").as_string(), "property:PC0002");
  EXPECT_EQ(rows[1].at("stars").to_number<int>(), 1);
  EXPECT_EQ(rows[1].at("composite").to_number<double>(), 52.5);
  EXPECT_EQ(rows[1].at("response").to_number<double>(), 0.5);
  EXPECT_EQ(rows[2].at("company").as_string(), "property:PC0003");
  EXPECT_TRUE(rows[2].at("stars").is_null());
  EXPECT_EQ(rows[2].at("survey_sample").to_number<int>(), 5);
}

TEST_F(PropertyReportCli, TheSurveyOptionWinsOverTheSurveyFolder) {
  fill_companies("{min_cases: 1, min_sample: 10, survey_dir: surveys}");
  std::ofstream(dir_ / "other.csv") << "company,score,sample\nproperty:PC0002,100,40\n";
  const auto r = report("--month 2026-11 --by property --format csv --survey " +
                        (dir_ / "other.csv").string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // PC0002: (50 * 3 + 100) / 4 = 62.5, 2 stars; PC0001 is not on this survey: capped at 3, and
  // still ranked first.
  EXPECT_NE(r.out.find("2026-11,2,property:PC0002,2,62.5,0.5,0.5,0.5,100,40,2,\r\n"),
            std::string::npos)
      << r.out;
  EXPECT_NE(
      r.out.find("2026-11,1,property:PC0001,3,100,1,1,1,,0,2,survey: not on the month's survey; "
                 "capped at 3 stars (the composite earns 5): a part has no value\r\n"),
      std::string::npos)
      << r.out;
  EXPECT_EQ(r.out.find("PC0003"), std::string::npos) << r.out;
}

TEST_F(PropertyReportCli, WithoutASurveyTheTableSaysSoAndCapsTheStars) {
  fill_companies("{min_cases: 1}");
  const auto r = report("--month 2026-11 --by property");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("2 companies; no survey (at most 3 stars)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("property:PC0001  3 ***"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("survey: no survey for the month; capped at 3 stars (the composite earns "
                       "5): a part has no value"),
            std::string::npos)
      << r.out;
  EXPECT_EQ(r.out.find("community:C1"), std::string::npos) << r.out;
}

TEST_F(PropertyReportCli, ABadSurveyLineIsNamedAndNothingIsPrinted) {
  fill_companies("{min_cases: 1}");
  std::ofstream(dir_ / "bad.csv") << "company,score,sample\nproperty:PC0001,90,100\n"
                                     "property:PC0002,190,100\n";
  const auto r = report("--month 2026-11 --by property --survey " + (dir_ / "bad.csv").string());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(r.out.empty()) << r.out;
  EXPECT_NE(r.err.find((dir_ / "bad.csv").string() +
                       ":3:17: error: score must be a number from 0 to 100, not '190'"),
            std::string::npos)
      << r.err;
}

// --by grid: patrol and resident reports per grid and the idle grids (docs/assessment.md, "Grids
// that do not idle"), over the five grids of the fixture city, whose G05 has no worker of its
// own (the unit directory gives it to community:C4):
//   G01: its worker reports once; a resident once, signed by grid:G01 after 10 minutes.
//   G02: a resident's report only                     -> idle
//   G03: G01's worker reports there                   -> idle (patrol for neither grid)
//   G04: nothing                                      -> idle
//   G05: community:C4's worker reports once.
class GridReportCli : public ReportCli {
 protected:
  void fill_grids() {
    std::ofstream(dir_ / "caseflow.yaml", std::ios::app)
        << "boundaries: " << CASEFLOW_SOURCE_DIR << "/tests/data/geo/fixture_city.geojson\n"
        << "units: " << CASEFLOW_SOURCE_DIR << "/tests/data/geo/fixture_units.yaml\n";
    auto store = archive::open_archive({(dir_ / "archive.sqlite").string(), ""});
    ASSERT_TRUE(store.ok()) << store.error().message;
    archive::Batch rows;
    const Instant at = kNov + Duration::days(5);
    auto reported = [&](const std::string& id, const std::string& grid, const std::string& channel,
                        const std::string& by) {
      archive::CaseRow row;
      row.id = id;
      row.seq = 1;
      row.status = "dispatched";
      row.grid = grid;
      row.channel = channel;
      row.reported_at = at;
      row.updated_at = at;
      rows.cases.push_back(std::move(row));
      rows.history.push_back(archive::HistoryRow{.case_id = id,
                                                 .seq = 1,
                                                 .at = at,
                                                 .type = "updated",
                                                 .what = "dispatched",
                                                 .stage = "grid",
                                                 .unit = "grid:" + grid,
                                                 .note = "",
                                                 .facts = "",
                                                 .actor = by});
    };
    reported("g1", "G01", "grid_worker", "unit:grid:G01");
    reported("g2", "G01", "hotline", "/hotline/12345");
    rows.history.push_back(archive::HistoryRow{.case_id = "g2",
                                               .seq = 2,
                                               .at = at + Duration::minutes(10),
                                               .type = "updated",
                                               .what = "signed",
                                               .stage = "grid",
                                               .unit = "grid:G01",
                                               .note = "",
                                               .facts = "",
                                               .actor = "unit:grid:G01"});
    reported("g3", "G02", "app", "/apps/city-app");
    reported("g4", "G03", "grid_worker", "unit:grid:G01");
    reported("g5", "G05", "grid_worker", "unit:community:C4");
    ASSERT_TRUE((*store)->apply(rows).ok());
  }
};

TEST_F(GridReportCli, JsonListsEveryGridAndEveryIdleOne) {
  fill_grids();
  const auto r = report("--month 2026-11 --by grid --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto doc = boost::json::parse(r.out).as_object();
  EXPECT_EQ(doc.at("by").as_string(), "grid");
  EXPECT_EQ(doc.at("period").at("label").as_string(), "2026-11");
  const auto& summary = doc.at("summary").as_object();
  EXPECT_EQ(summary.at("grids").to_number<int>(), 5);
  EXPECT_EQ(summary.at("patrol").to_number<int>(), 2);
  EXPECT_EQ(summary.at("resident").to_number<int>(), 2);
  EXPECT_EQ(summary.at("other_workers").to_number<int>(), 1);
  EXPECT_EQ(summary.at("idle").to_number<int>(), 3);
  EXPECT_EQ(summary.at("idle_share").to_number<double>(), 0.6);
  std::vector<std::string> idle;
  for (const auto& g : doc.at("idle").as_array()) idle.emplace_back(g.at("grid").as_string());
  EXPECT_EQ(idle, (std::vector<std::string>{"G02", "G03", "G04"}));
  const auto& rows = doc.at("rows").as_array();
  ASSERT_EQ(rows.size(), 5u);
  const auto& g01 = rows[0].as_object();
  EXPECT_EQ(g01.at("grid").as_string(), "G01");
  EXPECT_EQ(g01.at("name").as_string(), "West Square");
  EXPECT_EQ(g01.at("rank").to_number<int>(), 1);
  EXPECT_EQ(g01.at("patrol").to_number<int>(), 1);
  EXPECT_EQ(g01.at("resident").to_number<int>(), 1);
  EXPECT_EQ(g01.at("response").at("median_s").to_number<double>(), 600.0);
  const auto& g05 = rows[1].as_object();
  EXPECT_EQ(g05.at("grid").as_string(), "G05");
  EXPECT_EQ(g05.at("unit").as_string(), "community:C4");
  EXPECT_EQ(g05.at("patrol").to_number<int>(), 1);
  EXPECT_EQ(rows[4].at("grid").as_string(), "G04");
  EXPECT_TRUE(rows[4].at("idle").as_bool());
  EXPECT_TRUE(rows[4].at("response").at("median_s").is_null());
}

TEST_F(GridReportCli, TheTableSummarisesAndTheCsvHasOneRowPerGrid) {
  fill_grids();
  const auto table = report("--month 2026-11 --by grid");
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_NE(table.out.find("5 grids, 2 patrol reports, 2 resident reports, 1 by another grid's "
                           "worker; idle (no patrol report): 3 (60.0%)"),
            std::string::npos)
      << table.out;
  EXPECT_NE(table.out.find("  G02  street S1  1 resident reports"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("G04 (idle)"), std::string::npos) << table.out;

  const auto csv = report("--month 2026-11 --by grid --format csv");
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  std::vector<std::string> lines;
  std::istringstream in(csv.out);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  ASSERT_EQ(lines.size(), 6u) << csv.out;
  EXPECT_EQ(lines[0].rfind("period,rank,grid,name,", 0), 0u) << lines[0];
  EXPECT_EQ(lines[1].rfind("2026-11,1,G01,West Square,C1,S1,D1,grid:G01,1,1,0,0,1,600,600,0,,", 0),
            0u)
      << lines[1];
  EXPECT_EQ(lines[5].rfind("2026-11,5,G04,", 0), 0u) << lines[5];
}

TEST_F(GridReportCli, WithoutTheCitysBoundariesTheReportSaysWhereTheyWouldBeNamed) {
  fill();
  const auto r = report("--month 2026-11 --by grid");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(r.out.empty()) << r.out;
  EXPECT_NE(r.err.find("config `boundaries` names no grid boundaries"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace caseflow::testing
