#include "connectors/kafka/group_consumer.h"

namespace caseflow::kafka {

std::vector<TopicPartition> to_vector(const rd_kafka_topic_partition_list_t* list) {
  std::vector<TopicPartition> out;
  for (int i = 0; list != nullptr && i < list->cnt; ++i) {
    out.push_back({list->elems[i].topic, list->elems[i].partition, list->elems[i].offset});
  }
  return out;
}

PartitionListHandle to_list(const std::vector<TopicPartition>& partitions) {
  PartitionListHandle list(rd_kafka_topic_partition_list_new(static_cast<int>(partitions.size())));
  for (const auto& tp : partitions) {
    rd_kafka_topic_partition_list_add(list.get(), tp.topic.c_str(), tp.partition)->offset =
        tp.offset;
  }
  return list;
}

Result<std::unique_ptr<GroupConsumer>> GroupConsumer::create(Properties props,
                                                             RebalanceListener& listener) {
  // We commit input positions ourselves (in the transaction, and in our state).
  props["enable.auto.commit"] = "false";
  props.emplace("isolation.level", "read_committed");
  auto conf = make_conf(props);
  if (!conf) return conf.error();
  std::unique_ptr<GroupConsumer> c(new GroupConsumer(listener));
  rd_kafka_conf_set_rebalance_cb(conf->get(), &GroupConsumer::on_rebalance);
  rd_kafka_conf_set_opaque(conf->get(), c.get());
  char err[512];
  rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_CONSUMER, conf->get(), err, sizeof err);
  if (rk == nullptr) return Error{"kafka_client", err};
  conf->release();
  c->client_.reset(rk);
  rd_kafka_poll_set_consumer(rk);
  return c;
}

GroupConsumer::~GroupConsumer() { close(); }

void GroupConsumer::on_rebalance(rd_kafka_t* rk, rd_kafka_resp_err_t err,
                                 rd_kafka_topic_partition_list_t* partitions, void* opaque) {
  auto* self = static_cast<GroupConsumer*>(opaque);
  if (err == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS) {
    auto assigned = to_vector(partitions);
    self->listener_.on_assigned(assigned);
    auto list = to_list(assigned);
    rd_kafka_assign(rk, list.get());
    self->assignment_ = std::move(assigned);
  } else {
    self->listener_.on_revoked(to_vector(partitions));
    rd_kafka_assign(rk, nullptr);
    self->assignment_.clear();
  }
}

bool GroupConsumer::assignment_lost() const {
  return client_ && rd_kafka_assignment_lost(client_.get()) != 0;
}

KafkaError GroupConsumer::subscribe(const std::vector<std::string>& topics) {
  PartitionListHandle list(rd_kafka_topic_partition_list_new(static_cast<int>(topics.size())));
  for (const auto& t : topics) {
    rd_kafka_topic_partition_list_add(list.get(), t.c_str(), RD_KAFKA_PARTITION_UA);
  }
  return KafkaError::from(rd_kafka_subscribe(client_.get(), list.get()));
}

MessageHandle GroupConsumer::poll(int timeout_ms) {
  return MessageHandle(rd_kafka_consumer_poll(client_.get(), timeout_ms));
}

KafkaError GroupConsumer::seek(const TopicPartition& tp) {
  auto list = to_list({tp});
  return KafkaError::from(rd_kafka_seek_partitions(client_.get(), list.get(), 10'000));
}

void GroupConsumer::TEST_abandon() {
  closed_ = true;
  rd_kafka_destroy_flags(client_.release(), RD_KAFKA_DESTROY_F_NO_CONSUMER_CLOSE);
}

void GroupConsumer::close() {
  if (closed_ || !client_) return;
  closed_ = true;
  rd_kafka_consumer_close(client_.get());
}

}  // namespace caseflow::kafka
