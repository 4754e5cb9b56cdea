#include "app/engine_config.h"

#include <yaml-cpp/yaml.h>

#include <fstream>
#include <set>
#include <sstream>

namespace caseflow::app {
namespace {

class Reader {
 public:
  Reader(std::string file, Diagnostics& problems) : file_(std::move(file)), problems_(problems) {}

  void error(const YAML::Node& at, const std::string& message) {
    const auto mark = at.Mark();
    problems_.push_back({file_, mark.line + 1, mark.column + 1, message});
  }

  // Reports keys of `map` that are not in `known`.
  void only_keys(const YAML::Node& map, const std::set<std::string>& known, const char* where) {
    for (const auto& kv : map) {
      const auto key = kv.first.as<std::string>();
      if (!known.count(key)) error(kv.first, "unknown key '" + key + "' in " + where);
    }
  }

  template <typename T>
  void read(const YAML::Node& map, const char* key, T& out) {
    const YAML::Node node = map[key];
    if (!node) return;
    try {
      out = node.as<T>();
    } catch (const YAML::Exception&) {
      error(node, std::string("'") + key + "' has the wrong type");
    }
  }

  void read_paths(const YAML::Node& map, const char* key, const std::filesystem::path& base,
                  std::vector<std::filesystem::path>& out) {
    const YAML::Node node = map[key];
    if (!node) return;
    std::vector<std::string> items;
    if (node.IsScalar()) {
      items.push_back(node.as<std::string>());
    } else if (node.IsSequence()) {
      for (const auto& item : node) items.push_back(item.as<std::string>());
    } else {
      error(node, std::string("'") + key + "' must be a path or a list of paths");
      return;
    }
    out.clear();
    for (const auto& item : items) out.push_back(base / item);
  }

 private:
  std::string file_;
  Diagnostics& problems_;
};

}  // namespace

Result<EngineConfig> load_engine_config(const std::filesystem::path& file, Diagnostics& problems) {
  std::ifstream in(file);
  if (!in) {
    problems.push_back({file.string(), 0, 0, "cannot read the config file"});
    return Error{"config", "cannot read " + file.string()};
  }
  std::stringstream text;
  text << in.rdbuf();

  EngineConfig config;
  config.file = file;
  const auto base = file.parent_path();
  config.workflows = {base / "../workflows"};
  config.calendars = {base / "calendars"};
  // Defaults name files beside the config; a default that does not exist is simply not used.
  if (std::filesystem::exists(base / "units.yaml")) config.units = base / "units.yaml";

  const size_t before = problems.size();
  Reader r(file.string(), problems);
  try {
    const YAML::Node root = YAML::Load(text.str());
    if (!root.IsMap()) {
      r.error(root, "the config must be a mapping of settings");
      return Error{"config", "bad config"};
    }
    r.only_keys(
        root,
        {"kafka", "http", "processing", "demo", "workflows", "calendars", "units", "boundaries"},
        "the config");
    if (const auto kafka = root["kafka"]) {
      r.only_keys(kafka,
                  {"bootstrap", "embedded_brokers", "embedded_listen", "topic_prefix",
                   "event_partitions", "output_partitions", "properties"},
                  "kafka");
      auto& k = config.kafka;
      r.read(kafka, "bootstrap", k.bootstrap);
      r.read(kafka, "embedded_brokers", k.embedded_brokers);
      r.read(kafka, "embedded_listen", k.embedded_listen);
      r.read(kafka, "topic_prefix", k.topic_prefix);
      r.read(kafka, "event_partitions", k.layout.event_partitions);
      r.read(kafka, "output_partitions", k.layout.output_partitions);
      r.read(kafka, "properties", k.properties);
      if (k.embedded_brokers < 1 || k.embedded_brokers > 9) {
        r.error(kafka["embedded_brokers"], "embedded_brokers must be between 1 and 9");
      }
      if (k.layout.event_partitions < 1) {
        r.error(kafka["event_partitions"], "event_partitions must be at least 1");
      }
      if (k.layout.output_partitions < 1) {
        r.error(kafka["output_partitions"], "output_partitions must be at least 1");
      }
    }
    if (const auto http = root["http"]) {
      r.only_keys(http,
                  {"listen", "api_keys", "admin_token", "max_body_bytes", "read_timeout_ms",
                   "max_connections", "max_in_flight"},
                  "http");
      auto& h = config.http;
      r.read(http, "listen", h.listen);
      r.read(http, "api_keys", h.api_keys);
      r.read(http, "admin_token", h.admin_token);
      r.read(http, "max_body_bytes", h.max_body_bytes);
      r.read(http, "read_timeout_ms", h.read_timeout_ms);
      r.read(http, "max_connections", h.max_connections);
      r.read(http, "max_in_flight", h.max_in_flight);
      for (const char* key :
           {"max_body_bytes", "read_timeout_ms", "max_connections", "max_in_flight"}) {
        if (http[key] && http[key].IsScalar() && http[key].as<std::string>().starts_with("-")) {
          r.error(http[key], std::string(key) + " must be positive");
        }
      }
    }
    if (const auto proc = root["processing"]) {
      r.only_keys(proc,
                  {"guarantee", "commit_interval_ms", "max_batch_records", "max_timer_batch",
                   "group_id", "instance_id"},
                  "processing");
      auto& p = config.processing;
      std::string guarantee = "exactly_once";
      r.read(proc, "guarantee", guarantee);
      if (guarantee == "at_least_once") {
        p.exactly_once = false;
      } else if (guarantee != "exactly_once") {
        r.error(proc["guarantee"], "guarantee must be exactly_once or at_least_once");
      }
      r.read(proc, "commit_interval_ms", p.commit_interval_ms);
      r.read(proc, "max_batch_records", p.max_batch_records);
      r.read(proc, "max_timer_batch", p.max_timer_batch);
      r.read(proc, "group_id", p.group_id);
      r.read(proc, "instance_id", p.instance_id);
      if (p.commit_interval_ms < 1 || p.commit_interval_ms > 60'000) {
        r.error(proc["commit_interval_ms"], "commit_interval_ms must be between 1 and 60000");
      }
      if (p.max_batch_records < 1) r.error(proc["max_batch_records"], "must be at least 1");
      if (p.max_timer_batch < 1) r.error(proc["max_timer_batch"], "must be at least 1");
    }
    if (const auto demo = root["demo"]) {
      r.only_keys(demo, {"enabled", "report_every_ms"}, "demo");
      r.read(demo, "enabled", config.demo.enabled);
      r.read(demo, "report_every_ms", config.demo.report_every_ms);
      if (config.demo.report_every_ms < 10) {
        r.error(demo["report_every_ms"], "report_every_ms must be at least 10");
      }
    }
    r.read(root, "watch_workflows", config.watch_workflows);
    r.read_paths(root, "workflows", base, config.workflows);
    r.read_paths(root, "calendars", base, config.calendars);
    if (const auto units = root["units"]) config.units = base / units.as<std::string>();
    if (const auto boundaries = root["boundaries"]) {
      config.boundaries = base / boundaries.as<std::string>();
    }
  } catch (const YAML::Exception& e) {
    problems.push_back({file.string(), e.mark.line + 1, e.mark.column + 1, e.msg});
  }
  if (problems.size() != before) return Error{"config", "bad config"};
  return config;
}

}  // namespace caseflow::app
