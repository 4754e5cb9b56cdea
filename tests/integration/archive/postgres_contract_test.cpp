// The ArchiveStore contract (tests/support/archive_store_contract.h) on PostgreSQL: one real
// server for this binary, a fresh database for every test.
#include <gtest/gtest.h>

#include "connectors/archive/postgres/postgres_store.h"
#include "tests/integration/archive/postgres_server.h"
#include "tests/support/archive_store_contract.h"

namespace caseflow::archive {
namespace {

class PostgresEnvironment : public ::testing::Environment {
 public:
  void SetUp() override {
    auto s = caseflow::testing::PostgresServer::launch();
    ASSERT_TRUE(s.ok()) << s.error().message;
    server_ = std::move(*s);
  }
  void TearDown() override { server_.reset(); }

  ArchiveStorePtr fresh_store() {
    if (server_ == nullptr) {
      ADD_FAILURE() << "no PostgreSQL server";
      return nullptr;
    }
    auto url = server_->create_database();
    if (!url) {
      ADD_FAILURE() << url.error().message;
      return nullptr;
    }
    auto store = open_postgres_archive(*url);
    if (!store) {
      ADD_FAILURE() << store.error().code << ": " << store.error().message;
      return nullptr;
    }
    return std::move(*store);
  }

 private:
  std::unique_ptr<caseflow::testing::PostgresServer> server_;
};

// gtest owns and deletes it after the last test.
PostgresEnvironment* const kServer =
    static_cast<PostgresEnvironment*>(::testing::AddGlobalTestEnvironment(new PostgresEnvironment));

using testing::ArchiveStoreContract;
using testing::ArchiveStoreFactory;

INSTANTIATE_TEST_SUITE_P(Postgres, ArchiveStoreContract,
                         ::testing::Values(ArchiveStoreFactory([](const std::filesystem::path&) {
                           return kServer->fresh_store();
                         })));

}  // namespace
}  // namespace caseflow::archive
