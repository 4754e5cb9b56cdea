// Reads over the live engine and the case archive as one: a case only the archive has answers
// from it on every read path, a case the engine holds answers live, filters and paging run over
// both, and an archive that is down answers 503 for the reads that need it while live cases still
// answer. The archive is a real SQLite file the test fills through the store. GET
// /api/v1/assessment reads the same archive: figures worked out by hand from fact records.
#include <gtest/gtest.h>

#include <atomic>
#include <boost/json/parse.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>

#include "connectors/archive/archive_store.h"
#include "engine/time/rfc3339.h"
#include "tests/integration/http/http_fixture.h"
#include "tests/support/archive_fact_batch.h"

namespace caseflow::testing {
namespace {

namespace json = boost::json;
using boost::beast::http::verb;

const std::map<std::string, std::string> kForm = {
    {"Content-Type", "application/x-www-form-urlencoded"}};

Instant now_ms() {
  return Instant::from_unix_millis(std::chrono::duration_cast<std::chrono::milliseconds>(
                                       std::chrono::system_clock::now().time_since_epoch())
                                       .count());
}

// Delegates to a real store; while `down` is set every read fails, as when the database is gone.
class Switchable : public archive::ArchiveStore {
 public:
  Switchable(archive::ArchiveStorePtr inner, std::shared_ptr<std::atomic<bool>> down)
      : inner_(std::move(inner)), down_(std::move(down)) {}
  Status apply(const archive::Batch& b) override { return inner_->apply(b); }
  Result<std::optional<archive::CaseRow>> find(std::string_view id) override {
    if (*down_) return gone();
    return inner_->find(id);
  }
  Result<std::vector<archive::CaseRow>> list(const archive::CaseFilter& f) override {
    if (*down_) return gone();
    return inner_->list(f);
  }
  Result<size_t> count(const archive::CaseFilter& f) override {
    if (*down_) return gone();
    return inner_->count(f);
  }
  Result<std::vector<archive::HistoryRow>> history(std::string_view id) override {
    if (*down_) return gone();
    return inner_->history(id);
  }
  Result<std::vector<archive::DecisionRow>> decisions(const archive::DecisionFilter& f) override {
    if (*down_) return gone();
    return inner_->decisions(f);
  }
  caseflow::Status each_case_facts(
      Instant from, Instant to, const std::function<void(assessment::CaseFacts&&)>& each) override {
    if (*down_) return gone();
    return inner_->each_case_facts(from, to, each);
  }
  Result<std::vector<assessment::GridCounts>> grid_activity(
      Instant from, Instant to, std::span<const assessment::CityGrid> grids) override {
    if (*down_) return gone();
    return inner_->grid_activity(from, to, grids);
  }
  Status set_partition_owner(std::string_view g, int32_t p, std::string_view i, std::string_view a,
                             Instant t) override {
    return inner_->set_partition_owner(g, p, i, a, t);
  }
  Result<std::optional<std::string>> partition_owner(std::string_view g, int32_t p) override {
    return inner_->partition_owner(g, p);
  }
  int schema_version() const override { return inner_->schema_version(); }
  std::string_view backend() const override { return inner_->backend(); }

 private:
  static Error gone() { return Error{"archive_query", "database is locked or gone"}; }
  archive::ArchiveStorePtr inner_;
  std::shared_ptr<std::atomic<bool>> down_;
};

class ArchiveReads : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::random_device random;
    dir = new std::filesystem::path(std::filesystem::temp_directory_path() /
                                    ("caseflow-archive-read-" + std::to_string(random())));
    std::filesystem::create_directories(*dir);
    down = std::make_shared<std::atomic<bool>>(false);
    const archive::ArchiveLocation where{(*dir / "archive.db").string(), ""};
    auto opened = archive::open_archive(where);
    if (!opened) throw std::runtime_error(opened.error().message);
    writer = opened->release();
    HttpFixtureOptions options = test_options();
    // by=property reads the month's survey here; one case is enough for a rate to count.
    options.api.assessment.survey_dir = *dir / "surveys";
    options.api.assessment.stars.min_cases = 1;
    options.archive = [where, d = down]() -> Result<archive::ArchiveStorePtr> {
      if (*d) return Error{"archive_open", "cannot open the archive: it is down"};
      auto store = archive::open_archive(where);
      if (!store) return store.error();
      return archive::ArchiveStorePtr(std::make_unique<Switchable>(std::move(*store), d));
    };
    fixture = new HttpFixture(options);
  }
  static void TearDownTestSuite() {
    delete fixture;
    delete writer;
    std::error_code ignored;
    std::filesystem::remove_all(*dir, ignored);
    delete dir;
  }
  void TearDown() override { *down = false; }

