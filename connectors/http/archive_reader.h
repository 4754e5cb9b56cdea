// Reads of the case archive for the HTTP layer, off the io_context: SQL may take milliseconds
// (or hang on a dead server), and the io_context must keep answering live cases meanwhile.
//
// One worker thread, owned by the reader, runs the reads one after another on its own store
// connection, opened through a factory on the first read and again after a read failed (a
// connection that erred once is not trusted: the database may have restarted). The queue is
// bounded: a full queue refuses the read at once, so the caller can answer 503 instead of
// letting waits pile up. Each result is posted to the executor the caller names.
//
// Thread rules: read() from any thread. The destructor stops the worker and joins it; reads still
// queued then get an archive_stopped error (posted like any result), so the executors they name
// must outlive the reader.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/post.hpp>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

#include "connectors/archive/archive_store.h"
#include "engine/common/result.h"

namespace caseflow::http {

struct ArchiveReaderOptions {
  size_t max_queued = 256;  // reads waiting at once; one more is refused (full)
};

class ArchiveReader {
 public:
  // Opens a connection of the reader's own (open_archive with the configured location).
  using StoreFactory = std::function<Result<archive::ArchiveStorePtr>()>;

  enum class Submitted { queued, full, stopped };

  explicit ArchiveReader(StoreFactory open, ArchiveReaderOptions options = {});
  ~ArchiveReader();
  ArchiveReader(const ArchiveReader&) = delete;
  ArchiveReader& operator=(const ArchiveReader&) = delete;

  // Runs `query` on the worker with the store, then `done(result)` on `executor`. When the store
  // cannot be opened, `done` gets the opening error and `query` does not run. Unless queued,
  // nothing runs and nothing is posted.
  template <typename T>
  Submitted read(boost::asio::any_io_executor executor,
                 std::function<Result<T>(archive::ArchiveStore&)> query,
                 std::function<void(Result<T>)> done) {
    return submit([executor, query = std::move(query), done = std::move(done)](
                      archive::ArchiveStore* store, const Error* failure) -> Status {
      Result<T> result = store != nullptr ? query(*store) : Result<T>(*failure);
      Status status = result.ok() ? ok_status() : Status(result.error());
      boost::asio::post(executor,
                        [done, result = std::move(result)]() mutable { done(std::move(result)); });
      return status;
    });
  }

  // Stops the worker after the read it runs; the queued ones get archive_stopped. Idempotent.
  void stop();

  size_t queued() const;
  // How many times a store connection was opened (1 after the first read when all went well).
  size_t opens() const;

 private:
  // Runs with the store, or with null and the reason there is none; its error drops the store.
  using Task = std::function<Status(archive::ArchiveStore*, const Error*)>;

  Submitted submit(Task task);
  void run();

  const StoreFactory open_;
  const ArchiveReaderOptions options_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Task> queue_;
  bool stopping_ = false;
  size_t opens_ = 0;
  archive::ArchiveStorePtr store_;  // the worker's only
  std::thread worker_;
};

}  // namespace caseflow::http
