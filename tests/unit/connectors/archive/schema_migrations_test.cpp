// The migration runner over a pretend database: what it applies, in which order, and when it
// refuses.
#include "connectors/archive/schema_migrations.h"

#include <gtest/gtest.h>

#include <vector>

namespace caseflow::archive {
namespace {

struct PretendDb {
  int version = 0;
  int pending = 0;  // applied in the open transaction, not committed
  bool in_transaction = false;
  std::vector<int> applied;
  int fail_at = 0;

  MigrationSteps steps() {
    MigrationSteps s;
    s.begin = [this]() -> Status {
      in_transaction = true;
      return ok_status();
    };
    s.current_version = [this]() -> Result<int> { return version; };
    s.apply = [this](const Migration& m) -> Status {
      if (m.version == fail_at) return Error{"archive_migrate", "v" + std::to_string(m.version)};
      pending = m.version;
      return ok_status();
    };
    s.commit = [this]() -> Status {
      if (pending != 0) {
        version = pending;
        applied.push_back(pending);
      }
      pending = 0;
      in_transaction = false;
      return ok_status();
    };
    s.rollback = [this]() {
      pending = 0;
      in_transaction = false;
    };
    return s;
  }
};

const Migration kThree[] = {{1, "a"}, {2, "b"}, {3, "c"}};

TEST(SchemaMigrations, AppliesTheMissingVersionsInOrderEachInItsOwnTransaction) {
  PretendDb db;
  db.version = 1;
  auto v = migrate(db.steps(), kThree, "db");
  ASSERT_TRUE(v.ok()) << v.error().message;
  EXPECT_EQ(*v, 3);
  EXPECT_EQ(db.applied, (std::vector<int>{2, 3}));
  EXPECT_FALSE(db.in_transaction);
}

TEST(SchemaMigrations, StopsAtTheTargetAskedFor) {
  PretendDb db;
  auto v = migrate(db.steps(), kThree, "db", 2);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(*v, 2);
  EXPECT_EQ(db.applied, (std::vector<int>{1, 2}));
}

TEST(SchemaMigrations, AFailedMigrationLeavesTheVersionsBeforeItAndSaysWhich) {
  PretendDb db;
  db.fail_at = 3;
  auto v = migrate(db.steps(), kThree, "db");
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.error().code, "archive_migrate");
  EXPECT_EQ(db.version, 2);
  EXPECT_FALSE(db.in_transaction);
}

TEST(SchemaMigrations, ANewerDatabaseIsRefused) {
  PretendDb db;
  db.version = 4;
  auto v = migrate(db.steps(), kThree, "the file");
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.error().code, "archive_too_new");
  EXPECT_NE(v.error().message.find("the file has schema version 4"), std::string::npos)
      << v.error().message;
  EXPECT_TRUE(db.applied.empty());
}

TEST(SchemaMigrations, FilesOutOfOrderAreAnError) {
  const Migration gap[] = {{1, "a"}, {3, "c"}};
  PretendDb db;
  auto v = migrate(db.steps(), gap, "db");
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.error().code, "archive_migrate");
  EXPECT_TRUE(db.applied.empty());
}

}  // namespace
}  // namespace caseflow::archive
