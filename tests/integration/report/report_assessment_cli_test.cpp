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

}  // namespace
}  // namespace caseflow::testing
