// The promises of ArchiveStore (connectors/archive/archive_store.h), as one GoogleTest suite that
// every backend runs: newer sequence wins, unknown columns are kept, breaches are sticky, history
// is idempotent, every filter, paging, counting, ordering and partition owners.
//
// A backend instantiates it with a factory that hands out an empty store per test:
//
//   INSTANTIATE_TEST_SUITE_P(Sqlite, ArchiveStoreContract,
//       ::testing::Values(ArchiveStoreFactory([](const std::filesystem::path& scratch) {
//         auto store = open_sqlite_archive((scratch / "archive.db").string());
//         return store ? std::move(*store) : nullptr;
//       })));
//
// and links caseflow_archive_contract (tests/support/CMakeLists.txt).
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <ostream>
#include <utility>

#include "connectors/archive/archive_store.h"

namespace caseflow::archive::testing {

// Makes an empty store for one test. `scratch` is a fresh folder removed after the test: a file
// backend puts its file there; a server backend may ignore it but must hand out a store that
// sees no rows of another test. nullptr fails the test.
// (A class rather than the bare std::function so a failing test prints no bytes for its
// parameter.)
class ArchiveStoreFactory {
 public:
  using Make = std::function<ArchiveStorePtr(const std::filesystem::path& scratch)>;
  ArchiveStoreFactory(Make make) : make_(std::move(make)) {}  // NOLINT: implicit on purpose
  ArchiveStorePtr operator()(const std::filesystem::path& scratch) const { return make_(scratch); }
  friend void PrintTo(const ArchiveStoreFactory&, std::ostream* os) { *os << "store factory"; }

 private:
  Make make_;
};

class ArchiveStoreContract : public ::testing::TestWithParam<ArchiveStoreFactory> {
 protected:
  void SetUp() override;
  void TearDown() override;

  ArchiveStore& store() { return *store_; }

 private:
  std::filesystem::path scratch_;
  ArchiveStorePtr store_;
};

// Applies `batch` and fails the test (with the store's error) if the store refuses it.
inline void apply_ok(ArchiveStore& store, const Batch& batch) {
  auto s = store.apply(batch);
  ASSERT_TRUE(s.ok()) << s.error().code << ": " << s.error().message;
}

}  // namespace caseflow::archive::testing
