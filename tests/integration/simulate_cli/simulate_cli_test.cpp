// `caseflow simulate` as an admin runs it: the real binary, its files, its output and its exit
// codes, on the five-grid fixture city (data/caseflow.yaml) and a small load (data/load.yaml).
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace {

namespace fs = std::filesystem;

const std::string kData = "tests/integration/simulate_cli/data/";

struct Outcome {
  int exit_code = -1;
  std::string out;
  std::string err;
};

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// A fresh folder for one test, removed afterwards.
class TempFolder {
 public:
  TempFolder() {
    std::string pattern = (fs::temp_directory_path() / "caseflow-simulate-XXXXXX").string();
    path_ = mkdtemp(pattern.data());
  }
  ~TempFolder() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  fs::path operator/(const std::string& name) const { return path_ / name; }

 private:
  fs::path path_;
};

// Runs `caseflow simulate ARGS` in the source folder, so paths print as an admin typed them;
// stdout and stderr are kept apart (problems belong on stderr).
Outcome simulate(const std::string& args, const TempFolder& tmp) {
  const fs::path out = tmp / "stdout.txt";
  const fs::path err = tmp / "stderr.txt";
  const std::string command = std::string("cd '") + CASEFLOW_SOURCE_DIR + "' && '" +
                              CASEFLOW_BINARY + "' simulate " + args + " >'" + out.string() +
                              "' 2>'" + err.string() + "'";
  const int status = std::system(command.c_str());
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, read(out), read(err)};
}

std::string world(const std::string& load = "load.yaml") {
  return "--config " + kData + "caseflow.yaml --load " + kData + load;
}

boost::json::object json_of(const fs::path& path) {
  return boost::json::parse(read(path)).as_object();
}

TEST(SimulateCli, TheSameInputsAndSeedGiveByteIdenticalReports) {
  TempFolder tmp;
  const std::string args = world() + " --from 2026-11-02 --days 14 --seed 11";
  const auto first = simulate(
      args + " --out " + (tmp / "1.html").string() + " --json " + (tmp / "1.json").string(), tmp);
  ASSERT_EQ(first.exit_code, 0) << first.err;
  const auto second = simulate(
      args + " --out " + (tmp / "2.html").string() + " --json " + (tmp / "2.json").string(), tmp);
  ASSERT_EQ(second.exit_code, 0) << second.err;

  const std::string html = read(tmp / "1.html");
  EXPECT_NE(html.find("<html"), std::string::npos);
  EXPECT_EQ(html, read(tmp / "2.html"));
  EXPECT_EQ(read(tmp / "1.json"), read(tmp / "2.json"));

  // The run did something worth comparing: reports on every day, and the summary says so.
  const auto a = json_of(tmp / "1.json").at("a").as_object();
  EXPECT_GT(a.at("cases").as_int64(), 14 * 10);
  EXPECT_EQ(a.at("by_day").as_array().size(), 14u);
  EXPECT_NE(first.out.find("report: " + (tmp / "1.html").string()), std::string::npos) << first.out;
  EXPECT_NE(first.out.find(std::to_string(a.at("cases").as_int64()) + " cases"), std::string::npos)
      << first.out;
  // One progress line per simulated week, on stderr.
  EXPECT_NE(first.err.find("week 1/2 (2026-11-02..2026-11-08)"), std::string::npos) << first.err;
  EXPECT_NE(first.err.find("week 2/2 (2026-11-09..2026-11-15)"), std::string::npos) << first.err;
}

TEST(SimulateCli, AnotherSeedGivesAnotherMonth) {
  TempFolder tmp;
  const std::string args =
      world() + " --from 2026-11-02 --days 14 --out " + (tmp / "r.html").string() + " --json ";
  ASSERT_EQ(simulate(args + (tmp / "7.json").string() + " --seed 7", tmp).exit_code, 0);
  ASSERT_EQ(simulate(args + (tmp / "8.json").string() + " --seed 8", tmp).exit_code, 0);
  EXPECT_NE(read(tmp / "7.json"), read(tmp / "8.json"));
}

TEST(SimulateCli, AgainstTheSameWorkflowsEveryDifferenceIsZero) {
  TempFolder tmp;
  const auto run =
      simulate(world() + " --against " + kData + "workflows --from 2026-11-02 --days 14 --out " +
                   (tmp / "r.html").string() + " --json " + (tmp / "r.json").string(),
               tmp);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto report = json_of(tmp / "r.json");
  ASSERT_TRUE(report.at("b").is_object()) << "no B run in the report";
  auto a = report.at("a").as_object();
  auto b = report.at("b").as_object();
  EXPECT_GT(a.at("cases").as_int64(), 0);
  a.erase("label");
  b.erase("label");
  EXPECT_EQ(a, b) << "the same workflows, reports and seed must give the same figures";
  EXPECT_NE(run.out.find("B minus A: 0 breaches, 0 escalations, 0 open at the end, score 0.0"),
            std::string::npos)
      << run.out;
}

