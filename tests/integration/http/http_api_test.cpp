// The HTTP surface as residents' apps, units and admins use it: Open311 services and requests,
// the admin API, authentication, limits and errors — real HTTP over loopback against an
// in-process engine on an embedded broker.
#include <gtest/gtest.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <chrono>
#include <cmath>
#include <fstream>
#include <sstream>

#include "tests/integration/http/http_fixture.h"

namespace caseflow::testing {
namespace {

namespace json = boost::json;
using boost::beast::http::verb;

const std::map<std::string, std::string> kForm = {
    {"Content-Type", "application/x-www-form-urlencoded"}};
const std::map<std::string, std::string> kJsonType = {{"Content-Type", "application/json"}};
const std::map<std::string, std::string> kAdmin = {{"Authorization", "Bearer s3cret"},
                                                   {"Content-Type", "application/json"}};
// grid:G01's own credential: the unit posts its events itself.
const std::map<std::string, std::string> kGridG01 = {
    {"Authorization", "Bearer " + HttpFixture::unit_token("grid:G01")},
    {"Content-Type", "application/json"}};

class HttpApi : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { fixture = new HttpFixture(test_options()); }
  static void TearDownTestSuite() {
    delete fixture;
    fixture = nullptr;
  }
  static HttpFixture* fixture;

  HttpFixture& f() { return *fixture; }

  // Posts an Open311 request and returns its service_request_id.
  std::string report(const std::string& form) {
    Reply r = f().request(verb::post, "/open311/v2/requests.json", form, kForm);
    EXPECT_EQ(r.status, 200) << r.body;
    const json::value v = json::parse(r.body);
    return std::string(v.as_array().at(0).as_object().at("service_request_id").as_string());
  }

  // GETs `target` until it answers 200 (the case is processed shortly after it is stored).
  Reply get_when_there(const std::string& target) {
    Reply r;
    EXPECT_TRUE(HttpFixture::eventually([&] {
      r = f().get(target);
      return r.status == 200;
    })) << target
        << " never answered 200; last: " << r.status << " " << r.body;
    return r;
  }
};
HttpFixture* HttpApi::fixture = nullptr;

TEST_F(HttpApi, HealthReadinessAndMetrics) {
  Reply r = f().get("/healthz");
  EXPECT_EQ(r.status, 200);
  r = f().get("/readyz");
  EXPECT_EQ(r.status, 200) << r.body;
  r = f().get("/metrics");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "text/plain; version=0.0.4; charset=utf-8");
  // The fixture wires a metrics registry of its own (not the runtime's probe);
  // RunBinary.MetricsCountAReportedCase checks the engine's series.
  r = f().request(verb::post, "/healthz");
  EXPECT_EQ(r.status, 405);
}

TEST_F(HttpApi, TheKafkaContractIsServedAsTheRepositoryHoldsIt) {
  std::ifstream file(std::string(CASEFLOW_SOURCE_DIR) + "/docs/asyncapi.yaml");
  std::ostringstream expected;
  expected << file.rdbuf();
  ASSERT_FALSE(expected.str().empty());
  const Reply r = f().get("/api/v1/asyncapi.yaml");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "application/yaml");
  EXPECT_EQ(r.body, expected.str());
  EXPECT_EQ(f().request(verb::post, "/api/v1/asyncapi.yaml", "", kAdmin).status, 405);
}

TEST_F(HttpApi, ServicesAreTheWorkflowCategories) {
  Reply r = f().get("/open311/v2/services.json");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "application/json");
  const json::array services = json::parse(r.body).as_array();
  ASSERT_EQ(services.size(), 1u) << r.body;
  const json::object& s = services[0].as_object();
  EXPECT_EQ(s.at("service_code"), "parking.illegal");
  EXPECT_EQ(s.at("service_name"), "Illegal parking");
  EXPECT_EQ(s.at("group"), "quick_parking");
  EXPECT_EQ(s.at("type"), "realtime");
  EXPECT_EQ(s.at("keywords"), "parking,illegal");

  r = f().get("/open311/v2/services.xml");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "text/xml; charset=utf-8");
  EXPECT_NE(r.body.find("<services><service><service_code>parking.illegal</service_code>"),
            std::string::npos)
      << r.body;

  r = f().get("/open311/v2/services/parking.illegal.json");
  ASSERT_EQ(r.status, 200);
  const json::object def = json::parse(r.body).as_object();
  EXPECT_EQ(def.at("service_code"), "parking.illegal");
  EXPECT_EQ(def.at("attributes").as_array().at(0).as_object().at("code"), "urgency");

  r = f().get("/open311/v2/services/no.such.json");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(json::parse(r.body).as_array().at(0).as_object().at("code"), 404);
}

