// The embedded broker is a real Kafka-protocol broker: a librdkafka producer and a consumer group
// move 10,000 keyed records through it, in order per key, on the partitions the Java client picks.
#include <gtest/gtest.h>

#include <chrono>
#include <map>

#include "connectors/kafka/client_config.h"
#include "connectors/kafka/embedded_broker.h"
#include "connectors/kafka/murmur2.h"

namespace caseflow::kafka {
namespace {

using Clock = std::chrono::steady_clock;

constexpr int kPartitions = 6;
constexpr int kKeys = 500;
constexpr int kRecords = 10'000;

struct Delivery {
  int ok = 0;
  int failed = 0;
};

void on_delivery(rd_kafka_t*, const rd_kafka_message_t* m, void* opaque) {
  auto* d = static_cast<Delivery*>(opaque);
  (m->err ? d->failed : d->ok)++;
}

TEST(EmbeddedBroker, TenThousandKeyedRecordsRoundTripInOrderOnJavaPartitions) {
  auto broker = EmbeddedBroker::start(1);
  ASSERT_TRUE(broker.ok()) << broker.error().message;
  const std::string topic = "caseflow.events";
  ASSERT_TRUE((*broker)->create_topics({{topic, kPartitions, false}}).ok());

  // Produce: record i belongs to key "case-(i % kKeys)" and carries its sequence within that key.
  Delivery delivery;
  auto conf = make_conf({{"bootstrap.servers", (*broker)->bootstrap()},
                         {"partitioner", "murmur2_random"},
                         {"enable.idempotence", "true"},
                         {"linger.ms", "5"}});
  ASSERT_TRUE(conf.ok());
  rd_kafka_conf_set_dr_msg_cb(conf->get(), on_delivery);
  rd_kafka_conf_set_opaque(conf->get(), &delivery);
  char err[512];
  ClientHandle producer(rd_kafka_new(RD_KAFKA_PRODUCER, conf->release(), err, sizeof err));
  ASSERT_TRUE(producer) << err;
  for (int i = 0; i < kRecords; ++i) {
    const std::string key = "case-" + std::to_string(i % kKeys);
    const std::string value = std::to_string(i / kKeys);
    rd_kafka_resp_err_t e;
    while ((e = rd_kafka_producev(producer.get(), RD_KAFKA_V_TOPIC(topic.c_str()),
                                  RD_KAFKA_V_KEY(key.data(), key.size()),
                                  RD_KAFKA_V_VALUE(const_cast<char*>(value.data()), value.size()),
                                  RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_END)) ==
           RD_KAFKA_RESP_ERR__QUEUE_FULL) {
      rd_kafka_poll(producer.get(), 10);  // wait for deliveries to make room
    }
    ASSERT_EQ(e, RD_KAFKA_RESP_ERR_NO_ERROR) << rd_kafka_err2str(e);
    rd_kafka_poll(producer.get(), 0);
  }
  ASSERT_EQ(rd_kafka_flush(producer.get(), 30'000), RD_KAFKA_RESP_ERR_NO_ERROR);
  EXPECT_EQ(delivery.ok, kRecords);
  EXPECT_EQ(delivery.failed, 0);

  // Consume as a group, from the beginning.
  auto consumer = make_client(RD_KAFKA_CONSUMER, {{"bootstrap.servers", (*broker)->bootstrap()},
                                                  {"group.id", "roundtrip-test"},
                                                  {"auto.offset.reset", "earliest"},
                                                  {"enable.auto.commit", "false"}});
  ASSERT_TRUE(consumer.ok()) << consumer.error().message;
  rd_kafka_poll_set_consumer(consumer->get());
  PartitionListHandle subscription(rd_kafka_topic_partition_list_new(1));
  rd_kafka_topic_partition_list_add(subscription.get(), topic.c_str(), RD_KAFKA_PARTITION_UA);
  ASSERT_EQ(rd_kafka_subscribe(consumer->get(), subscription.get()), RD_KAFKA_RESP_ERR_NO_ERROR);

  std::map<std::string, int> next_seq;  // per key: the sequence number expected next
  int received = 0, misplaced = 0, out_of_order = 0;
  const auto deadline = Clock::now() + std::chrono::seconds(60);
  while (received < kRecords && Clock::now() < deadline) {
    MessageHandle m(rd_kafka_consumer_poll(consumer->get(), 200));
    if (!m) continue;
    ASSERT_EQ(m->err, RD_KAFKA_RESP_ERR_NO_ERROR) << rd_kafka_message_errstr(m.get());
    const std::string key(static_cast<const char*>(m->key), m->key_len);
    const int seq = std::stoi(std::string(static_cast<const char*>(m->payload), m->len));
    if (m->partition != java_partition(key, kPartitions)) ++misplaced;
    if (seq != next_seq[key]) ++out_of_order;
    next_seq[key] = seq + 1;
    ++received;
  }
  rd_kafka_consumer_close(consumer->get());

  EXPECT_EQ(received, kRecords);
  EXPECT_EQ(misplaced, 0) << "records not on the partition the Java client would pick";
  EXPECT_EQ(out_of_order, 0);
  EXPECT_EQ(next_seq.size(), size_t(kKeys));
  for (const auto& [key, next] : next_seq) EXPECT_EQ(next, kRecords / kKeys) << key;
}

}  // namespace
}  // namespace caseflow::kafka
