// The archive as a user runs it: `caseflow run` archives a report made over HTTP into the SQLite
// file of its config (read here with SQLite's own C API, as any tool would), and `caseflow
// archive` says clearly when it cannot write its file (no folder, no room) and writes once it can.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/resource.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>

#include "tests/integration/archive/archive_test_support.h"
#include "tests/integration/crash/process_fixture.h"
#include "tests/integration/support/child_process.h"
#include "tests/integration/support/http_client.h"

namespace caseflow::testing {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

// A poll interval: these waits read a child process's HTTP answers and SQLite file.
constexpr std::chrono::milliseconds kPoll = 50ms;

// The status of case `id` in the SQLite archive at `file`; nullopt while it is not there.
std::optional<std::string> archived_status(const fs::path& file, const std::string& id) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    return std::nullopt;
  }
  std::optional<std::string> status;
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT status FROM cases WHERE id = ?1", -1, &stmt, nullptr) ==
      SQLITE_OK) {
    sqlite3_bind_text(stmt, 1, id.c_str(), -1, SQLITE_TRANSIENT);
    if (sqlite3_step(stmt) == SQLITE_ROW) {
      status = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    }
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return status;
}

std::optional<std::string> http_address(ChildProcess& engine) {
  auto line = engine.wait_for_line("http:", 30s);
  if (!line) return std::nullopt;
  const size_t start = line->find("http://");
  const size_t end = line->find("/readyz");
  if (start == std::string::npos || end == std::string::npos) return std::nullopt;
  return line->substr(start, end - start);
}

// A config for `caseflow archive` in `dir` on `broker`, archiving into dir/data/archive.sqlite.
fs::path archive_config(const fs::path& dir, const BrokerProcess& broker) {
  const fs::path config = dir / "archive.yaml";
  std::ofstream(config) << "kafka:\n  bootstrap: \"" << broker.bootstrap() << "\"\n"
                        << "  properties: {session.timeout.ms: \"6000\"}\n"
                        << "archive:\n  path: data/archive.sqlite\n"
                        << "workflows: " << CASEFLOW_SOURCE_DIR << "/workflows\n"
                        << "calendars: " << CASEFLOW_SOURCE_DIR << "/config/calendars\n";
  return config;
}

TEST(ArchiveRun, AReportOverHttpEndsUpAsARowInTheSqliteFile) {
  TempDir dir("caseflow-archive-run");
  const fs::path archive = dir.path() / "archive" / "cases.sqlite";
  const fs::path config = dir.path() / "caseflow.yaml";
  std::ofstream(config) << "kafka:\n  bootstrap: embedded\n  embedded_listen: \"\"\n"
                        << "http:\n  listen: \"127.0.0.1:0\"\n"
                        << "archive:\n  path: archive/cases.sqlite\n"
                        << "workflows: " << CASEFLOW_SOURCE_DIR << "/workflows\n"
                        << "calendars: " << CASEFLOW_SOURCE_DIR << "/config/calendars\n";
  ChildProcess engine({CASEFLOW_BINARY, "run", "--config", config.string()});
  const auto address = http_address(engine);
  ASSERT_TRUE(address) << engine.output();
  ASSERT_TRUE(eventually([&] { return http_get(*address, "/readyz").status == 200; }, 60s, kPoll))
      << engine.output();

  const HttpReply r = http_request("POST", *address, "/open311/v2/requests.json",
                                   "service_code=parking.illegal&attribute[grid_id]=G01",
                                   {{"Content-Type", "application/x-www-form-urlencoded"}});
  ASSERT_EQ(r.status, 200) << r.body << r.error;
  const std::string id(
      boost::json::parse(r.body).as_array().at(0).as_object().at("service_request_id").as_string());
  std::optional<std::string> status;
  EXPECT_TRUE(
      eventually([&] { return (status = archived_status(archive, id)).has_value(); }, 60s, kPoll))
      << "case " << id << " never reached " << archive << "\n"
      << engine.output();
  if (status) {
    EXPECT_FALSE(status->empty());
  }

  // /readyz tells how the archive is doing.
  const HttpReply ready = http_get(*address, "/readyz");
  EXPECT_EQ(ready.status, 200);
  EXPECT_NE(ready.body.find(R"("archive":{"status":"ok"})"), std::string::npos) << ready.body;
  const HttpReply metrics = http_get(*address, "/metrics");
  EXPECT_GE(metric_sum(metrics.body, "caseflow_archive_records_total"), 1) << metrics.body;

  engine.signal(SIGTERM);
  EXPECT_EQ(engine.wait_exit(30s), 0) << engine.output();
}

