// Who did what over HTTP: an event's actor is the caller's credential, never what the body says
// (the case's history shows it as "by"), and the audit view lists the dispatcher's reassignment
// with the dispatcher as its actor, to those whose scope covers it. Without an archive the view
// says so; with one (a real SQLite file the test fills through the store) it lists the decisions
// of archived cases too, merged with the live ones, and an archived case's history shows "by".
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>
#include <filesystem>
#include <map>
#include <random>
#include <string>

#include "connectors/archive/archive_store.h"
#include "engine/time/rfc3339.h"
#include "tests/integration/http/http_fixture.h"

namespace caseflow::testing {
namespace {

namespace json = boost::json;
using boost::beast::http::verb;
using Headers = std::map<std::string, std::string>;

const Headers kForm = {{"Content-Type", "application/x-www-form-urlencoded"}};

Headers with_json(Headers h) {
  h["Content-Type"] = "application/json";
  return h;
}

// A CloudEvent whose body claims to come from `principal`.
std::string event(const std::string& id, const std::string& type, const std::string& data,
                  const std::string& principal) {
  static int n = 0;
  return R"({"specversion":"1.0","id":"actor-)" + std::to_string(++n) +
         R"(","source":"/test","principal":")" + principal + R"(","type":"caseflow.case.)" + type +
         R"(","subject":")" + id + R"(","data":)" + data + "}";
}

// Reports a case in grid G01 through Open311, waits until the engine dispatched it, has the
// dispatcher reassign it to grid:G02 and waits until the audit view lists it; `id` is the case.
void report_and_reassign(HttpFixture& f, std::string& id) {
  const Reply reported =
      f.request(verb::post, "/open311/v2/requests.json",
                "api_key=k1&service_code=parking.illegal&attribute[grid_id]=G01", kForm);
  ASSERT_EQ(reported.status, 200) << reported.body;
  id = std::string(
      json::parse(reported.body).as_array().at(0).as_object().at("service_request_id").as_string());
  const Headers dispatcher = HttpFixture::bearer(HttpFixture::kDispatcherToken);
  ASSERT_TRUE(HttpFixture::eventually([&] {
    return f.get("/api/v1/cases/" + id).body.find(R"("what":"dispatched")") != std::string::npos;
  }));
  const Reply assigned = f.request(verb::post, "/api/v1/cases/" + id + "/events",
                                   event(id, "assigned", R"({"unit":"grid:G02"})", "admin:root"),
                                   with_json(dispatcher));
  ASSERT_EQ(assigned.status, 202) << assigned.body;
  ASSERT_TRUE(HttpFixture::eventually([&] {
    return f.request(verb::get, "/api/v1/audit", "", dispatcher).body.find(id) != std::string::npos;
  }));
}

class ActorAudit : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { fixture = new HttpFixture(test_options()); }
  static void TearDownTestSuite() {
    delete fixture;
    fixture = nullptr;
  }
  static HttpFixture& f() { return *fixture; }

  // A report at grid G01 (community C1, street S1), dispatched to grid:G01.
  static std::string report() {
    const Reply r =
        f().request(verb::post, "/open311/v2/requests.json",
                    "api_key=k1&service_code=parking.illegal&attribute[grid_id]=G01", kForm);
    std::string id(
        json::parse(r.body).as_array().at(0).as_object().at("service_request_id").as_string());
    EXPECT_TRUE(HttpFixture::eventually([&] {
      return f().get("/api/v1/cases/" + id).body.find(R"("what":"dispatched")") !=
             std::string::npos;
    }));
    return id;
  }
  static bool shows(const std::string& target, const Headers& who, const std::string& text) {
    return HttpFixture::eventually([&] {
      return f().request(verb::get, target, "", who).body.find(text) != std::string::npos;
    });
  }

  static HttpFixture* fixture;
};
HttpFixture* ActorAudit::fixture = nullptr;