  static HttpFixture* fixture;
  static archive::ArchiveStore* writer;
  static std::filesystem::path* dir;
  static std::shared_ptr<std::atomic<bool>> down;

  HttpFixture& f() { return *fixture; }

  static archive::CaseRow closed_case(const std::string& id, Instant reported,
                                      const std::string& street = "S1") {
    archive::CaseRow r;
    r.id = id;
    r.seq = 7;
    r.status = "closed";
    r.workflow = "parking@1";
    r.stage = "grid";
    r.unit = "grid:G01";
    r.category = "parking.illegal";
    r.urgency = "normal";
    r.grid = "G01";
    r.community = "C1";
    r.street = street;
    r.district = "D1";
    r.reported_at = reported;
    r.closed_at = reported + Duration::days(3);
    r.outcome = "unrated";
    r.description = "car on the pavement";
    r.channel = "app";
    r.address = "1 North Street";
    r.lat = 39.9;
    r.lon = 116.4;
    r.breached = false;
    r.archived_at = reported + Duration::days(12);
    r.updated_at = reported + Duration::days(3);
    return r;
  }
  static void store(std::vector<archive::CaseRow> rows,
                    std::vector<archive::HistoryRow> history = {}) {
    archive::Batch batch;
    batch.cases = std::move(rows);
    batch.history = std::move(history);
    const Status applied = writer->apply(batch);
    ASSERT_TRUE(applied.ok()) << applied.error().message;
  }

  std::string report() {
    Reply r = f().request(verb::post, "/open311/v2/requests.json",
                          "api_key=k1&service_code=parking.illegal&attribute[grid_id]=G01", kForm);
    EXPECT_EQ(r.status, 200) << r.body;
    return std::string(
        json::parse(r.body).as_array().at(0).as_object().at("service_request_id").as_string());
  }
  Reply get_when_there(const std::string& target) {
    Reply r;
    EXPECT_TRUE(HttpFixture::eventually([&] {
      r = f().get(target);
      return r.status == 200;
    })) << target
        << ": " << r.status << " " << r.body;
    return r;
  }
  static std::vector<std::string> ids_in(const json::array& items, std::string_view key) {
    std::vector<std::string> out;
    for (const auto& item : items) out.emplace_back(item.as_object().at(key).as_string());
    return out;
  }
  static bool has(const std::vector<std::string>& ids, const std::string& id) {
    return std::find(ids.begin(), ids.end(), id) != ids.end();
  }
};
HttpFixture* ArchiveReads::fixture = nullptr;
archive::ArchiveStore* ArchiveReads::writer = nullptr;
std::filesystem::path* ArchiveReads::dir = nullptr;
std::shared_ptr<std::atomic<bool>> ArchiveReads::down;