TEST_F(HttpApi, AFormRequestIsStoredThenReadable) {
  const std::string id = report(
      "api_key=k1&service_code=parking.illegal&lat=30.005&long=120.015"
      "&description=Car+on+the+pavement%2C+call+13812345678&address_string=East+Square+3");
  EXPECT_EQ(id.rfind("t1-", 0), 0u) << id;

  const Reply r = get_when_there("/open311/v2/requests/" + id + ".json");
  EXPECT_EQ(r.content_type, "application/json");
  const json::object req = json::parse(r.body).as_array().at(0).as_object();
  EXPECT_EQ(req.at("service_request_id"), id.c_str());
  EXPECT_EQ(req.at("status"), "open");
  EXPECT_EQ(req.at("agency_responsible"), "grid:G02");  // the point lies in grid G02
  EXPECT_EQ(req.at("service_name"), "Illegal parking");
  EXPECT_EQ(req.at("address"), "East Square 3");
  EXPECT_NEAR(req.at("lat").to_number<double>(), 30.005, 1e-9);
  EXPECT_EQ(std::string(req.at("description").as_string()).find("13812345678"), std::string::npos)
      << "phone leaked";
  // The running deadline (the 60 s sign clock), in the calendar's zone (Asia/Shanghai).
  const std::string expected(req.at("expected_datetime").as_string());
  EXPECT_EQ(expected.substr(expected.size() - 6), "+08:00") << expected;
  EXPECT_GT(expected, std::string(req.at("requested_datetime").as_string()));

  const Reply xml = f().get("/open311/v2/requests/" + id + ".xml");
  EXPECT_EQ(xml.status, 200);
  EXPECT_NE(xml.body.find("<agency_responsible>grid:G02</agency_responsible>"), std::string::npos)
      << xml.body;

  // The list finds it by id and by filters.
  Reply list = f().get("/open311/v2/requests.json?service_request_id=" + id);
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(json::parse(list.body).as_array().size(), 1u);
  list = f().get("/open311/v2/requests.json?service_code=parking.illegal&status=open");
  ASSERT_EQ(list.status, 200);
  EXPECT_NE(list.body.find(id), std::string::npos);
  list = f().get("/open311/v2/requests.json?status=closed");
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(list.body.find(id), std::string::npos);
  list = f().get(
      "/open311/v2/requests.json?start_date=2000-01-01T00:00:00Z"
      "&end_date=2000-01-02T00:00:00Z");
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(list.body, "[]");
  EXPECT_EQ(f().get("/open311/v2/requests.json?status=pending").status, 400);
}

