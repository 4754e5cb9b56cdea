// Bad input loses nothing: every kind of bad record reaches caseflow.dlq with its original bytes
// (phone numbers masked), key and headers, and a header naming the reason, and caseflow.dlq.raw
// untouched; good records around them are processed.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include <boost/json/parse.hpp>

#include "connectors/kafka/topics.h"
#include "connectors/privacy/phone_vault.h"

#include "tests/integration/runtime/runtime_fixture.h"

namespace caseflow::testing {
namespace {

TEST(RuntimeDeadLetters, EveryBadRecordReachesTheDlqWithItsReason) {
  RuntimeFixture f(std::string(CASEFLOW_SOURCE_DIR) + "/tests/data/runtime/workflows");
  f.start_processor();
  TopicWatcher watch(f.bootstrap(), {"caseflow.dlq", "caseflow.stage.grid"});

  const std::string not_json = "this is not json {";
  const std::string unknown_type = event_json("caseflow.case.teleported", "case-x", "e1");
  const std::string unknown_case =
      event_json("caseflow.case.signed", "case-404", "e2", R"({"unit":"grid:G01"})");
  const std::string oversized(2 << 20, 'x');
  f.produce_event("case-x", not_json);
  f.produce_event("case-x", unknown_type);
  f.produce_event("case-404", unknown_case);
  f.produce_event("case-big", oversized);
  f.produce_event("someone-else", report_json("case-k", "parking.illegal", "G01"));
  // A good case, then an event its state does not allow (rated before it was resolved).
  f.produce_event("case-ok", report_json("case-ok", "parking.illegal", "G01"));
  f.produce_event("case-ok", event_json("caseflow.case.rated", "case-ok", "e3",
                                        R"({"solved":"solved","satisfaction":"satisfied"})"));

  ASSERT_TRUE(f.step_until([&] {
    watch.drain();
    return watch.on("caseflow.dlq").size() >= 6 && !watch.on("caseflow.stage.grid").empty();
  })) << watch.on("caseflow.dlq").size()
      << " dead letters";

  std::map<std::string, Seen> by_reason;
  for (const auto& s : watch.on("caseflow.dlq")) by_reason[s.headers.at("caseflow.dlq.reason")] = s;
  ASSERT_EQ(by_reason.count("not_json"), 1u);
  EXPECT_EQ(by_reason["not_json"].value, not_json);
  EXPECT_EQ(by_reason["not_json"].key, "case-x");
  EXPECT_EQ(by_reason.count("unknown_type"), 1u);
  EXPECT_EQ(by_reason.count("unknown_case"), 1u);
  EXPECT_EQ(by_reason["unknown_case"].value, unknown_case);
  ASSERT_EQ(by_reason.count("oversized"), 1u);
  EXPECT_EQ(by_reason["oversized"].value.size(), oversized.size());
  EXPECT_EQ(by_reason.count("key_mismatch"), 1u);
  EXPECT_EQ(by_reason.count("not_allowed_in_state"), 1u) << [&] {
    std::string reasons;
    for (auto& [r, s] : by_reason) reasons += r + " ";
    return reasons;
  }();
  for (auto& [reason, s] : by_reason) {
    EXPECT_FALSE(s.headers["caseflow.dlq.message"].empty()) << reason;
    EXPECT_EQ(s.headers["caseflow.dlq.topic"], "caseflow.events");
  }
  EXPECT_EQ(f.probe.dead_letters["not_json"], 1);
  EXPECT_EQ(watch.on("caseflow.stage.grid").size(), 1u);  // case-ok was dispatched
}

// A resident's number may reach caseflow in any field of any record, good or bad. Of all the
// topics caseflow writes, only caseflow.dlq.raw (read like caseflow.events) may carry it, and it
// carries the refused records as they came.
TEST(RuntimeDeadLetters, NoTopicButTheRawDlqEverCarriesAResidentsPhoneNumber) {
  RuntimeFixture f(std::string(CASEFLOW_SOURCE_DIR) + "/tests/data/runtime/workflows");
  f.start_processor();
  std::vector<std::string> outputs;
  for (const auto& t : kafka::required_topics(kafka::TopicNames(), kafka::TopicLayout(),
                                              f.setup->workflow_topics())) {
    if (t.name != "caseflow.events") outputs.push_back(t.name);
  }
  ASSERT_NE(std::find(outputs.begin(), outputs.end(), "caseflow.dlq.raw"), outputs.end());
  TopicWatcher watch(f.bootstrap(), outputs);

  const std::string phone = "13812345678";  // report_json's reporter
  const std::string other = "13900001111";
  const std::string not_json = "call me on " + other + " {";
  const std::string unknown_case =
      event_json("caseflow.case.signed", "case-404", "e2",
                 R"({"unit":"grid:G01","note":"rang )" + other + R"("})");
  const std::string wrong_key = report_json("case-k", "parking.illegal", "G01");
  f.produce_event("case-x", not_json);
  f.produce_event("case-404", unknown_case);
  f.produce_event("someone-else", wrong_key);
  f.produce_event("case-ok", report_json("case-ok", "parking.illegal", "G01"));

  ASSERT_TRUE(f.step_until([&] {
    watch.drain();
    return watch.on("caseflow.dlq.raw").size() >= 3 && watch.on("caseflow.dlq").size() >= 3 &&
           !watch.on("caseflow.stage.grid").empty() && !watch.on("caseflow.updates").empty();
  }));

  for (const Seen& s : watch.seen()) {
    if (s.topic == "caseflow.dlq.raw") continue;
    std::string everything = s.key + " " + s.value;
    for (const auto& [name, value] : s.headers) everything += " " + name + "=" + value;
    EXPECT_EQ(everything.find(phone), std::string::npos) << s.topic << ": " << everything;
    EXPECT_EQ(everything.find(other), std::string::npos) << s.topic << ": " << everything;
  }

  // The raw DLQ has each refused record byte for byte, with the same reason as the DLQ's copy.
  std::map<std::string, Seen> raw, masked;
  for (const auto& s : watch.on("caseflow.dlq.raw")) raw[s.headers.at("caseflow.dlq.reason")] = s;
  for (const auto& s : watch.on("caseflow.dlq")) masked[s.headers.at("caseflow.dlq.reason")] = s;
  EXPECT_EQ(raw["not_json"].value, not_json);
  EXPECT_EQ(raw["unknown_case"].value, unknown_case);
  EXPECT_EQ(raw["key_mismatch"].value, wrong_key);
  EXPECT_EQ(raw["key_mismatch"].key, "someone-else");
  EXPECT_EQ(masked["not_json"].value, "call me on 139****1111 {");
  EXPECT_NE(masked["key_mismatch"].value.find("138****5678"), std::string::npos)
      << masked["key_mismatch"].value;
  EXPECT_EQ(masked.size(), raw.size());
  EXPECT_EQ(f.probe.dead_letters["not_json"], 1) << "counted once for its two copies";
}

// With a phone key the engine keeps the number sealed: caseflow.updates carries it once, for
// the archive, sealed for its case; the changelog holds the same sealed bytes; the unit's work
// order shows the mask; and no topic caseflow writes carries the number itself.
TEST(RuntimeDeadLetters, WithAKeyTheEngineKeepsOnlyTheSealedPhone) {
  auto vault = privacy::PhoneVault::from_hex(
      "0f0e0d0c0b0a09080706050403020100f0e0d0c0b0a090807060504030201000");
  ASSERT_TRUE(vault.ok());
  RuntimeFixture f(std::string(CASEFLOW_SOURCE_DIR) + "/tests/data/runtime/workflows");
  f.adjust_options = [&](runtime::ProcessorOptions& o) { o.phone_vault = &*vault; };
  f.start_processor();
  std::vector<std::string> outputs;
  for (const auto& t : kafka::required_topics(kafka::TopicNames(), kafka::TopicLayout(),
                                              f.setup->workflow_topics())) {
    if (t.name != "caseflow.events") outputs.push_back(t.name);
  }
  TopicWatcher watch(f.bootstrap(), outputs);
  f.produce_event("case-p", report_json("case-p", "parking.illegal", "G01"));
  // The changelog also holds claim and checkpoint records: wait for the case's own.
  const auto case_state_seen = [&] {
    for (const Seen& s : watch.on("caseflow.changelog"))
      if (s.key == "case-p") return true;
    return false;
  };
  ASSERT_TRUE(f.step_until([&] {
    watch.drain();
    return !watch.on("caseflow.stage.grid").empty() && !watch.on("caseflow.updates").empty() &&
           case_state_seen();
  }));

  for (const Seen& s : watch.seen()) {
    EXPECT_EQ(s.value.find("13812345678"), std::string::npos) << s.topic << ": " << s.value;
  }
  std::string sealed;
  for (const Seen& s : watch.on("caseflow.updates")) {
    const auto data = boost::json::parse(s.value).at("data").as_object();
    if (const auto* member = data.if_contains("sealed_phone")) {
      EXPECT_TRUE(sealed.empty()) << "sent more than once";
      sealed = std::string(member->as_string());
    }
  }
  ASSERT_FALSE(sealed.empty());
  EXPECT_EQ(vault->open(sealed, "case-p"), "13812345678");
  bool in_state = false;
  for (const Seen& s : watch.on("caseflow.changelog"))
    if (s.key == "case-p") in_state = s.value.find(sealed) != std::string::npos;
  EXPECT_TRUE(in_state) << "the case's state on the changelog holds the sealed phone";
  const Seen order = watch.on("caseflow.stage.grid").front();
  EXPECT_NE(order.value.find("138****5678"), std::string::npos) << order.value;
  EXPECT_EQ(order.value.find(sealed), std::string::npos) << "a unit's topic carries no seal";
}

}  // namespace
}  // namespace caseflow::testing