TEST_F(ArchiveReads, ACaseOnlyTheArchiveHasAnswersFromItOnEveryPath) {
  const Instant reported = now_ms() - Duration::days(20);
  store(
      {closed_case("t1-old-1", reported)},
      {{"t1-old-1", 1, reported, "updated", "dispatched", "grid", "grid:G01", ""},
       {"t1-old-1", 2, reported + Duration::days(3), "closed", "unrated", "grid", "grid:G01", ""}});

  Reply r = f().get("/api/v1/cases/t1-old-1");
  ASSERT_EQ(r.status, 200) << r.body;
  json::object c = json::parse(r.body).as_object();
  EXPECT_EQ(c.at("archived"), true);
  EXPECT_EQ(c.at("status"), "closed");
  EXPECT_EQ(c.at("open311_status"), "closed");
  EXPECT_EQ(c.at("workflow"), "parking@1");
  EXPECT_EQ(c.at("unit"), "grid:G01");
  EXPECT_EQ(c.at("outcome"), "unrated");
  EXPECT_EQ(c.at("place").as_object().at("street"), "S1");
  EXPECT_TRUE(c.at("closed_at").is_string());
  EXPECT_TRUE(c.at("expected_at").is_null());
  EXPECT_FALSE(c.contains("clocks"));
  ASSERT_EQ(c.at("history").as_array().size(), 2u);
  EXPECT_EQ(c.at("history").as_array().at(0).as_object().at("what"), "dispatched");

  r = f().get("/open311/v2/requests/t1-old-1.json");
  ASSERT_EQ(r.status, 200) << r.body;
  json::object o = json::parse(r.body).as_array().at(0).as_object();
  EXPECT_EQ(o.at("status"), "closed");
  EXPECT_EQ(o.at("agency_responsible"), "grid:G01");
  EXPECT_EQ(o.at("service_code"), "parking.illegal");
  EXPECT_EQ(o.at("address"), "1 North Street");
  EXPECT_TRUE(o.at("expected_datetime").is_null());
  EXPECT_DOUBLE_EQ(o.at("lat").to_number<double>(), 39.9);
  EXPECT_NE(std::string(o.at("status_notes").as_string()).find("closed"), std::string::npos);
  r = f().get("/open311/v2/requests/t1-old-1.xml");
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("<service_request_id>t1-old-1</service_request_id>"), std::string::npos);

  r = f().get("/open311/v2/requests.json");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(has(ids_in(json::parse(r.body).as_array(), "service_request_id"), "t1-old-1"));
  r = f().get("/open311/v2/requests.json?service_request_id=t1-old-1,t1-none");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(ids_in(json::parse(r.body).as_array(), "service_request_id"),
            std::vector<std::string>{"t1-old-1"});

  r = f().get("/api/v1/cases?street=S1&status=closed");
  ASSERT_EQ(r.status, 200) << r.body;
  json::object list = json::parse(r.body).as_object();
  EXPECT_TRUE(has(ids_in(list.at("cases").as_array(), "id"), "t1-old-1"));
  for (const auto& item : list.at("cases").as_array()) {
    if (item.as_object().at("id") == "t1-old-1") {
      EXPECT_EQ(item.as_object().at("archived"), true);
    }
  }

  // Neither the engine nor the archive: 404 as before.
  r = f().get("/api/v1/cases/t1-never");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(json::parse(r.body).as_object().at("error").as_object().at("code"), "unknown_case");
  EXPECT_EQ(f().get("/open311/v2/requests/t1-never.json").status, 404);
}

TEST_F(ArchiveReads, ACaseTheEngineHoldsAnswersLiveAndOnce) {
  const std::string id = report();
  get_when_there("/api/v1/cases/" + id);
  // An archive row a moment behind (or, here, plainly different) loses to the engine.
  archive::CaseRow stale = closed_case(id, now_ms() - Duration::minutes(1));
  stale.unit = "grid:STALE";
  store({stale});

  Reply r = f().get("/api/v1/cases/" + id);
  ASSERT_EQ(r.status, 200);
  json::object c = json::parse(r.body).as_object();
  EXPECT_FALSE(c.contains("archived"));
  EXPECT_NE(c.at("status"), "closed");
  EXPECT_TRUE(c.contains("clocks"));

  r = f().get("/open311/v2/requests/" + id + ".json");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(json::parse(r.body).as_array().at(0).as_object().at("status"), "open");

  r = f().get("/api/v1/cases?limit=1000");
  ASSERT_EQ(r.status, 200);
  auto ids = ids_in(json::parse(r.body).as_object().at("cases").as_array(), "id");
  EXPECT_EQ(std::count(ids.begin(), ids.end(), id), 1);
  EXPECT_EQ(r.body.find("grid:STALE"), std::string::npos);
  // The archive's row says closed; the engine says open: a closed filter leaves it out.
  r = f().get("/open311/v2/requests.json?status=closed");
  EXPECT_FALSE(has(ids_in(json::parse(r.body).as_array(), "service_request_id"), id));
  r = f().get("/open311/v2/requests.json?status=open");
  EXPECT_TRUE(has(ids_in(json::parse(r.body).as_array(), "service_request_id"), id));
}

