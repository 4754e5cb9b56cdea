// Who may do what over HTTP (docs/security.md), against a real engine: a table of principal x
// endpoint -> status, the acting unit taken from the credential, decisions from the approver
// only, every refusal counted in caseflow_http_denied_total, and JWTs end to end.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <map>
#include <string>
#include <vector>

#include "tests/integration/http/http_fixture.h"
#include "tests/unit/connectors/http/auth/test_keys.h"

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

std::string event(const std::string& id, const std::string& type, const std::string& data) {
  static int n = 0;
  return R"({"specversion":"1.0","id":"access-)" + std::to_string(++n) +
         R"(","source":"/test","type":"caseflow.case.)" + type + R"(","subject":")" + id +
         R"(","data":)" + data + "}";
}

// The value of caseflow_http_denied_total{reason} in a /metrics text (0 when absent).
double denied(const std::string& metrics, const std::string& reason) {
  const std::string series = "caseflow_http_denied_total{reason=\"" + reason + "\"} ";
  const size_t at = metrics.find(series);
  return at == std::string::npos ? 0 : std::stod(metrics.substr(at + series.size()));
}

class Access : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    fixture = new HttpFixture(test_options());
    // One case at grid G01 (community C1, street S1), reported with the resident's phone.
    const Reply r = fixture->request(
        verb::post, "/open311/v2/requests.json",
        "api_key=k1&service_code=parking.illegal&attribute[grid_id]=G01&phone=13812345678", kForm);
    case_id = new std::string(
        json::parse(r.body).as_array().at(0).as_object().at("service_request_id").as_string());
    EXPECT_TRUE(HttpFixture::eventually(
        [] { return fixture->get("/api/v1/cases/" + *case_id).status == 200; }));
  }
  static void TearDownTestSuite() {
    delete fixture;
    delete case_id;
    fixture = nullptr;
  }
  static HttpFixture& f() { return *fixture; }
  static const std::string& id() { return *case_id; }

  // Waits until the case's JSON contains `text`.
  static bool case_shows(const std::string& text) {
    return HttpFixture::eventually(
        [&] { return f().get("/api/v1/cases/" + id()).body.find(text) != std::string::npos; });
  }

  static HttpFixture* fixture;
  static std::string* case_id;
};
HttpFixture* Access::fixture = nullptr;
std::string* Access::case_id = nullptr;

struct Who {
  std::string name;
  Headers headers;
};

std::vector<Who> principals() {
  using F = HttpFixture;
  return {
      {"nobody", {}},
      {"bad token", F::bearer("not-a-token")},
      {"admin", F::bearer(F::kAdminToken)},
      {"viewer", F::bearer(F::kViewerToken)},
      {"dispatcher", F::bearer(F::kDispatcherToken)},
      {"revisit", F::bearer(F::kRevisitToken)},
      {"unit G01", F::as_unit("grid:G01")},
      {"unit G02", F::as_unit("grid:G02")},
      {"office street S1", F::bearer(F::office_token("street:S1"))},
      {"office street S2", F::bearer(F::office_token("street:S2"))},
      {"office community C1", F::bearer(F::office_token("community:C1"))},
      {"office community C2", F::bearer(F::office_token("community:C2"))},
  };
}

struct Endpoint {
  std::string name;
  verb method;
  std::string target;  // {id}: the case
  std::string body;
};

std::vector<Endpoint> endpoints() {
  return {
      {"read case", verb::get, "/api/v1/cases/{id}", ""},
      {"list", verb::get, "/api/v1/cases?limit=1000", ""},
      {"overview", verb::get, "/api/v1/overview", ""},
      {"map", verb::get, "/api/v1/city/grids", ""},
      {"phone", verb::get, "/api/v1/cases/{id}/phone", ""},
      {"workflows", verb::get, "/api/v1/workflows", ""},
      {"contract", verb::get, "/api/v1/asyncapi.yaml", ""},
      // No archive in this fixture: an allowed assessment read answers 503.
      {"assessment", verb::get, "/api/v1/assessment?period=2026-11", ""},
      {"validate", verb::post, "/api/v1/workflows/validate", "workflow: x"},
      {"progress", verb::post, "/api/v1/cases/{id}/events", "progress"},
      {"assign", verb::post, "/api/v1/cases/{id}/events", "assigned"},
      {"rate", verb::post, "/api/v1/cases/{id}/events", "rated-none"},
      {"open311 read", verb::get, "/open311/v2/requests/{id}.json", ""},
      {"healthz", verb::get, "/healthz", ""},
      {"metrics", verb::get, "/metrics", ""},
  };
}

