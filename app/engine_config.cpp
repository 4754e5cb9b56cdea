#include "app/engine_config.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>

#include "app/assessment_settings.h"
#include "connectors/http/auth/principal.h"
#include "connectors/http/auth/static_tokens.h"
#include "engine/common/did_you_mean.h"
#include "engine/yaml/bounded_yaml.h"

namespace caseflow::app {
namespace {

// In the order of config/caseflow.yaml, which shows each of them with its default.
const std::vector<std::string_view> kKnownKeys = {
    "kafka.bootstrap",
    "kafka.embedded_brokers",
    "kafka.embedded_listen",
    "kafka.topic_prefix",
    "kafka.event_partitions",
    "kafka.output_partitions",
    "kafka.properties",
    "http.listen",
    "http.advertise",
    "http.api_keys",
    "http.admin_token",
    "http.auth",
    "http.max_body_bytes",
    "http.read_timeout_ms",
    "http.max_connections",
    "http.max_in_flight",
    "processing.guarantee",
    "processing.commit_interval_ms",
    "processing.max_batch_records",
    "processing.max_timer_batch",
    "processing.group_id",
    "processing.instance_id",
    "retention.closed_for",
    "dispatcher_queue.limit",
    "dispatcher_queue.warn_at_percent",
    "archive.enabled",
    "archive.path",
    "archive.url",
    "archive.group_id",
    "archive.batch_records",
    "privacy.phone_key_file",
    "privacy.create_key_file",
    "log.level",
    "assessment.weights",
    "assessment.score",
    "assessment.unrated",
    "assessment.stars",
    "demo.enabled",
    "demo.report_every_ms",
    "demo.viewer_token",
    "workflows",
    "watch_workflows",
    "calendars",
    "units",
    "boundaries",
    "compounds",
};

// The keys allowed in `section`; "" is the top level, where a section's name counts as a key.
std::vector<std::string_view> keys_in(std::string_view section) {
  std::vector<std::string_view> keys;
  for (const auto key : kKnownKeys) {
    const auto dot = key.find('.');
    std::string_view name;
    if (section.empty()) {
      name = key.substr(0, dot);
    } else if (dot != std::string_view::npos && key.substr(0, dot) == section) {
      name = key.substr(dot + 1);
    } else {
      continue;
    }
    if (std::find(keys.begin(), keys.end(), name) == keys.end()) keys.push_back(name);
  }
  return keys;
}

// One line for a config file that cannot be opened: what is wrong with it, and the way out.
std::string unreadable_reason(const std::filesystem::path& file) {
  std::error_code ec;
  const auto status = std::filesystem::status(file, ec);
  if (!std::filesystem::exists(status)) {
    // A relative default such as config/caseflow.yaml is looked up from the current folder, which
    // is what people miss when they start the binary from elsewhere.
    const std::string where =
        file.is_relative() ? " (looked in " + std::filesystem::current_path(ec).string() + ")" : "";
    return "no such config file" + where + "; pick another with --config FILE";
  }
  if (std::filesystem::is_directory(status)) {
    return "this is a folder, not a config file; pick a file with --config FILE";
  }
  return "cannot read the config file (check its permissions), or pick another with --config FILE";
}

// A span as workflows write them ("36h", "3 workdays"), or with the calendar unit spelt out as
// people write it in prose ("8 days", "1 hour").
std::optional<Span> parse_retention_span(std::string_view text) {
  if (auto span = parse_span(text)) return span;
  constexpr std::pair<std::string_view, std::string_view> kLongNames[] = {
      {"seconds", "s"}, {"second", "s"}, {"minutes", "m"}, {"minute", "m"},
      {"hours", "h"},   {"hour", "h"},   {"days", "d"},    {"day", "d"},
  };
  for (const auto& [name, unit] : kLongNames) {
    if (!text.ends_with(name)) continue;
    return parse_span(std::string(text.substr(0, text.size() - name.size())) + std::string(unit));
  }
  return std::nullopt;
}

class Reader {
 public:
  Reader(std::string file, Diagnostics& problems) : file_(std::move(file)), problems_(problems) {}

  void error(const YAML::Node& at, const std::string& message) {
    const auto mark = at.Mark();
    problems_.push_back({file_, mark.line + 1, mark.column + 1, message});
  }

  // `parent[name]` if it is a mapping; an error if it is anything else; a null node if absent.
  YAML::Node section(const YAML::Node& parent, const char* name) {
    const YAML::Node node = parent[name];
    if (!node || node.IsMap()) return node;
    error(node, std::string("'") + name + "' must be a mapping of settings");
    return YAML::Node(YAML::NodeType::Undefined);
  }

