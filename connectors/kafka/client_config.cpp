#include "connectors/kafka/client_config.h"

namespace caseflow::kafka {

Result<ConfHandle> make_conf(const Properties& props) {
  ConfHandle conf(rd_kafka_conf_new());
  char err[512];
  for (const auto& [key, value] : props) {
    if (rd_kafka_conf_set(conf.get(), key.c_str(), value.c_str(), err, sizeof err) !=
        RD_KAFKA_CONF_OK) {
      return Error{"bad_kafka_property", "kafka property '" + key + "': " + err};
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
