#include "tests/integration/runtime/runtime_fixture.h"

#include <gtest/gtest.h>

#include <chrono>

#include "connectors/kafka/client_config.h"
#include "connectors/kafka/group_consumer.h"

namespace caseflow::testing {

using Clock = std::chrono::steady_clock;

TopicWatcher::TopicWatcher(const std::string& bootstrap, const std::vector<std::string>& topics) {
  auto client = kafka::make_client(RD_KAFKA_CONSUMER, {{"bootstrap.servers", bootstrap},
                                                       {"group.id", "test-watcher"},
                                                       {"fetch.wait.max.ms", "20"},
                                                       {"enable.auto.commit", "false"},
                                                       {"isolation.level", "read_committed"}});
  if (!client) throw std::runtime_error(client.error().message);
  rk_ = client->release();
  std::vector<kafka::TopicPartition> all;
  for (const auto& topic : topics) {
    const rd_kafka_metadata_t* md = nullptr;
    rd_kafka_topic_t* t = rd_kafka_topic_new(rk_, topic.c_str(), nullptr);
    if (rd_kafka_metadata(rk_, 0, t, &md, 10'000) == RD_KAFKA_RESP_ERR_NO_ERROR) {
      for (int p = 0; p < md->topics[0].partition_cnt; ++p) {
        all.push_back({topic, p, RD_KAFKA_OFFSET_BEGINNING});
      }
      rd_kafka_metadata_destroy(md);
    }
    rd_kafka_topic_destroy(t);
  }
  auto list = kafka::to_list(all);
  rd_kafka_assign(rk_, list.get());
}

TopicWatcher::~TopicWatcher() {
  rd_kafka_consumer_close(rk_);
  rd_kafka_destroy(rk_);
}

void TopicWatcher::drain() {
  for (;;) {
    kafka::MessageHandle m(rd_kafka_consumer_poll(rk_, 0));
    if (!m) return;
    if (m->err) {
      // A watcher reads what is there; a consumer error (e.g. a partition end) ends this drain.
      if (m->err != RD_KAFKA_RESP_ERR__PARTITION_EOF) last_error = rd_kafka_message_errstr(m.get());
      return;
    }
    Seen s;
    s.topic = rd_kafka_topic_name(m->rkt);
    s.partition = m->partition;
    s.offset = m->offset;
    s.timestamp = rd_kafka_message_timestamp(m.get(), nullptr);
    if (m->key) s.key.assign(static_cast<const char*>(m->key), m->key_len);
    if (m->payload) s.value.assign(static_cast<const char*>(m->payload), m->len);
    rd_kafka_headers_t* headers = nullptr;
    if (rd_kafka_message_headers(m.get(), &headers) == RD_KAFKA_RESP_ERR_NO_ERROR) {
      const char* name;
      const void* value;
      size_t size;
      for (size_t i = 0;
           rd_kafka_header_get_all(headers, i, &name, &value, &size) == RD_KAFKA_RESP_ERR_NO_ERROR;
           ++i) {
        s.headers[name] = std::string(static_cast<const char*>(value), size);
      }
    }
    seen_.push_back(std::move(s));
  }
}

std::vector<Seen> TopicWatcher::on(const std::string& topic) const {
  std::vector<Seen> out;
  for (const auto& s : seen_) {
    if (s.topic == topic) out.push_back(s);
  }
  return out;
}

RuntimeFixture::RuntimeFixture(const std::string& workflow_dir, int partitions,
                               const std::string& units, const std::string& boundaries)
    : now(Instant::from_unix_seconds(1'795'654'800)) {  // 2026-11-26T09:00:00+08:00
  runtime::EngineSetupOptions options;
  options.workflows = {workflow_dir};
  options.calendars = {std::string(CASEFLOW_SOURCE_DIR) + "/config/calendars"};
  options.units = units;
  options.boundaries = boundaries;
  Diagnostics problems;
  auto loaded = runtime::load_engine_setup(options, problems);
  for (const auto& p : problems) ADD_FAILURE() << p.to_string();
  if (!loaded) throw std::runtime_error("engine setup failed");
  setup = *loaded;

  auto broker = kafka::EmbeddedBroker::start(1);
  if (!broker) throw std::runtime_error(broker.error().message);
  broker_ = std::move(*broker);
  kafka::TopicLayout layout;
  layout.event_partitions = partitions;
  layout.output_partitions = 2;
  auto created = broker_->create_topics(
      kafka::required_topics(kafka::TopicNames(), layout, setup->workflow_topics()));
  if (!created) throw std::runtime_error(created.error().message);

  auto producer = kafka::Producer::create(
      {{"bootstrap.servers", bootstrap()}, {"message.max.bytes", "10000000"}});
  if (!producer) throw std::runtime_error(producer.error().message);
  producer_ = std::move(*producer);
}

RuntimeFixture::~RuntimeFixture() {
  if (processor_) stop_processor();
}

void RuntimeFixture::start_processor(const std::string& instance) {
  runtime::ProcessorOptions options;
  options.input_time_from_log = false;  // inputs at the virtual clock
  options.kafka = {{"bootstrap.servers", bootstrap()}, {"session.timeout.ms", "6000"}};
  options.group_id = "caseflow-test";
  options.instance_id = instance;
  options.commit_interval_ms = 50;
  if (adjust_options) adjust_options(options);
  auto p = runtime::StreamProcessor::create(
      options, [this] { return setup->make_engine(); }, [this] { return now; },
      report_to ? *report_to : static_cast<runtime::RuntimeProbe&>(probe));
  if (!p) throw std::runtime_error(p.error().message);
  processor_ = std::move(*p);
  const bool assigned = step_until([this] { return processor_->readiness().ready; }, 60'000);
  if (!assigned) throw std::runtime_error("the processor never got its partitions");
}

void RuntimeFixture::stop_processor() {
  processor_->stop();
  processor_.reset();
}

void RuntimeFixture::crash_processor() {
  processor_->TEST_crash();
  processor_.reset();
}

void RuntimeFixture::produce_event(const std::string& key, const std::string& json) {
  auto err = producer_->produce("caseflow.events", key, json);
  if (!err) err = producer_->flush(10'000);
  if (err) throw std::runtime_error(err.describe());
}

bool RuntimeFixture::step_until(const std::function<bool()>& done, int timeout_ms) {
  const auto deadline = Clock::now() + std::chrono::milliseconds(timeout_ms);
  while (Clock::now() < deadline) {
    if (done()) return true;
    if (processor_) {
      auto stepped = processor_->step();
      if (!stepped) throw std::runtime_error(stepped.error().message);
    }
  }
  return done();
}

DefaultPartitionerProducer::DefaultPartitionerProducer(const std::string& bootstrap) {
  auto client = kafka::make_client(RD_KAFKA_PRODUCER, {{"bootstrap.servers", bootstrap}});
  if (!client) throw std::runtime_error(client.error().message);
  client_ = std::move(*client);
}

void DefaultPartitionerProducer::send(const std::string& key, const std::string& json) {
  for (;;) {
    const rd_kafka_resp_err_t err = rd_kafka_producev(
        client_.get(), RD_KAFKA_V_TOPIC("caseflow.events"), RD_KAFKA_V_KEY(key.data(), key.size()),
        RD_KAFKA_V_VALUE(const_cast<char*>(json.data()), json.size()),
        RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_HEADER("traceparent", key.data(), -1),
        RD_KAFKA_V_END);
    if (err == RD_KAFKA_RESP_ERR_NO_ERROR) return;
    if (err != RD_KAFKA_RESP_ERR__QUEUE_FULL) throw std::runtime_error(rd_kafka_err2str(err));
    rd_kafka_poll(client_.get(), 10);  // deliveries make room
  }
}

void DefaultPartitionerProducer::flush() {
  if (rd_kafka_flush(client_.get(), 30'000)) throw std::runtime_error("flush timed out");
}

std::string report_json(const std::string& case_id, const std::string& category,
                        const std::string& grid_id, const std::string& event_id) {
  return R"({"specversion":"1.0","id":")" + (event_id.empty() ? case_id + "-r" : event_id) +
         R"(","source":"/hotline/12345","type":"caseflow.case.reported","subject":")" + case_id +
         R"(","time":"2026-11-26T09:00:00+08:00","datacontenttype":"application/json",)" +
         R"("data":{"category":")" + category + R"(","description":"car on the pavement",)" +
         R"("grid_id":")" + grid_id + R"(","reporter":"13812345678"}})";
}

std::string event_json(const std::string& type, const std::string& case_id,
                       const std::string& event_id, const std::string& data) {
  return R"({"specversion":"1.0","id":")" + event_id + R"(","source":"/units/app","type":")" +
         type + R"(","subject":")" + case_id + R"(","data":)" + data + "}";
}

}  // namespace caseflow::testing
