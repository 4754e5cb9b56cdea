// docker-compose.yml, the Dockerfile and deploy/prometheus as `docker compose up` would use them,
// checked statically (no Docker engine runs here), plus promtool on the rules and their tests.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "tests/integration/support/child_process.h"
#include "tests/support/source_root.h"

namespace caseflow::testing {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

std::string read(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// "host:port" -> port
std::string port_of(const std::string& address) { return address.substr(address.rfind(':') + 1); }
std::string host_of(const std::string& address) { return address.substr(0, address.rfind(':')); }

// The anchors GitHub gives the headings of a Markdown file.
std::set<std::string> markdown_anchors(const fs::path& file) {
  std::set<std::string> anchors;
  std::istringstream in(read(file));
  for (std::string line; std::getline(in, line);) {
    if (!line.starts_with("#")) continue;
    const auto text = line.substr(line.find_first_not_of('#'));
    std::string anchor;
    for (char c : text) {
      if (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') {
        anchor.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
      } else if (c == ' ') {
        anchor.push_back('-');
      }
    }
    while (anchor.starts_with("-")) anchor.erase(0, 1);
    anchors.insert(anchor);
  }
  return anchors;
}

TEST(PrometheusRules, PromtoolChecksTheRulesAndTheirUnitTestsPass) {
  const fs::path dir = kSourceRoot / "deploy/prometheus";
  const auto check = run_command({"/usr/bin/promtool", "check", "rules",
                                  (dir / "alerts.yml").string(), (dir / "rules.yml").string()},
                                 60s);
  EXPECT_EQ(check.exit_code, 0) << check.output;
  const auto tests =
      run_command({"/usr/bin/promtool", "test", "rules", (dir / "alerts_test.yml").string()}, 120s);
  EXPECT_EQ(tests.exit_code, 0) << tests.output;
  EXPECT_NE(tests.output.find("SUCCESS"), std::string::npos) << tests.output;
  // The compose Prometheus config, with the rule files it names.
  const auto config =
      run_command({"/usr/bin/promtool", "check", "config", (dir / "prometheus.yml").string()}, 60s);
  EXPECT_EQ(config.exit_code, 0) << config.output;
}

// deploy/prometheus/prometheus-local.yml: Prometheus run by hand next to a local `caseflow run`.
TEST(PrometheusLocal, PromtoolAcceptsItAndItScrapesTheLocalEngineAsJobCaseflowWithOurRules) {
  const fs::path file = kSourceRoot / "deploy/prometheus/prometheus-local.yml";
  const auto check = run_command({"/usr/bin/promtool", "check", "config", file.string()}, 60s);
  EXPECT_EQ(check.exit_code, 0) << check.output;

  // CaseflowEngineDown and the dashboard select up{job="caseflow"}; another job name would make
  // the alert fire forever and the dashboard's process panels stay empty.
  const YAML::Node local = YAML::LoadFile(file.string());
  std::set<std::string> targets;
  for (const auto& job : local["scrape_configs"]) {
    if (job["job_name"].as<std::string>() != "caseflow") continue;
    EXPECT_EQ(job["metrics_path"].as<std::string>("/metrics"), "/metrics");
    for (const auto& sc : job["static_configs"])
      for (const auto& t : sc["targets"]) targets.insert(t.as<std::string>());
  }
  const YAML::Node engine = YAML::LoadFile((kSourceRoot / "config/caseflow.yaml").string());
  EXPECT_EQ(targets, std::set<std::string>{engine["http"]["listen"].as<std::string>()})
      << "no job `caseflow` scraping the http.listen of config/caseflow.yaml";

  std::set<std::string> rule_files;
  for (const auto& f : local["rule_files"]) rule_files.insert(f.as<std::string>());
  EXPECT_EQ(rule_files, (std::set<std::string>{"alerts.yml", "rules.yml"}));
}

TEST(PrometheusRules, EveryAlertHasASeverityAndARunbookSectionInTheOperationsDoc) {
  const auto anchors = markdown_anchors(kSourceRoot / "docs/operations.md");
  const YAML::Node alerts = YAML::LoadFile((kSourceRoot / "deploy/prometheus/alerts.yml").string());
  const std::set<std::string> required = {
      "CaseflowSlaBreachRateHigh", "CaseflowSlaWarningsPilingUp", "CaseflowTimersLate",
      "CaseflowConsumerLagHigh",   "CaseflowDeadLettersGrowing",  "CaseflowEngineDown",
      "CaseflowInputFellOffTheLog"};
  std::set<std::string> seen;
  for (const auto& group : alerts["groups"]) {
    for (const auto& rule : group["rules"]) {
      if (!rule["alert"]) continue;
      const auto name = rule["alert"].as<std::string>();
      seen.insert(name);
      const auto severity = rule["labels"]["severity"].as<std::string>("");
      EXPECT_TRUE(severity == "warning" || severity == "critical") << name;
      const auto runbook = rule["annotations"]["runbook_url"].as<std::string>("");
      ASSERT_TRUE(runbook.starts_with("docs/operations.md#")) << name << ": " << runbook;
      const auto anchor = runbook.substr(runbook.find('#') + 1);
      EXPECT_TRUE(anchors.count(anchor))
          << name << ": no heading with anchor #" << anchor << " in docs/operations.md";
      EXPECT_FALSE(rule["annotations"]["summary"].as<std::string>("").empty()) << name;
    }
  }
  for (const auto& name : required) EXPECT_TRUE(seen.count(name)) << "missing alert " << name;
}

class Compose : public ::testing::Test {
 protected:
  YAML::Node compose = YAML::LoadFile((kSourceRoot / "docker-compose.yml").string());
  YAML::Node services = compose["services"];
  YAML::Node caseflow_config = YAML::LoadFile((kSourceRoot / "config/docker.yaml").string());
  YAML::Node prometheus =
      YAML::LoadFile((kSourceRoot / "deploy/prometheus/prometheus.yml").string());

  // The host path mounted at `target` in `service`, or "" if nothing is mounted there.
  fs::path host_path_of(const std::string& service, const std::string& target) {
    for (const auto& v : services[service]["volumes"]) {
      const auto spec = v.as<std::string>();
      const auto first = spec.find(':');
      const auto second = spec.find(':', first + 1);
      const auto to = spec.substr(
          first + 1, second == std::string::npos ? std::string::npos : second - first - 1);
      if (target == to || target.starts_with(to + "/")) {
        return (kSourceRoot / spec.substr(0, first) / fs::path(target).lexically_relative(to))
            .lexically_normal();
      }
    }
    return {};
  }
  std::set<std::string> container_ports(const std::string& service) {
    std::set<std::string> ports;
    for (const auto& p : services[service]["ports"]) {
      const auto spec = p.as<std::string>();
      ports.insert(spec.substr(spec.rfind(':') + 1));
    }
    return ports;
  }
};

TEST_F(Compose, HasKafkaInKRaftModeCaseflowPrometheusAndGrafana) {
  for (const char* name : {"kafka", "caseflow", "prometheus", "grafana"}) {
    EXPECT_TRUE(services[name]) << "no service " << name;
  }
  EXPECT_TRUE(services["kafka"]["image"].as<std::string>().starts_with("apache/kafka"));
  const auto roles = services["kafka"]["environment"]["KAFKA_PROCESS_ROLES"].as<std::string>();
  EXPECT_NE(roles.find("controller"), std::string::npos) << "KRaft: the broker is its controller";
  EXPECT_NE(roles.find("broker"), std::string::npos);
  EXPECT_FALSE(services["zookeeper"]);
  EXPECT_EQ(services["caseflow"]["build"].as<std::string>(), ".");
}

TEST_F(Compose, EveryMountedFileExists) {
  for (const auto& service : services) {
    for (const auto& v : service.second["volumes"]) {
      const auto spec = v.as<std::string>();
      if (!spec.starts_with("./")) continue;  // named volumes
      const fs::path host = kSourceRoot / spec.substr(0, spec.find(':'));
      EXPECT_TRUE(fs::exists(host)) << service.first.as<std::string>() << ": " << spec;
    }
  }
}

TEST_F(Compose, CaseflowReachesKafkaAndPublishesItsHttpPort) {
  // The config the container runs is in the image (COPY config config, WORKDIR /opt/caseflow).
  const auto command = services["caseflow"]["command"];
  ASSERT_TRUE(command.IsSequence());
  const auto config_path = command[command.size() - 1].as<std::string>();
  ASSERT_TRUE(config_path.starts_with("/opt/caseflow/")) << config_path;
  EXPECT_TRUE(fs::exists(kSourceRoot / config_path.substr(std::string("/opt/caseflow/").size())))
      << config_path;
  EXPECT_EQ(config_path, "/opt/caseflow/config/docker.yaml");

  const auto bootstrap = caseflow_config["kafka"]["bootstrap"].as<std::string>();
  EXPECT_TRUE(services[host_of(bootstrap)]) << "bootstrap " << bootstrap << " is no service";
  const auto advertised =
      services["kafka"]["environment"]["KAFKA_ADVERTISED_LISTENERS"].as<std::string>();
  EXPECT_NE(advertised.find("//" + bootstrap), std::string::npos)
      << "Kafka does not advertise " << bootstrap << ": " << advertised;

  const auto listen = caseflow_config["http"]["listen"].as<std::string>();
  EXPECT_EQ(host_of(listen), "0.0.0.0") << "in a container, loopback is unreachable";
  EXPECT_TRUE(container_ports("caseflow").count(port_of(listen))) << listen;
}

// The archive: caseflow waits for a healthy PostgreSQL and its archive.url names that service
// with the role, password and database the postgres image creates; the data outlives the container.
TEST_F(Compose, CaseflowArchivesIntoTheComposePostgresAndWaitsForIt) {
  const auto pg = services["postgres"];
  ASSERT_TRUE(pg) << "no service postgres";
  EXPECT_TRUE(pg["image"].as<std::string>().starts_with("postgres:15"));
  EXPECT_TRUE(pg["healthcheck"]["test"]) << "caseflow can only wait for a healthcheck";
  EXPECT_EQ(services["caseflow"]["depends_on"]["postgres"]["condition"].as<std::string>(""),
            "service_healthy");

  bool data_in_a_named_volume = false;
  for (const auto& v : pg["volumes"]) {
    const auto spec = v.as<std::string>();
    const auto name = spec.substr(0, spec.find(':'));
    if (spec.substr(spec.find(':') + 1) != "/var/lib/postgresql/data") continue;
    data_in_a_named_volume = compose["volumes"] && compose["volumes"][name].IsDefined();
  }
  EXPECT_TRUE(data_in_a_named_volume) << "the database would be lost with its container";

  // postgresql://USER:PASSWORD@HOST:PORT/DB
  const auto url = caseflow_config["archive"]["url"].as<std::string>("");
  ASSERT_TRUE(url.starts_with("postgresql://")) << url;
  const auto rest = url.substr(std::string("postgresql://").size());
  const auto at = rest.find('@');
  const auto colon = rest.find(':');
  const auto slash = rest.find('/', at);
  ASSERT_TRUE(at != std::string::npos && colon < at && slash != std::string::npos) << url;
  const auto env = pg["environment"];
  EXPECT_EQ(rest.substr(0, colon), env["POSTGRES_USER"].as<std::string>(""));
  EXPECT_EQ(rest.substr(colon + 1, at - colon - 1), env["POSTGRES_PASSWORD"].as<std::string>(""));
  EXPECT_EQ(rest.substr(slash + 1), env["POSTGRES_DB"].as<std::string>(""));
  const auto host_port = rest.substr(at + 1, slash - at - 1);
  EXPECT_EQ(host_of(host_port), "postgres") << "archive.url does not name the postgres service";
  EXPECT_EQ(port_of(host_port), "5432");
}

TEST_F(Compose, PrometheusScrapesCaseflowOnItsPortAndLoadsOurRules) {
  const auto config_flag = std::string("--config.file=/etc/prometheus/prometheus.yml");
  bool found = false;
  for (const auto& arg : services["prometheus"]["command"])
    found |= arg.as<std::string>() == config_flag;
  EXPECT_TRUE(found);
  EXPECT_EQ(host_path_of("prometheus", "/etc/prometheus/prometheus.yml"),
            kSourceRoot / "deploy/prometheus/prometheus.yml");

  std::set<std::string> targets;
  for (const auto& job : prometheus["scrape_configs"]) {
    if (job["job_name"].as<std::string>() != "caseflow") continue;
    EXPECT_EQ(job["metrics_path"].as<std::string>("/metrics"), "/metrics");
    for (const auto& sc : job["static_configs"])
      for (const auto& t : sc["targets"]) targets.insert(t.as<std::string>());
  }
  const auto listen = caseflow_config["http"]["listen"].as<std::string>();
  EXPECT_EQ(targets, std::set<std::string>{"caseflow:" + port_of(listen)});

  std::set<std::string> rule_files;
  for (const auto& f : prometheus["rule_files"]) {
    rule_files.insert(f.as<std::string>());
    EXPECT_TRUE(fs::exists(kSourceRoot / "deploy/prometheus" / f.as<std::string>())) << f;
  }
  EXPECT_TRUE(rule_files.count("alerts.yml"));
  EXPECT_TRUE(rule_files.count("rules.yml"));
}

TEST_F(Compose, GrafanaIsProvisionedWithPrometheusAndOurDashboard) {
  const fs::path provisioning = host_path_of("grafana", "/etc/grafana/provisioning");
  ASSERT_FALSE(provisioning.empty());
  const YAML::Node sources = YAML::LoadFile((provisioning / "datasources/prometheus.yml").string());
  const auto url = sources["datasources"][0]["url"].as<std::string>();
  EXPECT_EQ(url, "http://prometheus:" + *container_ports("prometheus").begin());

  const YAML::Node providers = YAML::LoadFile((provisioning / "dashboards/caseflow.yml").string());
  const auto path = providers["providers"][0]["options"]["path"].as<std::string>();
  const fs::path dashboards = host_path_of("grafana", path);
  ASSERT_FALSE(dashboards.empty()) << path << " is not mounted";
  EXPECT_TRUE(fs::exists(dashboards / "caseflow-operations.json"));
  const auto home = services["grafana"]["environment"]["GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH"]
                        .as<std::string>();
  EXPECT_TRUE(fs::exists(host_path_of("grafana", home))) << home;
}

TEST(Dockerfile, BuildsOnBookwormWithOurInstallScriptAndCopiesOnlyWhatExists) {
  std::istringstream in(read(kSourceRoot / "Dockerfile"));
  std::set<std::string> ignored;
  {
    std::istringstream ig(read(kSourceRoot / ".dockerignore"));
    for (std::string line; std::getline(ig, line);)
      if (!line.empty() && line[0] != '#') ignored.insert(line);
  }
  std::vector<std::string> froms;
  bool install_script = false;
  bool entry_is_caseflow = false;
  for (std::string line; std::getline(in, line);) {
    std::istringstream words(line);
    std::string op;
    words >> op;
    if (op == "FROM") {
      std::string image;
      words >> image;
      froms.push_back(image);
    } else if (op == "RUN" && line.find("scripts/install-deps.sh") != std::string::npos) {
      install_script = true;
    } else if (op == "ENTRYPOINT") {
      entry_is_caseflow = line.find("\"caseflow\"") != std::string::npos;
    } else if (op == "COPY") {
      std::vector<std::string> args;
      for (std::string w; words >> w;) args.push_back(w);
      if (!args.empty() && args[0].starts_with("--from")) continue;  // from the build stage
      ASSERT_GE(args.size(), 2u) << line;
      for (size_t i = 0; i + 1 < args.size(); ++i) {
        EXPECT_TRUE(fs::exists(kSourceRoot / args[i])) << "COPY source missing: " << args[i];
        const auto top = args[i].substr(0, args[i].find('/'));
        EXPECT_FALSE(ignored.count(top)) << args[i] << " is excluded by .dockerignore";
      }
    }
  }
  ASSERT_FALSE(froms.empty());
  EXPECT_EQ(froms.front(), "debian:bookworm");
  for (const auto& f : froms) EXPECT_TRUE(f.starts_with("debian:bookworm")) << f;
  EXPECT_TRUE(install_script);
  EXPECT_TRUE(entry_is_caseflow);
  // The runtime image has the archive's client libraries (the binary links both).
  const auto dockerfile = read(kSourceRoot / "Dockerfile");
  const auto runtime = dockerfile.substr(dockerfile.rfind("FROM "));
  EXPECT_NE(runtime.find("libpq5"), std::string::npos) << "no libpq in the runtime image";
  EXPECT_NE(runtime.find("libsqlite3-0"), std::string::npos) << "no SQLite in the runtime image";
}

}  // namespace
}  // namespace caseflow::testing