// principal -> endpoint -> status. "list" and "overview" answer 200 to every principal; their
// rows say whether the case is among the cases listed or counted at its grid (200 = it is, 204 =
// answered without it). The map of the city's grids is no secret, but not anonymous either. The
// resident's phone is for the unit holding the case and the revisit staff only.
const std::map<std::string, std::map<std::string, int>> kExpected = {
    // clang-format off
    {"nobody",              {{"read case", 401}, {"list", 401}, {"overview", 401}, {"map", 401},
                             {"phone", 401},
                             {"workflows", 401}, {"contract", 401},
                             {"assessment", 401}, {"validate", 401}, {"progress", 401},
                             {"assign", 401}, {"rate", 401}, {"open311 read", 200},
                             {"healthz", 200}, {"metrics", 200}}},
    {"bad token",           {{"read case", 401}, {"list", 401}, {"overview", 401}, {"map", 401},
                             {"phone", 401},
                             {"workflows", 401}, {"contract", 401},
                             {"assessment", 401}, {"validate", 401}, {"progress", 401},
                             {"assign", 401}, {"rate", 401}, {"open311 read", 200},
                             {"healthz", 200}, {"metrics", 200}}},
    {"admin",               {{"read case", 200}, {"list", 200}, {"overview", 200}, {"map", 200},
                             {"phone", 403},
                             {"workflows", 200}, {"contract", 200},
                             {"assessment", 503}, {"validate", 422}, {"progress", 403},
                             {"assign", 403}, {"rate", 403}, {"open311 read", 200},
                             {"healthz", 200}, {"metrics", 200}}},
    {"viewer",              {{"read case", 200}, {"list", 200}, {"overview", 200}, {"map", 200},
                             {"phone", 403},
                             {"workflows", 200}, {"contract", 200},
                             {"assessment", 503}, {"validate", 403}, {"progress", 403},
                             {"assign", 403}, {"rate", 403}, {"open311 read", 200},
                             {"healthz", 200}, {"metrics", 200}}},
    {"dispatcher",          {{"read case", 200}, {"list", 200}, {"overview", 200}, {"map", 200},
                             {"phone", 403},
                             {"workflows", 200}, {"contract", 200},
                             {"assessment", 503}, {"validate", 403}, {"progress", 403},
                             {"assign", 202}, {"rate", 403}, {"open311 read", 200},
                             {"healthz", 200}, {"metrics", 200}}},
    {"revisit",             {{"read case", 200}, {"list", 200}, {"overview", 200}, {"map", 200},
                             {"phone", 200},
                             {"workflows", 200}, {"contract", 200},
                             {"assessment", 403}, {"validate", 403}, {"progress", 403},
                             {"assign", 403}, {"rate", 202}, {"open311 read", 200},
                             {"healthz", 200}, {"metrics", 200}}},
    {"unit G01",            {{"read case", 200}, {"list", 200}, {"overview", 200}, {"map", 200},
                             {"phone", 200},
                             {"workflows", 200}, {"contract", 200},
                             {"assessment", 403}, {"validate", 403}, {"progress", 202},
                             {"assign", 403}, {"rate", 403}, {"open311 read", 200},
                             {"healthz", 200}, {"metrics", 200}}},
    {"unit G02",            {{"read case", 403}, {"list", 204}, {"overview", 204}, {"map", 200},
                             {"phone", 403},
                             {"workflows", 200}, {"contract", 200},
                             {"assessment", 403}, {"validate", 403}, {"progress", 202},
                             {"assign", 403}, {"rate", 403}, {"open311 read", 200},
                             {"healthz", 200}, {"metrics", 200}}},
    {"office street S1",    {{"read case", 200}, {"list", 200}, {"overview", 200}, {"map", 200},
                             {"phone", 403},
                             {"workflows", 200}, {"contract", 200},
                             {"assessment", 503}, {"validate", 403}, {"progress", 202},
                             {"assign", 403}, {"rate", 403}, {"open311 read", 200},
                             {"healthz", 200}, {"metrics", 200}}},
    {"office street S2",    {{"read case", 403}, {"list", 204}, {"overview", 204}, {"map", 200},
                             {"phone", 403},
                             {"workflows", 200}, {"contract", 200},
                             {"assessment", 503}, {"validate", 403}, {"progress", 202},
                             {"assign", 403}, {"rate", 403}, {"open311 read", 200},
                             {"healthz", 200}, {"metrics", 200}}},
    {"office community C1", {{"read case", 200}, {"list", 200}, {"overview", 200}, {"map", 200},
                             {"phone", 403},
                             {"workflows", 200}, {"contract", 200},
                             {"assessment", 503}, {"validate", 403}, {"progress", 202},
                             {"assign", 403}, {"rate", 403}, {"open311 read", 200},
                             {"healthz", 200}, {"metrics", 200}}},
    {"office community C2", {{"read case", 403}, {"list", 204}, {"overview", 204}, {"map", 200},
                             {"phone", 403},
                             {"workflows", 200}, {"contract", 200},
                             {"assessment", 503}, {"validate", 403}, {"progress", 202},
                             {"assign", 403}, {"rate", 403}, {"open311 read", 200},
                             {"healthz", 200}, {"metrics", 200}}},
    // clang-format on
};

