// The archive writer against the embedded broker and a real SQLite file: the engine publishes
// what happens to cases; the archive's rows then say what the topics say, survive a writer that
// dies between the database commit and the offset commit, send bad records to the DLQ, and catch
// up once a database that could not be opened can be.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>

#include "tests/integration/archive/archive_test_support.h"

namespace caseflow::testing {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

TEST(ArchiveWriter, RowsSayWhatTheUpdatesAndAlertsTopicsSay) {
  RuntimeFixture f(kWorkflows);
  f.start_processor();
  TopicWatcher watch(f.bootstrap(), {"caseflow.stage.grid", "caseflow.updates", "caseflow.alerts"});
  TempDir dir;
  const fs::path file = dir.path() / "archive.sqlite";
  RecordingArchiveProbe probe;
  WriterThread writer(writer_options(f, {file.string(), ""}), probe);

  const auto records = cases_through_their_lives(f, watch, 10);
  const auto expected = expected_from(records);
  ASSERT_EQ(expected.size(), 10u);
  std::string why;
  EXPECT_TRUE(eventually([&] {
    return archive_matches({file.string(), ""}, expected, why);
  })) << why;
  EXPECT_TRUE(eventually([&] { return probe.records.load() == records.size(); }))
      << probe.records.load() << " of " << records.size();
  EXPECT_TRUE(writer.writer().health().healthy);
  EXPECT_EQ(probe.bad.load(), 0u);

  // A closed case's row knows how it ended; the report's facts came with its first record.
  auto store = archive::open_archive({file.string(), ""});
  ASSERT_TRUE(store.ok()) << store.error().message;
  auto escalated = (*store)->find("case-1");
  ASSERT_TRUE(escalated.ok() && escalated->has_value());
  EXPECT_EQ((*escalated)->breached, std::optional<bool>(true));
  EXPECT_EQ((*escalated)->category, "parking.illegal");
  writer.stop();
  EXPECT_TRUE(writer.result().ok());
}

TEST(ArchiveWriter, AWriterKilledBetweenTheDatabaseAndTheOffsetCommitLeavesTheSameRows) {
  RuntimeFixture f(kWorkflows);
  f.start_processor();
  TopicWatcher watch(f.bootstrap(), {"caseflow.stage.grid", "caseflow.updates", "caseflow.alerts"});
  const auto records = cases_through_their_lives(f, watch, 6);
  const auto expected = expected_from(records);
  TempDir dir;
  const fs::path file = dir.path() / "archive.sqlite";

  // The first writer collects everything in one batch, writes it, and dies before committing.
  RecordingArchiveProbe first_probe;
  auto first_options = writer_options(f, {file.string(), ""});
  first_options.batch_wait = 3s;
  std::atomic<int> commits_reached{0};
  first_options.TEST_after_store_commit = [&] {
    ++commits_reached;
    return false;
  };
  {
    WriterThread first(first_options, first_probe);
    ASSERT_TRUE(eventually([&] { return first.done(); })) << "the first writer never wrote";
  }
  EXPECT_EQ(commits_reached.load(), 1);
  std::string why;
  ASSERT_TRUE(archive_matches({file.string(), ""}, expected, why)) << why;

  // The second finds no committed offsets, reads it all again, and the rows do not change.
  RecordingArchiveProbe second_probe;
  WriterThread second(writer_options(f, {file.string(), ""}), second_probe);
  EXPECT_TRUE(eventually([&] { return second_probe.records.load() == records.size(); }))
      << second_probe.records.load() << " of " << records.size();
  EXPECT_TRUE(archive_matches({file.string(), ""}, expected, why)) << why;
}

TEST(ArchiveWriter, ARecordItCannotReadGoesToTheDlqWithItsReason) {
  RuntimeFixture f(kWorkflows);
  f.start_processor();
  TopicWatcher watch(f.bootstrap(), {"caseflow.stage.grid", "caseflow.updates", "caseflow.alerts",
                                     "caseflow.dlq"});
  auto producer = kafka::Producer::create({{"bootstrap.servers", f.bootstrap()}});
  ASSERT_TRUE(producer.ok());
  ASSERT_FALSE((*producer)->produce("caseflow.updates", "case-bad", "not json {"));
  ASSERT_FALSE((*producer)->flush(10'000));
  TempDir dir;
  const fs::path file = dir.path() / "archive.sqlite";
  RecordingArchiveProbe probe;
  WriterThread writer(writer_options(f, {file.string(), ""}), probe);
  const auto records = cases_through_their_lives(f, watch, 2);

  ASSERT_TRUE(eventually([&] {
    watch.drain();
    for (const auto& s : watch.on("caseflow.dlq")) {
      if (s.topic == "caseflow.dlq" && s.key == "case-bad") return true;
    }
    return false;
  })) << "nothing on caseflow.dlq";
  Seen dead;
  for (const auto& s : watch.on("caseflow.dlq")) {
    if (s.headers.count("caseflow.dlq.reason") &&
        s.headers.at("caseflow.dlq.reason").starts_with("archive_")) {
      dead = s;
    }
  }
  EXPECT_EQ(dead.value, "not json {");
  EXPECT_EQ(dead.key, "case-bad");
  EXPECT_EQ(dead.headers.at("caseflow.dlq.reason"), "archive_not_json");
  EXPECT_EQ(dead.headers.at("caseflow.dlq.topic"), "caseflow.updates");
  EXPECT_FALSE(dead.headers.at("caseflow.dlq.message").empty());
  EXPECT_EQ(probe.bad.load(), 1u);

  // The good records around it are archived; the bad one is not a case.
  std::vector<Seen> good;
  for (const auto& r : records) {
    if (r.key != "case-bad") good.push_back(r);
  }
  const auto expected = expected_from(good);
  std::string why;
  EXPECT_TRUE(eventually([&] {
    return archive_matches({file.string(), ""}, expected, why);
  })) << why;
}

TEST(ArchiveWriter, AnUnopenableDatabaseDegradesItAndItCatchesUpWhenItCanWrite) {
  RuntimeFixture f(kWorkflows);
  f.start_processor();
  TopicWatcher watch(f.bootstrap(), {"caseflow.stage.grid", "caseflow.updates", "caseflow.alerts"});
  TempDir dir;
  // A file where the archive's folder should be.
  const fs::path blocker = dir.path() / "data";
  std::ofstream(blocker) << "not a folder";
  const fs::path file = blocker / "archive.sqlite";
  RecordingArchiveProbe probe;
  WriterThread writer(writer_options(f, {file.string(), ""}), probe);

  // The engine goes on while the archive cannot be written.
  const auto records = cases_through_their_lives(f, watch, 4);
  ASSERT_TRUE(eventually([&] { return !writer.writer().health().healthy; }));
  const auto health = writer.writer().health();
  EXPECT_NE(health.reason.find("archive_open"), std::string::npos) << health.reason;
  EXPECT_NE(health.reason.find(blocker.string()), std::string::npos) << health.reason;
  EXPECT_GE(probe.errors_of("archive_open"), 1);
  EXPECT_EQ(probe.records.load(), 0u);

  fs::remove(blocker);
  const auto expected = expected_from(records);
  std::string why;
  EXPECT_TRUE(eventually([&] {
    return archive_matches({file.string(), ""}, expected, why);
  })) << why;
  EXPECT_TRUE(eventually([&] { return writer.writer().health().healthy; }));
  EXPECT_TRUE(eventually([&] { return probe.records.load() == records.size(); }));
}

}  // namespace
}  // namespace caseflow::testing