TEST(SimulateCli, ABrokenLoadFileIsRefusedAtItsPlaceAndNothingIsWritten) {
  TempFolder tmp;
  const auto run = simulate(world("misspelt_load.yaml") + " --from 2026-11-02 --out " +
                                (tmp / "r.html").string() + " --json " + (tmp / "r.json").string(),
                            tmp);
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find(kData + "misspelt_load.yaml:3:1: error: "), std::string::npos) << run.err;
  EXPECT_FALSE(fs::exists(tmp / "r.html"));
  EXPECT_FALSE(fs::exists(tmp / "r.json"));
}

TEST(SimulateCli, ACategoryNoWorkflowRoutesIsAProblemAtItsPlace) {
  TempFolder tmp;
  const auto run = simulate(
      world("unrouted_load.yaml") + " --from 2026-11-02 --out " + (tmp / "r.html").string(), tmp);
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find(kData + "unrouted_load.yaml:5:3: error: category 'noise.neighbourhood'"),
            std::string::npos)
      << run.err;
  EXPECT_EQ(run.err.find("parking.illegal"), std::string::npos) << run.err;
  EXPECT_FALSE(fs::exists(tmp / "r.html"));
}

// 2026-11-02 10:00 in Shanghai (02:00 UTC), in Unix milliseconds, as kcat's %T prints it.
constexpr int64_t kNov2At10 = 1'793'584'800'000;
constexpr int64_t kDay = 86'400'000;

std::string kcat_report(int64_t at, const std::string& case_id, const std::string& grid) {
  return std::to_string(at) + " " + case_id + R"( {"specversion":"1.0","id":"r-)" + case_id +
         R"(","source":"/hotline/12345","type":"caseflow.case.reported","subject":")" + case_id +
         R"(","data":{"category":"parking.illegal","grid_id":")" + grid +
         R"(","channel":"hotline"}})" + "\n";
}

TEST(SimulateCli, ReplayRunsTheRecordedArrivals) {
  TempFolder tmp;
  const fs::path dump = tmp / "events.txt";
  std::ofstream(dump)
      << kcat_report(kNov2At10, "case-1", "G01") << kcat_report(kNov2At10 + 60'000, "case-2", "G03")
      << std::to_string(kNov2At10 + 120'000)
      << R"( case-1 {"specversion":"1.0","id":"s-1","source":"/units","type":"caseflow.case.signed","subject":"case-1","data":{}})"
      << "\n"
      << kcat_report(kNov2At10 + kDay, "case-3", "G05");
  const auto run =
      simulate(world() + " --from 2026-11-02 --days 7 --replay " + dump.string() + " --out " +
                   (tmp / "r.html").string() + " --json " + (tmp / "r.json").string(),
               tmp);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("replay: 3 reports read (kcat), 1 caseflow.case.signed skipped"),
            std::string::npos)
      << run.out;
  const auto a = json_of(tmp / "r.json").at("a").as_object();
  EXPECT_EQ(a.at("cases").as_int64(), 3);
  const auto& days = a.at("by_day").as_array();
  ASSERT_EQ(days.size(), 7u);
  EXPECT_EQ(days[0].as_object().at("arrivals").as_int64(), 2);
  EXPECT_EQ(days[1].as_object().at("arrivals").as_int64(), 1);
  EXPECT_EQ(days[2].as_object().at("arrivals").as_int64(), 0);
}

TEST(SimulateCli, AnUnreadableReplayLineIsAProblemAtItsLine) {
  TempFolder tmp;
  const fs::path dump = tmp / "events.txt";
  std::ofstream(dump) << kcat_report(kNov2At10, "case-1", "G01") << "1793584800000 case-2 {oops\n";
  const auto run = simulate(world() + " --from 2026-11-02 --days 7 --replay " + dump.string() +
                                " --out " + (tmp / "r.html").string(),
                            tmp);
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find(dump.string() + ":2:22: error: the value is not JSON"), std::string::npos)
      << run.err;
  EXPECT_FALSE(fs::exists(tmp / "r.html"));
}

TEST(SimulateCli, BadFlagsAreUsageErrors) {
  TempFolder tmp;
  const std::string out = " --out " + (tmp / "r.html").string();
  EXPECT_EQ(simulate(world() + " --from 2026-11-02 --days 0" + out, tmp).exit_code, 2);
  EXPECT_EQ(simulate(world() + " --from 2026-11-02 --days 401" + out, tmp).exit_code, 2);
  EXPECT_EQ(simulate(world() + " --from 2026-13-01" + out, tmp).exit_code, 2);
  EXPECT_EQ(simulate(world() + out, tmp).exit_code, 2);                   // no --from
  EXPECT_EQ(simulate(world() + " --from 2026-11-02", tmp).exit_code, 2);  // no --out
  EXPECT_EQ(simulate(world("no_such_load.yaml") + " --from 2026-11-02" + out, tmp).exit_code, 2);
  EXPECT_FALSE(fs::exists(tmp / "r.html"));
}

}  // namespace
