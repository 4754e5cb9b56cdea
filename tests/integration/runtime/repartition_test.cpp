// A producer on librdkafka's default partitioner (consistent_random: CRC32, as kcat and the Python
// and Go confluent clients use unless told otherwise) puts most cases on partitions that do not
// own them. caseflow moves each such record to its owner: every case is readable by id, nothing
// goes to the DLQ, each event is applied once, and the moved copies are the original records.
#include <gtest/gtest.h>
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#include <algorithm>
#include <map>

#include "connectors/kafka/murmur2.h"
#include "tests/integration/runtime/runtime_fixture.h"

namespace caseflow::testing {
namespace {

constexpr int kPartitions = 6;
constexpr int kCases = 300;
constexpr int16_t kProduce = 0;  // Kafka protocol API key (the mock cluster takes raw keys)

std::string case_id(int i) { return "case-" + std::to_string(i); }

// Reports every case, then signs every case: 600 records, each case's two on one partition.
void report_and_sign(RuntimeFixture& f) {
  DefaultPartitionerProducer producer(f.bootstrap());
  for (int i = 0; i < kCases; ++i) {
    producer.send(case_id(i), report_json(case_id(i), "parking.illegal", i % 2 ? "G01" : "G03"));
  }
  for (int i = 0; i < kCases; ++i) {
    producer.send(case_id(i), event_json("caseflow.case.signed", case_id(i), case_id(i) + "-s"));
  }
  producer.flush();
}

// What a reader sees: the case on the engine of the partition that owns its id (as
// GET /api/v1/cases/{id} looks it up).
const core::Engine* owner_engine(runtime::StreamProcessor& p, const std::string& id) {
  return p.engine(p.partition_of(id));
}

bool all_signed(runtime::StreamProcessor& p) {
  for (int i = 0; i < kCases; ++i) {
    const auto* engine = owner_engine(p, case_id(i));
    const core::CaseState* c = engine ? engine->find(case_id(i)) : nullptr;
    if (!c || c->status != core::Status::signed_for) return false;
  }
  return true;
}

bool is_copy(const Seen& s) { return s.headers.count("caseflow.moved.partition") > 0; }

// The records producers wrote to caseflow.events, and how many of them landed on a partition
// that does not own their key.
int misplaced_originals(const TopicWatcher& events, int* originals = nullptr) {
  int misplaced = 0, total = 0;
  for (const auto& s : events.on("caseflow.events")) {
    if (is_copy(s)) continue;
    ++total;
    if (s.partition != kafka::java_partition(s.key, kPartitions)) ++misplaced;
  }
  if (originals) *originals = total;
  return misplaced;
}

// Every case once, on its owner, with one `reported` and one `signed` in its history.
void expect_each_event_once_per_case(RuntimeFixture& f) {
  auto& p = f.processor();
  size_t held = 0;
  for (int32_t partition : p.owned_partitions()) held += p.engine(partition)->case_count();
  EXPECT_EQ(held, size_t(kCases)) << "a case is held by a partition that does not own it";
  int wrong = 0;
  for (int i = 0; i < kCases; ++i) {
    const auto* engine = owner_engine(p, case_id(i));
    ASSERT_NE(engine, nullptr);
    auto view = engine->view(case_id(i));
    if (!view) {
      if (++wrong <= 5) ADD_FAILURE() << case_id(i) << " is unknown to its owner";
      continue;
    }
    std::map<std::string, int> what;
    for (const auto& h : view->history) ++what[h.what];
    if (what["reported"] != 1 || what["signed"] != 1) {
      if (++wrong <= 5) {
        ADD_FAILURE() << case_id(i) << ": reported " << what["reported"] << " times, signed "
                      << what["signed"] << " times";
      }
    }
  }
  EXPECT_EQ(wrong, 0);
}

TEST(RuntimeRepartition, RecordsOnTheWrongPartitionAreMovedToTheOwnerAndAppliedOnce) {
  RuntimeFixture f(std::string(CASEFLOW_SOURCE_DIR) + "/tests/data/runtime/workflows", kPartitions);
  f.start_processor();
  TopicWatcher watch(f.bootstrap(), {"caseflow.events", "caseflow.dlq"});
  report_and_sign(f);

  int originals = 0, misplaced = 0;
  ASSERT_TRUE(f.step_until([&] {
    watch.drain();
    misplaced = misplaced_originals(watch, &originals);
    return all_signed(f.processor()) && f.probe.repartitioned == uint64_t(misplaced);
  })) << "moved "
      << f.probe.repartitioned << " of " << misplaced;
  f.step_until([] { return false; }, 300);  // anything still to come would show now
  watch.drain();

  EXPECT_EQ(originals, 2 * kCases);
  EXPECT_GE(misplaced, 2 * kCases / 3) << "the default partitioner should misplace most cases";
  EXPECT_EQ(f.probe.repartitioned, uint64_t(misplaced_originals(watch)));
  EXPECT_TRUE(watch.on("caseflow.dlq").empty())
      << watch.on("caseflow.dlq").front().headers["caseflow.dlq.reason"] << ": "
      << watch.on("caseflow.dlq").front().headers["caseflow.dlq.message"];
  expect_each_event_once_per_case(f);

  // Each moved copy is its original — key, value, headers, timestamp — on the owning partition.
  std::map<std::pair<int32_t, int64_t>, Seen> by_position;
  for (const auto& s : watch.on("caseflow.events")) by_position[{s.partition, s.offset}] = s;
  int copies = 0;
  for (const auto& [position, copy] : by_position) {
    if (!is_copy(copy)) continue;
    ++copies;
    const auto from = std::make_pair(std::stoi(copy.headers.at("caseflow.moved.partition")),
                                     std::stoll(copy.headers.at("caseflow.moved.offset")));
    ASSERT_EQ(by_position.count(from), 1u);
    const Seen& original = by_position.at(from);
    EXPECT_EQ(copy.partition, kafka::java_partition(copy.key, kPartitions));
    EXPECT_EQ(copy.key, original.key);
    EXPECT_EQ(copy.value, original.value);
    EXPECT_EQ(copy.timestamp, original.timestamp);
    EXPECT_EQ(copy.headers.at("traceparent"), original.headers.at("traceparent"));
  }
  EXPECT_EQ(copies, misplaced);

  // A restarted processor holds the same: the moves and their application were committed.
  f.stop_processor();
  f.start_processor("2");
  EXPECT_EQ(f.processor().inputs_applied(), 0u);
  expect_each_event_once_per_case(f);
}

// A batch that must abort after some of its moved copies reached the owner partition: the embedded
// broker shows aborted records, so the owner reads those copies and then the copies the replay
// moves again. It applies each event once all the same.
TEST(RuntimeRepartition, AMoveReplayedAfterAnAbortIsAppliedOnce) {
  RuntimeFixture f(std::string(CASEFLOW_SOURCE_DIR) + "/tests/data/runtime/workflows", kPartitions);
  f.start_processor();
  TopicWatcher watch(f.bootstrap(), {"caseflow.events", "caseflow.dlq"});
  report_and_sign(f);
  // The processor's next produce request fails for good: its transaction aborts at the commit,
  // while copies sent in later requests of that transaction are already on the owners.
  rd_kafka_mock_push_request_errors(f.broker().mock_cluster(), kProduce, 1,
                                    RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE);

  int misplaced = 0;
  ASSERT_TRUE(f.step_until([&] {
    watch.drain();
    misplaced = misplaced_originals(watch);
    return all_signed(f.processor()) && f.probe.repartitioned == uint64_t(misplaced);
  })) << "moved "
      << f.probe.repartitioned << " of " << misplaced << ", aborts " << f.probe.aborts;
  f.step_until([] { return false; }, 300);
  watch.drain();

  EXPECT_GE(f.probe.aborts, 1);
  EXPECT_EQ(f.probe.repartitioned, uint64_t(misplaced)) << "counted once per committed move";
  EXPECT_TRUE(watch.on("caseflow.dlq").empty())
      << watch.on("caseflow.dlq").front().headers["caseflow.dlq.reason"];
  expect_each_event_once_per_case(f);
  const auto events = watch.on("caseflow.events");
  const auto copies = std::count_if(events.begin(), events.end(), is_copy);
  RecordProperty("copies_beyond_the_misplaced", int(copies - misplaced));
}

}  // namespace
}  // namespace caseflow::testing
