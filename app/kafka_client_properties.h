// What every Kafka client of the binary is built from: `kafka.properties` from the config,
// passed to librdkafka unchanged (security.protocol, sasl.*, ssl.*: docs/kafka.md, "Security"),
// and the bootstrap address. Each client adds its own role's settings on top (the engine's,
// the archive writer's, the intake's, the admin client's, the demo's); none drops these.
#pragma once

#include <string>

#include "app/engine_config.h"
#include "connectors/kafka/client_config.h"

namespace caseflow::app {

// config.kafka.properties with bootstrap.servers set to `bootstrap_servers`.
kafka::Properties kafka_client_properties(const EngineConfig& config,
                                          const std::string& bootstrap_servers);

// The start-up log line naming the pass-through properties, secrets masked ("(secret)"), so an
// operator can see what the clients use without a password in the log; "" when there are none.
std::string kafka_properties_log_line(const EngineConfig& config);

}  // namespace caseflow::app