TEST_F(ArchiveReads, FiltersAndPagingRunOverTheMergedSet) {
  // 12 archived cases on street S9, one a minute, 30 days ago; every third in S8.
  const Instant base = now_ms() - Duration::days(30);
  std::vector<archive::CaseRow> rows;
  for (int i = 0; i < 12; ++i) {
    rows.push_back(closed_case("t1-page-" + std::to_string(100 + i), base + Duration::minutes(i),
                               i % 3 == 0 ? "S8" : "S9"));
  }
  rows[4].breached = true;
  store(rows);

  Reply r = f().get("/api/v1/cases?street=S9&limit=3&offset=2");
  ASSERT_EQ(r.status, 200) << r.body;
  json::object list = json::parse(r.body).as_object();
  EXPECT_EQ(list.at("total"), 8);
  EXPECT_EQ(list.at("count"), 3);
  // Newest first: 111, 110, 108, 107, 105, 104, 102, 101 -> the page at 2 is 108, 107, 105.
  EXPECT_EQ(ids_in(list.at("cases").as_array(), "id"),
            (std::vector<std::string>{"t1-page-108", "t1-page-107", "t1-page-105"}));

  r = f().get("/api/v1/cases?street=S9&overdue=true");
  EXPECT_EQ(ids_in(json::parse(r.body).as_object().at("cases").as_array(), "id"),
            std::vector<std::string>{"t1-page-104"});
  // from is inclusive, to exclusive.
  const std::string from = format_rfc3339_utc(base + Duration::minutes(3));
  const std::string to = format_rfc3339_utc(base + Duration::minutes(6));
  r = f().get("/api/v1/cases?from=" + from + "&to=" + to + "&community=C1");
  EXPECT_EQ(ids_in(json::parse(r.body).as_object().at("cases").as_array(), "id"),
            (std::vector<std::string>{"t1-page-105", "t1-page-104", "t1-page-103"}));
  // stage and workflow match the archive's rows too.
  r = f().get("/api/v1/cases?street=S8&workflow=parking&stage=grid");
  EXPECT_EQ(json::parse(r.body).as_object().at("total"), 4);
  r = f().get("/api/v1/cases?street=S8&stage=street");
  EXPECT_EQ(json::parse(r.body).as_object().at("total"), 0);
  EXPECT_EQ(f().get("/api/v1/cases?from=last-week").status, 400);
}

