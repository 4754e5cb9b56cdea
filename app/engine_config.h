// The engine's configuration (config/caseflow.yaml), parsed once into typed values.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "connectors/kafka/client_config.h"
#include "connectors/kafka/topics.h"
#include "connectors/log/log.h"
#include "engine/assessment/assessment.h"
#include "engine/assessment/stars.h"
#include "engine/common/diagnostic.h"
#include "engine/common/result.h"
#include "engine/time/span.h"

namespace caseflow::app {

struct KafkaSettings {
  // "embedded" runs the broker inside this process; anything else is a bootstrap list.
  std::string bootstrap = "embedded";
  int embedded_brokers = 1;
  // A fixed address relayed to the embedded broker, for people typing kcat commands. "" = none.
  std::string embedded_listen = "127.0.0.1:9092";
  std::string topic_prefix = "caseflow";
  kafka::TopicLayout layout;
  kafka::Properties properties;  // passed to librdkafka unchanged (SASL, TLS, ...)

  bool embedded() const { return bootstrap == "embedded"; }
};

struct ProcessingSettings {
  bool exactly_once = true;  // `guarantee: exactly_once` (default) or `at_least_once`
  int commit_interval_ms = 100;
  int max_batch_records = 5'000;
  int max_timer_batch = 500;  // one fire_due call stays far under 50 ms (docs/performance.md)
  std::string group_id = "caseflow";
  // Stable per instance (the transactional.id derives from it). "" = the host name.
  std::string instance_id;

  friend bool operator==(const ProcessingSettings&, const ProcessingSettings&) = default;
};

struct DemoSettings {
  bool enabled = false;  // feed complaints and simulate the units (connectors/demo)
  int report_every_ms = 4'000;
  // A viewer's token in plain text, for the demo's first hour: the banner prints a curl line
  // with it (docs/security.md). "" = none. Real deployments use http.auth.tokens (hashed).
  std::string viewer_token;

  friend bool operator==(const DemoSettings&, const DemoSettings&) = default;
};

// One static bearer token of `http.auth.tokens` (docs/security.md): its SHA-256 and principal.
struct TokenSetting {
  std::string name;
  std::string sha256;  // hex
  std::string role;    // checked by the loader (auth/principal.h)
  std::string scope;

  friend bool operator==(const TokenSetting&, const TokenSetting&) = default;
};

// `http.auth`: who may call /api/v1.
struct AuthSettings {
  std::vector<TokenSetting> tokens;
  std::vector<std::filesystem::path> jwt_keys;  // PEM public keys
  std::vector<std::filesystem::path> jwt_jwks;  // JWKS files; with jwt_keys [] = no JWTs
  std::string jwt_issuer;                       // "" = iss not checked
  std::string jwt_audience;                     // "" = aud not checked
  int jwt_leeway_s = 60;
  // Wrong credentials from one client address (docs/security.md, "Wrong credentials"): this many
  // within the window lock it out for a window, doubling on continued failures up to the
  // maximum. 0 = never locked out.
  int failure_threshold = 10;
  int failure_window_s = 60;
  int max_lockout_s = 900;

  friend bool operator==(const AuthSettings&, const AuthSettings&) = default;
};

struct HttpSettings {
  std::string listen = "127.0.0.1:8080";
  // host:port the other instances reach this one's HTTP at (forwarded reads); "" = the address
  // `listen` bound, with the host name for a wildcard host.
  std::string advertise;
  std::vector<std::string> api_keys;  // Open311 api_key values; empty = no key needed
  // An admin's static token in plain text, from before http.auth: still an admin credential
  // (docs/security.md); prefer a hashed entry in auth.tokens.
  std::string admin_token;
  AuthSettings auth;
  int max_body_bytes = 64 * 1024;
  int read_timeout_ms = 10'000;
  int max_connections = 10'000;
  int max_in_flight = 20'000;  // Kafka sends awaiting acks before new intake gets 503