TEST_F(ActorAudit, AnEventIsByTheCallersCredentialWhateverTheBodyClaims) {
  const std::string id = report();
  const Headers viewer = HttpFixture::bearer(HttpFixture::kViewerToken);
  EXPECT_TRUE(shows("/api/v1/cases/" + id, viewer, R"("by":"resident:open311")"))
      << f().get("/api/v1/cases/" + id).body;
  // grid:G01's credential, a body claiming to be grid:G02's (and the dispatcher's, below).
  Reply r = f().request(verb::post, "/api/v1/cases/" + id + "/events",
                        event(id, "signed", "{}", "unit:grid:G02"),
                        with_json(HttpFixture::as_unit("grid:G01")));
  ASSERT_EQ(r.status, 202) << r.body;
  EXPECT_TRUE(shows("/api/v1/cases/" + id, viewer,
                    R"("what":"signed","stage":"grid","unit":"grid:G01","by":"unit:grid:G01")"))
      << f().get("/api/v1/cases/" + id).body;
  r = f().request(verb::post, "/api/v1/cases/" + id + "/events",
                  event(id, "progress", R"({"note":"on it"})", "dispatcher:desk"),
                  with_json(HttpFixture::as_unit("grid:G01")));
  ASSERT_EQ(r.status, 202) << r.body;
  EXPECT_TRUE(shows("/api/v1/cases/" + id, viewer, R"("what":"progress")"));
  const std::string body = f().get("/api/v1/cases/" + id).body;
  EXPECT_EQ(body.find(R"("by":"unit:grid:G02")"), std::string::npos) << body;
  EXPECT_EQ(body.find(R"("by":"dispatcher:desk")"), std::string::npos) << body;
}

TEST_F(ActorAudit, TheAuditListsTheDispatchersReassignmentToThoseItConcerns) {
  const std::string id = report();
  const Reply r = f().request(verb::post, "/api/v1/cases/" + id + "/events",
                              event(id, "assigned", R"({"unit":"grid:G02"})", "admin:root"),
                              with_json(HttpFixture::bearer(HttpFixture::kDispatcherToken)));
  ASSERT_EQ(r.status, 202) << r.body;
  const std::string item =
      R"({"case_id":")" + id + R"(","what":"assigned","by":"dispatcher:desk",)";
  const Headers dispatcher = HttpFixture::bearer(HttpFixture::kDispatcherToken);
  ASSERT_TRUE(shows("/api/v1/audit", dispatcher, item)) << f().get("/api/v1/audit").body;
  const json::object body =
      json::parse(f().request(verb::get, "/api/v1/audit", "", dispatcher).body).as_object();
  bool found = false;
  for (const auto& entry : body.at("items").as_array()) {
    const json::object& o = entry.as_object();
    if (o.at("case_id").as_string() != id) continue;
    found = true;
    EXPECT_EQ(o.at("what").as_string(), "assigned");
    EXPECT_EQ(o.at("by").as_string(), "dispatcher:desk");
    EXPECT_EQ(o.at("unit").as_string(), "grid:G02");
    EXPECT_EQ(o.at("from_unit").as_string(), "grid:G01");
    EXPECT_EQ(o.at("reason").as_string(), "reassigned");
    EXPECT_EQ(o.at("stage").as_string(), "grid");
    EXPECT_FALSE(o.at("at").as_string().empty());
  }
  EXPECT_TRUE(found);
  EXPECT_GE(body.at("total").as_int64(), 1);

  // Both units the reassignment touched see it, another unit does not; an office sees its
  // street's, the viewer everything.
  EXPECT_TRUE(shows("/api/v1/audit?unit=grid:G02", HttpFixture::as_unit("grid:G02"), item));
  EXPECT_TRUE(shows("/api/v1/audit", HttpFixture::as_unit("grid:G01"), item));
  EXPECT_EQ(
      f().request(verb::get, "/api/v1/audit", "", HttpFixture::as_unit("grid:G03")).body.find(id),
      std::string::npos);
  EXPECT_TRUE(
      shows("/api/v1/audit", HttpFixture::bearer(HttpFixture::office_token("street:S1")), item));
  EXPECT_EQ(f().request(verb::get, "/api/v1/audit", "",
                        HttpFixture::bearer(HttpFixture::office_token("street:S2")))
                .body.find(id),
            std::string::npos);
  EXPECT_TRUE(shows("/api/v1/audit", HttpFixture::bearer(HttpFixture::kViewerToken), item));

  // A unit asking about another unit, and a role the audit is not for: 403.
  Reply refused =
      f().request(verb::get, "/api/v1/audit?unit=grid:G01", "", HttpFixture::as_unit("grid:G03"));
  EXPECT_EQ(refused.status, 403);
  EXPECT_NE(refused.body.find(R"("code":"out_of_scope")"), std::string::npos) << refused.body;
  refused =
      f().request(verb::get, "/api/v1/audit", "", HttpFixture::bearer(HttpFixture::kRevisitToken));
  EXPECT_EQ(refused.status, 403);
  EXPECT_NE(refused.body.find(R"("code":"wrong_role")"), std::string::npos) << refused.body;
  // The time range and paging.
  EXPECT_EQ(f().request(verb::get, "/api/v1/audit?to=2000-01-01T00:00:00Z", "", dispatcher).body,
            R"({"items":[],"count":0,"total":0,"archive":"disabled"})");
  EXPECT_EQ(f().request(verb::get, "/api/v1/audit?form=x", "", dispatcher).status, 400);
  EXPECT_EQ(f().request(verb::get, "/api/v1/audit?limit=0", "", dispatcher).body.find(id),
            std::string::npos);
}

