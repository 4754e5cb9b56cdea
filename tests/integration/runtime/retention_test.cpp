// A closed case leaves the engine after its retention period and stays gone: its changelog key
// ends in a tombstone (a null value), a restart restores every other case but not it, an event for
// it is dead-lettered as unknown_case, and caseflow.updates carries its caseflow.case.archived.
#include <gtest/gtest.h>

#include <optional>

#include "connectors/kafka/partition_reader.h"
#include "tests/integration/runtime/runtime_fixture.h"

namespace caseflow::testing {
namespace {

const std::string kWorkflows = std::string(CASEFLOW_SOURCE_DIR) + "/tests/data/runtime/workflows";
const std::string kGridUnit = R"({"unit":"grid:G01"})";

size_t cases_held(runtime::StreamProcessor& p) {
  size_t n = 0;
  for (int32_t partition : p.owned_partitions()) n += p.engine(partition)->case_count();
  return n;
}

const core::CaseState* find_case(runtime::StreamProcessor& p, const std::string& id) {
  const auto* engine = p.engine(p.partition_of(id));
  return engine ? engine->find(id) : nullptr;
}

// The value of the last record for `key` on its changelog partition: nullopt when there is none,
// a null value as "<null>" (an empty value stays "").
std::optional<std::string> last_changelog_value(RuntimeFixture& f, int32_t partition,
                                                const std::string& key) {
  std::optional<std::string> last;
  kafka::ReadStats stats;
  auto err = kafka::read_partition(
      {{"bootstrap.servers", f.bootstrap()}}, "caseflow.changelog", partition, 0,
      [&](const rd_kafka_message_t& m) {
        if (std::string_view(static_cast<const char*>(m.key), m.key_len) != key) return;
        last = m.payload == nullptr ? std::string("<null>")
                                    : std::string(static_cast<const char*>(m.payload), m.len);
      },
      stats);
  EXPECT_FALSE(err) << err.describe();
  return last;
}

// Reports `count` cases and closes case-0 (signed, resolved, rated satisfied) at f.now.
void report_and_close_one(RuntimeFixture& f, int count) {
  for (int i = 0; i < count; ++i) {
    const std::string id = "case-" + std::to_string(i);
    f.produce_event(id, report_json(id, "parking.illegal", i % 2 ? "G03" : "G01"));
  }
  f.produce_event("case-0", event_json("caseflow.case.signed", "case-0", "s0", kGridUnit));
  f.produce_event("case-0", event_json("caseflow.case.resolved", "case-0", "r0", kGridUnit));
  f.produce_event("case-0", event_json("caseflow.case.rated", "case-0", "v0",
                                       R"({"solved":"solved","satisfaction":"satisfied"})"));
  ASSERT_TRUE(f.step_until([&] { return f.processor().inputs_applied() == size_t(count) + 3; }));
  const core::CaseState* closed = find_case(f.processor(), "case-0");
  ASSERT_NE(closed, nullptr);
  ASSERT_EQ(closed->status, core::Status::closed);
}

std::vector<Seen> archived_records(const TopicWatcher& watch) {
  std::vector<Seen> out;
  for (const auto& s : watch.on("caseflow.updates")) {
    if (s.value.find(R"("type":"caseflow.case.archived")") != std::string::npos) out.push_back(s);
  }
  return out;
}

TEST(RuntimeRetention, AClosedCaseLeavesAfterItsRevisitWindowAndADayAndStaysGone) {
  RuntimeFixture f(kWorkflows);
  f.start_processor();
  TopicWatcher watch(f.bootstrap(), {"caseflow.updates", "caseflow.dlq"});
  report_and_close_one(f, 10);
  const int32_t partition = f.processor().partition_of("case-0");

  // The sample workflow's revisit window is 1 day: by default the case stays 2 days.
  f.now = f.now + Duration::hours(47);
  f.step_until([] { return false; }, 300);
  EXPECT_NE(find_case(f.processor(), "case-0"), nullptr) << "left before its retention ended";
  watch.drain();
  EXPECT_TRUE(archived_records(watch).empty());

  f.now = f.now + Duration::hours(1) + Duration::minutes(1);
  ASSERT_TRUE(f.step_until([&] {
    watch.drain();
    return find_case(f.processor(), "case-0") == nullptr && !archived_records(watch).empty();
  }));
  EXPECT_EQ(cases_held(f.processor()), 9u);
  const auto archived = archived_records(watch);
  ASSERT_EQ(archived.size(), 1u);
  EXPECT_EQ(archived[0].key, "case-0");
  EXPECT_NE(archived[0].value.find(R"("subject":"case-0")"), std::string::npos)
      << archived[0].value;

  // Committed: the key's latest changelog record is a null value, not an empty one.
  ASSERT_TRUE(f.step_until([&] {
    return last_changelog_value(f, partition, "case-0") == std::string("<null>");
  })) << last_changelog_value(f, partition, "case-0").value_or("(no record)");
  EXPECT_NE(last_changelog_value(f, partition, "case-1"), std::string("<null>"));

  f.stop_processor();
  f.start_processor("2");
  EXPECT_EQ(f.probe.restored_cases, 9);  // the first start found an empty changelog
  EXPECT_EQ(cases_held(f.processor()), 9u);
  EXPECT_EQ(find_case(f.processor(), "case-0"), nullptr);
  for (int i = 1; i < 10; ++i) {
    EXPECT_NE(find_case(f.processor(), "case-" + std::to_string(i)), nullptr) << i;
  }

  // A late event for it is dead-lettered as unknown to the engine, saying where the case went.
  const std::string late = event_json("caseflow.case.rated", "case-0", "v0-late",
                                      R"({"solved":"solved","satisfaction":"satisfied"})");
  f.produce_event("case-0", late);
  ASSERT_TRUE(f.step_until([&] {
    watch.drain();
    return !watch.on("caseflow.dlq").empty();
  }));
  const auto dlq = watch.on("caseflow.dlq");
  ASSERT_EQ(dlq.size(), 1u);
  EXPECT_EQ(dlq[0].value, late);
  EXPECT_EQ(dlq[0].headers.at("caseflow.dlq.reason"), "unknown_case");
  EXPECT_NE(dlq[0].headers.at("caseflow.dlq.message").find("archiv"), std::string::npos)
      << dlq[0].headers.at("caseflow.dlq.message");
  EXPECT_EQ(find_case(f.processor(), "case-0"), nullptr);
}

TEST(RuntimeRetention, TheConfiguredPeriodReplacesTheWorkflowsDefault) {
  RuntimeFixture f(kWorkflows);
  auto setup = std::make_shared<runtime::EngineSetup>(*f.setup);
  setup->retain_closed_for = Span{Span::Unit::seconds, 30};
  f.setup = setup;
  f.start_processor();
  TopicWatcher watch(f.bootstrap(), {"caseflow.updates"});
  report_and_close_one(f, 3);

  f.now = f.now + Duration::seconds(29);
  f.step_until([] { return false; }, 300);
  EXPECT_NE(find_case(f.processor(), "case-0"), nullptr) << "left before its 30 s were up";

  f.now = f.now + Duration::seconds(2);
  ASSERT_TRUE(f.step_until([&] {
    watch.drain();
    return find_case(f.processor(), "case-0") == nullptr && archived_records(watch).size() == 1;
  }));
  EXPECT_EQ(cases_held(f.processor()), 2u);
}

}  // namespace
}  // namespace caseflow::testing
