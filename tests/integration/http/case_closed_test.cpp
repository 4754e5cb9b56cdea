// A closed case as residents and admins read it: the admin API's closing time, outcome and
// rating, and the Open311 status_notes sentence — real HTTP against an in-process engine.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "tests/integration/http/http_fixture.h"

namespace caseflow::testing {
namespace {

namespace json = boost::json;
using boost::beast::http::verb;

const std::map<std::string, std::string> kForm = {
    {"Content-Type", "application/x-www-form-urlencoded"}};
[[maybe_unused]] const std::map<std::string, std::string> kAdmin = {
    {"Authorization", "Bearer s3cret"}, {"Content-Type", "application/json"}};

class ClosedCase : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { fixture = new HttpFixture(test_options()); }
  static void TearDownTestSuite() {
    delete fixture;
    fixture = nullptr;
  }
  static HttpFixture* fixture;
  HttpFixture& f() { return *fixture; }

  std::string report(const std::string& extra = "") {
    const Reply r = f().request(
        verb::post, "/open311/v2/requests.json",
        "api_key=k1&service_code=parking.illegal&attribute[grid_id]=G01" + extra, kForm);
    EXPECT_EQ(r.status, 200) << r.body;
    return std::string(
        json::parse(r.body).as_array().at(0).as_object().at("service_request_id").as_string());
  }
  // Posts a CloudEvent of `type` with `data` for case `id` (the admin events endpoint).
  void post(const std::string& id, const std::string& type, const std::string& data) {
    static int n = 0;
    const std::string body = R"({"specversion":"1.0","id":"closed-test-)" + std::to_string(++n) +
                             R"(","source":"/test","type":"caseflow.case.)" + type +
                             R"(","subject":")" + id + R"(","data":)" + data + "}";
    // The revisit staff rate, the dispatcher withdraws; grid:G01, which holds the case, does
    // the rest.
    auto headers = HttpFixture::bearer(type == "rated"       ? HttpFixture::kRevisitToken
                                       : type == "withdrawn" ? HttpFixture::kDispatcherToken
                                                             : HttpFixture::unit_token("grid:G01"));
    headers["Content-Type"] = "application/json";
    const Reply r = f().request(verb::post, "/api/v1/cases/" + id + "/events", body, headers);
    ASSERT_EQ(r.status, 202) << r.body;
  }
  // The case's admin JSON once its status is `status`.
  json::object case_when(const std::string& id, const std::string& status) {
    Reply r;
    EXPECT_TRUE(HttpFixture::eventually([&] {
      r = f().get("/api/v1/cases/" + id);
      return r.status == 200 && r.body.find(R"("status":")" + status + "\"") != std::string::npos;
    })) << r.body;
    return json::parse(r.body).as_object();
  }
};
HttpFixture* ClosedCase::fixture = nullptr;

TEST_F(ClosedCase, ShowsItsOutcomeRatingAndClosingTimeInBothApis) {
  const std::string id = report();
  json::object open = case_when(id, "dispatched");
  EXPECT_TRUE(open.at("closed_at").is_null());
  EXPECT_TRUE(open.at("outcome").is_null());
  EXPECT_TRUE(open.at("rating").is_null());

  post(id, "signed", R"({"unit":"grid:G01"})");
  post(id, "resolved", R"({"note":"car moved"})");
  case_when(id, "resolved");
  post(id, "rated", R"({"solved":"solved","satisfaction":"satisfied"})");
  const json::object c = case_when(id, "closed");

  EXPECT_EQ(c.at("outcome"), "rated");
  const std::string closed_at(c.at("closed_at").as_string());
  EXPECT_EQ(closed_at.substr(closed_at.size() - 6), "+08:00") << closed_at;  // Asia/Shanghai
  const json::object& rating = c.at("rating").as_object();
  EXPECT_EQ(rating.at("solved"), "solved");
  EXPECT_EQ(rating.at("satisfaction"), "satisfied");
  EXPECT_EQ(rating.at("rated_at"), closed_at.c_str());  // the rating closed it

  const Reply r = f().get("/open311/v2/requests/" + id + ".json");
  ASSERT_EQ(r.status, 200);
  const json::object req = json::parse(r.body).as_array().at(0).as_object();
  EXPECT_EQ(req.at("status"), "closed");
  EXPECT_EQ(req.at("status_notes"),
            ("closed: solved, satisfied (rated " + closed_at + ")").c_str());
}

TEST_F(ClosedCase, APartlySolvedCaseSaysSoInWords) {
  const std::string id = report();
  case_when(id, "dispatched");
  post(id, "signed", "{}");
  post(id, "resolved", "{}");
  case_when(id, "resolved");
  post(id, "rated", R"({"solved":"partly","satisfaction":"no_answer"})");
  const json::object c = case_when(id, "closed");
  EXPECT_EQ(c.at("rating").as_object().at("solved"), "partly");
  EXPECT_EQ(c.at("rating").as_object().at("satisfaction"), "no_answer");

  const Reply r = f().get("/open311/v2/requests/" + id + ".json");
  const std::string notes(
      json::parse(r.body).as_array().at(0).as_object().at("status_notes").as_string());
  EXPECT_EQ(notes.rfind("closed: partly, no answer (rated ", 0), 0u) << notes;
}

