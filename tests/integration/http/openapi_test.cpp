// docs/openapi.yaml is the contract: every documented path and method is called against a
// running in-process server, and each answer's status must be one the document lists for that
// operation, with the content type it lists for that status. An operation without a probe here
// fails the test, so the document and the server cannot drift apart silently.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <boost/json/parse.hpp>
#include <set>

#include "tests/integration/http/http_fixture.h"

namespace caseflow::testing {
namespace {

using boost::beast::http::verb;

struct Probe {
  std::string method;  // as in the document: get, post
  std::string path;    // the documented path template
  std::string target;  // what is sent; "{case}" is replaced by a real case id
  std::string body;
  std::map<std::string, std::string> headers;
  int expect;
};

const std::map<std::string, std::string> kForm = {
    {"Content-Type", "application/x-www-form-urlencoded"}};
const std::map<std::string, std::string> kAdmin = {{"Authorization", "Bearer s3cret"}};
const std::map<std::string, std::string> kViewer = {{"Authorization", "Bearer viewer-token"}};
const std::map<std::string, std::string> kNope = {{"Authorization", "Bearer nope"}};
// The unit that holds the probe's case (grid G01).
const std::map<std::string, std::string> kGrid = {
    {"Authorization", "Bearer " + HttpFixture::unit_token("grid:G01")}};
// A unit that never held it.
const std::map<std::string, std::string> kOtherGrid = {
    {"Authorization", "Bearer " + HttpFixture::unit_token("grid:G02")}};
const std::string kReport = "api_key=k1&service_code=parking.illegal&attribute[grid_id]=G01";

std::vector<Probe> probes() {
  const std::string reports = "/open311/v2/requests";
  return {
      {"get", "/healthz", "/healthz", "", {}, 200},
      {"get", "/readyz", "/readyz", "", {}, 200},
      {"get", "/metrics", "/metrics", "", {}, 200},
      {"get", "/open311/v2/services.json", "/open311/v2/services.json", "", {}, 200},
      {"get", "/open311/v2/services.xml", "/open311/v2/services.xml", "", {}, 200},
      {"get",
       "/open311/v2/services/{service_code}.json",
       "/open311/v2/services/parking.illegal.json",
       "",
       {},
       200},
      {"get",
       "/open311/v2/services/{service_code}.json",
       "/open311/v2/services/nope.json",
       "",
       {},
       404},
      {"get",
       "/open311/v2/services/{service_code}.xml",
       "/open311/v2/services/parking.illegal.xml",
       "",
       {},
       200},
      {"get",
       "/open311/v2/services/{service_code}.xml",
       "/open311/v2/services/nope.xml",
       "",
       {},
       404},
      {"post", reports + ".json", reports + ".json", kReport, kForm, 200},
      {"post", reports + ".json", reports + ".json", "api_key=k1", kForm, 400},
      {"post", reports + ".json", reports + ".json", "service_code=parking.illegal", kForm, 403},
      {"post", reports + ".json", reports + ".json", std::string(70 * 1024, 'x'), kForm, 413},
      {"get", reports + ".json", reports + ".json?status=open", "", {}, 200},
      {"get", reports + ".json", reports + ".json?status=wrong", "", {}, 400},
      {"post", reports + ".xml", reports + ".xml", kReport, kForm, 200},
      {"post", reports + ".xml", reports + ".xml", "api_key=k1", kForm, 400},
      {"post", reports + ".xml", reports + ".xml", "", kForm, 403},
      {"get", reports + ".xml", reports + ".xml", "", {}, 200},
      {"get", reports + ".xml", reports + ".xml?start_date=never", "", {}, 400},
      {"get",
       "/open311/v2/requests/{service_request_id}.json",
       reports + "/{case}.json",
       "",
       {},
       200},
      {"get",
       "/open311/v2/requests/{service_request_id}.json",
       reports + "/none.json",
       "",
       {},
       404},
      {"get",
       "/open311/v2/requests/{service_request_id}.xml",
       reports + "/{case}.xml",
       "",
       {},
       200},
      {"get", "/open311/v2/requests/{service_request_id}.xml", reports + "/none.xml", "", {}, 404},
      {"get", "/api/v1/cases", "/api/v1/cases?open=true", "", kViewer, 200},
      {"get", "/api/v1/cases", "/api/v1/cases?open=true", "", {}, 401},
      {"get", "/api/v1/cases", "/api/v1/cases?limit=many", "", kViewer, 400},
      {"get", "/api/v1/cases/{id}", "/api/v1/cases/{case}", "", kViewer, 200},
      {"get", "/api/v1/cases/{id}", "/api/v1/cases/{case}", "", kGrid, 200},
      {"get", "/api/v1/cases/{id}", "/api/v1/cases/{case}", "", kOtherGrid, 403},
      {"get", "/api/v1/cases/{id}", "/api/v1/cases/{case}", "", {}, 401},
      {"get", "/api/v1/cases/{id}", "/api/v1/cases/none", "", kViewer, 404},
      {"post", "/api/v1/cases/{id}/events", "/api/v1/cases/{case}/events",
       R"({"specversion":"1.0","id":"p1","source":"/u","type":"caseflow.case.progress",)"
       R"("subject":"{case}","data":{"note":"on it"}})",
       kGrid, 202},
      {"post", "/api/v1/cases/{id}/events", "/api/v1/cases/{case}/events",
       R"({"specversion":"1.0","id":"p2","source":"/u","type":"caseflow.case.progress",)"
       R"("subject":"{case}","data":{"note":"on it"}})",
       kViewer, 403},
      {"post", "/api/v1/cases/{id}/events", "/api/v1/cases/{case}/events", "[]", kGrid, 400},
      {"post", "/api/v1/cases/{id}/events", "/api/v1/cases/{case}/events", "{}", {}, 401},
      {"post", "/api/v1/cases/{id}/events", "/api/v1/cases/{case}/events", "{}", kNope, 401},
      // The probe's case was reported without a phone.
      {"get", "/api/v1/cases/{id}/phone", "/api/v1/cases/{case}/phone", "", kGrid, 404},
      {"get", "/api/v1/cases/{id}/phone", "/api/v1/cases/{case}/phone", "", kViewer, 403},
      {"get", "/api/v1/cases/{id}/phone", "/api/v1/cases/{case}/phone?x=1", "", kGrid, 400},
      {"get", "/api/v1/cases/{id}/phone", "/api/v1/cases/{case}/phone", "", {}, 401},
      // This fixture has no archive: a good query reaches the archive read and answers 503.
      {"get", "/api/v1/assessment", "/api/v1/assessment?period=2026-11&by=street", "", kViewer,
       503},
      {"get", "/api/v1/assessment", "/api/v1/assessment?period=2026-11&by=property", "", kViewer,
       503},
      {"get", "/api/v1/assessment", "/api/v1/assessment?period=2026-11&by=grid", "", kViewer, 503},
      {"get", "/api/v1/assessment", "/api/v1/assessment?period=2026-13", "", kViewer, 400},
      {"get", "/api/v1/assessment", "/api/v1/assessment?period=2026-11", "", {}, 401},
      {"get", "/api/v1/assessment", "/api/v1/assessment?period=2026-11", "", kGrid, 403},
      {"get", "/api/v1/audit", "/api/v1/audit?limit=10", "", kViewer, 200},
      {"get", "/api/v1/audit", "/api/v1/audit?from=yesterday", "", kViewer, 400},
      {"get", "/api/v1/audit", "/api/v1/audit", "", {}, 401},
      {"get", "/api/v1/audit", "/api/v1/audit?unit=grid:G01", "", kOtherGrid, 403},
      {"get", "/api/v1/asyncapi.yaml", "/api/v1/asyncapi.yaml", "", kViewer, 200},
      {"get", "/api/v1/asyncapi.yaml", "/api/v1/asyncapi.yaml", "", {}, 401},
      {"get", "/api/v1/whoami", "/api/v1/whoami", "", kGrid, 200},
      {"get", "/api/v1/whoami", "/api/v1/whoami", "", {}, 401},
      {"get", "/api/v1/overview", "/api/v1/overview", "", kGrid, 200},
      {"get", "/api/v1/overview", "/api/v1/overview?x=1", "", kViewer, 400},
      {"get", "/api/v1/overview", "/api/v1/overview", "", {}, 401},
      {"get", "/api/v1/city/grids", "/api/v1/city/grids", "", kViewer, 200},
      {"get", "/api/v1/city/grids", "/api/v1/city/grids?x=1", "", kViewer, 400},
      {"get", "/api/v1/city/grids", "/api/v1/city/grids", "", {}, 401},
      {"get", "/api/v1/units", "/api/v1/units?q=G0&limit=5", "", kViewer, 200},
      {"get", "/api/v1/units", "/api/v1/units?limit=x", "", kViewer, 400},
      {"get", "/api/v1/units", "/api/v1/units", "", {}, 401},
      {"get", "/api/v1/units", "/api/v1/units", "", kGrid, 403},
      {"get", "/api/v1/queue", "/api/v1/queue", "", kViewer, 200},
      {"get", "/api/v1/queue", "/api/v1/queue?x=1", "", kViewer, 400},
      {"get", "/api/v1/queue", "/api/v1/queue", "", {}, 401},
      {"get", "/api/v1/queue", "/api/v1/queue", "", kGrid, 403},
      {"get", "/api/v1/workflows", "/api/v1/workflows", "", kViewer, 200},
      {"get", "/api/v1/workflows", "/api/v1/workflows", "", {}, 401},
      {"post", "/api/v1/workflows/validate", "/api/v1/workflows/validate", "workflow: [", kAdmin,
       422},
      {"post", "/api/v1/workflows/validate", "/api/v1/workflows/validate", "", kAdmin, 400},
      {"post", "/api/v1/workflows/validate", "/api/v1/workflows/validate", "x", {}, 401},
      {"post", "/api/v1/workflows/validate", "/api/v1/workflows/validate", "x", kNope, 401},
      {"post", "/api/v1/workflows/validate", "/api/v1/workflows/validate", "x", kViewer, 403},
      {"post", "/api/v1/workflows/reload", "/api/v1/workflows/reload", "", kAdmin, 200},
      {"post", "/api/v1/workflows/reload", "/api/v1/workflows/reload", "", {}, 401},
      {"post", "/api/v1/workflows/reload", "/api/v1/workflows/reload", "", kNope, 401},
      {"post", "/api/v1/workflows/reload", "/api/v1/workflows/reload", "", kGrid, 403},
  };
}

void replace_all(std::string& s, const std::string& from, const std::string& to) {
  for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) {
    s.replace(at, from.size(), to);
  }
}

// The documented response of `op` for `status`, following a $ref into components/responses.
YAML::Node documented_response(const YAML::Node& doc, const YAML::Node& op, int status) {
  YAML::Node r = op["responses"][std::to_string(status)];
  if (r && r["$ref"]) {
    const std::string ref = r["$ref"].as<std::string>();
    r = doc["components"]["responses"][ref.substr(ref.rfind('/') + 1)];
  }
  return r;
}

TEST(OpenApi, EveryDocumentedOperationAnswersAsDocumented) {
  const YAML::Node doc = YAML::LoadFile(std::string(CASEFLOW_SOURCE_DIR) + "/docs/openapi.yaml");
  HttpFixture f(test_options());

  // A case to read and to post events for.
  Reply created = f.request(verb::post, "/open311/v2/requests.json", kReport, kForm);
  ASSERT_EQ(created.status, 200) << created.body;
  const std::string id(boost::json::parse(created.body)
                           .as_array()
                           .at(0)
                           .as_object()
                           .at("service_request_id")
                           .as_string());
  ASSERT_TRUE(HttpFixture::eventually([&] { return f.get("/api/v1/cases/" + id).status == 200; }));

  std::set<std::pair<std::string, std::string>> probed;
  for (Probe p : probes()) {
    replace_all(p.target, "{case}", id);
    replace_all(p.body, "{case}", id);
    const YAML::Node op = doc["paths"][p.path][p.method];
    ASSERT_TRUE(op) << p.method << " " << p.path << " is not in docs/openapi.yaml";
    probed.insert({p.path, p.method});
    const verb method = p.method == "post" ? verb::post : verb::get;
    const Reply r = f.request(method, p.target, p.body, p.headers);
    const std::string what = p.method + " " + p.target;
    EXPECT_EQ(r.status, p.expect) << what << ": " << r.body.substr(0, 300);
    const YAML::Node response = documented_response(doc, op, r.status);
    if (!response) {
      ADD_FAILURE() << what << " answered " << r.status << ", which the document does not list";
      continue;
    }
    bool type_documented = false;
    for (const auto& content : response["content"]) {
      const std::string type = content.first.as<std::string>();
      if (r.content_type.rfind(type, 0) == 0) type_documented = true;
    }
    EXPECT_TRUE(type_documented) << what << " answered " << r.status << " as " << r.content_type
                                 << ", not a documented content type";
  }
  for (const auto& path : doc["paths"]) {
    for (const auto& op : path.second) {
      const std::string method = op.first.as<std::string>();
      if (method == "parameters") continue;
      EXPECT_TRUE(probed.count({path.first.as<std::string>(), method}))
          << method << " " << path.first.as<std::string>() << " is documented but never probed";
    }
  }
}

}  // namespace
}  // namespace caseflow::testing