Instant now_ms() {
  return Instant::from_unix_millis(std::chrono::duration_cast<std::chrono::milliseconds>(
                                       std::chrono::system_clock::now().time_since_epoch())
                                       .count());
}

// The same API with a case archive the test writes into directly, as the archive writer would.
class ArchivedAudit : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::random_device random;
    dir = new std::filesystem::path(std::filesystem::temp_directory_path() /
                                    ("caseflow-audit-" + std::to_string(random())));
    std::filesystem::create_directories(*dir);
    const archive::ArchiveLocation where{(*dir / "archive.db").string(), ""};
    auto opened = archive::open_archive(where);
    if (!opened) throw std::runtime_error(opened.error().message);
    writer = opened->release();
    HttpFixtureOptions options = test_options();
    options.archive = [where]() { return archive::open_archive(where); };
    fixture = new HttpFixture(options);
  }
  static void TearDownTestSuite() {
    delete fixture;
    fixture = nullptr;
    delete writer;
    std::error_code ignored;
    std::filesystem::remove_all(*dir, ignored);
    delete dir;
  }
  static HttpFixture& f() { return *fixture; }

  static void store(archive::Batch batch) {
    const Status applied = writer->apply(batch);
    ASSERT_TRUE(applied.ok()) << applied.error().message;
  }
  static archive::CaseRow closed_case(const std::string& id, const std::string& street,
                                      Instant reported) {
    archive::CaseRow r;
    r.id = id;
    r.seq = 9;
    r.status = "closed";
    r.workflow = "parking@1";
    r.stage = "grid";
    r.unit = "grid:G02";
    r.category = "parking.illegal";
    r.urgency = "normal";
    r.grid = "G01";
    r.community = "C1";
    r.street = street;
    r.reported_at = reported;
    r.closed_at = reported + Duration::days(2);
    r.outcome = "invalid";
    r.archived_at = reported + Duration::days(10);
    r.updated_at = reported + Duration::days(2);
    return r;
  }
  static archive::HistoryRow row(const std::string& id, uint64_t seq, Instant at, std::string type,
                                 std::string what, std::string unit,
                                 std::optional<std::string> actor, std::string note = "",
                                 std::string facts = "") {
    return archive::HistoryRow{.case_id = id,
                               .seq = seq,
                               .at = at,
                               .type = std::move(type),
                               .what = std::move(what),
                               .stage = "grid",
                               .unit = std::move(unit),
                               .note = std::move(note),
                               .facts = std::move(facts),
                               .actor = std::move(actor)};
  }
  // The audit's items about `id`, oldest last, as "<what> <unit> <from_unit> <reason> by <by>".
  static std::vector<std::string> entries_of(const json::object& body, const std::string& id) {
    std::vector<std::string> out;
    for (const auto& entry : body.at("items").as_array()) {
      const json::object& o = entry.as_object();
      if (o.at("case_id").as_string() != id) continue;
      const json::value* from = o.if_contains("from_unit");
      out.push_back(
          std::string(o.at("what").as_string()) + " " + std::string(o.at("unit").as_string()) +
          " " + (from ? std::string(from->as_string()) : "-") + " " +
          std::string(o.at("reason").as_string()) + " by " + std::string(o.at("by").as_string()));
    }
    return out;
  }
  static json::object audit(const std::string& target, const Headers& who) {
    const Reply r = f().request(verb::get, target, "", who);
    EXPECT_EQ(r.status, 200) << r.body;
    return json::parse(r.body).as_object();
  }

  static HttpFixture* fixture;
  static archive::ArchiveStore* writer;
  static std::filesystem::path* dir;
};
HttpFixture* ArchivedAudit::fixture = nullptr;
archive::ArchiveStore* ArchivedAudit::writer = nullptr;
std::filesystem::path* ArchivedAudit::dir = nullptr;

