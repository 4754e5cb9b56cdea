#include "tests/integration/archive/archive_test_support.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <set>
#include <stdexcept>

namespace caseflow::testing {

namespace fs = std::filesystem;
namespace json = boost::json;
using namespace std::chrono_literals;

TempDir::TempDir(std::string_view prefix) {
  std::string pattern = (fs::temp_directory_path() / (std::string(prefix) + "-XXXXXX")).string();
  path_ = mkdtemp(pattern.data());
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

bool eventually(const std::function<bool()>& check, std::chrono::milliseconds timeout,
                std::chrono::milliseconds poll) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (check()) return true;
    std::this_thread::sleep_for(poll);  // a poll interval, not a wait for something to happen
  }
  return check();
}

void RecordingArchiveProbe::store_error(std::string_view reason) {
  std::lock_guard lock(mutex);
  ++errors[std::string(reason)];
}

int RecordingArchiveProbe::errors_of(const std::string& reason) {
  std::lock_guard lock(mutex);
  return errors[reason];
}

WriterThread::WriterThread(archive::ArchiveWriterOptions options, archive::ArchiveProbe& probe) {
  auto created = archive::ArchiveWriter::create(std::move(options), probe);
  if (!created) throw std::runtime_error(created.error().message);
  writer_ = std::move(*created);
  thread_ = std::thread([this] {
    result_ = writer_->run();
    done_ = true;
  });
}

void WriterThread::stop() {
  writer_->stop();
  if (thread_.joinable()) thread_.join();
}

archive::ArchiveWriterOptions writer_options(RuntimeFixture& f, archive::ArchiveLocation where) {
  archive::ArchiveWriterOptions o;
  o.kafka = {{"bootstrap.servers", f.bootstrap()}, {"session.timeout.ms", "6000"}};
  o.where = std::move(where);
  o.batch_wait = 200ms;
  o.retry_max = 500ms;
  return o;
}

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

bool archive_matches(const archive::ArchiveLocation& where,
                     const std::map<std::string, Expected>& expected, std::string& why) {
  auto store = archive::open_archive(where);
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

void report_cases(RuntimeFixture& f, TopicWatcher& watch, int first_id, int cases) {
  for (int i = first_id; i < first_id + cases; ++i) {
    const std::string id = "case-" + std::to_string(i);
    f.produce_event(id, report_json(id, "parking.illegal", "G01"));
  }
  // Dispatched, and the update of each case read too: the watcher reads each topic's partitions
  // on their own, so a dispatch may be seen before the update written in the same transaction,
  // and a caller taking archived_topics() next must find every case there.
  EXPECT_TRUE(f.step_until([&] {
    watch.drain();
    if (watch.on("caseflow.stage.grid").size() < static_cast<size_t>(first_id + cases)) {
      return false;
    }
    std::set<std::string> updated;
    for (const auto& s : watch.on("caseflow.updates")) updated.insert(s.key);
    for (int i = first_id; i < first_id + cases; ++i) {
      if (!updated.count("case-" + std::to_string(i))) return false;
    }
    return true;
  }));
}

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

std::vector<Seen> cases_through_their_lives(RuntimeFixture& f, TopicWatcher& watch, int cases) {
  report_cases(f, watch, 0, cases);
  let_the_sign_clock_run_out(f, watch, cases);
  return archived_topics(watch);
}

}  // namespace caseflow::testing
