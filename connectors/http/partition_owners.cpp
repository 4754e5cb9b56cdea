#include "connectors/http/partition_owners.h"

#include "connectors/kafka/murmur2.h"
#include "connectors/log/log.h"

namespace caseflow::http {

PartitionOwners::PartitionOwners(archive::ArchiveStorePtr store, OwnerIdentity me, Clock clock,
                                 std::chrono::milliseconds retry_every)
    : store_(std::move(store)),
      me_(std::move(me)),
      clock_(std::move(clock)),
      retry_every_(retry_every),
      worker_([this] { run(); }) {}

PartitionOwners::~PartitionOwners() { stop(); }

void PartitionOwners::stop() {
  {
    std::lock_guard lock(mu_);
    if (stopping_) return;
    stopping_ = true;
  }
  wake_.notify_all();
  worker_.join();
  // Whatever was still queued is answered, so every caller hears back exactly once.
  for (auto& lookup : lookups_) lookup(true);
  lookups_.clear();
}

void PartitionOwners::partitions_assigned(const std::vector<int32_t>& partitions,
                                          int32_t input_partitions) {
  input_partitions_ = input_partitions;
  {
    std::lock_guard lock(mu_);
    unpublished_.insert(partitions.begin(), partitions.end());
    retry_at_ = {};  // now, even while an earlier write waits for its retry
  }
  wake_.notify_all();
}

void PartitionOwners::partitions_revoked(const std::vector<int32_t>& partitions) {
  std::lock_guard lock(mu_);
  for (int32_t p : partitions) unpublished_.erase(p);
}

void PartitionOwners::find_owner(std::string case_id, Found found) {
  auto lookup = [this, id = std::move(case_id), found = std::move(found)](bool stopping) {
    const int32_t count = input_partitions_;
    if (stopping || count <= 0) return found(std::nullopt);
    const int32_t partition = kafka::java_partition(id, count);
    auto owner = store_->partition_owner(me_.group, partition);
    if (!owner) {
      logging::warning("http", "looking up the owner of partition " + std::to_string(partition) +
                                   ": " + owner.error().message);
      return found(std::nullopt);
    }
    if (*owner && **owner == me_.advertise) return found(std::nullopt);
    found(std::move(*owner));
  };
  {
    std::lock_guard lock(mu_);
    if (!stopping_) {
      lookups_.push_back(std::move(lookup));
      wake_.notify_all();
      return;
    }
  }
  lookup(true);
}

void PartitionOwners::run() {
  std::unique_lock lock(mu_);
  while (!stopping_) {
    if (!lookups_.empty()) {
      auto lookup = std::move(lookups_.front());
      lookups_.pop_front();
      lock.unlock();
      lookup(false);
      lock.lock();
      continue;
    }
    if (!unpublished_.empty() && std::chrono::steady_clock::now() >= retry_at_) {
      std::vector<int32_t> partitions(unpublished_.begin(), unpublished_.end());
      lock.unlock();
      publish(std::move(partitions));
      lock.lock();
      continue;
    }
    if (unpublished_.empty()) {
      wake_.wait(lock);
    } else {
      wake_.wait_until(lock, retry_at_);
    }
  }
}

void PartitionOwners::publish(std::vector<int32_t> partitions) {
  for (int32_t p : partitions) {
    {
      // Revoked meanwhile: a record written now could overwrite the new owner's.
      std::lock_guard lock(mu_);
      if (!unpublished_.contains(p)) continue;
    }
    auto written = store_->set_partition_owner(me_.group, p, me_.instance_id, me_.advertise,
                                               clock_ ? clock_() : Instant{});
    std::lock_guard lock(mu_);
    if (!written) {
      retry_at_ = std::chrono::steady_clock::now() + retry_every_;
      if (!failing_) {
        logging::warning("http", "recording this instance as the owner of partition " +
                                     std::to_string(p) + " failed (retrying every " +
                                     std::to_string(retry_every_.count()) +
                                     " ms; other instances answer its reads from the archive "
                                     "meanwhile): " +
                                     written.error().message);
      }
      failing_ = true;
      return;
    }
    if (failing_) logging::info("http", "partition owners are recorded again");
    failing_ = false;
    unpublished_.erase(p);
    ++written_;
  }
}

}  // namespace caseflow::http
