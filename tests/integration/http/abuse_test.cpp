// The HTTP API under abuse, against an in-process engine: malformed bodies on Open311 intake and
// the JSON API are each answered with an error of the right 4xx status while the server keeps
// serving, and repeated wrong credentials from one address are slowed down with 429 and
// Retry-After — for that address only, and never on /healthz, /readyz and /metrics.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <string>
#include <vector>

#include "tests/integration/http/http_fixture.h"

namespace caseflow::testing {
namespace {

namespace json = boost::json;
using boost::beast::http::verb;
using Headers = std::map<std::string, std::string>;

const Headers kForm = {{"Content-Type", "application/x-www-form-urlencoded"}};
const Headers kJsonType = {{"Content-Type", "application/json"}};
const std::string kReport = "/open311/v2/requests.json";
const std::string kValidForm = "api_key=k1&service_code=parking.illegal&attribute[grid_id]=G01";

// The value of caseflow_http_denied_total{reason} in a /metrics text (0 when absent).
double denied(const std::string& metrics, const std::string& reason) {
  const std::string series = "caseflow_http_denied_total{reason=\"" + reason + "\"} ";
  const size_t at = metrics.find(series);
  return at == std::string::npos ? 0 : std::stod(metrics.substr(at + series.size()));
}

class HttpAbuse : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    HttpFixtureOptions options = test_options();
    // Three wrong credentials within a minute lock an address out for a minute (the default is
    // ten; fewer keep the test short).
    options.api.throttle.threshold = 3;
    options.api.throttle.window = Duration::seconds(60);
    options.api.throttle.first_penalty = Duration::seconds(60);
    options.api.throttle.max_penalty = Duration::seconds(300);
    fixture = new HttpFixture(options);
  }
  static void TearDownTestSuite() {
    delete fixture;
    fixture = nullptr;
  }
  static HttpFixture* fixture;
  HttpFixture& f() { return *fixture; }
};
HttpFixture* HttpAbuse::fixture = nullptr;

struct Malformed {
  std::string name;
  std::string target;
  Headers headers;
  std::string body;
  int status;
  std::string code;  // the API's error code; "" on Open311 paths (the GeoReport error array)
};

std::string deeply_nested(int depth) {
  return std::string(static_cast<size_t>(depth), '[') +
         std::string(static_cast<size_t>(depth), ']');
}

