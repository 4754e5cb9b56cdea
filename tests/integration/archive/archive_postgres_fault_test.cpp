// The archive writer against a real PostgreSQL server (postgres_server.h) while the engine runs on
// the embedded broker: the rows say what caseflow.updates and caseflow.alerts say; when the server
// goes down mid-stream the engine goes on, the writer says it is degraded and why, and its lag
// counts what waits; when the server is back the writer catches up to the same rows.
#include <gtest/gtest.h>

#include <atomic>
#include <boost/json.hpp>
#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "connectors/archive/archive_writer.h"
#include "tests/integration/archive/postgres_server.h"
#include "tests/integration/runtime/runtime_fixture.h"

namespace caseflow::testing {
namespace {

namespace json = boost::json;
using namespace std::chrono_literals;

constexpr int64_t kNoLagYet = -1;

// What the writer reports, readable from the test's thread while the writer runs.
struct RecordingArchiveProbe : archive::ArchiveProbe {
  std::atomic<uint64_t> records{0}, bad{0};
  std::atomic<int64_t> last_lag{kNoLagYet};
  std::mutex mutex;
  std::map<std::string, int> errors;
  void batch_committed(uint64_t n) override { records += n; }
  void store_error(std::string_view reason) override {
    std::lock_guard lock(mutex);
    ++errors[std::string(reason)];
  }
  void bad_record(std::string_view) override { ++bad; }
  void lag(int64_t n) override { last_lag = n; }
  int errors_of(const std::string& reason) {
    std::lock_guard lock(mutex);
    return errors[reason];
  }
};

// A writer on a thread of the test's, stopped (drained) at the end.
class WriterThread {
 public:
  WriterThread(archive::ArchiveWriterOptions options, archive::ArchiveProbe& probe) {
    auto created = archive::ArchiveWriter::create(std::move(options), probe);
    if (!created) throw std::runtime_error(created.error().message);
    writer_ = std::move(*created);
    thread_ = std::thread([this] { result_ = writer_->run(); });
  }
  ~WriterThread() { stop(); }
  void stop() {
    writer_->stop();
    if (thread_.joinable()) thread_.join();
  }
  const Status& result() const { return result_; }
  archive::ArchiveWriter& writer() { return *writer_; }

 private:
  std::unique_ptr<archive::ArchiveWriter> writer_;
  std::thread thread_;
  Status result_ = ok_status();
};

bool eventually(const std::function<bool()>& check, std::chrono::milliseconds timeout = 30s) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (check()) return true;
    std::this_thread::sleep_for(20ms);  // a poll interval, not a wait for something to happen
  }
  return check();
}

archive::ArchiveWriterOptions writer_options(RuntimeFixture& f, const std::string& url) {
  archive::ArchiveWriterOptions o;
  o.kafka = {{"bootstrap.servers", f.bootstrap()}, {"session.timeout.ms", "6000"}};
  o.where.url = url;
  o.batch_wait = 200ms;
  o.retry_max = 500ms;
  return o;
}

// What the topics say about one case: its newest record and how many records it has.
struct Expected {
  uint64_t seq = 0;
  std::string status, unit;
  size_t records = 0;
};

std::map<std::string, Expected> expected_from(const std::vector<Seen>& records) {
  std::map<std::string, Expected> out;
  for (const auto& r : records) {
    const json::object event = json::parse(r.value).as_object();
    const std::string id(event.at("id").as_string());
    const std::string subject(event.at("subject").as_string());
    const uint64_t seq = std::stoull(id.substr(id.rfind('-') + 1));
    Expected& e = out[subject];
    ++e.records;
    if (seq >= e.seq) {
      const json::object& data = event.at("data").as_object();
      e.seq = seq;
      e.status = std::string(data.at("status").as_string());
      e.unit = std::string(data.at("unit").as_string());
    }
  }
  return out;
}

// Whether the database at `url` holds exactly `expected`; `why` says what differs. A new
// connection each time, so a server that went away is seen as such.
bool archive_matches(const std::string& url, const std::map<std::string, Expected>& expected,
                     std::string& why) {
  auto store = archive::open_archive({"", url});
  if (!store) {
    why = store.error().message;
    return false;
  }
  auto count = (*store)->count(archive::CaseFilter{});
  if (!count || *count != expected.size()) {
    why = "cases: " + (count ? std::to_string(*count) : count.error().message) + " of " +
          std::to_string(expected.size());
    return false;
  }
  for (const auto& [id, e] : expected) {
    auto row = (*store)->find(id);
    auto history = (*store)->history(id);
    if (!row || !*row || !history) {
      why = id + ": not found";
      return false;
    }
    const archive::CaseRow& c = **row;
    if (c.seq != e.seq || c.status != e.status || c.unit != e.unit ||
        history->size() != e.records) {
      why = id + ": seq " + std::to_string(c.seq) + "/" + std::to_string(e.seq) + " status " +
            c.status + "/" + e.status + " unit " + c.unit + "/" + e.unit + " history " +
            std::to_string(history->size()) + "/" + std::to_string(e.records);
      return false;
    }
  }
  return true;
}

std::vector<Seen> archived_topics(TopicWatcher& watch) {
  watch.drain();
  std::vector<Seen> records = watch.on("caseflow.updates");
  for (const auto& s : watch.on("caseflow.alerts")) records.push_back(s);
  return records;
}