  friend bool operator==(const HttpSettings&, const HttpSettings&) = default;
};

struct LogSettings {
  // Lines below this level are dropped (`log.level`: debug, info, warning or error).
  logging::Level level = logging::Level::info;

  friend bool operator==(const LogSettings&, const LogSettings&) = default;
};

struct RetentionSettings {
  // How long a closed case stays in the engine's memory before it is archived and forgotten.
  // nullopt (`closed_for: ""`) = its workflow's revisit.within + 1 day.
  std::optional<Span> closed_for;

  friend bool operator==(const RetentionSettings&, const RetentionSettings&) = default;
};

struct DispatcherQueueSettings {
  // How long a case may wait in the dispatcher queue (counted round the clock) before its clock
  // breaches; nullopt (`limit: ""`) = cases in the queue have no clock.
  std::optional<Span> limit = Span{Span::Unit::hours, 2};
  int warn_at_percent = 75;  // 1..99; 0 = no warning

  friend bool operator==(const DispatcherQueueSettings&, const DispatcherQueueSettings&) = default;
};

struct ArchiveSettings {
  bool enabled = true;  // `caseflow run` runs the archive writer too
  // The SQLite file; default data/archive.sqlite in the repository (../data/ beside config/).
  std::filesystem::path path;
  std::string url;  // postgresql://user:pass@host:5432/db; wins over `path` when set
  std::string group_id = "caseflow-archive";
  int batch_records = 2'000;  // records per database transaction, at most

  friend bool operator==(const ArchiveSettings&, const ArchiveSettings&) = default;
};

struct PrivacySettings {
  // The AES-256-GCM key (64 hex digits) that seals residents' phones; empty = no key, a phone is
  // kept masked only and nobody can reveal it.
  std::filesystem::path phone_key_file;
  bool create_key_file = false;  // write a new random key there when the file does not exist

  friend bool operator==(const PrivacySettings&, const PrivacySettings&) = default;
};

// `assessment.stars:` (docs/assessment.md "The star rating of property companies").
struct StarSettings {
  assessment::StarRules rules;
  // The folder of the monthly survey files, <YYYY-MM>.csv; empty = no survey unless the report
  // is given one (--survey).
  std::filesystem::path survey_dir;

  friend bool operator==(const StarSettings&, const StarSettings&) = default;
};

struct EngineConfig {
  std::filesystem::path file;  // the config file itself; relative paths below are resolved
                               // against its folder
  KafkaSettings kafka;
  HttpSettings http;
  ProcessingSettings processing;
  DemoSettings demo;
  LogSettings log;
  RetentionSettings retention;
  DispatcherQueueSettings dispatcher_queue;
  ArchiveSettings archive;
  PrivacySettings privacy;
  assessment::Weights assessment;                // `assessment:` (docs/assessment.md)
  StarSettings stars;                            // `assessment.stars:`
  bool watch_workflows = false;                  // reload when a file under `workflows` changes
  std::vector<std::filesystem::path> workflows;  // files or folders
  std::vector<std::filesystem::path> calendars;  // files or folders
  std::filesystem::path units;                   // the unit directory (may be empty)
  std::filesystem::path boundaries;              // grid polygons (GeoJSON); empty = none
  std::filesystem::path compounds;               // residential compounds (GeoJSON); empty = none
};

// Every key the loader accepts, dotted ("http.listen", "workflows"); a section's own name is
// implied by its keys. The loader's unknown-key check is built from this list, so a test can hold
// config/caseflow.yaml to it without the two drifting apart.
const std::vector<std::string_view>& known_config_keys();

// Reads and checks `file`. Every problem is a FILE:LINE:COL diagnostic; unknown keys are errors so
// a misspelt setting never silently falls back to its default. A file that does not exist is one
// problem at line 0 that names the file and `--config FILE`.
Result<EngineConfig> load_engine_config(const std::filesystem::path& file, Diagnostics& problems);

}  // namespace caseflow::app