std::vector<Malformed> malformed_requests() {
  const std::string events = "/api/v1/cases/no-such-case/events";
  Headers unit = HttpFixture::as_unit("grid:G01");
  unit["Content-Type"] = "application/json";
  Headers unit_xml = HttpFixture::as_unit("grid:G01");
  unit_xml["Content-Type"] = "text/xml";
  const std::string envelope =
      R"({"specversion":"1.0","id":"e1","source":"/u","type":"caseflow.case.signed",)"
      R"("subject":"no-such-case","data":{}})";
  return {
      // Open311 intake.
      {"truncated JSON", kReport, kJsonType, R"({"api_key":"k1","service_code":"parking.ille)", 400,
       ""},
      {"JSON that is not an object", kReport, kJsonType, R"(["api_key","k1"])", 400, ""},
      {"deeply nested JSON", kReport, kJsonType,
       R"({"api_key":"k1","service_code":"parking.illegal","attribute":)" + deeply_nested(20'000) +
           "}",
       400, ""},
      {"invalid UTF-8 in JSON", kReport, kJsonType,
       R"({"api_key":"k1","service_code":"parking.illegal","attribute":{"grid_id":"G01"},)"
       "\"description\":\"\xff\xfe\xc3\"}",
       400, ""},
      {"huge number in JSON", kReport, kJsonType,
       R"({"api_key":"k1","service_code":"parking.illegal","lat":1e999999,"long":120.0})", 400, ""},
      {"huge integer in JSON", kReport, kJsonType,
       R"({"api_key":"k1","service_code":"parking.illegal","lat":123456789012345678901234567890,)"
       R"("long":120.0})",
       400, ""},
      {"huge number in a form", kReport, kForm,
       "api_key=k1&service_code=parking.illegal&lat=1e400&long=120", 400, ""},
      {"invalid UTF-8 in a form", kReport, kForm, kValidForm + "&description=%FF%FE%C3", 400, ""},
      {"broken %-escape", kReport, kForm, "api_key=k1&service_code=%ZZ", 400, ""},
      {"truncated form", kReport, kForm,
       "api_key=k1&service_code=parking.illegal&attribute[grid_i%", 400, ""},
      {"truncated XML",
       kReport,
       {{"Content-Type", "text/xml"}},
       "<?xml version=\"1.0\"?><service_request><api_key>k1</api_key><service_co",
       415,
       ""},
      {"a form sent as text/plain", kReport, {{"Content-Type", "text/plain"}}, kValidForm, 415, ""},
      {"multipart",
       kReport,
       {{"Content-Type", "multipart/form-data; boundary=x"}},
       "--x\r\nContent-Disposition: form-data; name=\"api_key\"\r\n\r\nk1\r\n--x--\r\n",
       415,
       ""},
      // The JSON API.
      {"truncated JSON event", events, unit, envelope.substr(0, envelope.size() / 2), 400,
       "not_json"},
      {"deeply nested JSON event", events, unit,
       R"({"specversion":"1.0","data":)" + deeply_nested(20'000) + "}", 400, "not_json"},
      {"invalid UTF-8 in an event", events, unit,
       R"({"specversion":"1.0","id":")"
       "\xff\xfe"
       R"(","source":"/u","type":"caseflow.case.signed","subject":"no-such-case","data":{}})",
       400, "not_json"},
      {"huge number in an event", events, unit,
       R"({"specversion":"1.0","id":1e999999,"source":"/u","type":"caseflow.case.signed",)"
       R"("subject":"no-such-case","data":{}})",
       400, ""},
      {"an event that is not an object", events, unit, "[1,2,3]", 400, "not_object"},
      {"XML instead of an event", events, unit_xml, "<event><id>e1</id>", 400, "not_json"},
      {"an empty event", events, unit, "", 400, "not_json"},
  };
}

TEST_F(HttpAbuse, MalformedBodiesGetAnErrorOfTheRightStatusAndTheServerKeepsServing) {
  for (const auto& m : malformed_requests()) {
    SCOPED_TRACE(m.name);
    const Reply r = f().request(verb::post, m.target, m.body, m.headers);
    EXPECT_EQ(r.status, m.status) << r.body;
    EXPECT_EQ(r.content_type, "application/json");
    boost::system::error_code ec;
    const json::value v = json::parse(r.body, ec);
    ASSERT_FALSE(ec) << "not JSON: " << r.body;
    if (m.target.rfind("/open311/", 0) == 0) {
      // The GeoReport error array, its code the HTTP status.
      ASSERT_TRUE(v.is_array() && !v.as_array().empty()) << r.body;
      EXPECT_EQ(v.as_array().at(0).as_object().at("code").as_int64(), m.status);
      EXPECT_FALSE(v.as_array().at(0).as_object().at("description").as_string().empty());
    } else {
      ASSERT_TRUE(v.is_object() && v.as_object().contains("error")) << r.body;
      const auto& error = v.as_object().at("error").as_object();
      if (!m.code.empty()) {
        EXPECT_EQ(error.at("code").as_string(), m.code);
      }
      EXPECT_FALSE(error.at("message").as_string().empty());
    }
    EXPECT_EQ(f().get_anonymous("/healthz").status, 200) << "the server stopped serving";
  }
  // And intake still works.
  const Reply ok = f().request(verb::post, kReport, kValidForm, kForm);
  EXPECT_EQ(ok.status, 200) << ok.body;
}

TEST_F(HttpAbuse, MalformedBodiesOnXmlPathsGetTheXmlErrorDocument) {
  const Reply r =
      f().request(verb::post, "/open311/v2/requests.xml", "api_key=k1&service_code=%ZZ", kForm);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.content_type, "text/xml; charset=utf-8");
  EXPECT_NE(r.body.find("<errors><error><code>400</code>"), std::string::npos) << r.body;
}

