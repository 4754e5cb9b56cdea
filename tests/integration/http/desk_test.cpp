// What a console needs to choose its pages and the dispatcher's desk, over real HTTP against a
// real engine: GET /api/v1/whoami for each kind of credential, the unit directory to search
// (GET /api/v1/units), and the queue (GET /api/v1/queue) filling when a unit returns a case
// without saying where it belongs and emptying when the dispatcher assigns it; likewise an
// application to leave the assessment until the dispatcher decides it.
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
using F = HttpFixture;

Headers with_json(Headers h) {
  h["Content-Type"] = "application/json";
  return h;
}

std::string event(const std::string& id, const std::string& type, const std::string& data) {
  static int n = 0;
  return R"({"specversion":"1.0","id":"desk-)" + std::to_string(++n) +
         R"(","source":"/test","type":"caseflow.case.)" + type + R"(","subject":")" + id +
         R"(","data":)" + data + "}";
}

class Desk : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { fixture = new HttpFixture(test_options()); }
  static void TearDownTestSuite() {
    delete fixture;
    fixture = nullptr;
  }
  static HttpFixture& f() { return *fixture; }

  static json::object get_json(const std::string& target, const Headers& who) {
    const Reply r = f().request(verb::get, target, "", who);
    EXPECT_EQ(r.status, 200) << target << ": " << r.body;
    return r.status == 200 ? json::parse(r.body).as_object() : json::object{};
  }
  static int post(const std::string& id, const std::string& type, const std::string& data,
                  const Headers& who) {
    return f()
        .request(verb::post, "/api/v1/cases/" + id + "/events", event(id, type, data),
                 with_json(who))
        .status;
  }
  static std::string report_at_g01() {
    const Reply r = f().request(verb::post, "/open311/v2/requests.json",
                                "api_key=k1&service_code=parking.illegal&attribute[grid_id]=G01",
                                {{"Content-Type", "application/x-www-form-urlencoded"}});
    std::string id(
        json::parse(r.body).as_array().at(0).as_object().at("service_request_id").as_string());
    EXPECT_TRUE(F::eventually([&] {
      return f().get("/api/v1/cases/" + id).body.find(R"("status":"dispatched")") !=
             std::string::npos;
    }));
    return id;
  }
  // The queue's items for case `id`, as the dispatcher reads them.
  static json::array queued(const std::string& id) {
    json::array out;
    const json::object q = get_json("/api/v1/queue", F::bearer(F::kDispatcherToken));
    for (const auto& item : q.at("items").as_array()) {
      if (item.as_object().at("case").as_string() == id) out.push_back(item);
    }
    return out;
  }

  static HttpFixture* fixture;
};
HttpFixture* Desk::fixture = nullptr;

TEST_F(Desk, WhoamiSaysTheRoleTheUnitAndWhatTheCallerMay) {
  const json::object unit = get_json("/api/v1/whoami", F::as_unit("grid:G01"));
  EXPECT_EQ(unit.at("role").as_string(), "unit");
  EXPECT_EQ(unit.at("unit").as_string(), "grid:G01");
  EXPECT_TRUE(unit.at("office").is_null());
  EXPECT_FALSE(unit.at("name").as_string().empty());
  EXPECT_EQ(json::serialize(unit.at("may")), R"(["act"])");

  const json::object office = get_json("/api/v1/whoami", F::bearer(F::office_token("street:S1")));
  EXPECT_EQ(office.at("role").as_string(), "office");
  EXPECT_EQ(office.at("unit").as_string(), "street:S1");
  EXPECT_EQ(office.at("office").as_string(), "street:S1");

  const json::object dispatcher = get_json("/api/v1/whoami", F::bearer(F::kDispatcherToken));
  EXPECT_EQ(dispatcher.at("role").as_string(), "dispatcher");
  EXPECT_TRUE(dispatcher.at("unit").is_null());
  EXPECT_EQ(json::serialize(dispatcher.at("may")), R"(["dispatch","read_all","assess","desk"])");

  const json::object admin = get_json("/api/v1/whoami", F::bearer(F::kAdminToken));
  EXPECT_EQ(json::serialize(admin.at("may")), R"(["administer","read_all","assess","desk"])");

  const Reply nobody = f().get_anonymous("/api/v1/whoami");
  EXPECT_EQ(nobody.status, 401);
  EXPECT_NE(nobody.body.find(R"("code":"no_credential")"), std::string::npos) << nobody.body;
  EXPECT_EQ(f().request(verb::get, "/api/v1/whoami", "", F::bearer("nope")).status, 401);
  EXPECT_EQ(f().request(verb::post, "/api/v1/whoami", "", F::bearer(F::kViewerToken)).status, 405);
}

