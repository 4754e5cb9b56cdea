#include "connectors/http/archive_reader.h"

namespace caseflow::http {

ArchiveReader::ArchiveReader(StoreFactory open, ArchiveReaderOptions options)
    : open_(std::move(open)), options_(options), worker_([this] { run(); }) {}

ArchiveReader::~ArchiveReader() {
  stop();
  if (worker_.joinable()) worker_.join();
}

void ArchiveReader::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
}

size_t ArchiveReader::queued() const {
  std::lock_guard lock(mutex_);
  return queue_.size();
}

size_t ArchiveReader::opens() const {
  std::lock_guard lock(mutex_);
  return opens_;
}

ArchiveReader::Submitted ArchiveReader::submit(Task task) {
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return Submitted::stopped;
    if (queue_.size() >= options_.max_queued) return Submitted::full;
    queue_.push_back(std::move(task));
  }
  wake_.notify_one();
  return Submitted::queued;
}

void ArchiveReader::run() {
  for (;;) {
    Task task;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (stopping_) break;
      task = std::move(queue_.front());
      queue_.pop_front();
    }
    if (!store_) {
      auto opened = open_();
      {
        std::lock_guard lock(mutex_);
        ++opens_;
      }
      if (!opened) {
        (void)task(nullptr, &opened.error());
        continue;
      }
      store_ = std::move(*opened);
    }
    if (!task(store_.get(), nullptr).ok()) store_.reset();  // reopened by the next read
  }
  // Every read gets an answer, even at shutdown.
  std::deque<Task> left;
  {
    std::lock_guard lock(mutex_);
    left.swap(queue_);
  }
  const Error stopped{"archive_stopped", "the archive reader has stopped"};
  for (auto& task : left) (void)task(nullptr, &stopped);
  store_.reset();
}

}  // namespace caseflow::http
