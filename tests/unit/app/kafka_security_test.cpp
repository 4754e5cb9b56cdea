// SASL and TLS settings in kafka.properties reach every librdkafka client the binary makes, as
// librdkafka is given them, and their secrets never reach a log line or an error message.
#include <gtest/gtest.h>

#include <librdkafka/rdkafka.h>

#include <cctype>
#include <vector>

#include "app/engine_config.h"
#include "app/kafka_client_properties.h"
#include "connectors/archive/archive_writer.h"
#include "connectors/demo/demo_driver.h"
#include "connectors/http/event_sink.h"
#include "connectors/kafka/client_config.h"
#include "connectors/runtime/stream_processor.h"
#include "tests/unit/app/temp_folder.h"

namespace caseflow::app {
namespace {

// SASL/SCRAM over TLS, as docs/kafka.md shows it.
const kafka::Properties kSecurity = {
    {"security.protocol", "SASL_SSL"},
    {"sasl.mechanisms", "SCRAM-SHA-512"},
    {"sasl.username", "caseflow-engine"},
    {"sasl.password", "pw-Zq7-never-logged"},
    {"ssl.ca.location", "/etc/caseflow/kafka-ca.pem"},
    {"ssl.certificate.location", "/etc/caseflow/client.pem"},
    {"ssl.key.location", "/etc/caseflow/client.key"},
    {"ssl.key.password", "kp-Wd4-never-logged"},
};

EngineConfig config_with_security() {
  TempFolder folder;
  Diagnostics problems;
  std::string text = "kafka:\n  bootstrap: kafka1.city.example:9093\n  properties:\n";
  for (const auto& [key, value] : kSecurity) text += "    " + key + ": \"" + value + "\"\n";
  auto config = load_engine_config(folder.write("c.yaml", text), problems);
  if (!config) throw std::runtime_error(config.error().message);
  return *config;
}

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

struct Client {
  std::string name;
  kafka::Properties properties;
};

// Every client `caseflow run` and `caseflow archive` make, with the properties each is built
// with, from one config.
std::vector<Client> every_client(const EngineConfig& config) {
  const kafka::Properties base = kafka_client_properties(config, config.kafka.bootstrap);
  runtime::ProcessorOptions engine;
  engine.kafka = base;
  engine.group_id = "caseflow";
  engine.instance_id = "a1";
  archive::ArchiveWriterOptions archive;
  archive.kafka = base;
  http::KafkaSinkOptions intake;
  intake.kafka = kafka::producer_properties(base);
  demo::DemoOptions demo;
  demo.kafka = config.kafka.properties;
  return {
      {"engine producer (transactional)", runtime::engine_producer_properties(engine)},
      {"engine consumer", runtime::engine_consumer_properties(engine)},
      {"changelog and definitions reader", kafka::partition_reader_properties(base)},
      {"admin client (topics, metadata)", kafka::producer_properties(base)},
      {"definitions producer", kafka::producer_properties(base)},
      {"HTTP intake producer", http::intake_producer_properties(intake)},
      {"archive consumer", archive::archive_consumer_properties(archive)},
      {"archive dead-letter producer", archive::archive_producer_properties(archive)},
      {"demo producer", demo::demo_producer_properties(config.kafka.bootstrap, demo)},
      {"demo consumer", demo::demo_consumer_properties(config.kafka.bootstrap, demo)},
  };
}

// The value librdkafka holds for `key` in `conf`, lower case (it names enum values so, e.g.
// security.protocol as sasl_ssl, whatever case it was given in).
std::string conf_value(rd_kafka_conf_t* conf, const std::string& key) {
  char value[512];
  size_t size = sizeof value;
  if (rd_kafka_conf_get(conf, key.c_str(), value, &size) != RD_KAFKA_CONF_OK) return "(unset)";
  return lower(value);
}

TEST(KafkaSecurity, EveryClientIsBuiltWithTheSaslAndTlsProperties) {
  const EngineConfig config = config_with_security();
  ASSERT_EQ(config.kafka.properties, kSecurity);
  for (const auto& client : every_client(config)) {
    auto conf = kafka::make_conf(client.properties);
    ASSERT_TRUE(conf) << client.name << ": " << conf.error().message;
    for (const auto& [key, value] : kSecurity) {
      EXPECT_EQ(client.properties.count(key), 1u) << client.name << " lacks " << key;
      // What librdkafka was given, read back from the built config.
      EXPECT_EQ(conf_value(conf->get(), key), lower(value)) << client.name << ": " << key;
    }
    EXPECT_EQ(conf_value(conf->get(), "bootstrap.servers"), "kafka1.city.example:9093")
        << client.name;
  }
}

TEST(KafkaSecurity, TheEnginesTransactionalIdAndGroupAreThoseTheAclsName) {
  runtime::ProcessorOptions engine;
  engine.group_id = "caseflow";
  engine.instance_id = "a1";
  EXPECT_EQ(runtime::engine_transactional_id(engine), "caseflow-a1");
  EXPECT_EQ(runtime::engine_consumer_properties(engine).at("group.id"), "caseflow");
  engine.exactly_once = false;
  EXPECT_EQ(runtime::engine_transactional_id(engine), "");
  archive::ArchiveWriterOptions archive;
  EXPECT_EQ(archive::archive_consumer_properties(archive).at("group.id"), "caseflow-archive");
  EXPECT_EQ(kafka::partition_reader_properties({}).at("group.id"), "caseflow-partition-reader");
}

TEST(KafkaSecurity, TheStartupLineMasksEverySecret) {
  const std::string line = kafka_properties_log_line(config_with_security());
  EXPECT_NE(line.find("security.protocol=SASL_SSL"), std::string::npos) << line;
  EXPECT_NE(line.find("sasl.username=caseflow-engine"), std::string::npos) << line;
  EXPECT_NE(line.find("sasl.password=(secret)"), std::string::npos) << line;
  EXPECT_NE(line.find("ssl.key.password=(secret)"), std::string::npos) << line;
  EXPECT_NE(line.find("ssl.key.location=/etc/caseflow/client.key"), std::string::npos) << line;
  EXPECT_EQ(line.find("never-logged"), std::string::npos) << line;
  EXPECT_EQ(kafka_properties_log_line(EngineConfig{}), "");
}

TEST(KafkaSecurity, SecretsAreTheOnesLibrdkafkaCallsSensitive) {
  for (const char* key :
       {"sasl.password", "ssl.key.password", "ssl.keystore.password", "ssl.key.pem",
        "sasl.oauthbearer.client.secret", "sasl.oauthbearer.config"}) {
    EXPECT_TRUE(kafka::is_secret_property(key)) << key;
  }
  for (const char* key : {"sasl.username", "security.protocol", "ssl.ca.location",
                          "ssl.key.location", "bootstrap.servers"}) {
    EXPECT_FALSE(kafka::is_secret_property(key)) << key;
  }
}

}  // namespace
}  // namespace caseflow::app