TEST_F(Desk, TheUnitDirectoryIsSearchedByIdOrName) {
  const Headers viewer = F::bearer(F::kViewerToken);
  const json::object grids = get_json("/api/v1/units?q=g0", viewer);
  bool g01 = false;
  for (const auto& u : grids.at("units").as_array()) {
    const auto& o = u.as_object();
    if (o.at("id").as_string() == "grid:G01") {
      g01 = o.at("level").as_string() == "grid" && o.at("place").as_string() == "G01";
    }
  }
  EXPECT_TRUE(g01) << json::serialize(grids);

  // A department by its name; a named unit by a word of its name, whatever the case.
  const json::object transport = get_json("/api/v1/units?q=Transport%20Bureau", viewer);
  ASSERT_EQ(transport.at("count").as_int64(), 1) << json::serialize(transport);
  EXPECT_EQ(transport.at("units").as_array()[0].as_object().at("id").as_string(),
            "department:transport");
  const json::object desk = get_json("/api/v1/units?q=HOTLINE", viewer);
  ASSERT_EQ(desk.at("count").as_int64(), 1) << json::serialize(desk);
  EXPECT_EQ(desk.at("units").as_array()[0].as_object().at("id").as_string(), "dispatcher");

  const json::object one = get_json("/api/v1/units?limit=1", viewer);
  EXPECT_EQ(one.at("count").as_int64(), 1);
  EXPECT_GT(one.at("total").as_int64(), 5);
  EXPECT_EQ(get_json("/api/v1/units?q=nothing-like-it", viewer).at("total").as_int64(), 0);

  EXPECT_EQ(f().request(verb::get, "/api/v1/units?qq=x", "", viewer).status, 400);
  EXPECT_EQ(f().request(verb::get, "/api/v1/units?limit=0", "", viewer).status, 400);
  const Reply unit = f().request(verb::get, "/api/v1/units", "", F::as_unit("grid:G01"));
  EXPECT_EQ(unit.status, 403);
  EXPECT_NE(unit.body.find(R"("code":"wrong_role")"), std::string::npos) << unit.body;
  EXPECT_EQ(f().get_anonymous("/api/v1/units").status, 401);
}

TEST_F(Desk, AReturnedCaseWaitsInTheQueueUntilTheDispatcherAssignsIt) {
  const std::string id = report_at_g01();
  EXPECT_TRUE(queued(id).empty());
  // Returned without a place or a unit: it goes to the dispatcher.
  ASSERT_EQ(post(id, "returned", R"({"reason":"not a parking matter"})", F::as_unit("grid:G01")),
            202);
  ASSERT_TRUE(F::eventually([&] { return !queued(id).empty(); }));
  const json::object item = queued(id)[0].as_object();
  EXPECT_EQ(item.at("kind").as_string(), "unrouted");
  EXPECT_EQ(item.at("reason").as_string(), "returned");
  EXPECT_EQ(item.at("unit").as_string(), "grid:G01");
  EXPECT_EQ(item.at("stage").as_string(), "grid");
  EXPECT_EQ(item.at("status").as_string(), "received");
  EXPECT_FALSE(item.at("since").as_string().empty());

  // Units and offices work from their own cases: the queue is not theirs.
  EXPECT_EQ(f().request(verb::get, "/api/v1/queue", "", F::as_unit("grid:G01")).status, 403);
  EXPECT_EQ(f().request(verb::get, "/api/v1/queue", "", F::bearer(F::kViewerToken)).status, 200);
  EXPECT_EQ(f().request(verb::get, "/api/v1/queue?x=1", "", F::bearer(F::kViewerToken)).status,
            400);

  ASSERT_EQ(post(id, "assigned", R"({"unit":"grid:G02"})", F::bearer(F::kDispatcherToken)), 202);
  ASSERT_TRUE(F::eventually([&] { return queued(id).empty(); }));
  const json::object c = get_json("/api/v1/cases/" + id, F::bearer(F::kViewerToken));
  EXPECT_EQ(c.at("status").as_string(), "dispatched");
  EXPECT_EQ(c.at("unit").as_string(), "grid:G02");
}

TEST_F(Desk, AnApplicationWaitsInTheQueueUntilItIsDecided) {
  const std::string id = report_at_g01();
  ASSERT_EQ(post(id, "exemption_requested", R"({"reason":"road works"})", F::as_unit("grid:G01")),
            202);
  ASSERT_TRUE(F::eventually([&] { return !queued(id).empty(); }));
  const json::object item = queued(id)[0].as_object();
  EXPECT_EQ(item.at("kind").as_string(), "exemption");
  EXPECT_EQ(item.at("unit").as_string(), "grid:G01");
  EXPECT_EQ(item.at("approver").as_string(), "dispatcher");
  ASSERT_EQ(post(id, "exemption_decided", R"({"approved":false,"applicant":"grid:G01"})",
                 F::bearer(F::kDispatcherToken)),
            202);
  EXPECT_TRUE(F::eventually([&] { return queued(id).empty(); }));
}

}  // namespace
}  // namespace caseflow::testing