TEST_F(HttpApi, AdminQueryValuesAndNamesTheApiDoesNotKnowAre400NotAnEmptyList) {
  // The message of a 400 bad_query answer.
  auto bad_query = [](const Reply& r) {
    EXPECT_EQ(r.status, 400) << r.body;
    const json::object e = json::parse(r.body).as_object().at("error").as_object();
    EXPECT_EQ(e.at("code"), "bad_query");
    return std::string(e.at("message").as_string());
  };
  EXPECT_EQ(bad_query(f().get("/api/v1/cases?status=nonsense")),
            "status must be one of: received, dispatched, signed, contacted, in_progress, "
            "extension_requested, resolved, revisit, reopened, closed, withdrawn, merged, staged");
  // A misspelt name would otherwise filter nothing and list every case.
  EXPECT_EQ(bad_query(f().get("/api/v1/cases?stauts=open")),
            "unknown query parameter 'stauts'; this path takes status, stage, unit, workflow, "
            "category, grid, street, community, from, to, overdue, breached, open, offset, limit");
  // A repeat would have its second value ignored.
  EXPECT_EQ(bad_query(f().get("/api/v1/cases?status=signed&status=closed")),
            "status is given more than once; give it once");
  EXPECT_EQ(bad_query(f().get("/api/v1/cases?open=yes")), "open must be one of: true, false, 1, 0");
  EXPECT_EQ(bad_query(f().request(verb::post, "/api/v1/workflows/validate?fil=qp.yaml",
                                  "workflow: x", kAdmin)),
            "unknown query parameter 'fil'; this path takes file");

  // Known status values that match nothing, and the open sets (stage, unit, workflow,
  // category, whose values come from the workflows in force) answer an empty list.
  for (const char* query : {"status=merged", "stage=nowhere", "unit=grid:none", "workflow=no_such",
                            "category=no.such"}) {
    const Reply r = f().get(std::string("/api/v1/cases?") + query);
    ASSERT_EQ(r.status, 200) << query << ": " << r.body;
    EXPECT_TRUE(json::parse(r.body).as_object().at("cases").as_array().empty()) << query;
  }
}

TEST_F(HttpApi, Open311ListParametersAreCheckedAndAnswerTheGeoReportErrorArray) {
  const std::string id = report("api_key=k1&service_code=parking.illegal&attribute[grid_id]=G01");
  get_when_there("/open311/v2/requests/" + id + ".json");
  auto description_of = [](const Reply& r) {
    const json::object e = json::parse(r.body).as_array().at(0).as_object();
    EXPECT_EQ(e.at("code"), 400);
    return std::string(e.at("description").as_string());
  };
  const std::string list = "/open311/v2/requests.json?";
  Reply r = f().get(list + "status=nonsense");
  ASSERT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(description_of(r), "status must be one of: open, closed");
  r = f().get(list + "stauts=open");
  ASSERT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(description_of(r),
            "unknown query parameter 'stauts'; this path takes service_request_id, service_code, "
            "status, start_date, end_date, jurisdiction_id, api_key");
  r = f().get(list + "status=");
  ASSERT_EQ(r.status, 400) << "an empty status would list everything";
  EXPECT_EQ(description_of(r), "status must be one of: open, closed");
  r = f().get(list + "service_code=");
  ASSERT_EQ(r.status, 400) << r.body;
  EXPECT_NE(description_of(r).find("service_code is empty"), std::string::npos);
  r = f().get(list + "status=open,pending");
  EXPECT_EQ(r.status, 400) << "every item of a list is checked";
  r = f().get(list + "start_date=2000-01-01T00:00:00Z&start_date=2001-01-01T00:00:00Z");
  EXPECT_EQ(r.status, 400) << r.body;
  r = f().get("/open311/v2/requests.xml?stauts=open");
  ASSERT_EQ(r.status, 400);
  EXPECT_EQ(r.content_type, "text/xml; charset=utf-8");
  EXPECT_NE(r.body.find("<errors><error><code>400</code><description>unknown query parameter"),
            std::string::npos)
      << r.body;

  // The spec's lists (comma-separated or repeated) and the parameters clients send everywhere.
  for (const char* query :
       {"status=open,closed", "status=closed&status=open", "service_code=no.such,parking.illegal",
        "jurisdiction_id=city&api_key=k1&status=open"}) {
    r = f().get(list + query);
    ASSERT_EQ(r.status, 200) << query << ": " << r.body;
    EXPECT_NE(r.body.find(id), std::string::npos) << query;
  }
  // An unknown service code is not an error: old requests may carry a retired category.
  r = f().get(list + "service_code=no.such");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.body, "[]");
}