  // Reports keys of `map` that the section `where` ("" = the top level) does not know.
  void only_keys(const YAML::Node& map, std::string_view where) {
    const auto known = keys_in(where);
    for (const auto& kv : map) {
      const auto key = kv.first.as<std::string>();
      if (std::find(known.begin(), known.end(), key) != known.end()) continue;
      error(kv.first, "unknown key '" + key + "' in " +
                          (where.empty() ? std::string("the config") : std::string(where)) +
                          did_you_mean(key, known));
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

  // A single path relative to `base`; `out` is untouched when the key is absent.
  void read_path(const YAML::Node& map, const char* key, const std::filesystem::path& base,
                 std::filesystem::path& out) {
    std::string text;
    if (!map[key]) return;
    read(map, key, text);
    out = base / text;
  }

 private:
  std::string file_;
  Diagnostics& problems_;
};

// `assessment:`: the weights of a rating's parts (0..1 each, so no rate can exceed 1), the score's
// weights (not negative, not all 0) and what an unrated case counts as.
void read_assessment(Reader& r, const YAML::Node& section, assessment::Weights& w) {
  struct Part {
    std::string_view name;
    double* value;
  };
  const auto read_parts = [&](const char* key, std::initializer_list<Part> parts, double max) {
    const YAML::Node node = r.section(section, key);
    if (!node) return;
    std::vector<std::string_view> names;
    for (const Part& p : parts) names.push_back(p.name);
    for (const auto& kv : node) {
      const auto name = kv.first.as<std::string>();
      const auto part =
          std::find_if(parts.begin(), parts.end(), [&](const Part& p) { return p.name == name; });
      if (part == parts.end()) {
        r.error(kv.first,
                "unknown key '" + name + "' in assessment." + key + did_you_mean(name, names));
        continue;
      }
      double value = 0;
      try {
        value = kv.second.as<double>();
      } catch (const YAML::Exception&) {
        r.error(kv.second, "assessment." + std::string(key) + "." + name + " must be a number");
        continue;
      }
      if (!(value >= 0 && value <= max)) {
        r.error(kv.second, "assessment." + std::string(key) + "." + name +
                               " must be between 0 and " +
                               (max == 1 ? std::string("1") : std::string("1000")));
        continue;
      }
      *part->value = value;
    }
  };
  read_parts("weights",
             {{"solved", &w.solved},
              {"partly", &w.partly},
              {"not_solved", &w.not_solved},
              {"satisfied", &w.satisfied},
              {"basically", &w.basically},
              {"unsatisfied", &w.unsatisfied}},
             1);
  read_parts("score",
             {{"response", &w.score_response},
              {"resolution", &w.score_resolution},
              {"satisfaction", &w.score_satisfaction}},
             1000);
  if (section["score"] && w.score_response + w.score_resolution + w.score_satisfaction <= 0)
    r.error(section["score"], "assessment.score needs at least one weight above 0");
  if (const YAML::Node unrated = section["unrated"]) {
    std::string value;
    r.read(section, "unrated", value);
    if (value == "exclude") {
      w.unrated = assessment::Weights::Unrated::exclude;
    } else if (value == "as_worst") {
      w.unrated = assessment::Weights::Unrated::as_worst;
    } else {
      r.error(unrated,
              "unrated must be exclude (left out and counted) or as_worst (counted as "
              "not solved and unsatisfied)");
    }
  }
}

// `http.auth`: static tokens (hashed) and JWT keys, each checked where it is written.
void read_auth(Reader& r, const YAML::Node& section, const std::filesystem::path& base,
               AuthSettings& a) {
  const std::vector<std::string_view> keys = {"tokens", "jwt", "failure_threshold",
                                              "failure_window_s", "max_lockout_s"};
  for (const auto& kv : section) {
    const auto key = kv.first.as<std::string>();
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) {
      r.error(kv.first, "unknown key '" + key + "' in http.auth" + did_you_mean(key, keys));
    }
  }
  if (const YAML::Node tokens = section["tokens"]) {
    if (!tokens.IsSequence()) {
      r.error(tokens, "tokens must be a list of {name, sha256, role, scope}");
    } else {
      const std::vector<std::string_view> fields = {"name", "sha256", "role", "scope"};
      for (const auto& t : tokens) {
        if (!t.IsMap()) {
          r.error(t, "a token is {name, sha256, role, scope}");
          continue;
        }
        for (const auto& kv : t) {
          const auto key = kv.first.as<std::string>();
          if (std::find(fields.begin(), fields.end(), key) == fields.end()) {
            r.error(kv.first, "unknown key '" + key + "' in a token" + did_you_mean(key, fields));
          }
        }
        TokenSetting setting;
        r.read(t, "name", setting.name);
        r.read(t, "sha256", setting.sha256);
        r.read(t, "role", setting.role);
        r.read(t, "scope", setting.scope);
        if (!http::auth::parse_sha256_hex(setting.sha256)) {
          r.error(t["sha256"] ? t["sha256"] : t,
                  "sha256 must be the 64 hex digits of the token's SHA-256: printf %s TOKEN | "
                  "caseflow hash-token");
        }
        const auto role = http::auth::parse_role(setting.role);
        if (!role) {
          r.error(t["role"] ? t["role"] : t,
                  "role must be unit, office, dispatcher, admin, viewer or revisit");
        } else if (auto problem =
                       http::auth::principal_problem({*role, setting.scope, setting.name})) {
          r.error(t, *problem);
        }
        a.tokens.push_back(std::move(setting));
      }
    }
  }
  if (const YAML::Node jwt = r.section(section, "jwt")) {
    const std::vector<std::string_view> fields = {"keys", "jwks", "issuer", "audience", "leeway_s"};
    for (const auto& kv : jwt) {
      const auto key = kv.first.as<std::string>();
      if (std::find(fields.begin(), fields.end(), key) == fields.end()) {
        r.error(kv.first, "unknown key '" + key + "' in http.auth.jwt" + did_you_mean(key, fields));
      }
    }
    r.read_paths(jwt, "keys", base, a.jwt_keys);
    r.read_paths(jwt, "jwks", base, a.jwt_jwks);
    r.read(jwt, "issuer", a.jwt_issuer);
    r.read(jwt, "audience", a.jwt_audience);
    r.read(jwt, "leeway_s", a.jwt_leeway_s);
    if (a.jwt_leeway_s < 0 || a.jwt_leeway_s > 3600) {
      r.error(jwt["leeway_s"], "leeway_s must be between 0 and 3600");
    }
  }
  r.read(section, "failure_threshold", a.failure_threshold);
  r.read(section, "failure_window_s", a.failure_window_s);
  r.read(section, "max_lockout_s", a.max_lockout_s);
  if (a.failure_threshold < 0 || a.failure_threshold > 1'000'000) {
    r.error(section["failure_threshold"],
            "failure_threshold must be between 0 (never lock out) and 1000000");
  }
  if (a.failure_window_s < 1 || a.failure_window_s > 86'400) {
    r.error(section["failure_window_s"], "failure_window_s must be between 1 and 86400");
  } else if (a.max_lockout_s < a.failure_window_s || a.max_lockout_s > 86'400) {
    r.error(section["max_lockout_s"] ? section["max_lockout_s"] : section,
            "max_lockout_s must be between failure_window_s (the first lockout) and 86400");
  }
}

}  // namespace

const std::vector<std::string_view>& known_config_keys() { return kKnownKeys; }

Result<EngineConfig> load_engine_config(const std::filesystem::path& file, Diagnostics& problems) {
  std::ifstream in(file);
  if (!in || std::filesystem::is_directory(file)) {
    const auto reason = unreadable_reason(file);
    problems.push_back({file.string(), 0, 0, reason});
    return Error{"config", file.string() + ": " + reason};
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
  config.archive.path = base / "../data/archive.sqlite";

  const size_t before = problems.size();
  Reader r(file.string(), problems);
  const std::optional<YAML::Node> parsed =
      yaml::parse_bounded_yaml(file.string(), text.str(), problems);
  if (!parsed) return Error{"config", "bad config"};
  try {
    const YAML::Node& root = *parsed;
    if (!root.IsMap()) {
      r.error(root, "the config must be a mapping of settings");
      return Error{"config", "bad config"};
    }
    r.only_keys(root, "");
    if (const auto kafka = r.section(root, "kafka")) {
      r.only_keys(kafka, "kafka");
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
    if (const auto http = r.section(root, "http")) {
      r.only_keys(http, "http");
      auto& h = config.http;
      r.read(http, "listen", h.listen);
      r.read(http, "advertise", h.advertise);
      if (!h.advertise.empty() &&
          (h.advertise.rfind(':') == std::string::npos || h.advertise.rfind(':') == 0 ||
           h.advertise.rfind(':') + 1 == h.advertise.size())) {
        r.error(http["advertise"], "advertise must be host:port (or \"\" for http.listen)");
      }
      r.read(http, "api_keys", h.api_keys);
      r.read(http, "admin_token", h.admin_token);
      if (const auto auth = r.section(http, "auth")) read_auth(r, auth, base, h.auth);
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
    if (const auto proc = r.section(root, "processing")) {
      r.only_keys(proc, "processing");
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
    if (const auto retention = r.section(root, "retention")) {
      r.only_keys(retention, "retention");
      std::string closed_for;
      r.read(retention, "closed_for", closed_for);
      if (!closed_for.empty()) {
        config.retention.closed_for = parse_retention_span(closed_for);
        if (!config.retention.closed_for) {
          r.error(retention["closed_for"],
                  "closed_for must be \"\" (each workflow's revisit window + 1 day) or a span such "
                  "as \"8 days\", \"36h\" or \"3 workdays\", at most " +
                      std::to_string(kMaxSpanDays) + " days");
        }
      }
    }
    if (const auto queue = r.section(root, "dispatcher_queue")) {
      r.only_keys(queue, "dispatcher_queue");
      auto& q = config.dispatcher_queue;
      if (queue["limit"]) {
        std::string limit;
        r.read(queue, "limit", limit);
        q.limit = limit.empty() ? std::nullopt : parse_retention_span(limit);
        if (!limit.empty() && !q.limit) {
          r.error(queue["limit"],
                  "limit must be \"\" (no clock in the queue) or a span such as \"2h\", \"30 "
                  "minutes\" or \"1 day\", at most " +
                      std::to_string(kMaxSpanDays) + " days");
        }
      }
      r.read(queue, "warn_at_percent", q.warn_at_percent);
      if (q.warn_at_percent < 0 || q.warn_at_percent > 99)
        r.error(queue["warn_at_percent"], "warn_at_percent must be between 0 and 99");
    }
    if (const auto archive = r.section(root, "archive")) {
      r.only_keys(archive, "archive");
      auto& a = config.archive;
      r.read(archive, "enabled", a.enabled);
      r.read_path(archive, "path", base, a.path);
      r.read(archive, "url", a.url);
      r.read(archive, "group_id", a.group_id);
      r.read(archive, "batch_records", a.batch_records);
      if (archive["path"] && archive["path"].IsScalar() &&
          archive["path"].as<std::string>().empty()) {
        r.error(archive["path"], "path must name the archive's SQLite file");
      }
      if (!a.url.empty() && !a.url.starts_with("postgresql://") &&
          !a.url.starts_with("postgres://")) {
        r.error(archive["url"], "url must be \"\" (the SQLite file at path) or postgresql://...");
      }
      if (a.group_id.empty()) r.error(archive["group_id"], "group_id must not be empty");
      if (a.batch_records < 1 || a.batch_records > 100'000) {
        r.error(archive["batch_records"], "batch_records must be between 1 and 100000");
      }
    }
    if (const auto privacy = r.section(root, "privacy")) {
      r.only_keys(privacy, "privacy");
      std::string key_file;
      r.read(privacy, "phone_key_file", key_file);
      if (!key_file.empty()) config.privacy.phone_key_file = (base / key_file).lexically_normal();
      r.read(privacy, "create_key_file", config.privacy.create_key_file);
    }
    if (const auto assessment = r.section(root, "assessment")) {
      r.only_keys(assessment, "assessment");
      read_assessment(r, assessment, config.assessment);
      if (const YAML::Node stars = assessment["stars"]) {
        read_star_settings(stars, base, file.string(), problems, config.stars);
      }
    }
    if (const auto log = r.section(root, "log")) {
      r.only_keys(log, "log");
      std::string level = "info";
      r.read(log, "level", level);
      if (const auto parsed = logging::parse_level(level)) {
        config.log.level = *parsed;
      } else {
        r.error(log["level"],
                "unknown log level '" + level + "'; the levels are debug, info, warning and error");
      }
    }
    if (const auto demo = r.section(root, "demo")) {
      r.only_keys(demo, "demo");
      r.read(demo, "enabled", config.demo.enabled);
      r.read(demo, "report_every_ms", config.demo.report_every_ms);
      r.read(demo, "viewer_token", config.demo.viewer_token);
      if (config.demo.report_every_ms < 10) {
        r.error(demo["report_every_ms"], "report_every_ms must be at least 10");
      }
    }
    r.read(root, "watch_workflows", config.watch_workflows);
    r.read_paths(root, "workflows", base, config.workflows);
    r.read_paths(root, "calendars", base, config.calendars);
    r.read_path(root, "units", base, config.units);
    r.read_path(root, "boundaries", base, config.boundaries);
    r.read_path(root, "compounds", base, config.compounds);
  } catch (const YAML::ParserException& e) {
    // The same wording as `caseflow validate` uses for workflow files.
    problems.push_back(
        {file.string(), e.mark.line + 1, e.mark.column + 1, "invalid YAML: " + e.msg});
  } catch (const YAML::Exception& e) {
    problems.push_back({file.string(), e.mark.line + 1, e.mark.column + 1, e.msg});
  }
  if (problems.size() != before) return Error{"config", "bad config"};
  return config;
}

}  // namespace caseflow::app
