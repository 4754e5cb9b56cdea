// Building librdkafka clients from a plain property map, with errors as values.
#pragma once

#include <map>
#include <string>

#include "connectors/kafka/handles.h"
#include "engine/common/result.h"

namespace caseflow::kafka {

using Properties = std::map<std::string, std::string>;

// A librdkafka config holding every property of `props`. Fails on the first property librdkafka
// refuses, naming it. The caller owns the result.
Result<ConfHandle> make_conf(const Properties& props);

// `props` without the consumer-only properties (session.timeout.ms, ...), for producers and admin
// clients built from the same pass-through map: librdkafka warns about each one otherwise.
Properties producer_properties(Properties props);

// A producer or consumer client from `props`. On success librdkafka has taken the config.
Result<ClientHandle> make_client(rd_kafka_type_t type, const Properties& props);

}  // namespace caseflow::kafka
