// What the archive's integration tests share: a temp folder, polling with a deadline, the archive
// writer on a thread of the test's with a probe the test can read, the cases the engine publishes
// on the embedded broker, and whether an archive's rows say what the topics say.
#pragma once

#include <atomic>
#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "connectors/archive/archive_writer.h"
#include "tests/integration/runtime/runtime_fixture.h"

namespace caseflow::testing {

// A folder of the test's own under the system's temp folder, removed with everything in it.
class TempDir {
 public:
  explicit TempDir(std::string_view prefix = "caseflow-archive");
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// Whether `check` holds within `timeout`, asked every `poll`.
bool eventually(const std::function<bool()>& check,
                std::chrono::milliseconds timeout = std::chrono::seconds(60),
                std::chrono::milliseconds poll = std::chrono::milliseconds(20));

constexpr int64_t kNoLagYet = -1;

// What the writer reports, readable from the test's thread while the writer runs.
struct RecordingArchiveProbe : archive::ArchiveProbe {
  std::atomic<uint64_t> records{0}, bad{0};
  std::atomic<int64_t> last_lag{kNoLagYet};
  std::mutex mutex;
  std::map<std::string, int> errors;
  void batch_committed(uint64_t n) override { records += n; }
  void store_error(std::string_view reason) override;
  void bad_record(std::string_view) override { ++bad; }
  void lag(int64_t n) override { last_lag = n; }
  int errors_of(const std::string& reason);
};

// A writer on a thread of the test's, stopped (drained) at the end.
class WriterThread {
 public:
  WriterThread(archive::ArchiveWriterOptions options, archive::ArchiveProbe& probe);
  ~WriterThread() { stop(); }
  WriterThread(const WriterThread&) = delete;
  WriterThread& operator=(const WriterThread&) = delete;
  void stop();
  bool done() const { return done_.load(); }
  const Status& result() const { return result_; }
  archive::ArchiveWriter& writer() { return *writer_; }

 private:
  std::unique_ptr<archive::ArchiveWriter> writer_;
  std::thread thread_;
  Status result_ = ok_status();
  std::atomic<bool> done_{false};
};

// A writer on the fixture's broker into the archive `where`, quick to batch and to retry.
archive::ArchiveWriterOptions writer_options(RuntimeFixture& f, archive::ArchiveLocation where);

// What the topics say about one case: its newest record and how many records it has.
struct Expected {
  uint64_t seq = 0;
  std::string status, unit;
  size_t records = 0;
};

std::map<std::string, Expected> expected_from(const std::vector<Seen>& records);

// Whether the archive at `where` holds exactly `expected`; `why` says what differs. It is opened
// anew each time, so a database that went away is seen as such.
bool archive_matches(const archive::ArchiveLocation& where,
                     const std::map<std::string, Expected>& expected, std::string& why);

// What the archive consumes: every record on caseflow.updates and caseflow.alerts so far.
std::vector<Seen> archived_topics(TopicWatcher& watch);

// Reports cases first_id.. on the quick workflow and waits until each is dispatched.
void report_cases(RuntimeFixture& f, TopicWatcher& watch, int first_id, int cases);

// Nobody signs: past the sign clock come the warnings, breaches and escalations of every case.
void let_the_sign_clock_run_out(RuntimeFixture& f, TopicWatcher& watch, int cases);

// Cases through their lives on the quick workflow: reported, dispatched, left unsigned past the
// sign clock (warnings, breaches, escalations on caseflow.alerts); the archived topics after.
std::vector<Seen> cases_through_their_lives(RuntimeFixture& f, TopicWatcher& watch, int cases);

inline const std::string kWorkflows =
    std::string(CASEFLOW_SOURCE_DIR) + "/tests/data/runtime/workflows";

}  // namespace caseflow::testing
