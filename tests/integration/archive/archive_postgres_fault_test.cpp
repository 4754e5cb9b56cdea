// The archive writer against a real PostgreSQL server (postgres_server.h) while the engine runs on
// the embedded broker: the rows say what caseflow.updates and caseflow.alerts say; when the server
// goes down mid-stream the engine goes on, the writer says it is degraded and why, and its lag
// counts what waits; when the server is back the writer catches up to the same rows.
#include <gtest/gtest.h>

#include <chrono>
#include <optional>
#include <string>

#include "tests/integration/archive/archive_test_support.h"
#include "tests/integration/archive/postgres_test_fixture.h"

namespace caseflow::testing {
namespace {

using namespace std::chrono_literals;

// These tests give up on a wait after 30 s (the SQLite ones after 60 s): the binary has 180 s.
constexpr std::chrono::milliseconds kServerWait = 30s;

class ArchivePostgres : public PostgresArchiveTest {};

TEST_F(ArchivePostgres, RowsSayWhatTheUpdatesAndAlertsTopicsSay) {
  RuntimeFixture f(kWorkflows);
  f.start_processor();
  TopicWatcher watch(f.bootstrap(), {"caseflow.stage.grid", "caseflow.updates", "caseflow.alerts"});
  RecordingArchiveProbe probe;
  WriterThread writer(writer_options(f, {"", url_}), probe);

  report_cases(f, watch, 0, 8);
  let_the_sign_clock_run_out(f, watch, 8);
  const auto records = archived_topics(watch);
  const auto expected = expected_from(records);
  ASSERT_EQ(expected.size(), 8u);
  std::string why;
  EXPECT_TRUE(eventually(
      [&] {
        return archive_matches({"", url_}, expected, why);
      },
      kServerWait))
      << why;
  EXPECT_TRUE(eventually([&] { return probe.records.load() == records.size(); }, kServerWait))
      << probe.records.load() << " of " << records.size();
  EXPECT_TRUE(eventually([&] { return probe.last_lag.load() == 0; }, kServerWait))
      << probe.last_lag.load();
  EXPECT_TRUE(writer.writer().health().healthy) << writer.writer().health().reason;
  EXPECT_EQ(probe.bad.load(), 0u);

  // The first record's report and the breach alerts reached the row.
  auto store = archive::open_archive({"", url_});
  ASSERT_TRUE(store.ok()) << store.error().message;
  EXPECT_EQ((*store)->backend(), "postgresql");
  auto escalated = (*store)->find("case-1");
  ASSERT_TRUE(escalated.ok() && escalated->has_value());
  EXPECT_EQ((*escalated)->breached, std::optional<bool>(true));
  EXPECT_EQ((*escalated)->category, "parking.illegal");
  writer.stop();
  EXPECT_TRUE(writer.result().ok()) << writer.result().error().message;
}

TEST_F(ArchivePostgres, AServerThatGoesDownDegradesTheWriterAndItCatchesUpWhenTheServerIsBack) {
  RuntimeFixture f(kWorkflows);
  f.start_processor();
  TopicWatcher watch(f.bootstrap(), {"caseflow.stage.grid", "caseflow.updates", "caseflow.alerts"});
  RecordingArchiveProbe probe;
  WriterThread writer(writer_options(f, {"", url_}), probe);

  // Before: the first cases are archived, and the writer owes nothing.
  report_cases(f, watch, 0, 4);
  const auto before = archived_topics(watch);
  std::string why;
  ASSERT_TRUE(eventually(
      [&] {
        return archive_matches({"", url_}, expected_from(before), why);
      },
      kServerWait))
      << why;
  ASSERT_TRUE(eventually([&] { return probe.records.load() == before.size(); }, kServerWait));
  ASSERT_TRUE(eventually([&] { return probe.last_lag.load() == 0; }, kServerWait))
      << probe.last_lag.load();

  // The server goes down under the writer's open session; the engine goes on.
  ASSERT_TRUE(server_->stop().ok());
  report_cases(f, watch, 4, 4);
  let_the_sign_clock_run_out(f, watch, 8);
  const auto all = archived_topics(watch);
  const size_t since_down = all.size() - before.size();
  ASSERT_GT(since_down, 8u) << "the engine published nothing while the archive was down";

  ASSERT_TRUE(eventually([&] { return !writer.writer().health().healthy; }, kServerWait));
  const auto health = writer.writer().health();
  EXPECT_NE(health.reason.find("127.0.0.1:" + std::to_string(server_->port())), std::string::npos)
      << health.reason;
  EXPECT_GE(probe.errors_of("archive_unavailable"), 1) << "the lost session was not seen";
  // Every record since the server went down waits, and the lag says so.
  EXPECT_TRUE(eventually([&] { return probe.last_lag.load() >= static_cast<int64_t>(since_down); },
                         kServerWait))
      << "lag " << probe.last_lag.load() << ", records waiting " << since_down;
  EXPECT_EQ(probe.records.load(), before.size()) << "records counted as archived while down";

  // After: the same server, the same data; the writer catches up to what the topics say.
  ASSERT_TRUE(server_->start().ok());
  const auto expected = expected_from(all);
  ASSERT_EQ(expected.size(), 8u);
  EXPECT_TRUE(eventually(
      [&] {
        return archive_matches({"", url_}, expected, why);
      },
      kServerWait))
      << why;
  EXPECT_TRUE(eventually([&] { return writer.writer().health().healthy; }, kServerWait))
      << writer.writer().health().reason;
  EXPECT_TRUE(eventually([&] { return probe.records.load() == all.size(); }, kServerWait))
      << probe.records.load() << " of " << all.size();
  EXPECT_TRUE(eventually([&] { return probe.last_lag.load() == 0; }, kServerWait))
      << probe.last_lag.load();
  EXPECT_EQ(probe.bad.load(), 0u);
  writer.stop();
  EXPECT_TRUE(writer.result().ok()) << writer.result().error().message;
}

}  // namespace
}  // namespace caseflow::testing