TEST(ArchiveRun, TheArchiveCommandSaysWhyItCannotWriteAndWritesOnceItCan) {
  BrokerProcess broker;
  TempDir dir("caseflow-archive-run");
  const fs::path blocker = dir.path() / "data";  // a file where the archive's folder should be
  std::ofstream(blocker) << "not a folder";
  const fs::path config = archive_config(dir.path(), broker);
  ChildProcess writer({CASEFLOW_BINARY, "archive", "--config", config.string()});
  const auto error = writer.wait_for_line("the archive is not written", 60s);
  ASSERT_TRUE(error) << writer.output();
  EXPECT_NE(error->find("archive_open"), std::string::npos) << *error;
  EXPECT_NE(error->find((dir.path() / "data").string()), std::string::npos) << *error;

  fs::remove(blocker);
  EXPECT_TRUE(writer.wait_for_line("the archive is written again", 60s)) << writer.output();
  EXPECT_TRUE(fs::exists(dir.path() / "data" / "archive.sqlite"));
  writer.signal(SIGTERM);
  EXPECT_EQ(writer.wait_exit(30s), 0) << writer.output();
}

// The archive file has no room to grow: as on a full disk, the writer says why it cannot write,
// the engine runs on, and once there is room the writer catches up with every case. Room is a
// file-size limit (RLIMIT_FSIZE) set on the running writer with SIGXFSZ ignored, so that a write
// past it fails (EFBIG) the way a write to a full disk fails (ENOSPC), instead of ending the
// process.
TEST(ArchiveRun, AWriterWithNoRoomForItsFileSaysWhyAndCatchesUpWhenThereIsRoom) {
  BrokerProcess broker;
  TempDir dir("caseflow-archive-full");
  const fs::path archive = dir.path() / "data" / "archive.sqlite";
  const fs::path config = archive_config(dir.path(), broker);
  ChildProcess writer({"/bin/sh", "-c", "trap '' XFSZ; exec \"$0\" \"$@\"", CASEFLOW_BINARY,
                       "archive", "--config", config.string()});
  ASSERT_TRUE(writer.wait_for_line(" archive: ", 60s)) << writer.output();
  auto engine = start_engine(
      broker.engine_config(std::string(CASEFLOW_SOURCE_DIR) + "/tests/data/runtime/scale"), "a");
  EventProducer producer(broker.bootstrap());
  int reported = 0;
  auto report = [&] {
    const std::string id = "case-" + std::to_string(reported++);
    producer.send(id, report_json(id, "parking.illegal", "G" + std::to_string(reported % 7)));
    producer.flush();
    return id;
  };
  const std::string first = report();
  ASSERT_TRUE(eventually([&] { return archived_status(archive, first).has_value(); }, 60s, kPoll))
      << writer.output() << engine->output();

  // No more room than the files take now: the next pages written fail.
  auto size_of = [](const fs::path& f) {
    std::error_code ec;
    const auto n = fs::file_size(f, ec);
    return ec ? std::uintmax_t{0} : n;
  };
  const rlim_t room = std::max(size_of(archive), size_of(fs::path(archive.string() + "-wal")));
  const rlimit full{room, RLIM_INFINITY};  // the soft limit; the hard one stays, to lift it again
  ASSERT_EQ(prlimit(writer.pid(), RLIMIT_FSIZE, &full, nullptr), 0) << std::strerror(errno);
  std::optional<std::string> refused;
  for (auto deadline = std::chrono::steady_clock::now() + 60s;
       !refused && std::chrono::steady_clock::now() < deadline;) {
    report();
    refused = writer.wait_for_line("the archive is not written", 500ms);
  }
  ASSERT_TRUE(refused) << "reported " << reported << " cases\n" << writer.output();
  EXPECT_NE(refused->find("archive_"), std::string::npos) << *refused;
  EXPECT_EQ(writer.wait_exit(0ms), std::nullopt) << "the writer runs on\n" << writer.output();
  const std::string while_full = report();
  EXPECT_EQ(engine->wait_exit(0ms), std::nullopt) << "the engine runs on";

  const rlimit roomy{RLIM_INFINITY, RLIM_INFINITY};
  ASSERT_EQ(prlimit(writer.pid(), RLIMIT_FSIZE, &roomy, nullptr), 0) << std::strerror(errno);
  EXPECT_TRUE(writer.wait_for_line("the archive is written again", 60s)) << writer.output();
  for (int i = 0; i < reported; ++i) {
    const std::string id = "case-" + std::to_string(i);
    EXPECT_TRUE(eventually([&] { return archived_status(archive, id).has_value(); }, 60s, kPoll))
        << id << " (reported while the file was full: " << while_full << ")\n"
        << writer.output();
  }
  writer.signal(SIGTERM);
  EXPECT_EQ(writer.wait_exit(30s), 0) << writer.output();
  engine->signal(SIGTERM);
  EXPECT_EQ(engine->wait_exit(30s), 0) << engine->output();
}

TEST(ArchiveRun, TheArchiveCommandExplainsItself) {
  const auto help = run_command({CASEFLOW_BINARY, "archive", "--help"}, 30s);
  EXPECT_EQ(help.exit_code, 0) << help.output;
  EXPECT_NE(help.output.find("--config"), std::string::npos) << help.output;
}

}  // namespace
}  // namespace caseflow::testing
