// --replay: a kcat dump of caseflow.events or JSON lines becomes the arrivals of a run; other
// event types are counted and skipped; a line that cannot be read is a FILE:LINE:COL problem.
#include "engine/simulate/replay_reader.h"

#include <gtest/gtest.h>

namespace caseflow::simulate {
namespace {

std::string event(const std::string& type, const std::string& case_id, const std::string& data,
                  const std::string& time = "2026-11-02T09:30:00+08:00") {
  return R"({"specversion":"1.0","id":"e-)" + case_id + R"(","source":"/hotline/12345","type":")" +
         type + R"(","subject":")" + case_id + R"(","time":")" + time + R"(","data":)" + data + "}";
}

std::string report(const std::string& case_id, const std::string& grid = "G01",
                   const std::string& time = "2026-11-02T09:30:00+08:00") {
  return event("caseflow.case.reported", case_id,
               R"({"category":"parking.illegal","grid_id":")" + grid + R"(","channel":"app"})",
               time);
}

std::string signed_by(const std::string& case_id) {
  return event("caseflow.case.signed", case_id, R"({"unit":"grid:G01"})");
}

// 2026-11-02T01:30:00Z and one hour later, in Unix milliseconds.
constexpr int64_t kNine30 = 1'793'583'000'000;
constexpr int64_t kTen30 = kNine30 + 3'600'000;

TEST(ReplayReader, AKcatDumpGivesTheReportsAtTheirRecordTimestamps) {
  const std::string text = std::to_string(kTen30) + " case-2 " + report("case-2", "G02") + "\n" +
                           std::to_string(kNine30) + " case-1 " + report("case-1") + "\n";
  Diagnostics problems;
  auto replay = read_replay("dump.txt", text, problems);
  ASSERT_TRUE(replay) << (problems.empty() ? "" : problems.front().to_string());
  EXPECT_EQ(replay->format, ReplayFormat::kcat);
  EXPECT_EQ(replay->lines, 2u);
  ASSERT_EQ(replay->arrivals.size(), 2u);
  // Sorted by time, whatever the order of the partitions in the dump.
  EXPECT_EQ(replay->arrivals[0].at.unix_millis(), kNine30);
  EXPECT_EQ(replay->arrivals[0].report.case_id, "case-1");
  EXPECT_EQ(replay->arrivals[0].report.category, "parking.illegal");
  EXPECT_EQ(replay->arrivals[1].at.unix_millis(), kTen30);
  EXPECT_EQ(replay->arrivals[1].report.grid_id, "G02");
  EXPECT_TRUE(replay->skipped.empty());
}

TEST(ReplayReader, KcatTimestampWinsOverTheEventsOwnTime) {
  // The record's timestamp is when the engine got it; the event's `time` is the sender's clock.
  const std::string text =
      std::to_string(kTen30) + " case-1 " + report("case-1", "G01", "2026-11-02T09:30:00+08:00");
  Diagnostics problems;
  auto replay = read_replay("dump.txt", text, problems);
  ASSERT_TRUE(replay);
  ASSERT_EQ(replay->arrivals.size(), 1u);
  EXPECT_EQ(replay->arrivals[0].at.unix_millis(), kTen30);
}

TEST(ReplayReader, AKcatRecordWithoutAKeyIsRead) {
  // kcat prints a null key as nothing: two spaces in a row.
  const std::string text = std::to_string(kNine30) + "  " + report("case-1");
  Diagnostics problems;
  auto replay = read_replay("dump.txt", text, problems);
  ASSERT_TRUE(replay) << (problems.empty() ? "" : problems.front().to_string());
  ASSERT_EQ(replay->arrivals.size(), 1u);
  EXPECT_EQ(replay->arrivals[0].report.case_id, "case-1");
}

TEST(ReplayReader, JsonLinesTakeTheTimeAttribute) {
  const std::string text = report("case-1", "G01", "2026-11-02T09:30:00+08:00") + "\r\n\n" +
                           report("case-2", "G03", "2026-11-02T02:30:00Z") + "\n";
  Diagnostics problems;
  auto replay = read_replay("events.jsonl", text, problems);
  ASSERT_TRUE(replay) << (problems.empty() ? "" : problems.front().to_string());
  EXPECT_EQ(replay->format, ReplayFormat::json_lines);
  EXPECT_EQ(replay->lines, 2u);
  ASSERT_EQ(replay->arrivals.size(), 2u);
  EXPECT_EQ(replay->arrivals[0].at.unix_millis(), kNine30);
  EXPECT_EQ(replay->arrivals[1].at.unix_millis(), kTen30);
  EXPECT_EQ(replay->arrivals[1].report.grid_id, "G03");
}