TEST_F(HttpAbuse, RepeatedWrongTokensFromOneAddressGet429WithRetryAfter) {
  const std::string guesser = "127.0.0.7", other = "127.0.0.9";
  const auto viewer = HttpFixture::bearer(HttpFixture::kViewerToken);
  const std::string before = f().get("/metrics").body;
  for (int i = 0; i < 3; ++i) {
    const Reply r = f().request_from(guesser, verb::get, "/api/v1/cases", "",
                                     HttpFixture::bearer("guess-" + std::to_string(i)));
    EXPECT_EQ(r.status, 401) << r.body;
  }
  // Locked out now: even the right token is not looked at.
  Reply r = f().request_from(guesser, verb::get, "/api/v1/cases", "", viewer);
  EXPECT_EQ(r.status, 429) << r.body;
  EXPECT_EQ(r.content_type, "application/json");
  EXPECT_EQ(json::parse(r.body).at("error").at("code"), "throttled");
  ASSERT_TRUE(r.headers.count("retry-after")) << r.body;
  const int wait = std::stoi(r.headers.at("retry-after"));
  EXPECT_GE(wait, 1);
  EXPECT_LE(wait, 60);
  // So is its Open311 intake, which needs an api_key.
  r = f().request_from(guesser, verb::post, kReport, kValidForm, kForm);
  EXPECT_EQ(r.status, 429) << r.body;
  EXPECT_EQ(json::parse(r.body).as_array().at(0).as_object().at("code").as_int64(), 429);
  EXPECT_TRUE(r.headers.count("retry-after"));

  // Health, readiness, metrics and public reads stay open to it.
  for (const char* open : {"/healthz", "/readyz", "/metrics", "/open311/v2/services.json"}) {
    EXPECT_EQ(f().request_from(guesser, verb::get, open).status, 200) << open;
  }
  // Another address with the right token is unaffected.
  EXPECT_EQ(f().request_from(other, verb::get, "/api/v1/cases", "", viewer).status, 200);

  const std::string after = f().get("/metrics").body;
  EXPECT_EQ(denied(after, "throttled"), denied(before, "throttled") + 2);
  EXPECT_EQ(denied(after, "bad_credential"), denied(before, "bad_credential") + 3);
}

TEST_F(HttpAbuse, RepeatedWrongApiKeysLockTheAddressOutOfEveryCredential) {
  const std::string guesser = "127.0.0.8", other = "127.0.0.10";
  for (int i = 0; i < 3; ++i) {
    const Reply r = f().request_from(guesser, verb::post, kReport,
                                     "api_key=wrong" + std::to_string(i) +
                                         "&service_code=parking.illegal&attribute[grid_id]=G01",
                                     kForm);
    EXPECT_EQ(r.status, 403) << r.body;
  }
  Reply r = f().request_from(guesser, verb::post, kReport, kValidForm, kForm);
  EXPECT_EQ(r.status, 429) << r.body;
  EXPECT_TRUE(r.headers.count("retry-after"));
  r = f().request_from(guesser, verb::get, "/api/v1/cases", "",
                       HttpFixture::bearer(HttpFixture::kViewerToken));
  EXPECT_EQ(r.status, 429) << r.body;
  // The right key from elsewhere is accepted.
  r = f().request_from(other, verb::post, kReport, kValidForm, kForm);
  EXPECT_EQ(r.status, 200) << r.body;
}

TEST_F(HttpAbuse, MissingCredentialsAreNotGuessesAndAreNeverThrottled) {
  const std::string forgetful = "127.0.0.11";
  for (int i = 0; i < 10; ++i) {
    EXPECT_EQ(f().request_from(forgetful, verb::get, "/api/v1/cases").status, 401);
    EXPECT_EQ(f().request_from(forgetful, verb::post, kReport,
                               "service_code=parking.illegal&attribute[grid_id]=G01", kForm)
                  .status,
              403);
  }
  EXPECT_EQ(f().request_from(forgetful, verb::get, "/api/v1/cases", "",
                             HttpFixture::bearer(HttpFixture::kViewerToken))
                .status,
            200);
}

}  // namespace
}  // namespace caseflow::testing
