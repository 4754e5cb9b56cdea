// The archive reader: reads run on its thread with its own connection, results come back on the
// caller's executor, a full queue refuses at once, a failed connection is opened anew, and a
// stopped reader still answers what was queued.
#include "connectors/http/archive_reader.h"

#include <gtest/gtest.h>

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <future>
#include <thread>

#include "tests/unit/connectors/http/memory_archive.h"

namespace caseflow::http {
namespace {

using Store = testing::MemoryArchive;

// Runs `io` until `done` holds or 10 s pass.
bool run_until(boost::asio::io_context& io, const std::function<bool()>& done) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!done() && std::chrono::steady_clock::now() < deadline) {
    io.restart();
    io.run_for(std::chrono::milliseconds(5));
  }
  return done();
}

TEST(ArchiveReader, RunsOffTheCallersThreadAndAnswersOnItsExecutor) {
  boost::asio::io_context io;
  ArchiveReader reader([] {
    auto store = std::make_unique<Store>();
    store->cases["c1"].id = "c1";
    return Result<archive::ArchiveStorePtr>(std::move(store));
  });
  const auto caller = std::this_thread::get_id();
  std::thread::id ran_on, answered_on;
  std::optional<Result<bool>> answer;
  const auto submitted = reader.read<bool>(
      io.get_executor(),
      [&](archive::ArchiveStore& store) -> Result<bool> {
        ran_on = std::this_thread::get_id();
        auto found = store.find("c1");
        if (!found) return found.error();
        return found->has_value();
      },
      [&](Result<bool> r) {
        answered_on = std::this_thread::get_id();
        answer = std::move(r);
      });
  ASSERT_EQ(submitted, ArchiveReader::Submitted::queued);
  ASSERT_TRUE(run_until(io, [&] { return answer.has_value(); }));
  ASSERT_TRUE(answer->ok());
  EXPECT_TRUE(answer->value());
  EXPECT_NE(ran_on, caller);
  EXPECT_EQ(answered_on, caller);
  EXPECT_EQ(reader.opens(), 1u);
}

TEST(ArchiveReader, AFullQueueRefusesAtOnce) {
  boost::asio::io_context io;
  std::promise<void> release;
  auto released = release.get_future().share();
  std::atomic<bool> started{false};
  ArchiveReader reader([] { return Result<archive::ArchiveStorePtr>(std::make_unique<Store>()); },
                       {.max_queued = 2});
  auto blocker = [&](archive::ArchiveStore&) -> Result<int> {
    started = true;
    released.wait();
    return 1;
  };
  int answers = 0;
  auto count = [&](Result<int>) { ++answers; };
  ASSERT_EQ(reader.read<int>(io.get_executor(), blocker, count), ArchiveReader::Submitted::queued);
  ASSERT_TRUE(run_until(io, [&] { return started.load(); }));
  auto quick = [](archive::ArchiveStore&) -> Result<int> { return 2; };
  EXPECT_EQ(reader.read<int>(io.get_executor(), quick, count), ArchiveReader::Submitted::queued);
  EXPECT_EQ(reader.read<int>(io.get_executor(), quick, count), ArchiveReader::Submitted::queued);
  EXPECT_EQ(reader.read<int>(io.get_executor(), quick, count), ArchiveReader::Submitted::full);
  release.set_value();
  EXPECT_TRUE(run_until(io, [&] { return answers == 3; }));
}

TEST(ArchiveReader, OpensAgainAfterAnErrorOrAFailedOpen) {
  boost::asio::io_context io;
  std::atomic<int> attempts{0};
  Store* last = nullptr;
  ArchiveReader reader([&]() -> Result<archive::ArchiveStorePtr> {
    if (++attempts == 1) return Error{"archive_open", "cannot open: no such server"};
    auto store = std::make_unique<Store>();
    store->failing = attempts == 2;  // the second connection breaks on its first read
    last = store.get();
    return archive::ArchiveStorePtr(std::move(store));
  });
  auto find = [](archive::ArchiveStore& store) -> Result<bool> {
    auto found = store.find("x");
    if (!found) return found.error();
    return found->has_value();
  };
  std::vector<std::string> codes;
  auto note = [&](Result<bool> r) { codes.push_back(r.ok() ? "ok" : r.error().code); };
  for (int i = 0; i < 4; ++i) {
    ASSERT_EQ(reader.read<bool>(io.get_executor(), find, note), ArchiveReader::Submitted::queued);
    ASSERT_TRUE(run_until(io, [&] { return codes.size() == static_cast<size_t>(i + 1); }));
  }
  EXPECT_EQ(codes, (std::vector<std::string>{"archive_open", "archive_query", "ok", "ok"}));
  EXPECT_EQ(reader.opens(), 3u);  // the third connection is kept
}

TEST(ArchiveReader, QueuedReadsAreAnsweredWhenItStops) {
  boost::asio::io_context io;
  std::promise<void> release;
  auto released = release.get_future().share();
  std::atomic<bool> started{false};
  std::vector<std::string> codes;
  {
    ArchiveReader reader(
        [] { return Result<archive::ArchiveStorePtr>(std::make_unique<Store>()); });
    auto note = [&](Result<int> r) { codes.push_back(r.ok() ? "ok" : r.error().code); };
    ASSERT_EQ(reader.read<int>(
                  io.get_executor(),
                  [&](archive::ArchiveStore&) -> Result<int> {
                    started = true;
                    released.wait();
                    return 1;
                  },
                  note),
              ArchiveReader::Submitted::queued);
    ASSERT_TRUE(run_until(io, [&] { return started.load(); }));
    ASSERT_EQ(reader.read<int>(
                  io.get_executor(), [](archive::ArchiveStore&) -> Result<int> { return 2; }, note),
              ArchiveReader::Submitted::queued);
    reader.stop();
    EXPECT_EQ(reader.read<int>(
                  io.get_executor(), [](archive::ArchiveStore&) -> Result<int> { return 3; }, note),
              ArchiveReader::Submitted::stopped);
    release.set_value();
  }  // joins
  EXPECT_TRUE(run_until(io, [&] { return codes.size() == 2; }));
  EXPECT_EQ(codes, (std::vector<std::string>{"ok", "archive_stopped"}));
}

}  // namespace
}  // namespace caseflow::http
