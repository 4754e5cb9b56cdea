// PartitionOwners over an in-memory store: what it records on assignment, what a lookup answers,
// and that a store that fails or is slow never holds up the caller.
#include "connectors/http/partition_owners.h"

#include <gtest/gtest.h>

#include <future>
#include <map>

#include "connectors/kafka/murmur2.h"

namespace caseflow::http {
namespace {

using namespace std::chrono_literals;

// The owner table of ArchiveStore, in memory; writes can be made to fail or to wait.
class OwnerTable final : public archive::ArchiveStore {
 public:
  struct Row {
    std::string instance, address;
  };

  caseflow::Status apply(const archive::Batch&) override { return ok_status(); }
  Result<std::optional<archive::CaseRow>> find(std::string_view) override {
    return std::optional<archive::CaseRow>();
  }
  Result<std::vector<archive::CaseRow>> list(const archive::CaseFilter&) override {
    return std::vector<archive::CaseRow>();
  }
  Result<size_t> count(const archive::CaseFilter&) override { return size_t{0}; }
  Result<std::vector<archive::HistoryRow>> history(std::string_view) override {
    return std::vector<archive::HistoryRow>();
  }
  caseflow::Status set_partition_owner(std::string_view group, int32_t partition,
                                       std::string_view instance_id, std::string_view address,
                                       Instant) override {
    std::unique_lock lock(mu_);
    changed_.wait(lock, [this] { return !held_; });
    if (failing_) return Error{"archive_write", "database is down"};
    rows_[{std::string(group), partition}] = {std::string(instance_id), std::string(address)};
    changed_.notify_all();
    return ok_status();
  }
  Result<std::optional<std::string>> partition_owner(std::string_view group,
                                                     int32_t partition) override {
    std::lock_guard lock(mu_);
    auto it = rows_.find({std::string(group), partition});
    if (it == rows_.end()) return std::optional<std::string>();
    return std::optional<std::string>(it->second.address);
  }
  Result<std::vector<archive::DecisionRow>> decisions(const archive::DecisionFilter&) override {
    return std::vector<archive::DecisionRow>();
  }
  caseflow::Status each_case_facts(Instant, Instant,
                                   const std::function<void(assessment::CaseFacts&&)>&) override {
    return ok_status();  // no facts here
  }
  caseflow::Result<std::vector<assessment::GridCounts>> grid_activity(
      Instant, Instant, std::span<const assessment::CityGrid>) override {
    return std::vector<assessment::GridCounts>{};  // no cases counted here
  }
  int schema_version() const override { return 1; }
  std::string_view backend() const override { return "memory"; }

  void put(std::string group, int32_t partition, Row row) {
    std::lock_guard lock(mu_);
    rows_[{std::move(group), partition}] = std::move(row);
  }
  void set_failing(bool failing) {
    std::lock_guard lock(mu_);
    failing_ = failing;
  }
  void set_held(bool held) {
    {
      std::lock_guard lock(mu_);
      held_ = held;
    }
    changed_.notify_all();
  }
  // The row of (group, partition) once it exists, waiting up to 5 s.
  std::optional<Row> await(const std::string& group, int32_t partition) {
    std::unique_lock lock(mu_);
    const std::pair<std::string, int32_t> key{group, partition};
    changed_.wait_for(lock, 5s, [&] { return rows_.contains(key); });
    auto it = rows_.find(key);
    if (it == rows_.end()) return std::nullopt;
    return it->second;
  }
  bool has(const std::string& group, int32_t partition) {
    std::lock_guard lock(mu_);
    return rows_.contains({group, partition});
  }