TEST_F(HttpApi, AJsonRequestWithAGridAndUrgency) {
  Reply r = f().request(
      verb::post, "/open311/v2/requests.json",
      R"({"api_key":"k1","service_code":"parking.illegal","description":"blocked exit",)"
      R"("attribute":{"grid_id":"G01","urgency":"urgent"}})",
      kJsonType);
  ASSERT_EQ(r.status, 200) << r.body;
  const std::string id(
      json::parse(r.body).as_array().at(0).as_object().at("service_request_id").as_string());
  const Reply got = get_when_there("/api/v1/cases/" + id);
  const json::object c = json::parse(got.body).as_object();
  EXPECT_EQ(c.at("unit"), "grid:G01");
  EXPECT_EQ(c.at("urgency"), "urgent");
  EXPECT_EQ(c.at("stage"), "grid");
  EXPECT_EQ(c.at("workflow"), "quick_parking@1");
  EXPECT_EQ(c.at("channel"), "open311");
  EXPECT_FALSE(c.at("clocks").as_array().empty());
}

TEST_F(HttpApi, BadOpen311RequestsAreRefusedWithTheGeoReportErrorArray) {
  auto post = [&](const std::string& form) {
    return f().request(verb::post, "/open311/v2/requests.json", form, kForm);
  };
  auto code_of = [](const Reply& r) {
    return json::parse(r.body).as_array().at(0).as_object().at("code").as_int64();
  };
  Reply r = post("service_code=parking.illegal&attribute[grid_id]=G01");
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(code_of(r), 403);
  r = post("api_key=wrong&service_code=parking.illegal&attribute[grid_id]=G01");
  EXPECT_EQ(r.status, 403);
  r = post("api_key=k1&attribute[grid_id]=G01");
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("service_code"), std::string::npos);
  r = post("api_key=k1&service_code=parking.illegal");
  EXPECT_EQ(r.status, 400) << "no location";
  r = post("api_key=k1&service_code=parking.illegal&lat=30.0");
  EXPECT_EQ(r.status, 400) << "lat without long";
  r = post("api_key=k1&service_code=no.such&attribute[grid_id]=G01");
  EXPECT_EQ(r.status, 400);
  r = post("api_key=k1&service_code=parking.illegal&attribute[grid_id]=G01&description=" +
           std::string(4001, 'x'));
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("4000"), std::string::npos);
  // 4000 characters of Chinese text (12,000 bytes) are fine.
  std::string chinese;
  for (int i = 0; i < 4000; ++i) chinese += "%E4%B8%AD";
  r = post("api_key=k1&service_code=parking.illegal&attribute[grid_id]=G01&description=" + chinese);
  EXPECT_EQ(r.status, 200) << r.body;
  r = f().request(verb::post, "/open311/v2/requests.xml", "service_code=parking.illegal", kForm);
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(r.content_type, "text/xml; charset=utf-8");
  EXPECT_NE(r.body.find("<errors><error><code>403</code>"), std::string::npos) << r.body;
  // Paths under /open311/ shorter than /open311/v2/ (the fuzzer's find: they used to throw out of
  // the handler and end the process) are unknown paths, and the server goes on serving.
  for (const char* path : {"/open311/v", "/open311/", "/open311/v2"}) {
    r = f().request(verb::post, path, "api_key=k1", kForm);
    EXPECT_EQ(r.status, 404) << path;
    EXPECT_EQ(code_of(r), 404) << path;
  }
  EXPECT_EQ(post("api_key=k1&service_code=no.such&attribute[grid_id]=G01").status, 400);
}

TEST_F(HttpApi, AHugeBodyIs413AndTheConnectionCloses) {
  Reply r = f().request(verb::post, "/open311/v2/requests.json",
                        "api_key=k1&description=" + std::string(100 * 1024, 'x'), kForm);
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(r.headers["connection"], "close");
  EXPECT_NE(r.body.find("too_large"), std::string::npos);
}

TEST_F(HttpApi, UnknownThingsAre404) {
  Reply r = f().get("/nothing/here");
  EXPECT_EQ(r.status, 404);
  EXPECT_NE(r.body.find(R"({"error":{"code":"not_found")"), std::string::npos) << r.body;
  r = f().get("/open311/v2/requests/t1-19700101-nothing.json");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(json::parse(r.body).as_array().at(0).as_object().at("code"), 404);
  r = f().get("/open311/v2/requests/x.html");
  EXPECT_EQ(r.status, 404);
  r = f().get("/api/v1/cases/no-such-case");
  EXPECT_EQ(r.status, 404);
  EXPECT_NE(r.body.find("unknown_case"), std::string::npos);
  r = f().request(verb::delete_, "/api/v1/cases/x", "",
                  HttpFixture::bearer(HttpFixture::kViewerToken));
  EXPECT_EQ(r.status, 405);
}

