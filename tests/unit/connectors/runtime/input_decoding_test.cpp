// Every input record is applied where it was read, moved to the partition that owns its case, or
// dead-lettered with a reason a person can act on; nothing is dropped.
#include "connectors/runtime/input_decoding.h"

#include <gtest/gtest.h>

#include <string>

#include "connectors/kafka/murmur2.h"

namespace caseflow::runtime {
namespace {

constexpr int32_t kPartitions = 6;
const InputRules kRules{1 << 20, kPartitions};

std::string report(const std::string& case_id, const std::string& description) {
  return R"({"specversion":"1.0","id":")" + case_id + R"(-r","source":"/hotline/12345",)" +
         R"("type":"caseflow.case.reported","subject":")" + case_id + R"(","data":{)" +
         R"("category":"parking.illegal","description":")" + description +
         R"(","grid_id":"G00001"}})";
}

std::string signed_by(const std::string& case_id) {
  return R"({"specversion":"1.0","id":")" + case_id + R"(-s","source":"/units/app",)" +
         R"("type":"caseflow.case.signed","subject":")" + case_id + R"(","data":{}})";
}

TEST(InputDecoding, AnInputOnTheOwningPartitionIsApplied) {
  events::CaseEvent event;
  const int32_t owner = kafka::java_partition("case-1", kPartitions);
  const InputVerdict v = decode_input("case-1", report("case-1", "car"), owner, kRules, event);
  EXPECT_EQ(v.kind, InputVerdict::Kind::apply);
  EXPECT_EQ(event.case_id, "case-1");
  EXPECT_EQ(event.category, "parking.illegal");
  EXPECT_EQ(event.source, "/hotline/12345");
}

TEST(InputDecoding, AnInputElsewhereIsMovedToTheOwnerOfItsCase) {
  events::CaseEvent event;
  const int32_t owner = kafka::java_partition("case-1", kPartitions);
  const int32_t elsewhere = (owner + 1) % kPartitions;
  const InputVerdict v = decode_input("case-1", report("case-1", "car"), elsewhere, kRules, event);
  EXPECT_EQ(v.kind, InputVerdict::Kind::move_to_owner);
  EXPECT_EQ(v.owner, owner);
  EXPECT_EQ(event.source, "/hotline/12345");  // the warning about misplaced inputs names it
}

TEST(InputDecoding, BadInputIsDeadLetteredWithItsReason) {
  events::CaseEvent event;
  const int32_t owner = kafka::java_partition("case-1", kPartitions);

  const InputVerdict not_json = decode_input("case-1", "{nope", owner, kRules, event);
  EXPECT_EQ(not_json.kind, InputVerdict::Kind::dead_letter);
  EXPECT_EQ(not_json.reason, "not_json");
  EXPECT_FALSE(not_json.message.empty());

  const InputVerdict wrong_key =
      decode_input("case-2", report("case-1", "car"), owner, kRules, event);
  EXPECT_EQ(wrong_key.kind, InputVerdict::Kind::dead_letter);
  EXPECT_EQ(wrong_key.reason, "key_mismatch");
  EXPECT_NE(wrong_key.message.find("'case-1'"), std::string::npos) << wrong_key.message;

  const std::string bytes = report("case-1", "car");
  const InputVerdict too_big =
      decode_input("case-1", bytes, owner, {bytes.size() - 1, kPartitions}, event);
  EXPECT_EQ(too_big.kind, InputVerdict::Kind::dead_letter);
  EXPECT_EQ(too_big.reason, "oversized");
  EXPECT_NE(too_big.message.find(std::to_string(bytes.size()) + " bytes"), std::string::npos)
      << too_big.message;
}

TEST(InputDecoding, AReusedEventKeepsNothingOfThePreviousInput) {
  events::CaseEvent event;
  const std::string long_text(200, 'x');
  ASSERT_EQ(decode_input("case-1", report("case-1", long_text),
                         kafka::java_partition("case-1", kPartitions), kRules, event)
                .kind,
            InputVerdict::Kind::apply);
  ASSERT_EQ(event.description, long_text);

  ASSERT_EQ(decode_input("case-2", signed_by("case-2"),
                         kafka::java_partition("case-2", kPartitions), kRules, event)
                .kind,
            InputVerdict::Kind::apply);
  EXPECT_EQ(event.type, events::EventType::signed_for);
  EXPECT_EQ(event.case_id, "case-2");
  EXPECT_EQ(event.source, "/units/app");
  EXPECT_TRUE(event.description.empty());
  EXPECT_TRUE(event.category.empty());
}

}  // namespace
}  // namespace caseflow::runtime