// Reports cases first_id.. on the quick workflow and waits until each is dispatched.
void report_cases(RuntimeFixture& f, TopicWatcher& watch, int first_id, int cases) {
  for (int i = first_id; i < first_id + cases; ++i) {
    const std::string id = "case-" + std::to_string(i);
    f.produce_event(id, report_json(id, "parking.illegal", "G01"));
  }
  EXPECT_TRUE(f.step_until([&] {
    watch.drain();
    return watch.on("caseflow.stage.grid").size() >= static_cast<size_t>(first_id + cases);
  }));
}

// Nobody signs: past the sign clock come the warnings, breaches and escalations of every case.
void let_the_sign_clock_run_out(RuntimeFixture& f, TopicWatcher& watch, int cases) {
  f.now = f.now + Duration::seconds(61);
  EXPECT_TRUE(f.step_until([&] {
    watch.drain();
    size_t escalated = 0;
    for (const auto& s : watch.on("caseflow.alerts")) {
      escalated += s.value.find("caseflow.case.escalated") != std::string::npos;
    }
    return escalated >= static_cast<size_t>(cases);
  }));
  f.step_until([] { return false; }, 300);  // whatever else the clock brought
}

const std::string kWorkflows = std::string(CASEFLOW_SOURCE_DIR) + "/tests/data/runtime/workflows";

class ArchivePostgres : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto s = PostgresServer::launch();
    ASSERT_TRUE(s.ok()) << s.error().message;
    server_ = std::move(*s);
  }
  static void TearDownTestSuite() { server_.reset(); }

  void SetUp() override {
    ASSERT_NE(server_, nullptr);
    if (!server_->running()) {
      ASSERT_TRUE(server_->start().ok());
    }
    auto url = server_->create_database();
    ASSERT_TRUE(url.ok()) << url.error().message;
    url_ = *url;
  }

  static inline std::unique_ptr<PostgresServer> server_;
  std::string url_;
};

TEST_F(ArchivePostgres, RowsSayWhatTheUpdatesAndAlertsTopicsSay) {
  RuntimeFixture f(kWorkflows);
  f.start_processor();
  TopicWatcher watch(f.bootstrap(), {"caseflow.stage.grid", "caseflow.updates", "caseflow.alerts"});
  RecordingArchiveProbe probe;
  WriterThread writer(writer_options(f, url_), probe);

  report_cases(f, watch, 0, 8);
  let_the_sign_clock_run_out(f, watch, 8);
  const auto records = archived_topics(watch);
  const auto expected = expected_from(records);
  ASSERT_EQ(expected.size(), 8u);
  std::string why;
  EXPECT_TRUE(eventually([&] { return archive_matches(url_, expected, why); })) << why;
  EXPECT_TRUE(eventually([&] { return probe.records.load() == records.size(); }))
      << probe.records.load() << " of " << records.size();
  EXPECT_TRUE(eventually([&] { return probe.last_lag.load() == 0; })) << probe.last_lag.load();
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
  WriterThread writer(writer_options(f, url_), probe);

  // Before: the first cases are archived, and the writer owes nothing.
  report_cases(f, watch, 0, 4);
  const auto before = archived_topics(watch);
  std::string why;
  ASSERT_TRUE(eventually([&] { return archive_matches(url_, expected_from(before), why); })) << why;
  ASSERT_TRUE(eventually([&] { return probe.records.load() == before.size(); }));
  ASSERT_TRUE(eventually([&] { return probe.last_lag.load() == 0; })) << probe.last_lag.load();

  // The server goes down under the writer's open session; the engine goes on.
  ASSERT_TRUE(server_->stop().ok());
  report_cases(f, watch, 4, 4);
  let_the_sign_clock_run_out(f, watch, 8);
  const auto all = archived_topics(watch);
  const size_t since_down = all.size() - before.size();
  ASSERT_GT(since_down, 8u) << "the engine published nothing while the archive was down";

  ASSERT_TRUE(eventually([&] { return !writer.writer().health().healthy; }));
  const auto health = writer.writer().health();
  EXPECT_NE(health.reason.find("127.0.0.1:" + std::to_string(server_->port())), std::string::npos)
      << health.reason;
  EXPECT_GE(probe.errors_of("archive_unavailable"), 1) << "the lost session was not seen";
  // Every record since the server went down waits, and the lag says so.
  EXPECT_TRUE(eventually([&] { return probe.last_lag.load() >= static_cast<int64_t>(since_down); }))
      << "lag " << probe.last_lag.load() << ", records waiting " << since_down;
  EXPECT_EQ(probe.records.load(), before.size()) << "records counted as archived while down";

  // After: the same server, the same data; the writer catches up to what the topics say.
  ASSERT_TRUE(server_->start().ok());
  const auto expected = expected_from(all);
  ASSERT_EQ(expected.size(), 8u);
  EXPECT_TRUE(eventually([&] { return archive_matches(url_, expected, why); })) << why;
  EXPECT_TRUE(eventually([&] { return writer.writer().health().healthy; }))
      << writer.writer().health().reason;
  EXPECT_TRUE(eventually([&] { return probe.records.load() == all.size(); }))
      << probe.records.load() << " of " << all.size();
  EXPECT_TRUE(eventually([&] { return probe.last_lag.load() == 0; })) << probe.last_lag.load();
  EXPECT_EQ(probe.bad.load(), 0u);
  writer.stop();
  EXPECT_TRUE(writer.result().ok()) << writer.result().error().message;
}

}  // namespace
}  // namespace caseflow::testing