TEST_F(ArchivedAudit, ListsTheDecisionsOfArchivedCasesWithLiveOnesNewestFirstInScope) {
  const Instant t0 = now_ms() - Duration::days(20);
  const std::string invalid =
      R"({"invalid":{"unit":"community:C1","step":"confirmed","reason":"duplicate"}})";
  const std::string exemption =
      R"({"exemption":{"unit":"community:C1","step":"granted","reason":"road works"}})";
  // Routed to grid:G01, reassigned to grid:G02 by the dispatcher, an exemption granted to the
  // community, an invalid report confirmed; one decision archived before actors were kept.
  store({.cases = {closed_case("arch-1", "S1", t0)},
         .history = {
             row("arch-1", 1, t0, "updated", "dispatched", "grid:G01", "resident:open311"),
             row("arch-1", 2, t0 + Duration::hours(1), "updated", "dispatched", "grid:G02",
                 "dispatcher:desk", "assigned"),
             row("arch-1", 3, t0 + Duration::hours(2), "updated", "exemption_granted", "grid:G02",
                 "office:street:S1", "", exemption),
             row("arch-1", 4, t0 + Duration::hours(3), "updated", "extension_approved", "grid:G02",
                 std::nullopt),
             row("arch-1", 5, t0 + Duration::hours(4), "closed", "invalid", "grid:G02",
                 "office:street:S1", "", invalid),
         }});
  store({.cases = {closed_case("arch-2", "S2", t0)},
         .history = {row("arch-2", 1, t0 + Duration::hours(5), "updated", "extension_refused",
                         "grid:G02", "street:S2")}});
  // A live case reassigned by the dispatcher; the archive has its records too (the writer reads
  // every update): listed once, from the engine.
  std::string live;
  ASSERT_NO_FATAL_FAILURE(report_and_reassign(f(), live));
  const Headers dispatcher = HttpFixture::bearer(HttpFixture::kDispatcherToken);
  store({.history = {row(live, 50, now_ms(), "updated", "dispatched", "grid:G02", "dispatcher:desk",
                         "assigned")}});

  json::object body = audit("/api/v1/audit", dispatcher);
  EXPECT_EQ(body.at("archive"), "included");
  EXPECT_EQ(entries_of(body, live),
            std::vector<std::string>{"assigned grid:G02 grid:G01 reassigned by dispatcher:desk"});
  EXPECT_EQ(entries_of(body, "arch-1"),
            (std::vector<std::string>{
                "invalid_confirmed community:C1 - duplicate by office:street:S1",
                "extension_approved grid:G02 -  by ",
                "exemption_granted community:C1 -  by office:street:S1",
                "assigned grid:G02 grid:G01 reassigned by dispatcher:desk",
            }));
  EXPECT_EQ(entries_of(body, "arch-2"),
            std::vector<std::string>{"extension_refused grid:G02 -  by street:S2"});
  // Newest first across both sources: the live decision, then arch-2's, then arch-1's.
  const json::array& items = body.at("items").as_array();
  ASSERT_GE(items.size(), 6u);
  EXPECT_EQ(items.at(0).as_object().at("case_id").as_string(), live);
  EXPECT_EQ(items.at(1).as_object().at("case_id"), "arch-2");
  EXPECT_EQ(items.at(2).as_object().at("case_id"), "arch-1");
  EXPECT_EQ(items.at(2).as_object().at("stage"), "grid");
  const int64_t total = body.at("total").as_int64();
  EXPECT_EQ(total, static_cast<int64_t>(items.size()));

  // Paging and the time range run over both sources.
  body = audit("/api/v1/audit?offset=1&limit=1", dispatcher);
  ASSERT_EQ(body.at("items").as_array().size(), 1u);
  EXPECT_EQ(body.at("items").as_array().at(0).as_object().at("case_id"), "arch-2");
  EXPECT_EQ(body.at("total").as_int64(), total);
  const std::string range = "/api/v1/audit?to=" + format_rfc3339_utc(t0 + Duration::hours(3)) +
                            "&from=" + format_rfc3339_utc(t0 + Duration::hours(1));
  body = audit(range, dispatcher);
  EXPECT_EQ(entries_of(body, "arch-1"),
            (std::vector<std::string>{
                "exemption_granted community:C1 -  by office:street:S1",
                "assigned grid:G02 grid:G01 reassigned by dispatcher:desk",
            }));
  EXPECT_EQ(body.at("total").as_int64(), 2);

  // The same scope rules: a unit its own decisions (either side of a reassignment), an office
  // its street's cases.
  EXPECT_EQ(entries_of(audit("/api/v1/audit", HttpFixture::as_unit("grid:G01")), "arch-1"),
            std::vector<std::string>{"assigned grid:G02 grid:G01 reassigned by dispatcher:desk"});
  EXPECT_EQ(
      entries_of(audit("/api/v1/audit?unit=community:C1", HttpFixture::as_unit("community:C1")),
                 "arch-1"),
      (std::vector<std::string>{
          "invalid_confirmed community:C1 - duplicate by office:street:S1",
          "exemption_granted community:C1 -  by office:street:S1",
      }));
  EXPECT_TRUE(
      entries_of(audit("/api/v1/audit", HttpFixture::as_unit("grid:G03")), "arch-1").empty());
  const Headers s2 = HttpFixture::bearer(HttpFixture::office_token("street:S2"));
  EXPECT_TRUE(entries_of(audit("/api/v1/audit", s2), "arch-1").empty());
  EXPECT_EQ(entries_of(audit("/api/v1/audit", s2), "arch-2").size(), 1u);
}