TEST_F(HttpApi, AdminWritesNeedTheBearerToken) {
  Reply r = f().request(verb::post, "/api/v1/workflows/reload");
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(r.headers["www-authenticate"], R"(Bearer realm="caseflow")");
  r = f().request(verb::post, "/api/v1/workflows/reload", "", {{"Authorization", "Bearer wrong"}});
  EXPECT_EQ(r.status, 401);
  EXPECT_NE(r.headers["www-authenticate"].find(R"(error="invalid_token")"), std::string::npos);
  EXPECT_NE(r.body.find(R"("code":"bad_credential")"), std::string::npos) << r.body;
  // A valid credential of another role: 403.
  r = f().request(verb::post, "/api/v1/workflows/reload", "",
                  HttpFixture::bearer(HttpFixture::kViewerToken));
  EXPECT_EQ(r.status, 403);
  EXPECT_NE(r.body.find(R"("code":"wrong_role")"), std::string::npos) << r.body;
  r = f().request(verb::post, "/api/v1/cases/x/events", "{}", {{"Authorization", "Basic abc"}});
  EXPECT_EQ(r.status, 401);
  // With the token the request is served: "workflow: x" is no workflow, so the answer is the
  // validation report (422, valid false, its problems), not an authentication error or a 5xx.
  r = f().request(verb::post, "/api/v1/workflows/validate", "workflow: x",
                  {{"Authorization", "Bearer s3cret"}});
  ASSERT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(r.content_type, "application/json");
  const json::object report = json::parse(r.body).as_object();
  EXPECT_EQ(report.at("valid"), false) << r.body;
  EXPECT_FALSE(report.at("diagnostics").as_array().empty()) << r.body;
}

TEST_F(HttpApi, AUnitPostsASignEvent) {
  const std::string id = report("api_key=k1&service_code=parking.illegal&attribute[grid_id]=G01");
  get_when_there("/api/v1/cases/" + id);

  const std::string signed_event =
      R"({"specversion":"1.0","id":"sign-1","source":"/units/grid-app",)"
      R"("type":"caseflow.case.signed","subject":")" +
      id + R"(","data":{"unit":"grid:G01"}})";
  Reply r = f().request(verb::post, "/api/v1/cases/" + id + "/events", signed_event, kGridG01);
  ASSERT_EQ(r.status, 202) << r.body;
  EXPECT_EQ(json::parse(r.body).as_object().at("event_id"), "sign-1");

  EXPECT_TRUE(HttpFixture::eventually([&] {
    r = f().get("/api/v1/cases/" + id);
    return r.body.find(R"("status":"signed")") != std::string::npos;
  })) << r.body;
  EXPECT_NE(r.body.find(R"("what":"signed")"), std::string::npos) << r.body;

  // Search by status and unit.
  r = f().get("/api/v1/cases?status=signed&unit=grid:G01");
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.body.find(id), std::string::npos);
  r = f().get("/api/v1/cases?status=signed&breached=true");
  EXPECT_EQ(r.body.find(id), std::string::npos);
  EXPECT_EQ(f().get("/api/v1/cases?breached=maybe").status, 400);

  // Refusals: not a CloudEvent, another case's subject.
  r = f().request(verb::post, "/api/v1/cases/" + id + "/events", "{not json", kGridG01);
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("not_json"), std::string::npos);
  r = f().request(verb::post, "/api/v1/cases/other/events", signed_event, kGridG01);
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("subject_mismatch"), std::string::npos);
  const std::string unknown_type =
      R"({"specversion":"1.0","id":"x","source":"/u","type":"caseflow.case.exploded","subject":")" +
      id + R"(","data":{}})";
  r = f().request(verb::post, "/api/v1/cases/" + id + "/events", unknown_type, kGridG01);
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("unknown_type"), std::string::npos);
}

