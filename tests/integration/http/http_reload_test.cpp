// Hot reload through the API: a broken file changes nothing and says FILE:LINE:COL; a new version
// takes new cases while running cases keep theirs; GET /api/v1/workflows counts both. And a
// change in the watched folder reloads by itself.
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json/parse.hpp>
#include <fstream>
#include <sstream>

#include "tests/integration/http/http_fixture.h"

namespace caseflow::testing {
namespace {

namespace json = boost::json;
using boost::beast::http::verb;

const std::map<std::string, std::string> kForm = {
    {"Content-Type", "application/x-www-form-urlencoded"}};
const std::map<std::string, std::string> kAdmin = {{"Authorization", "Bearer s3cret"}};

std::string read(const std::filesystem::path& p) {
  std::ifstream in(p);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}
void write(const std::filesystem::path& p, const std::string& text) { std::ofstream(p) << text; }

// quick_parking@2: the same workflow with a 2-minute grid sign clock.
std::string version_2(const std::string& v1) {
  std::string v2 = v1;
  v2.replace(v2.find("version: 1"), 10, "version: 2");
  v2.replace(v2.find("limit: 60s"), 10, "limit: 120s");
  return v2;
}

std::string report(HttpFixture& f) {
  Reply r = f.request(verb::post, "/open311/v2/requests.json",
                      "api_key=k1&service_code=parking.illegal&attribute[grid_id]=G01", kForm);
  EXPECT_EQ(r.status, 200) << r.body;
  return std::string(
      json::parse(r.body).as_array().at(0).as_object().at("service_request_id").as_string());
}

std::string workflow_of(HttpFixture& f, const std::string& id) {
  Reply r;
  EXPECT_TRUE(HttpFixture::eventually([&] {
    r = f.get("/api/v1/cases/" + id);
    return r.status == 200;
  })) << r.body;
  return std::string(json::parse(r.body).as_object().at("workflow").as_string());
}

// id -> {current, open_cases}
std::map<std::string, std::pair<bool, int64_t>> workflows(HttpFixture& f) {
  Reply r = f.get("/api/v1/workflows");
  EXPECT_EQ(r.status, 200);
  std::map<std::string, std::pair<bool, int64_t>> out;
  const json::value body = json::parse(r.body);
  for (const auto& w : body.as_object().at("workflows").as_array()) {
    const auto& o = w.as_object();
    out[std::string(o.at("id").as_string())] = {o.at("current").as_bool(),
                                                o.at("open_cases").as_int64()};
  }
  return out;
}

TEST(HttpReload, ABrokenFileChangesNothingANewVersionTakesNewCases) {
  HttpFixture f(test_options());
  const auto file = f.workflow_dir() / "quick_parking.yaml";
  const std::string v1 = read(file);
  const std::string old_case = report(f);
  EXPECT_EQ(workflow_of(f, old_case), "quick_parking@1");

  // A broken edit: nothing changes, and the answer points at the file, line and column.
  std::string broken = v1;
  broken.replace(broken.find("limit: 60s"), 10, "limit: sixty");
  write(file, broken);
  Reply r = f.request(verb::post, "/api/v1/workflows/reload", "", kAdmin);
  EXPECT_EQ(r.status, 422) << r.body;
  const json::object answer = json::parse(r.body).as_object();
  EXPECT_FALSE(answer.at("reloaded").as_bool());
  ASSERT_FALSE(answer.at("diagnostics").as_array().empty());
  const std::string first(answer.at("diagnostics").as_array()[0].as_string());
  EXPECT_EQ(first.rfind(file.string() + ":", 0), 0u) << first;
  EXPECT_NE(first.find(": error: "), std::string::npos) << first;
  const std::string where = first.substr(file.string().size() + 1);
  EXPECT_TRUE(std::isdigit(static_cast<unsigned char>(where[0]))) << first;  // LINE:COL
  EXPECT_EQ(workflow_of(f, report(f)), "quick_parking@1") << "the old version keeps running";
  // The refusal stays readable after its answer: the workflows list carries the last reload.
  {
    const json::object listed = json::parse(f.get("/api/v1/workflows").body).as_object();
    const json::object& last = listed.at("last_reload").as_object();
    EXPECT_FALSE(last.at("reloaded").as_bool());
    ASSERT_FALSE(last.at("diagnostics").as_array().empty());
    EXPECT_EQ(last.at("diagnostics").as_array()[0].as_string(), first);
    EXPECT_FALSE(last.at("at").as_string().empty());
  }

  // Changing version 1 in place (without a new version number) is refused too.
  std::string edited = v1;
  edited.replace(edited.find("limit: 60s"), 10, "limit: 90s");
  write(file, edited);
  r = f.request(verb::post, "/api/v1/workflows/reload", "", kAdmin);
  EXPECT_EQ(r.status, 422) << r.body;

  // Version 2: new cases take it; running cases keep version 1.
  write(file, version_2(v1));
  r = f.request(verb::post, "/api/v1/workflows/reload", "", kAdmin);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.body.find("quick_parking@2"), std::string::npos);
  const std::string new_case = report(f);
  EXPECT_EQ(workflow_of(f, new_case), "quick_parking@2");
  EXPECT_EQ(workflow_of(f, old_case), "quick_parking@1");
  Reply c = f.get("/api/v1/cases/" + new_case);
  EXPECT_NE(c.body.find(R"("name":"sign")"), std::string::npos);