TEST_F(ArchivedAudit, AnArchivedCasesHistoryShowsWhoActedWhenTheArchiveKnows) {
  const Instant t0 = now_ms() - Duration::days(30);
  store({.cases = {closed_case("arch-by", "S1", t0)},
         .history = {row("arch-by", 1, t0, "updated", "dispatched", "grid:G01", std::nullopt),
                     row("arch-by", 2, t0 + Duration::hours(1), "updated", "signed", "grid:G01",
                         "unit:grid:G01")}});
  const Reply r = f().get("/api/v1/cases/arch-by");
  ASSERT_EQ(r.status, 200) << r.body;
  const json::object c = json::parse(r.body).as_object();
  EXPECT_EQ(c.at("archived"), true);
  const json::array& history = c.at("history").as_array();
  ASSERT_EQ(history.size(), 2u);
  EXPECT_FALSE(history.at(0).as_object().contains("by")) << "archived before actors were kept";
  EXPECT_EQ(history.at(1).as_object().at("by"), "unit:grid:G01");
}

// An archive that cannot be opened: the view lists the live decisions and says the archive's are
// missing, rather than leaving them out silently or failing the whole view.
TEST(UnreadableArchiveAudit, ListsTheLiveDecisionsAndSaysTheArchiveIsUnavailable) {
  HttpFixtureOptions options = test_options();
  options.archive = []() -> Result<archive::ArchiveStorePtr> {
    return Error{"archive_open", "cannot open the archive: it is down"};
  };
  HttpFixture f(options);
  std::string id;
  ASSERT_NO_FATAL_FAILURE(report_and_reassign(f, id));
  const Headers dispatcher = HttpFixture::bearer(HttpFixture::kDispatcherToken);
  const Reply r = f.request(verb::get, "/api/v1/audit", "", dispatcher);
  ASSERT_EQ(r.status, 200) << r.body;
  const json::object body = json::parse(r.body).as_object();
  EXPECT_EQ(body.at("archive"), "unavailable");
  EXPECT_EQ(body.at("total").as_int64(), 1);
}

}  // namespace
}  // namespace caseflow::testing
