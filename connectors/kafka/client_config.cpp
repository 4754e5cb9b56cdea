#include "connectors/kafka/client_config.h"

#include <string>

#include "connectors/log/log.h"

namespace caseflow::kafka {
namespace {

// librdkafka's syslog levels (0 emergency .. 7 debug) onto the engine's log. Its level 3 covers
// connection failures that it retries on its own, so they are warnings, not errors.
logging::Level level_of(int syslog_level) {
  if (syslog_level <= 2) return logging::Level::error;
  if (syslog_level <= 4) return logging::Level::warning;
  if (syslog_level <= 6) return logging::Level::info;
  return logging::Level::debug;
}

void route_log(const rd_kafka_t* rk, int level, const char* facility, const char* message) {
  const logging::Level ours = level_of(level);
  if (!logging::enabled(ours)) return;
  std::string line;
  if (rk != nullptr) line.append("[").append(rd_kafka_name(rk)).append("] ");
  line.append(facility).append(": ").append(message);
  logging::write(ours, "kafka", line);
}

}  // namespace

Result<ConfHandle> make_conf(const Properties& props) {
  ConfHandle conf(rd_kafka_conf_new());
  rd_kafka_conf_set_log_cb(conf.get(), &route_log);
  char err[512];
  for (const auto& [key, value] : props) {
    if (rd_kafka_conf_set(conf.get(), key.c_str(), value.c_str(), err, sizeof err) !=
        RD_KAFKA_CONF_OK) {
      // librdkafka's text may quote the value: a secret's is left out.
      return Error{"bad_kafka_property",
                   "kafka property '" + key + "': " +
                       (is_secret_property(key) ? std::string("librdkafka refuses its value")
                                                : std::string(err))};
    }
  }
  return conf;
}

Properties producer_properties(Properties props) {
  for (const char* key : {"session.timeout.ms", "heartbeat.interval.ms", "max.poll.interval.ms",
                          "group.id", "auto.offset.reset", "isolation.level", "enable.auto.commit",
                          "partition.assignment.strategy"}) {
    props.erase(key);
  }
  return props;
}

Properties partition_reader_properties(Properties props) {
  // This reader only assigns and never commits, but librdkafka's consumer wants a group id all the
  // same ("Unknown group" errors otherwise). read_committed: the restore wants committed state.
  props["group.id"] = "caseflow-partition-reader";
  props["enable.auto.commit"] = "false";
  props["isolation.level"] = "read_committed";
  props["enable.partition.eof"] = "true";
  return props;
}

bool is_secret_property(std::string_view key) {
  // librdkafka's sensitive properties (CONFIGURATION.md marks them), and anything named like one
  // (a later librdkafka's, or a plug-in's).
  for (std::string_view word :
       {"password", "secret", "ssl.key.pem", "ssl_key", "sasl.oauthbearer.config"}) {
    if (key.find(word) != std::string_view::npos) return true;
  }
  return false;
}

std::string describe_properties(const Properties& props) {
  std::string out;
  for (const auto& [key, value] : props) {
    if (!out.empty()) out += ", ";
    out.append(key).append("=").append(is_secret_property(key) ? "(secret)" : value);
  }
  return out;
}

Result<ClientHandle> make_client(rd_kafka_type_t type, const Properties& props) {
  auto conf = make_conf(props);
  if (!conf) return conf.error();
  char err[512];
  rd_kafka_t* rk = rd_kafka_new(type, conf->get(), err, sizeof err);
  if (rk == nullptr) return Error{"kafka_client", err};
  conf->release();  // rd_kafka_new owns it now
  return ClientHandle(rk);
}

}  // namespace caseflow::kafka