TEST_F(ClosedCase, AWithdrawnCaseHasAClosingTimeAndNoRating) {
  const std::string id = report();
  case_when(id, "dispatched");
  post(id, "withdrawn", R"({"reason":"solved itself"})");
  const json::object c = case_when(id, "withdrawn");
  EXPECT_EQ(c.at("outcome"), "withdrawn");
  EXPECT_TRUE(c.at("closed_at").is_string());
  EXPECT_TRUE(c.at("rating").is_null());
}

// The resident's phone (先行联系, 回访): shown only to the unit holding the case and to the
// revisit staff, each showing in the history and the audit view, and gone once the rating ends
// the revisit window.
TEST_F(ClosedCase, TheResidentsPhoneIsForThoseWhoCallThemAndGoesWhenTheCaseCloses) {
  const std::string id = report("&phone=138-1234-5678");
  const json::object open = case_when(id, "dispatched");
  EXPECT_EQ(open.at("reporter"), "138****5678");
  EXPECT_EQ(open.at("phone_held"), true);
  const std::string path = "/api/v1/cases/" + id + "/phone";

  EXPECT_EQ(f().get_anonymous(path).status, 401);
  for (const std::string& token :
       {std::string(HttpFixture::kViewerToken), std::string(HttpFixture::kDispatcherToken),
        std::string(HttpFixture::kAdminToken), HttpFixture::unit_token("grid:G02"),
        HttpFixture::office_token("street:S1")}) {
    const Reply refused = f().request(verb::get, path, "", HttpFixture::bearer(token));
    EXPECT_EQ(refused.status, 403) << token << ": " << refused.body;
    EXPECT_EQ(refused.body.find("5678"), std::string::npos) << refused.body;
  }

  const Reply shown = f().request(verb::get, path, "", HttpFixture::as_unit("grid:G01"));
  ASSERT_EQ(shown.status, 200) << shown.body;
  EXPECT_EQ(shown.headers.at("cache-control"), "no-store");
  const json::object phone = json::parse(shown.body).as_object();
  EXPECT_EQ(phone.at("case"), id.c_str());
  EXPECT_EQ(phone.at("phone"), "138-1234-5678");  // as the resident gave it
  EXPECT_EQ(
      f().request(verb::get, path, "", HttpFixture::bearer(HttpFixture::kRevisitToken)).status,
      200);

  // Both showings are in the history with who saw them, and in the audit view.
  json::object c;
  ASSERT_TRUE(HttpFixture::eventually([&] {
    c = json::parse(f().get("/api/v1/cases/" + id).body).as_object();
    int shown_to = 0;
    for (const auto& h : c.at("history").as_array())
      if (h.at("what") == "phone_revealed") ++shown_to;
    return shown_to == 2;
  })) << json::serialize(c);
  std::vector<std::string> by;
  for (const auto& h : c.at("history").as_array())
    if (h.at("what") == "phone_revealed") by.emplace_back(h.at("by").as_string());
  EXPECT_EQ(by, (std::vector<std::string>{"unit:grid:G01", "revisit:revisit"}));
  const Reply audit =
      f().request(verb::get, "/api/v1/audit", "", HttpFixture::bearer(HttpFixture::kAdminToken));
  ASSERT_EQ(audit.status, 200) << audit.body;
  size_t listed = 0;
  const json::value items = json::parse(audit.body);
  for (const auto& item : items.at("items").as_array())
    if (item.at("case_id") == id.c_str() && item.at("what") == "phone_revealed") ++listed;
  EXPECT_EQ(listed, 2u) << audit.body;

  post(id, "signed", "{}");
  post(id, "resolved", R"({"note":"car moved"})");
  case_when(id, "resolved");
  // Waiting for the revisit: the revisit staff still call.
  EXPECT_EQ(
      f().request(verb::get, path, "", HttpFixture::bearer(HttpFixture::kRevisitToken)).status,
      200);
  post(id, "rated", R"({"solved":"solved","satisfaction":"satisfied"})");
  const json::object closed = case_when(id, "closed");
  EXPECT_EQ(closed.if_contains("phone_held"), nullptr);
  const Reply gone =
      f().request(verb::get, path, "", HttpFixture::bearer(HttpFixture::kRevisitToken));
  EXPECT_EQ(gone.status, 404);
  EXPECT_NE(gone.body.find(R"("code":"no_phone")"), std::string::npos) << gone.body;
}

TEST_F(ClosedCase, AnAnonymousReportHasNoPhoneToShow) {
  const std::string id = report();
  EXPECT_EQ(case_when(id, "dispatched").if_contains("phone_held"), nullptr);
  const Reply r = f().request(verb::get, "/api/v1/cases/" + id + "/phone", "",
                              HttpFixture::as_unit("grid:G01"));
  EXPECT_EQ(r.status, 404);
  EXPECT_NE(r.body.find(R"("code":"no_phone")"), std::string::npos) << r.body;
}

}  // namespace
}  // namespace caseflow::testing
