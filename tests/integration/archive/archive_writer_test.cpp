// The archive writer against the embedded broker and a real SQLite file: the engine publishes
// what happens to cases; the archive's rows then say what the topics say, survive a writer that
// dies between the database commit and the offset commit, send bad records to the DLQ, and catch
// up once a database that could not be opened can be.
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <boost/json.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "connectors/archive/archive_writer.h"
#include "tests/integration/runtime/runtime_fixture.h"

namespace caseflow::testing {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;
using namespace std::chrono_literals;

struct CountingArchiveProbe : archive::ArchiveProbe {
  std::atomic<uint64_t> records{0}, batches{0}, bad{0};
  std::mutex mutex;
  std::map<std::string, int> errors;
  void batch_committed(uint64_t n) override {
    records += n;
    ++batches;
  }
  void store_error(std::string_view reason) override {
    std::lock_guard lock(mutex);
    ++errors[std::string(reason)];
  }
  void bad_record(std::string_view) override { ++bad; }
  void lag(int64_t) override {}
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
    thread_ = std::thread([this] {
      result_ = writer_->run();
      done_ = true;
    });
  }
  ~WriterThread() { stop(); }
  void stop() {
    writer_->stop();
    if (thread_.joinable()) thread_.join();
  }
  bool done() const { return done_.load(); }
  const Status& result() const { return result_; }
  archive::ArchiveWriter& writer() { return *writer_; }

 private:
  std::unique_ptr<archive::ArchiveWriter> writer_;
  std::thread thread_;
  Status result_ = ok_status();
  std::atomic<bool> done_{false};
};

class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "caseflow-archive-XXXXXX").string();
    path_ = mkdtemp(pattern.data());
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

bool eventually(const std::function<bool()>& check, std::chrono::milliseconds timeout = 60s) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (check()) return true;
    std::this_thread::sleep_for(20ms);  // a poll interval, not a wait for something to happen
  }
  return check();
}

archive::ArchiveWriterOptions writer_options(RuntimeFixture& f, const fs::path& file) {
  archive::ArchiveWriterOptions o;
  o.kafka = {{"bootstrap.servers", f.bootstrap()}, {"session.timeout.ms", "6000"}};
  o.where.path = file.string();
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

// Whether the archive at `file` holds exactly `expected`; `why` says what differs.
bool archive_matches(const fs::path& file, const std::map<std::string, Expected>& expected,
                     std::string& why) {
  auto store = archive::open_archive({file.string(), ""});
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

// Cases through their lives on the quick workflow: reported, dispatched, left unsigned past the
// sign clock (warnings, breaches, escalations on caseflow.alerts).
std::vector<Seen> cases_through_their_lives(RuntimeFixture& f, TopicWatcher& watch, int cases) {
  for (int i = 0; i < cases; ++i) {
    const std::string id = "case-" + std::to_string(i);
    f.produce_event(id, report_json(id, "parking.illegal", "G01"));
  }
  EXPECT_TRUE(f.step_until([&] {
    watch.drain();
    return watch.on("caseflow.stage.grid").size() >= static_cast<size_t>(cases);
  }));
  // Nobody signs: past the sign clock come the warnings, breaches and escalations.
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
  watch.drain();
  std::vector<Seen> records = watch.on("caseflow.updates");
  for (const auto& s : watch.on("caseflow.alerts")) records.push_back(s);
  return records;
}

const std::string kWorkflows = std::string(CASEFLOW_SOURCE_DIR) + "/tests/data/runtime/workflows";

TEST(ArchiveWriter, RowsSayWhatTheUpdatesAndAlertsTopicsSay) {
  RuntimeFixture f(kWorkflows);
  f.start_processor();
  TopicWatcher watch(f.bootstrap(), {"caseflow.stage.grid", "caseflow.updates", "caseflow.alerts"});
  TempDir dir;
  const fs::path file = dir.path() / "archive.sqlite";
  CountingArchiveProbe probe;
  WriterThread writer(writer_options(f, file), probe);

  const auto records = cases_through_their_lives(f, watch, 10);
  const auto expected = expected_from(records);
  ASSERT_EQ(expected.size(), 10u);
  std::string why;
  EXPECT_TRUE(eventually([&] { return archive_matches(file, expected, why); })) << why;
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
  CountingArchiveProbe first_probe;
  auto first_options = writer_options(f, file);
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
  ASSERT_TRUE(archive_matches(file, expected, why)) << why;

  // The second finds no committed offsets, reads it all again, and the rows do not change.
  CountingArchiveProbe second_probe;
  WriterThread second(writer_options(f, file), second_probe);
  EXPECT_TRUE(eventually([&] { return second_probe.records.load() == records.size(); }))
      << second_probe.records.load() << " of " << records.size();
  EXPECT_TRUE(archive_matches(file, expected, why)) << why;
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
  CountingArchiveProbe probe;
  WriterThread writer(writer_options(f, file), probe);
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
  EXPECT_TRUE(eventually([&] { return archive_matches(file, expected, why); })) << why;
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
  CountingArchiveProbe probe;
  WriterThread writer(writer_options(f, file), probe);

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
  EXPECT_TRUE(eventually([&] { return archive_matches(file, expected, why); })) << why;
  EXPECT_TRUE(eventually([&] { return writer.writer().health().healthy; }));
  EXPECT_TRUE(eventually([&] { return probe.records.load() == records.size(); }));
}

}  // namespace
}  // namespace caseflow::testing