TEST(ReplayReader, OtherEventTypesAreCountedAndSkipped) {
  const std::string text = report("case-1") + "\n" + signed_by("case-1") + "\n" +
                           signed_by("case-2") + "\n" +
                           event("caseflow.case.resolved", "case-1", R"({"note":"towed"})") + "\n";
  Diagnostics problems;
  auto replay = read_replay("events.jsonl", text, problems);
  ASSERT_TRUE(replay) << (problems.empty() ? "" : problems.front().to_string());
  ASSERT_EQ(replay->arrivals.size(), 1u);
  EXPECT_EQ(replay->arrivals[0].report.case_id, "case-1");
  EXPECT_EQ(replay->skipped, (std::map<std::string, uint64_t>{{"caseflow.case.resolved", 1},
                                                              {"caseflow.case.signed", 2}}));
}

TEST(ReplayReader, ABadLineIsAProblemAtItsLineWithItsReason) {
  const std::string text = std::to_string(kNine30) + " case-1 " + report("case-1") + "\n" +
                           std::to_string(kTen30) + " case-2 {\"specversion\":\"1.0\",\n" +
                           std::to_string(kTen30) + " case-3 " + report("case-3") + "\n";
  Diagnostics problems;
  auto replay = read_replay("dump.txt", text, problems);
  EXPECT_FALSE(replay);  // nothing is run on a replay with a hole in it
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].file, "dump.txt");
  EXPECT_EQ(problems[0].line, 2);
  EXPECT_EQ(problems[0].column, 22);  // where the value starts, after "TIMESTAMP case-2 "
  EXPECT_NE(problems[0].message.find("not JSON"), std::string::npos) << problems[0].message;
}

TEST(ReplayReader, AReportTheEngineWouldRefuseIsAProblemWithTheDecodersReason) {
  const std::string text = report("case-1") + "\n" +
                           event("caseflow.case.reported", "case-2", R"({"grid_id":"G01"})") +
                           "\n";  // no category
  Diagnostics problems;
  auto replay = read_replay("events.jsonl", text, problems);
  EXPECT_FALSE(replay);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].line, 2);
  EXPECT_NE(problems[0].message.find("bad_data"), std::string::npos) << problems[0].message;
  EXPECT_NE(problems[0].message.find("category"), std::string::npos) << problems[0].message;
}

TEST(ReplayReader, AJsonLineWithoutTimeIsAProblem) {
  std::string no_time = report("case-1");
  no_time.erase(no_time.find(R"("time")"),
                std::string(R"("time":"2026-11-02T09:30:00+08:00",)").size());
  Diagnostics problems;
  EXPECT_FALSE(read_replay("events.jsonl", no_time, problems));
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].line, 1);
  EXPECT_NE(problems[0].message.find("time"), std::string::npos) << problems[0].message;
}

TEST(ReplayReader, AKcatLineWithoutATimestampSaysWhatWasExpected) {
  Diagnostics problems;
  EXPECT_FALSE(read_replay("dump.txt", "case-1 " + report("case-1"), problems));
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].to_string().rfind("dump.txt:1:1: error: ", 0), 0u)
      << problems[0].to_string();
  EXPECT_NE(problems[0].message.find("%T %k %s"), std::string::npos) << problems[0].message;
}

TEST(ReplayReader, AValueThatIsNoCloudEventIsAProblem) {
  Diagnostics problems;
  EXPECT_FALSE(read_replay("events.jsonl", R"({"category":"parking.illegal"})", problems));
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].message.find("type"), std::string::npos) << problems[0].message;
}

TEST(ReplayReader, AFileInTheWrongFormatListsSomeLinesAndCountsTheRest) {
  std::string text;
  for (int i = 0; i < 60; ++i) text += "not a record\n";
  Diagnostics problems;
  EXPECT_FALSE(read_replay("dump.txt", text, problems));
  ASSERT_EQ(problems.size(), kMaxListedReplayProblems + 1);
  EXPECT_EQ(problems.back().message, "10 more unreadable lines not listed (60 in all)");
}

TEST(ReplayReader, AnEmptyFileIsAProblem) {
  Diagnostics problems;
  EXPECT_FALSE(read_replay("dump.txt", "\n  \n", problems));
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].file, "dump.txt");
}

}  // namespace
}  // namespace caseflow::simulate
