// The Grafana dashboard against what caseflow exports: every query names a metric the registry
// exports (or a recording rule of deploy/prometheus/rules.yml), uses the provisioned datasource,
// and is valid PromQL for a real Prometheus server.
#include <gtest/gtest.h>
#include <unistd.h>
#include <yaml-cpp/yaml.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "connectors/metrics/metric_catalog.h"
#include "tests/integration/metrics/scrape_endpoint.h"
#include "tests/integration/support/child_process.h"
#include "tests/support/source_root.h"

namespace caseflow::testing {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;
using namespace std::chrono_literals;

const fs::path kDashboard = kSourceRoot / "deploy/grafana/dashboards/caseflow-operations.json";

json::value load_json(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return json::parse(s.str());
}

struct Query {
  std::string where;
  std::string expr;
};

// Every PromQL expression of the dashboard: panel targets and query variables.
std::vector<Query> dashboard_queries(const json::value& dashboard) {
  std::vector<Query> out;
  for (const auto& panel : dashboard.at("panels").as_array()) {
    const auto& p = panel.as_object();
    if (!p.contains("targets")) continue;
    for (const auto& t : p.at("targets").as_array()) {
      out.push_back(
          {std::string(p.at("title").as_string()), std::string(t.at("expr").as_string())});
    }
  }
  for (const auto& var : dashboard.at("templating").at("list").as_array()) {
    const auto& v = var.as_object();
    if (v.at("type").as_string() != "query") continue;
    out.push_back({"variable " + std::string(v.at("name").as_string()),
                   std::string(v.at("definition").as_string())});
  }
  return out;
}

// The metric names an expression uses (identifiers starting caseflow_, caseflow: or process_,
// outside quoted strings).
std::set<std::string> metric_names(const std::string& expr) {
  std::set<std::string> names;
  bool quoted = false;
  std::string token;
  auto flush = [&] {
    if (token.starts_with("caseflow_") || token.starts_with("caseflow:") ||
        token.starts_with("process_"))
      names.insert(token);
    token.clear();
  };
  for (char c : expr) {
    if (c == '"') {
      flush();
      quoted = !quoted;
      continue;
    }
    if (!quoted && (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == ':')) {
      token.push_back(c);
    } else {
      flush();
    }
  }
  flush();
  return names;
}

std::set<std::string> recording_rules() {
  std::set<std::string> names;
  const YAML::Node rules = YAML::LoadFile((kSourceRoot / "deploy/prometheus/rules.yml").string());
  for (const auto& group : rules["groups"])
    for (const auto& rule : group["rules"])
      if (rule["record"]) names.insert(rule["record"].as<std::string>());
  return names;
}

bool exported(const std::string& name, const std::set<std::string>& recorded) {
  static const std::set<std::string> process = {
      "process_cpu_seconds_total",  "process_resident_memory_bytes",
      "process_start_time_seconds", "process_virtual_memory_bytes",
      "process_open_fds",           "process_max_fds"};
  if (process.count(name) || recorded.count(name)) return true;
  if (const auto* f = metrics::find_family(name)) return f->type != metrics::FamilyType::histogram;
  for (const char* suffix : {"_bucket", "_sum", "_count"}) {
    if (!name.ends_with(suffix)) continue;
    const auto* f = metrics::find_family(name.substr(0, name.size() - std::strlen(suffix)));
    if (f && f->type == metrics::FamilyType::histogram) return true;
  }
  return false;
}

TEST(Dashboard, EveryQueryNamesMetricsThatCaseflowExportsOrRecordingRulesThatExist) {
  const auto recorded = recording_rules();
  const auto queries = dashboard_queries(load_json(kDashboard));
  ASSERT_GT(queries.size(), 15u);
  std::set<std::string> used;
  for (const auto& q : queries) {
    const auto names = metric_names(q.expr);
    EXPECT_FALSE(names.empty()) << q.where << ": " << q.expr;
    for (const auto& n : names) {
      used.insert(n);
      EXPECT_TRUE(exported(n, recorded)) << q.where << ": " << n << " is not exported";
    }
  }
  // What the issue asks the dashboard to show.
  for (const char* needed : {"caseflow_cases_open", "caseflow_sla_breaches_total",
                             "caseflow_escalations_total", "caseflow_response_assessed_total",
                             "caseflow_response_on_time_total", "caseflow_rated_cases_total",
                             "caseflow_assessment_weight", "caseflow_timer_lateness_seconds_bucket",
                             "caseflow_events_processed_total", "caseflow:score:weighted_1d"}) {
    EXPECT_TRUE(used.count(needed)) << "the dashboard does not show " << needed;
  }
}

TEST(Dashboard, UsesTheProvisionedDatasourceAndHasTheRankingWeightsAsVariables) {
  const YAML::Node sources = YAML::LoadFile(
      (kSourceRoot / "deploy/grafana/provisioning/datasources/prometheus.yml").string());
  const auto uid = sources["datasources"][0]["uid"].as<std::string>();
  const auto dashboard = load_json(kDashboard);
  for (const auto& panel : dashboard.at("panels").as_array()) {
    const auto& p = panel.as_object();
    if (p.at("type").as_string() == "row") continue;
    EXPECT_EQ(p.at("datasource").at("uid").as_string(), uid) << p.at("title");
  }
  std::map<std::string, std::string> weights;
  for (const auto& var : dashboard.at("templating").at("list").as_array()) {
    const auto& v = var.as_object();
    const std::string name(v.at("name").as_string());
    if (name.starts_with("w_")) weights[name] = std::string(v.at("query").as_string());
  }
  EXPECT_EQ(weights, (std::map<std::string, std::string>{
                         {"w_response", "30"}, {"w_resolution", "35"}, {"w_satisfaction", "35"}}));
}

std::string with_grafana_variables(std::string expr) {
  const std::pair<std::string, std::string> vars[] = {
      {"$__rate_interval", "1m"}, {"$__range", "1h"},    {"$workflow", ".*"},
      {"$street", ".*"},          {"$w_response", "30"}, {"$w_resolution", "35"},
      {"$w_satisfaction", "35"}};
  for (const auto& [from, to] : vars) {
    for (auto at = expr.find(from); at != std::string::npos; at = expr.find(from, at + to.size()))
      expr.replace(at, from.size(), to);
  }
  return expr;
}

std::string url_encode(const std::string& s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '_' || c == '-' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out += {'%', hex[c >> 4], hex[c & 15]};
    }
  }
  return out;
}