TEST_F(HttpApi, PipelinedRequestsAreAnsweredInOrder) {
  namespace asio = boost::asio;
  asio::io_context io;
  asio::ip::tcp::socket socket(io);
  socket.connect({asio::ip::make_address("127.0.0.1"), f().port()});
  const std::string two =
      "GET /api/v1/cases/no-such-case HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer viewer-token"
      "\r\n\r\n"
      "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
  asio::write(socket, asio::buffer(two));
  std::string all;
  boost::system::error_code ec;
  char buf[4096];
  for (;;) {
    const size_t n = socket.read_some(asio::buffer(buf), ec);
    all.append(buf, n);
    if (ec) break;
  }
  const size_t first = all.find("HTTP/1.1 404");
  const size_t second = all.find("HTTP/1.1 200");
  ASSERT_NE(first, std::string::npos) << all;
  ASSERT_NE(second, std::string::npos) << all;
  EXPECT_LT(first, second) << "answers must leave in request order";
}

TEST(HttpDevelopmentSetup, NoCredentialsKeepApiClosedNoApiKeysLetsLoopbackReport) {
  HttpFixtureOptions options = test_options();
  options.api.authenticator = nullptr;
  options.api.api_keys.clear();
  HttpFixture f(options);
  // Whatever token is sent: with none configured, nothing under /api/v1 is open.
  for (const char* path :
       {"/api/v1/workflows/reload", "/api/v1/workflows/validate", "/api/v1/cases/x/events"}) {
    for (const char* token : {"Bearer s3cret", "Bearer x"}) {
      const Reply r = f.request(verb::post, path, "{}", {{"Authorization", token}});
      EXPECT_EQ(r.status, 401) << path << ": " << r.body;
      EXPECT_NE(r.body.find("no credentials are configured"), std::string::npos) << r.body;
    }
    EXPECT_EQ(f.request(verb::post, path, "{}").status, 401) << path;
  }
  EXPECT_EQ(f.get("/api/v1/cases").status, 401);
  EXPECT_EQ(f.get("/healthz").status, 200);
  // No api_keys on a loopback listener: residents' reports need no key (development only; the
  // app refuses a reachable listener without keys, see listener_policy.h).
  const Reply r = f.request(verb::post, "/open311/v2/requests.json",
                            "service_code=parking.illegal&attribute[grid_id]=G01", kForm);
  EXPECT_EQ(r.status, 200) << r.body;
}

TEST(HttpLimits, ASlowClientIsCutOffAtTheReadTimeout) {
  HttpFixtureOptions options = test_options();
  options.server.read_timeout = std::chrono::milliseconds(300);
  HttpFixture f(options);
  namespace asio = boost::asio;
  asio::io_context io;
  asio::ip::tcp::socket socket(io);
  socket.connect({asio::ip::make_address("127.0.0.1"), f.port()});
  // Half a request, then nothing: the server must not wait for the rest forever.
  asio::write(socket, asio::buffer(std::string("GET /healthz HTTP/1.1\r\nHost: x\r\n")));
  const auto started = std::chrono::steady_clock::now();
  char buf[256];
  boost::system::error_code ec;
  size_t got = 0;
  while (!ec) got += socket.read_some(asio::buffer(buf), ec);  // blocks until the server closes
  const auto waited = std::chrono::steady_clock::now() - started;
  EXPECT_EQ(got, 0u) << "no answer to half a request";
  EXPECT_TRUE(ec == asio::error::eof || ec == asio::error::connection_reset) << ec.message();
  EXPECT_LT(waited, std::chrono::seconds(5));
}

TEST_F(HttpApi, TheAssessmentNeedsTheArchiveButChecksItsQueryFirst) {
  // This fixture has no archive (archive.enabled false).
  Reply r = f().get("/api/v1/assessment?period=2026-11&by=street");
  EXPECT_EQ(r.status, 503) << r.body;
  EXPECT_EQ(json::parse(r.body).at("error").at("code"), "archive_unavailable");
  r = f().get("/api/v1/assessment?period=2026-11&by=district");
  EXPECT_EQ(r.status, 400) << r.body;
}