TEST_F(Access, EachPrincipalGetsWhatItsRoleAndScopeAllow) {
  for (const Who& who : principals()) {
    for (const Endpoint& e : endpoints()) {
      std::string target = e.target;
      if (const auto at = target.find("{id}"); at != std::string::npos) {
        target.replace(at, 4, id());
      }
      std::string body = e.body;
      // Events that the engine will judge on its own (a unit progressing a case it does not
      // hold goes to the DLQ): the table is about who may post them at all.
      if (body == "progress") body = event(id(), "progress", R"({"note":"on it"})");
      if (body == "assigned") body = event(id(), "assigned", R"({"unit":"grid:G01"})");
      if (body == "rated-none") {
        body = event(id(), "rated", R"({"solved":"solved","satisfaction":"satisfied"})");
      }
      Headers headers = who.headers;
      if (e.method == verb::post) headers["Content-Type"] = "application/json";
      const Reply r = f().request(e.method, target, body, headers);
      int status = r.status;
      if (e.name == "list" && status == 200) {
        status = r.body.find("\"" + id() + "\"") != std::string::npos ? 200 : 204;
      }
      if (e.name == "overview" && status == 200) {
        status = r.body.find(R"(["G01",1,)") != std::string::npos ? 200 : 204;
      }
      const int expected = kExpected.at(who.name).at(e.name);
      EXPECT_EQ(status, expected) << who.name << " x " << e.name << ": " << r.body.substr(0, 300);
      if (expected == 401) {
        EXPECT_EQ(r.headers.count("www-authenticate"), 1u) << who.name << " x " << e.name;
      }
      if (expected == 401 || expected == 403) {
        EXPECT_NE(r.body.find(R"({"error":{"code":")"), std::string::npos) << r.body;
      }
    }
  }
}

TEST_F(Access, AUnitActsOnlyAsItselfAndEveryRefusalIsCounted) {
  const std::string before = f().get("/metrics").body;
  // grid:G02's credential with a body speaking for grid:G01.
  Reply r = f().request(verb::post, "/api/v1/cases/" + id() + "/events",
                        event(id(), "signed", R"({"unit":"grid:G01"})"),
                        with_json(HttpFixture::as_unit("grid:G02")));
  EXPECT_EQ(r.status, 403);
  EXPECT_NE(r.body.find(R"("code":"acting_for_other_unit")"), std::string::npos) << r.body;
  // A unit's out-of-scope read, a missing credential, a bad one.
  EXPECT_EQ(
      f().request(verb::get, "/api/v1/cases/" + id(), "", HttpFixture::as_unit("grid:G03")).status,
      403);
  EXPECT_EQ(f().get_anonymous("/api/v1/cases").status, 401);
  EXPECT_EQ(f().request(verb::get, "/api/v1/cases", "", HttpFixture::bearer("nope")).status, 401);
  const std::string after = f().get("/metrics").body;
  EXPECT_EQ(denied(after, "acting_for_other_unit"), denied(before, "acting_for_other_unit") + 1)
      << after;
  EXPECT_EQ(denied(after, "out_of_scope"), denied(before, "out_of_scope") + 1);
  EXPECT_EQ(denied(after, "no_credential"), denied(before, "no_credential") + 1);
  EXPECT_EQ(denied(after, "bad_credential"), denied(before, "bad_credential") + 1);
  EXPECT_NE(after.find("# TYPE caseflow_http_denied_total counter"), std::string::npos);

  // With no unit in the body, the credential's unit is written in: grid:G01 signs.
  r = f().request(verb::post, "/api/v1/cases/" + id() + "/events", event(id(), "signed", "{}"),
                  with_json(HttpFixture::as_unit("grid:G01")));
  ASSERT_EQ(r.status, 202) << r.body;
  EXPECT_TRUE(case_shows(R"("what":"signed","stage":"grid","unit":"grid:G01")"))
      << f().get("/api/v1/cases/" + id()).body;
}

TEST_F(Access, ADecisionComesFromTheApproverNotFromTheUnitThatAsked) {
  // grid:G01 holds the case and applies to leave the assessment for it; the workflow names no
  // approver, so the dispatcher decides.
  Reply r = f().request(verb::post, "/api/v1/cases/" + id() + "/events",
                        event(id(), "exemption_requested", R"({"reason":"road works"})"),
                        with_json(HttpFixture::as_unit("grid:G01")));
  ASSERT_EQ(r.status, 202) << r.body;
  ASSERT_TRUE(case_shows(R"("what":"exemption_requested")"))
      << f().get("/api/v1/cases/" + id()).body;
  const std::string decision = event(id(), "exemption_decided", R"({"approved":true})");
  r = f().request(verb::post, "/api/v1/cases/" + id() + "/events", decision,
                  with_json(HttpFixture::as_unit("grid:G01")));
  EXPECT_EQ(r.status, 403);
  EXPECT_NE(r.body.find(R"("code":"self_approval")"), std::string::npos) << r.body;
  r = f().request(verb::post, "/api/v1/cases/" + id() + "/events", decision,
                  with_json(HttpFixture::bearer(HttpFixture::office_token("community:C1"))));
  EXPECT_EQ(r.status, 403);
  EXPECT_NE(r.body.find(R"("code":"not_approver")"), std::string::npos) << r.body;
  r = f().request(verb::post, "/api/v1/cases/" + id() + "/events", decision,
                  with_json(HttpFixture::bearer(HttpFixture::kDispatcherToken)));
  EXPECT_EQ(r.status, 202) << r.body;
  EXPECT_TRUE(case_shows(R"("what":"exemption_granted")")) << f().get("/api/v1/cases/" + id()).body;
}

TEST(AccessJwt, ASignedTokenCarriesTheUnitAndExpires) {
  const TestKey key("ES256");
  auto verifier = http::auth::JwtVerifier::from_pem({key.public_pem()}, {});
  ASSERT_TRUE(verifier) << verifier.error().message;
  auto tokens = http::auth::StaticTokens::create(test_tokens());
  ASSERT_TRUE(tokens);
  HttpFixtureOptions options = test_options();
  options.api.authenticator =
      std::make_shared<const http::auth::Authenticator>(std::move(*tokens), std::move(*verifier));
  HttpFixture f(options);
  const Reply created =
      f.request(verb::post, "/open311/v2/requests.json",
                "api_key=k1&service_code=parking.illegal&attribute[grid_id]=G01", kForm);
  const std::string id(
      json::parse(created.body).as_array().at(0).as_object().at("service_request_id").as_string());
  ASSERT_TRUE(HttpFixture::eventually([&] { return f.get("/api/v1/cases/" + id).status == 200; }));

  const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
  auto jwt = [&](const std::string& unit, int64_t exp) {
    return HttpFixture::bearer(key.sign(R"({"sub":"sso-user","role":"unit","unit":")" + unit +
                                        R"(","exp":)" + std::to_string(exp) + "}"));
  };
  EXPECT_EQ(f.request(verb::get, "/api/v1/cases/" + id, "", jwt("grid:G01", now + 300)).status,
            200);
  EXPECT_EQ(f.request(verb::get, "/api/v1/cases/" + id, "", jwt("grid:G02", now + 300)).status,
            403);
  const Reply expired = f.request(verb::get, "/api/v1/cases/" + id, "", jwt("grid:G01", now - 600));
  EXPECT_EQ(expired.status, 401);
  EXPECT_NE(expired.body.find(R"("code":"expired")"), std::string::npos) << expired.body;
  // Signed by a key the engine does not know.
  const TestKey stranger("ES256");
  const Reply forged =
      f.request(verb::get, "/api/v1/cases/" + id, "",
                HttpFixture::bearer(
                    stranger.sign(R"({"role":"admin","exp":)" + std::to_string(now + 300) + "}")));
  EXPECT_EQ(forged.status, 401);
  EXPECT_NE(forged.body.find(R"("code":"bad_credential")"), std::string::npos) << forged.body;
}

}  // namespace
}  // namespace caseflow::testing