 private:
  std::mutex mu_;
  std::condition_variable changed_;
  std::map<std::pair<std::string, int32_t>, Row> rows_;
  bool failing_ = false;
  bool held_ = false;
};

struct Owners {
  OwnerTable* table = nullptr;  // owned by `owners`
  std::unique_ptr<PartitionOwners> owners;
};

Owners make_owners(OwnerIdentity me, std::chrono::milliseconds retry = 5s) {
  auto table = std::make_unique<OwnerTable>();
  Owners o;
  o.table = table.get();
  o.owners = std::make_unique<PartitionOwners>(
      std::move(table), std::move(me), [] { return Instant::from_unix_millis(1'000); }, retry);
  return o;
}

std::optional<std::string> owner_of(PartitionOwners& owners, const std::string& case_id) {
  std::promise<std::optional<std::string>> found;
  owners.find_owner(case_id, [&](std::optional<std::string> a) { found.set_value(std::move(a)); });
  auto f = found.get_future();
  EXPECT_EQ(f.wait_for(5s), std::future_status::ready);
  return f.get();
}

// A case id whose partition (of `count`) is `partition`.
std::string case_on(int32_t partition, int32_t count) {
  for (int i = 0;; ++i) {
    std::string id = "case-" + std::to_string(i);
    if (kafka::java_partition(id, count) == partition) return id;
  }
}

TEST(PartitionOwners, RecordsEveryAssignedPartitionWithThisInstancesAddress) {
  auto o = make_owners({"caseflow", "a", "10.0.0.1:8080"});
  o.owners->partitions_assigned({0, 2}, 4);
  for (int32_t p : {0, 2}) {
    auto row = o.table->await("caseflow", p);
    ASSERT_TRUE(row) << "partition " << p << " not recorded";
    EXPECT_EQ(row->instance, "a");
    EXPECT_EQ(row->address, "10.0.0.1:8080");
  }
  EXPECT_FALSE(o.table->has("caseflow", 1));
  EXPECT_FALSE(o.table->has("caseflow", 3));
}

TEST(PartitionOwners, FindsTheInstanceRecordedForACasesPartition) {
  auto o = make_owners({"caseflow", "a", "10.0.0.1:8080"});
  EXPECT_EQ(owner_of(*o.owners, "case-1"), std::nullopt)
      << "before any assignment the partition count is unknown";
  o.owners->partitions_assigned({0}, 4);
  o.table->put("caseflow", 1, {"b", "10.0.0.2:8080"});
  o.table->put("other-group", 3, {"c", "10.0.0.3:8080"});
  ASSERT_TRUE(o.table->await("caseflow", 0));
  EXPECT_EQ(owner_of(*o.owners, case_on(1, 4)), "10.0.0.2:8080");
  EXPECT_EQ(owner_of(*o.owners, case_on(0, 4)), std::nullopt)
      << "a record naming this instance is no owner to forward to";
  EXPECT_EQ(owner_of(*o.owners, case_on(3, 4)), std::nullopt)
      << "another group's record does not count";
}

TEST(PartitionOwners, AFailedRecordIsRetriedUntilTheStoreTakesIt) {
  auto o = make_owners({"caseflow", "a", "10.0.0.1:8080"}, 20ms);
  o.table->set_failing(true);
  o.owners->partitions_assigned({1}, 4);
  std::this_thread::yield();
  o.table->set_failing(false);
  auto row = o.table->await("caseflow", 1);
  ASSERT_TRUE(row) << "never retried";
  EXPECT_EQ(row->address, "10.0.0.1:8080");
}

TEST(PartitionOwners, APartitionRevokedBeforeItsRecordWasWrittenIsNotRecorded) {
  auto o = make_owners({"caseflow", "a", "10.0.0.1:8080"});
  o.table->set_held(true);  // the worker waits inside a write, as on a slow database
  o.owners->partitions_assigned({0}, 4);
  o.owners->partitions_assigned({3}, 4);
  o.owners->partitions_revoked({3});
  o.table->set_held(false);
  o.owners->partitions_assigned({2}, 4);
  ASSERT_TRUE(o.table->await("caseflow", 2));
  EXPECT_FALSE(o.table->has("caseflow", 3))
      << "the new owner's record could be overwritten by a stale one";
}

TEST(PartitionOwners, TheProcessingThreadNeverWaitsOnTheStore) {
  auto o = make_owners({"caseflow", "a", "10.0.0.1:8080"});
  o.table->set_held(true);  // every write waits until released
  const auto started = std::chrono::steady_clock::now();
  o.owners->partitions_assigned({0, 1}, 4);
  o.owners->partitions_revoked({1});
  o.owners->partitions_assigned({1}, 4);
  EXPECT_LT(std::chrono::steady_clock::now() - started, 500ms);
  EXPECT_FALSE(o.table->has("caseflow", 0));
  o.table->set_held(false);
  EXPECT_TRUE(o.table->await("caseflow", 0));
  EXPECT_TRUE(o.table->await("caseflow", 1));
}

TEST(PartitionOwners, ALookupQueuedAtStopStillHearsBack) {
  auto o = make_owners({"caseflow", "a", "10.0.0.1:8080"});
  o.owners->stop();
  EXPECT_EQ(owner_of(*o.owners, "case-1"), std::nullopt);
}

}  // namespace
}  // namespace caseflow::http