TEST(HttpAssessment, WithoutTheCitysTimeZoneTheAssessmentAnswers503SayingWhy) {
  HttpFixtureOptions options = test_options();
  options.api.assessment.time_zone.clear();
  options.api.assessment.unavailable = "the calendars name more than one time zone";
  HttpFixture f(options);
  const Reply r = f.get("/api/v1/assessment?period=2026-11");
  EXPECT_EQ(r.status, 503) << r.body;
  const json::value error = json::parse(r.body).at("error");
  EXPECT_EQ(error.at("code"), "assessment_unavailable");
  EXPECT_EQ(error.at("message"), "the calendars name more than one time zone");
}

TEST_F(HttpApi, TheListTheOverviewAndTheMapAnswerWhatTheConsoleDrawsInOneRequestEach) {
  const std::string id = report("api_key=k1&service_code=parking.illegal&attribute[grid_id]=G04");
  const json::value detail = json::parse(get_when_there("/api/v1/cases/" + id).body);

  // An inbox needs one request: each entry carries its place and its open clocks, as the case
  // itself gives them.
  const json::value listed = json::parse(f().get("/api/v1/cases?grid=G04&open=true").body);
  ASSERT_EQ(listed.at("count").as_int64(), 1) << listed;
  const json::object& entry = listed.at("cases").as_array().at(0).as_object();
  EXPECT_EQ(entry.at("id").as_string(), id);
  EXPECT_EQ(entry.at("grid").as_string(), "G04");
  EXPECT_EQ(entry.at("community").as_string(), "C3");
  EXPECT_EQ(entry.at("street").as_string(), "S2");
  EXPECT_FALSE(entry.at("clocks").as_array().empty());
  EXPECT_EQ(entry.at("clocks"), detail.at("clocks"));
  EXPECT_EQ(json::parse(f().get("/api/v1/cases?grid=G05").body).at("count").as_int64(), 0);

  // The overview counts it at its grid and street; a unit elsewhere does not see it.
  const json::value overview = json::parse(f().get("/api/v1/overview").body);
  EXPECT_EQ(overview.at("scope").as_string(), "city");
  EXPECT_GE(overview.at("open").as_int64(), 1);
  EXPECT_NE(json::serialize(overview.at("grids")).find(R"(["G04",1,0,0])"), std::string::npos)
      << overview;
  EXPECT_NE(
      json::serialize(overview.at("by_street")).find(R"({"street":"S2","name":"River Street")"),
      std::string::npos)
      << overview;
  const Reply elsewhere =
      f().request(verb::get, "/api/v1/overview", "", HttpFixture::as_unit("grid:G05"));
  ASSERT_EQ(elsewhere.status, 200);
  const json::value theirs = json::parse(elsewhere.body);
  EXPECT_EQ(theirs.at("scope").as_string(), "grid:G05");
  EXPECT_EQ(theirs.at("open").as_int64(), 0) << theirs;

  // The map: every grid of the city with every ring, as integers from the south-west corner.
  const Reply map = f().get("/api/v1/city/grids");
  ASSERT_EQ(map.status, 200);
  EXPECT_EQ(map.headers.at("cache-control"), "private, max-age=300");
  const json::object outlines = json::parse(map.body).as_object();
  const json::array& bbox = outlines.at("bbox").as_array();
  const double scale = outlines.at("scale").to_number<double>();
  const double width = (bbox[2].to_number<double>() - bbox[0].to_number<double>()) * scale;
  const json::array& grids = outlines.at("grids").as_array();
  ASSERT_EQ(grids.size(), 5u);
  const json::array& g04 = grids[3].as_array();
  EXPECT_EQ(g04[0].as_string(), "G04");
  EXPECT_EQ(g04[2].as_string(), "S2");
  ASSERT_EQ(g04[4].as_array().size(), 2u) << "G04 has two parts";
  for (const json::value& ring : g04[4].as_array()) {
    const json::array& xy = ring.as_array();
    ASSERT_EQ(xy.size(), 8u) << "four corners, the closing point left out";
    for (size_t i = 0; i < xy.size(); i += 2) {
      EXPECT_GE(xy[i].as_int64(), 0);
      EXPECT_LE(xy[i].as_int64(), std::llround(width));
    }
  }
}

}  // namespace
}  // namespace caseflow::testing