TEST_F(ArchiveReads, Open311ListsTheLast90DaysAndAtMost1000) {
  const Instant now = now_ms();
  std::vector<archive::CaseRow> rows;
  for (int i = 0; i < 1'005; ++i) {
    rows.push_back(closed_case("t1-bulk-" + std::to_string(10'000 + i),
                               now - Duration::days(80) + Duration::minutes(i)));
  }
  rows.push_back(closed_case("t1-ancient", now - Duration::days(100)));
  store(rows);

  Reply r = f().get("/open311/v2/requests.json?status=closed");
  ASSERT_EQ(r.status, 200) << r.body.substr(0, 300);
  auto ids = ids_in(json::parse(r.body).as_array(), "service_request_id");
  EXPECT_EQ(ids.size(), 1'000u);
  EXPECT_FALSE(has(ids, "t1-ancient"));
  EXPECT_TRUE(has(ids, "t1-bulk-11004"));  // the newest are kept
  EXPECT_FALSE(has(ids, "t1-bulk-10000"));

  r = f().get(
      "/open311/v2/requests.json?start_date=" + format_rfc3339_utc(now - Duration::days(101)) +
      "&end_date=" + format_rfc3339_utc(now - Duration::days(99)));
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(ids_in(json::parse(r.body).as_array(), "service_request_id"),
            std::vector<std::string>{"t1-ancient"});
}

TEST_F(ArchiveReads, AnArchiveThatIsDownAnswers503WhileLiveCasesStillAnswer) {
  const std::string id = report();
  get_when_there("/api/v1/cases/" + id);
  store({closed_case("t1-down-1", now_ms() - Duration::days(5))});
  ASSERT_EQ(f().get("/api/v1/cases/t1-down-1").status, 200);

  *down = true;
  Reply r = f().get("/api/v1/cases/t1-down-1");
  EXPECT_EQ(r.status, 503);
  EXPECT_EQ(r.content_type, "application/json");
  EXPECT_EQ(json::parse(r.body).as_object().at("error").as_object().at("code"),
            "archive_unavailable");
  r = f().get("/open311/v2/requests/t1-down-1.json");
  EXPECT_EQ(r.status, 503);
  EXPECT_EQ(json::parse(r.body).as_array().at(0).as_object().at("code"), 503);
  r = f().get("/open311/v2/requests/t1-down-1.xml");
  EXPECT_EQ(r.status, 503);
  EXPECT_NE(r.body.find("<errors>"), std::string::npos) << r.body;
  EXPECT_EQ(f().get("/api/v1/cases").status, 503);
  EXPECT_EQ(f().get("/open311/v2/requests.json").status, 503);

  // The engine's cases need no archive.
  EXPECT_EQ(f().get("/api/v1/cases/" + id).status, 200);
  EXPECT_EQ(f().get("/open311/v2/requests/" + id + ".json").status, 200);

  // Back up: the reader opens a new connection and answers again.
  *down = false;
  EXPECT_EQ(f().get("/api/v1/cases/t1-down-1").status, 200);
}

// 2026-11-01T00:00:00+08:00: November 2026 in Asia/Shanghai starts here.
constexpr Instant kNov = Instant::from_unix_seconds(1'793'462'400);

// Six cases' fact records, as the archive writer stores them. Figures by hand, default weights
// (solved 1, partly 0.5, not_solved 0; satisfied 1, basically 0.5; score 30/35/35):
//   community:C1 (street S1): responses a1 on time, a2 late, a3 on time -> 2/3;
//     ratings a1 solved+satisfied, a2 partly+basically -> resolution 1.5/2 = 0.75,
//     satisfaction 1.5/2 = 0.75; a3 closed unrated -> excluded, counted (unrated 1);
//     score (30 * 2/3 + 35 * 0.75 + 35 * 0.75) / 100 * 100 = 72.5.
//   street:S2 (street S2): b1 late but exempted in December (a later decision still applies)
//     -> response 1/1 from b2; b2 not solved, no answer on satisfaction -> resolution 0/1,
//     satisfaction has no value; score (30 * 1 + 35 * 0) / 65 * 100 = 46.15...
//   b3 responded in October only: not in November.
void fill_assessment_month(archive::ArchiveStore& writer) {
  testing::FactBatch rows;
  auto place = [&](std::string id, std::string street, std::string community) {
    rows.place(std::move(id), std::move(street), std::move(community), kNov);
  };
  auto fact = [&](auto&&... args) { rows.fact(std::forward<decltype(args)>(args)...); };
  place("t1-as-a1", "S1", "C1");
  fact("t1-as-a1", 2, kNov + Duration::days(1), "updated", "contacted",
       R"({"response":{"unit":"community:C1","stage":"community","on_time":true}})");
  fact("t1-as-a1", 4, kNov + Duration::days(3), "closed", "rated",
       R"({"rating":{"unit":"community:C1","solved":"solved","satisfaction":"satisfied"}})");
  place("t1-as-a2", "S1", "C1");
  fact("t1-as-a2", 2, kNov + Duration::days(4), "updated", "contacted",
       R"({"response":{"unit":"community:C1","stage":"community","on_time":false}})");
  fact("t1-as-a2", 4, kNov + Duration::days(7), "closed", "rated",
       R"({"rating":{"unit":"community:C1","solved":"partly","satisfaction":"basically"}})");
  place("t1-as-a3", "S1", "C1");
  fact("t1-as-a3", 2, kNov + Duration::days(9), "updated", "contacted",
       R"({"response":{"unit":"community:C1","stage":"community","on_time":true}})");
  fact("t1-as-a3", 5, kNov + Duration::days(19), "closed", "unrated",
       R"({"unrated":{"unit":"community:C1"}})");
  place("t1-as-b1", "S2", "C2");
  fact("t1-as-b1", 2, kNov + Duration::days(2), "updated", "contacted",
       R"({"response":{"unit":"street:S2","stage":"street","on_time":false}})");
  fact("t1-as-b1", 3, kNov + Duration::days(5), "updated", "exemption_requested",
       R"({"exemption":{"unit":"street:S2","step":"requested","reason":"road works"}})");
  fact("t1-as-b1", 4, kNov + Duration::days(32), "updated", "exemption_granted",
       R"({"exemption":{"unit":"street:S2","step":"granted","reason":"road works"}})");
  place("t1-as-b2", "S2", "C2");
  fact("t1-as-b2", 2, kNov + Duration::days(6), "updated", "contacted",
       R"({"response":{"unit":"street:S2","stage":"street","on_time":true}})");
  fact("t1-as-b2", 4, kNov + Duration::days(8), "closed", "rated",
       R"({"rating":{"unit":"street:S2","solved":"not_solved","satisfaction":"no_answer"}})");
  place("t1-as-b3", "S2", "C2");
  fact("t1-as-b3", 2, kNov - Duration::days(10), "updated", "contacted",
       R"({"response":{"unit":"street:S2","stage":"street","on_time":false}})");
  const Status applied = writer.apply(rows.batch());
  ASSERT_TRUE(applied.ok()) << applied.error().message;
}

double number(const json::value& v) { return v.to_number<double>(); }

TEST_F(ArchiveReads, TheAssessmentOfAMonthHasTheFiguresWorkedByHand) {
  fill_assessment_month(*writer);
  Reply r = f().get("/api/v1/assessment?period=2026-11&by=unit");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.content_type, "application/json");
  json::object doc = json::parse(r.body).as_object();
  EXPECT_EQ(doc.at("period").at("label"), "2026-11");
  EXPECT_EQ(doc.at("period").at("from"), "2026-10-31T16:00:00Z");
  EXPECT_EQ(doc.at("period").at("to"), "2026-11-30T16:00:00Z");
  EXPECT_EQ(doc.at("by"), "unit");
  EXPECT_EQ(doc.at("cases"), 5);  // b3 has no fact in November
  EXPECT_EQ(doc.at("weights").at("partly"), 0.5);
  EXPECT_TRUE(doc.at("problems").as_array().empty());
  const json::array& rows = doc.at("rows").as_array();
  ASSERT_EQ(rows.size(), 2u) << r.body;

  const json::object& c1 = rows[0].as_object();
  EXPECT_EQ(c1.at("key"), "community:C1");
  EXPECT_EQ(c1.at("rank"), 1);
  EXPECT_DOUBLE_EQ(number(c1.at("response").at("numerator")), 2.0);
  EXPECT_EQ(c1.at("response").at("denominator"), 3);
  EXPECT_NEAR(number(c1.at("response").at("rate")), 2.0 / 3, 1e-9);
  EXPECT_DOUBLE_EQ(number(c1.at("resolution").at("rate")), 0.75);
  EXPECT_DOUBLE_EQ(number(c1.at("satisfaction").at("rate")), 0.75);
  EXPECT_NEAR(number(c1.at("score")), 72.5, 1e-9);
  EXPECT_EQ(c1.at("unrated"), 1);
  EXPECT_EQ(c1.at("cases").at("response"), json::array({"t1-as-a1", "t1-as-a2", "t1-as-a3"}));
  EXPECT_EQ(c1.at("cases").at("rated"), json::array({"t1-as-a1", "t1-as-a2"}));

  const json::object& s2 = rows[1].as_object();
  EXPECT_EQ(s2.at("key"), "street:S2");
  EXPECT_DOUBLE_EQ(number(s2.at("response").at("rate")), 1.0);
  EXPECT_EQ(s2.at("response").at("denominator"), 1);
  EXPECT_DOUBLE_EQ(number(s2.at("resolution").at("rate")), 0.0);
  EXPECT_TRUE(s2.at("satisfaction").at("rate").is_null());
  EXPECT_NEAR(number(s2.at("score")), 3000.0 / 65, 1e-9);
  EXPECT_EQ(s2.at("exempted"), 1);
  EXPECT_EQ(s2.at("no_answer"), 1);
  EXPECT_EQ(s2.at("cases").at("excluded"), json::array({"t1-as-b1"}));

  // By street: the same facts under the cases' streets; `by` defaults to unit, as in the CLI.
  r = f().get("/api/v1/assessment?period=2026-11&by=street");
  ASSERT_EQ(r.status, 200) << r.body;
  doc = json::parse(r.body).as_object();
  EXPECT_EQ(doc.at("by"), "street");
  ASSERT_EQ(doc.at("rows").as_array().size(), 2u);
  EXPECT_EQ(doc.at("rows").at(0).at("key"), "S1");
  EXPECT_NEAR(number(doc.at("rows").at(0).at("score")), 72.5, 1e-9);
  EXPECT_EQ(doc.at("rows").at(1).at("key"), "S2");
  EXPECT_EQ(json::parse(f().get("/api/v1/assessment?period=2026-11").body).at("by"), "unit");

  // October: only b3, late.
  r = f().get("/api/v1/assessment?period=2026-10");
  ASSERT_EQ(r.status, 200) << r.body;
  doc = json::parse(r.body).as_object();
  ASSERT_EQ(doc.at("rows").as_array().size(), 1u);
  EXPECT_EQ(doc.at("rows").at(0).at("key"), "street:S2");
  EXPECT_DOUBLE_EQ(number(doc.at("rows").at(0).at("response").at("rate")), 0.0);
}

TEST_F(ArchiveReads, TheAssessmentRefusesABadQueryAnd503sWhenTheArchiveIsDown) {
  auto code = [](const Reply& r) {
    return std::string(json::parse(r.body).at("error").at("code").as_string());
  };
  for (const std::string target :
       {"/api/v1/assessment", "/api/v1/assessment?by=unit", "/api/v1/assessment?period=2026-13",
        "/api/v1/assessment?period=november", "/api/v1/assessment?period=2026-11&by=district",
        "/api/v1/assessment?period=2026-11&month=2026-11",
        "/api/v1/assessment?period=2026-11&period=2026-12"}) {
    const Reply r = f().get(target);
    EXPECT_EQ(r.status, 400) << target << ": " << r.body;
    EXPECT_EQ(r.content_type, "application/json") << target;
    EXPECT_EQ(code(r), "bad_query") << target;
  }
  Reply r = f().get("/api/v1/assessment?period=2026-13");
  EXPECT_NE(r.body.find("2026-13"), std::string::npos) << r.body;
  r = f().get("/api/v1/assessment?period=2026-11&by=district");
  EXPECT_NE(r.body.find("unit, street"), std::string::npos) << r.body;
  r = f().request(verb::post, "/api/v1/assessment?period=2026-11", "",
                  HttpFixture::bearer(HttpFixture::kViewerToken));
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.headers["allow"], "GET");

  *down = true;
  r = f().get("/api/v1/assessment?period=2026-11");
  EXPECT_EQ(r.status, 503) << r.body;
  EXPECT_EQ(code(r), "archive_unavailable");
  *down = false;
  EXPECT_EQ(f().get("/api/v1/assessment?period=2026-11").status, 200);
}

// by=grid: every grid of the fixture city (test_options' boundaries: G01..G05, G05 handled by
// community:C4), the same JSON as `caseflow report assessment --by grid --format json`. March
// 2027, away from the other tests' months:
//   G01's worker reports once in G01 and once in G02: patrol for G01, for neither in G02.
//   G03: a resident's report, signed by grid:G03 two minutes later.
//   -> idle: G03 (a resident report), then G02, G04, G05 by id.
TEST_F(ArchiveReads, ByGridListsEveryGridOfTheCityAndTheIdleOnes) {
  const Instant march = kNov + Duration::days(120);  // 2027-03-01T00:00:00+08:00
  archive::Batch rows;
  auto reported = [&](const std::string& id, const std::string& grid, const std::string& channel,
                      const std::string& by) {
    archive::CaseRow row;
    row.id = id;
    row.seq = 1;
    row.status = "dispatched";
    row.grid = grid;
    row.channel = channel;
    row.reported_at = march + Duration::days(3);
    row.updated_at = *row.reported_at;
    rows.cases.push_back(row);
    rows.history.push_back(archive::HistoryRow{.case_id = id,
                                               .seq = 1,
                                               .at = *row.reported_at,
                                               .type = "updated",
                                               .what = "dispatched",
                                               .stage = "grid",
                                               .unit = "grid:" + grid,
                                               .note = "",
                                               .facts = "",
                                               .actor = by});
  };
  reported("t1-gr-1", "G01", "grid_worker", "unit:grid:G01");
  reported("t1-gr-2", "G02", "grid_worker", "unit:grid:G01");
  reported("t1-gr-3", "G03", "hotline", "/hotline/12345");
  rows.history.push_back(archive::HistoryRow{.case_id = "t1-gr-3",
                                             .seq = 2,
                                             .at = march + Duration::days(3) + Duration::minutes(2),
                                             .type = "updated",
                                             .what = "signed",
                                             .stage = "grid",
                                             .unit = "grid:G03",
                                             .note = "",
                                             .facts = "",
                                             .actor = "unit:grid:G03"});
  ASSERT_TRUE(writer->apply(rows).ok());

  const Reply r = f().get("/api/v1/assessment?period=2027-03&by=grid");
  ASSERT_EQ(r.status, 200) << r.body;
  const json::object doc = json::parse(r.body).as_object();
  EXPECT_EQ(doc.at("by"), "grid");
  EXPECT_EQ(doc.at("period").at("label"), "2027-03");
  EXPECT_EQ(doc.at("summary").at("grids"), 5);
  EXPECT_EQ(doc.at("summary").at("patrol"), 1);
  EXPECT_EQ(doc.at("summary").at("resident"), 1);
  EXPECT_EQ(doc.at("summary").at("other_workers"), 1);
  EXPECT_EQ(doc.at("summary").at("idle"), 4);
  EXPECT_DOUBLE_EQ(number(doc.at("summary").at("idle_share")), 0.8);
  json::array idle;
  for (const auto& g : doc.at("idle").as_array()) idle.push_back(g.at("grid"));
  EXPECT_EQ(idle, json::array({"G03", "G02", "G04", "G05"}));
  const json::array& lines = doc.at("rows").as_array();
  ASSERT_EQ(lines.size(), 5u);
  EXPECT_EQ(lines[0].at("grid"), "G01");
  EXPECT_EQ(lines[0].at("idle"), false);
  EXPECT_EQ(lines[2].at("grid"), "G03");
  EXPECT_DOUBLE_EQ(number(lines[2].at("response").at("median_s")), 120.0);
  EXPECT_EQ(lines[4].at("unit"), "community:C4");
}

// by=property: the star rating of property companies from the survey folder, the same JSON as
// `caseflow report assessment --by property --format json`. January 2027, away from the other
// tests' months. Default rules but one case a rate:
//   PC0001: on time, solved, satisfied: 1, 1, 1; survey 80 -> (100 * 3 + 80) / 4 = 95, 5 stars.
//   PC0002: late, partly, basically: 0, 0.5, 0.5; survey 70 -> (0 + 50 + 50 + 70) / 4 = 42.5, 1.
TEST_F(ArchiveReads, ByPropertyAnswersTheStarRatingWithTheMonthsSurvey) {
  const Instant jan = kNov + Duration::days(61);  // 2027-01-01T00:00:00+08:00
  testing::FactBatch rows;
  auto handled = [&](const std::string& id, const std::string& company, bool on_time,
                     const std::string& solved, const std::string& satisfaction) {
    rows.place(id, "S1", "C1", jan);
    rows.fact(id, 2, jan + Duration::days(2), "updated", "contacted",
              R"({"response":{"unit":")" + company + R"(","stage":"property","on_time":)" +
                  (on_time ? "true" : "false") + "}}");
    rows.fact(id, 4, jan + Duration::days(4), "closed", "rated",
              R"({"rating":{"unit":")" + company + R"(","solved":")" + solved +
                  R"(","satisfaction":")" + satisfaction + R"("}})");
  };
  handled("t1-pc-1", "property:PC0001", true, "solved", "satisfied");
  handled("t1-pc-2", "property:PC0002", false, "partly", "basically");
  ASSERT_TRUE(writer->apply(rows.batch()).ok());
  std::filesystem::create_directories(*dir / "surveys");
  std::ofstream(*dir / "surveys/2027-01.csv")
      << "company,score,sample\nproperty:PC0001,80,50\nproperty:PC0002,70,50\n";

  Reply r = f().get("/api/v1/assessment?period=2027-01&by=property");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.content_type, "application/json");
  json::object doc = json::parse(r.body).as_object();
  EXPECT_EQ(doc.at("by"), "property");
  EXPECT_EQ(doc.at("period").at("label"), "2027-01");
  EXPECT_EQ(doc.at("survey").at("file"), "2027-01.csv");
  const json::array& ranked = doc.at("rows").as_array();
  ASSERT_EQ(ranked.size(), 2u) << r.body;
  EXPECT_EQ(ranked[0].at("company"), "property:PC0001");
  EXPECT_EQ(ranked[0].at("stars"), 5);
  EXPECT_DOUBLE_EQ(number(ranked[0].at("composite")), 95.0);
  EXPECT_EQ(ranked[1].at("company"), "property:PC0002");
  EXPECT_EQ(ranked[1].at("stars"), 1);
  EXPECT_DOUBLE_EQ(number(ranked[1].at("composite")), 42.5);
  EXPECT_DOUBLE_EQ(number(ranked[1].at("response")), 0.0);

  // A month without a survey file: no survey, and nobody had a case.
  r = f().get("/api/v1/assessment?period=2027-03&by=property");
  ASSERT_EQ(r.status, 200) << r.body;
  doc = json::parse(r.body).as_object();
  EXPECT_TRUE(doc.at("survey").is_null());
  EXPECT_TRUE(doc.at("rows").as_array().empty());

  // A bad survey file is the configuration's fault, named by its line and column.
  std::ofstream(*dir / "surveys/2027-02.csv") << "company,score,sample\nproperty:PC0001,80,0\n";
  r = f().get("/api/v1/assessment?period=2027-02&by=property");
  EXPECT_EQ(r.status, 503) << r.body;
  EXPECT_EQ(json::parse(r.body).at("error").at("code"), "assessment_unavailable");
  EXPECT_NE(r.body.find("2027-02.csv:2:20: error: sample must be a positive whole number"),
            std::string::npos)
      << r.body;
}

}  // namespace
}  // namespace caseflow::testing