  const auto listed = workflows(f);
  ASSERT_EQ(listed.count("quick_parking@1"), 1u);
  ASSERT_EQ(listed.count("quick_parking@2"), 1u);
  EXPECT_FALSE(listed.at("quick_parking@1").first);
  EXPECT_TRUE(listed.at("quick_parking@2").first);
  EXPECT_EQ(listed.at("quick_parking@1").second, 2);  // old_case and the one during the break
  EXPECT_EQ(listed.at("quick_parking@2").second, 1);
  // Each version as a page draws it: its stages in escalation order, each clock with its limit
  // and whether a breach moves the case on; and the last reload, which succeeded.
  const json::object body = json::parse(f.get("/api/v1/workflows").body).as_object();
  for (const auto& w : body.at("workflows").as_array()) {
    if (w.as_object().at("id").as_string() != "quick_parking@1") continue;
    const json::array& stages = w.as_object().at("stages").as_array();
    ASSERT_EQ(stages.size(), 3u);
    EXPECT_EQ(stages[0].as_object().at("name").as_string(), "grid");
    EXPECT_EQ(stages[2].as_object().at("level").as_string(), "street");
    const json::object& sign = stages[0].as_object().at("clocks").as_array()[0].as_object();
    EXPECT_EQ(sign.at("name").as_string(), "sign");
    EXPECT_EQ(sign.at("limit").as_string(), "60s");
    EXPECT_TRUE(sign.at("escalate").as_bool());
    EXPECT_FALSE(
        stages[2].as_object().at("clocks").as_array()[0].as_object().at("escalate").as_bool());
  }
  const json::object& last = body.at("last_reload").as_object();
  EXPECT_TRUE(last.at("reloaded").as_bool());
  EXPECT_TRUE(last.at("diagnostics").as_array().empty());

  // Open311 services follow the definitions in force.
  EXPECT_EQ(f.get("/open311/v2/services.json").status, 200);
}

// What `reload` writes to standard error (fd 2, where the engine's log goes), line by line.
std::vector<std::string> log_lines_of(const std::function<void()>& reload) {
  ::testing::internal::CaptureStderr();
  reload();
  std::istringstream captured(::testing::internal::GetCapturedStderr());
  std::vector<std::string> lines;
  for (std::string line; std::getline(captured, line);) lines.push_back(line);
  return lines;
}

TEST(HttpReload, EveryReloadLeavesALineInTheLog) {
  HttpFixture f(test_options());
  const auto file = f.workflow_dir() / "quick_parking.yaml";
  const std::string v1 = read(file);

  // Refused (through HTTP): a warning per problem, with its FILE:LINE:COL.
  std::string broken = v1;
  broken.replace(broken.find("limit: 60s"), 10, "limit: sixty");
  write(file, broken);
  std::vector<std::string> lines = log_lines_of([&] {
    EXPECT_EQ(f.request(verb::post, "/api/v1/workflows/reload", "", kAdmin).status, 422);
  });
  const std::string refused =
      "caseflow: warning: reload: refused, nothing changed: " + file.string() + ":";
  const auto warning = std::find_if(lines.begin(), lines.end(),
                                    [&](const std::string& l) { return l.rfind(refused, 0) == 0; });
  ASSERT_NE(warning, lines.end()) << ::testing::PrintToString(lines);
  EXPECT_NE(warning->find(": error: "), std::string::npos) << *warning;
  EXPECT_TRUE(std::isdigit(static_cast<unsigned char>((*warning)[refused.size()]))) << *warning;

  // Accepted (as SIGHUP calls it): one info line with every version now loaded.
  write(file, version_2(v1));
  lines = log_lines_of([&] { EXPECT_TRUE(f.reloader().reload().ok()); });
  EXPECT_NE(
      std::find(lines.begin(), lines.end(),
                "caseflow: info: reload: workflows reloaded: quick_parking@1, quick_parking@2"),
      lines.end())
      << ::testing::PrintToString(lines);
}

TEST(HttpReload, ValidateChecksAWorkflowWithoutChangingAnything) {
  HttpFixture f(test_options());
  const std::string v1 = read(f.workflow_dir() / "quick_parking.yaml");
  Reply r = f.request(verb::post, "/api/v1/workflows/validate?file=qp.yaml", version_2(v1), kAdmin);
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.body.find(R"("workflow":"quick_parking@2")"), std::string::npos);

  std::string broken = v1;
  broken.replace(broken.find("calendar: always"), 16, "calendar: nowhere");
  r = f.request(verb::post, "/api/v1/workflows/validate?file=qp.yaml", broken, kAdmin);
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_NE(r.body.find("qp.yaml:"), std::string::npos) << r.body;

  r = f.request(verb::post, "/api/v1/workflows/validate", "", kAdmin);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(workflows(f).size(), 1u);
}

// A reload by SIGHUP needs the real process and its signal handling: RunBinary.
// SighupReloadsTheWorkflowFolder (tests/integration/run) sends it to `caseflow run`.
TEST(HttpReload, TheFolderWatcherReloadsASavedFile) {
  HttpFixtureOptions options = test_options();
  options.watch_workflows = true;
  HttpFixture f(options);
  const auto file = f.workflow_dir() / "quick_parking.yaml";
  const std::string v1 = read(file);

  // A saved file reloads by itself.
  write(file, version_2(v1));
  EXPECT_TRUE(HttpFixture::eventually([&] { return workflows(f).count("quick_parking@2") == 1; }))
      << "the watcher did not reload";
  EXPECT_EQ(workflow_of(f, report(f)), "quick_parking@2");
}

}  // namespace
}  // namespace caseflow::testing