TEST(Dashboard, EveryQueryIsValidPromqlForARealPrometheus) {
  const fs::path dir = fs::temp_directory_path() / ("caseflow-dash-" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  {
    std::ofstream config(dir / "prometheus.yml");
    config << "global:\n  scrape_interval: 1m\nrule_files:\n  - "
           << (kSourceRoot / "deploy/prometheus/alerts.yml").string() << "\n  - "
           << (kSourceRoot / "deploy/prometheus/rules.yml").string() << "\n";
  }
  const uint16_t port = free_loopback_port();
  ChildProcess prometheus({"/usr/bin/prometheus",
                           "--config.file=" + (dir / "prometheus.yml").string(),
                           "--storage.tsdb.path=" + (dir / "data").string(),
                           "--web.listen-address=127.0.0.1:" + std::to_string(port)});
  ASSERT_TRUE(prometheus.wait_for_line("Server is ready to receive web requests", 60s))
      << prometheus.output();
  for (const auto& q : dashboard_queries(load_json(kDashboard))) {
    std::string expr = with_grafana_variables(q.expr);
    if (expr.starts_with("label_values(")) {  // a Grafana function, not PromQL: check the metric
      expr = expr.substr(13, expr.find(',') - 13);
    }
    const std::string body = http_get(port, "/api/v1/query?query=" + url_encode(expr));
    EXPECT_NE(body.find("\"status\":\"success\""), std::string::npos)
        << q.where << ": Prometheus refused " << expr << "\n"
        << body;
  }
  std::error_code ec;
  fs::remove_all(dir, ec);
}

}  // namespace
}  // namespace caseflow::testing
