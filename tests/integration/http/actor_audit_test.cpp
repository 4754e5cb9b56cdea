// Who did what over HTTP: an event's actor is the caller's credential, never what the body says
// (the case's history shows it as "by"), and the audit view lists the dispatcher's reassignment
// with the dispatcher as its actor, to those whose scope covers it.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <map>
#include <string>

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
            R"({"items":[],"count":0,"total":0})");
  EXPECT_EQ(f().request(verb::get, "/api/v1/audit?form=x", "", dispatcher).status, 400);
  EXPECT_EQ(f().request(verb::get, "/api/v1/audit?limit=0", "", dispatcher).body.find(id),
            std::string::npos);
}

}  // namespace
}  // namespace caseflow::testing
