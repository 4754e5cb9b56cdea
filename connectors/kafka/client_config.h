// Building librdkafka clients from a plain property map, with errors as values.
#pragma once

#include <map>
#include <string>
#include <string_view>

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

// `props` as only the consumer of a partition reader (connectors/kafka/partition_reader.h) is
// built with: the pass-through properties, plus its own group id and read_committed.
Properties partition_reader_properties(Properties props);

// Properties whose value is a secret (passwords, private keys, OAuth client secrets): never
// written to a log or an error message.
bool is_secret_property(std::string_view key);
// "key=value, ..." in key order, each secret's value replaced by "(secret)": what a log line
// may say about a client's properties.
std::string describe_properties(const Properties& props);

}  // namespace caseflow::kafka
