// Which instance serves which input partition, kept in the shared archive database so that any
// instance can forward a read of a live case to the one that holds it (read_forwarder.h).
//
// On every assignment this instance records (group, partition, instance id, advertised address)
// for the partitions it got; lookups read the record of a case's partition. Both run on a worker
// thread owned here, on this object's own store connection, so neither the processing loop nor
// the io_context ever waits on SQL. A record that cannot be written (database down) is retried
// every few seconds until it is, or until the partition is revoked.
//
// Thread rules: partitions_assigned/revoked are called on the processing thread and return at
// once; find_owner() from any thread. stop() (or the destructor) joins the worker; callers stop
// calling before that.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>

#include "connectors/archive/archive_store.h"
#include "connectors/runtime/stream_processor.h"

namespace caseflow::http {

struct OwnerIdentity {
  std::string group;        // the consumer group (processing.group_id)
  std::string instance_id;  // processing.instance_id
  std::string advertise;    // host:port the other instances reach this one's HTTP at
};

class PartitionOwners final : public runtime::PartitionListener {
 public:
  using Clock = std::function<Instant()>;
  // The owner's address, or nullopt: no record, the record names this instance (a partition it
  // lost and nobody claimed yet), the partition count is not known yet, or the lookup failed.
  using Found = std::function<void(std::optional<std::string>)>;

  // Starts the worker; `store` is this object's own connection.
  PartitionOwners(archive::ArchiveStorePtr store, OwnerIdentity me, Clock clock,
                  std::chrono::milliseconds retry_every = std::chrono::seconds(5));
  ~PartitionOwners() override;
  PartitionOwners(const PartitionOwners&) = delete;
  PartitionOwners& operator=(const PartitionOwners&) = delete;

  void partitions_assigned(const std::vector<int32_t>& partitions,
                           int32_t input_partitions) override;
  void partitions_revoked(const std::vector<int32_t>& partitions) override;

  // Looks up the owner of `case_id`'s partition; `found` runs once, on the worker thread (with
  // nullopt when stopped before it ran).
  void find_owner(std::string case_id, Found found);

  // Records written so far (for tests and logs).
  uint64_t records_written() const { return written_; }
  const OwnerIdentity& identity() const { return me_; }

  void stop();

 private:
  void run();
  void publish(std::vector<int32_t> partitions);

  archive::ArchiveStorePtr store_;  // used on the worker only
  const OwnerIdentity me_;
  const Clock clock_;
  const std::chrono::milliseconds retry_every_;
  std::atomic<int32_t> input_partitions_{0};
  std::atomic<uint64_t> written_{0};

  std::mutex mu_;  // guards what follows
  std::condition_variable wake_;
  std::deque<std::function<void(bool stopping)>> lookups_;
  std::set<int32_t> unpublished_;  // assigned, record not written yet
  std::chrono::steady_clock::time_point retry_at_{};
  bool failing_ = false;  // the last write failed (warned once per outage)
  bool stopping_ = false;
  std::thread worker_;  // last: starts after everything above exists
};

}  // namespace caseflow::http
