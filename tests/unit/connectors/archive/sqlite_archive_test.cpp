// The SQLite archive: the shared contract, plus what only a file has — where it goes, what is
// said when it cannot be opened, schema upgrades, atomic batches, and the query plans of the
// read side's common filters.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "connectors/archive/decision_sql.h"
#include "connectors/archive/sqlite/sqlite_archive.h"
#include "connectors/archive/sqlite/sqlite_case_query.h"
#include "tests/support/archive_store_contract.h"

namespace caseflow::archive {
namespace {

namespace fs = std::filesystem;
using testing::ArchiveStoreContract;
using testing::ArchiveStoreFactory;

INSTANTIATE_TEST_SUITE_P(Sqlite, ArchiveStoreContract,
                         ::testing::Values(ArchiveStoreFactory([](const fs::path& scratch) {
                           auto store = open_sqlite_archive((scratch / "archive.db").string());
                           EXPECT_TRUE(store.ok()) << store.error().message;
                           return store ? std::move(*store) : nullptr;
                         })));

constexpr Instant kT0 = Instant::from_unix_seconds(1'767'225'600);

class Scratch : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "caseflow-sqlite-XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override {
    std::error_code ec;
    fs::permissions(dir_, fs::perms::owner_all, fs::perm_options::add, ec);
    fs::remove_all(dir_, ec);
  }
  std::string file(const std::string& name) const { return (dir_ / name).string(); }

  fs::path dir_;
};

// Runs SQL on the file beside the store, as an operator with the sqlite3 shell would.
class RawDb {
 public:
  explicit RawDb(const std::string& path) { sqlite3_open(path.c_str(), &db_); }
  ~RawDb() { sqlite3_close(db_); }
  RawDb(const RawDb&) = delete;
  RawDb& operator=(const RawDb&) = delete;

  void exec(const std::string& sql) {
    char* message = nullptr;
    ASSERT_EQ(sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message), SQLITE_OK)
        << (message ? message : "") << " in " << sql;
  }
  // Every row's columns joined with '|'.
  std::vector<std::string> rows(const std::string& sql) {
    std::vector<std::string> out;
    sqlite3_stmt* s = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db_, sql.c_str(), -1, &s, nullptr), SQLITE_OK)
        << sqlite3_errmsg(db_);
    while (s != nullptr && sqlite3_step(s) == SQLITE_ROW) {
      std::string row;
      for (int i = 0; i < sqlite3_column_count(s); ++i) {
        const auto* text = sqlite3_column_text(s, i);
        row += (i ? "|" : "") + std::string(text ? reinterpret_cast<const char*>(text) : "NULL");
      }
      out.push_back(row);
    }
    sqlite3_finalize(s);
    return out;
  }

 private:
  sqlite3* db_ = nullptr;
};

CaseRow case_row(std::string id, uint64_t seq, std::string street) {
  CaseRow row;
  row.id = std::move(id);
  row.seq = seq;
  row.status = "dispatched";
  row.unit = "street:" + street;
  row.category = "noise";
  row.urgency = "normal";
  row.street = std::move(street);
  row.reported_at = kT0 + Duration::hours(static_cast<int64_t>(seq));
  row.updated_at = kT0 + Duration::hours(static_cast<int64_t>(seq));
  return row;
}

TEST_F(Scratch, CreatesTheFileAndItsFoldersInWalMode) {
  const auto path = file("a/b/archive.db");
  auto store = open_sqlite_archive(path);
  ASSERT_TRUE(store.ok()) << store.error().message;
  EXPECT_TRUE(fs::exists(path));
  EXPECT_EQ((*store)->backend(), "sqlite");
  EXPECT_EQ((*store)->schema_version(), latest_version(sqlite_migrations()));
  EXPECT_EQ(RawDb(path).rows("PRAGMA journal_mode"), std::vector<std::string>{"wal"});
  EXPECT_EQ(RawDb(path).rows("SELECT version FROM schema_version ORDER BY version"),
            (std::vector<std::string>{"1", "2", "3", "4", "5", "6", "7"}));
}

TEST_F(Scratch, ReopeningKeepsRowsAndAppliesNoMigrationTwice) {
  const auto path = file("archive.db");
  {
    auto store = open_sqlite_archive(path);
    ASSERT_TRUE(store.ok()) << store.error().message;
    ASSERT_TRUE((*store)->apply(Batch{.cases = {case_row("case-1", 1, "S1")}}).ok());
  }
  auto again = open_sqlite_archive(path);
  ASSERT_TRUE(again.ok()) << again.error().message;
  auto found = (*again)->find("case-1");
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ(RawDb(path).rows("SELECT count(*) FROM schema_version"), std::vector<std::string>{"7"});
}

TEST_F(Scratch, AFolderThatCannotBeMadeIsAnOpenErrorNamingPathAndReason) {
  std::ofstream(dir_ / "blocker") << "a file where a folder should be";
  const auto path = file("blocker/archive/archive.db");
  auto store = open_sqlite_archive(path);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.error().code, "archive_open");
  EXPECT_NE(store.error().message.find(path), std::string::npos) << store.error().message;
  EXPECT_NE(store.error().message.find("Not a directory"), std::string::npos)
      << store.error().message;
}

TEST_F(Scratch, AnUnwritableFolderIsAnOpenError) {
  if (geteuid() == 0) GTEST_SKIP() << "root writes into any folder; run as a user to check this";
  fs::create_directory(dir_ / "locked");
  fs::permissions(dir_ / "locked", fs::perms::owner_read | fs::perms::owner_exec);
  auto store = open_sqlite_archive(file("locked/archive.db"));
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.error().code, "archive_open");
  EXPECT_NE(store.error().message.find(file("locked/archive.db")), std::string::npos)
      << store.error().message;
}

TEST_F(Scratch, AReadOnlyFileIsAnOpenError) {
  if (geteuid() == 0) GTEST_SKIP() << "root writes into any file; run as a user to check this";
  const auto path = file("archive.db");
  ASSERT_TRUE(open_sqlite_archive(path).ok());
  fs::permissions(path, fs::perms::owner_read);
  auto store = open_sqlite_archive(path);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.error().code, "archive_open");
  EXPECT_NE(store.error().message.find("read-only"), std::string::npos) << store.error().message;
}

TEST_F(Scratch, AFileThatIsNoDatabaseIsAnOpenErrorNamingPathAndReason) {
  const auto path = file("archive.db");
  std::ofstream(path, std::ios::binary) << std::string(8192, 'x');
  auto store = open_sqlite_archive(path);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.error().code, "archive_open");
  EXPECT_NE(store.error().message.find(path), std::string::npos) << store.error().message;
  EXPECT_NE(store.error().message.find("not a database"), std::string::npos)
      << store.error().message;
}

TEST_F(Scratch, ADatabaseLeftAtV1IsUpgradedWithItsRows) {
  const auto path = file("archive.db");
  {
    auto v1 = open_sqlite_archive(path, SqliteOptions{.schema_version = 1});
    ASSERT_TRUE(v1.ok()) << v1.error().message;
    EXPECT_EQ((*v1)->schema_version(), 1);
    CaseRow row = case_row("case-1", 2, "S1");
    row.breached = true;
    ASSERT_TRUE((*v1)->apply(Batch{.cases = {row, case_row("case-2", 3, "S2")}}).ok());
    // A v1 history row as a v1 binary wrote it (this binary's writer names the v3 facts column).
    RawDb(path).exec("INSERT INTO history (case_id, seq, at, type, what) VALUES ('case-1', 2, " +
                     std::to_string(kT0.unix_millis()) + ", 'updated', 'status')");
    EXPECT_FALSE((*v1)->set_partition_owner("g", 0, "a", "h:1", kT0).ok())
        << "v1 has no partition_owners table";
  }
  EXPECT_TRUE(
      RawDb(path).rows("SELECT name FROM sqlite_schema WHERE name = 'partition_owners'").empty());

  auto now = open_sqlite_archive(path);
  ASSERT_TRUE(now.ok()) << now.error().message;
  EXPECT_EQ((*now)->schema_version(), latest_version(sqlite_migrations()));
  auto found = (*now)->find("case-1");
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ((**found).street, std::optional<std::string>("S1"));
  EXPECT_EQ((**found).breached, std::optional<bool>(true));
  auto history = (*now)->history("case-1");
  ASSERT_TRUE(history.ok());
  EXPECT_EQ(history->size(), 1u);
  auto on_s2 = (*now)->list(CaseFilter{.street = "S2"});
  ASSERT_TRUE(on_s2.ok()) << on_s2.error().message;
  ASSERT_EQ(on_s2->size(), 1u);
  EXPECT_EQ((*on_s2)[0].id, "case-2");
  EXPECT_TRUE((*now)->set_partition_owner("g", 0, "a", "h:1", kT0).ok());
  EXPECT_FALSE(
      RawDb(path).rows("SELECT name FROM sqlite_schema WHERE name = 'cases_by_street'").empty());
}

TEST_F(Scratch, ADatabaseLeftAtV2GainsTheFactsColumnAndKeepsItsHistory) {
  const auto path = file("archive.db");
  const std::string facts = R"({"response":{"unit":"community:C1","stage":"grid","on_time":true}})";
  {
    auto v2 = open_sqlite_archive(path, SqliteOptions{.schema_version = 2});
    ASSERT_TRUE(v2.ok()) << v2.error().message;
    EXPECT_EQ((*v2)->schema_version(), 2);
    HistoryRow h{.case_id = "case-1", .seq = 2, .at = kT0, .type = "updated", .what = "status"};
    ASSERT_TRUE((*v2)->apply(Batch{.history = {h}}).ok());
  }
  EXPECT_TRUE(RawDb(path)
                  .rows("SELECT name FROM pragma_table_info('history') "
                        "WHERE name = 'facts'")
                  .empty());
  auto now = open_sqlite_archive(path);
  ASSERT_TRUE(now.ok()) << now.error().message;
  EXPECT_EQ((*now)->schema_version(), latest_version(sqlite_migrations()));
  HistoryRow h{.case_id = "case-1", .seq = 5, .at = kT0, .type = "updated", .what = "contacted"};
  h.facts = facts;
  ASSERT_TRUE((*now)->apply(Batch{.history = {h}}).ok());
  auto history = (*now)->history("case-1");
  ASSERT_TRUE(history.ok()) << history.error().message;
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[0].facts, "") << "a row from before v3 has no facts";
  EXPECT_EQ((*history)[1].facts, facts);
}

TEST_F(Scratch, ADatabaseLeftAtV5GainsTheActorColumnKeepingItsRowsWithoutOne) {
  const auto path = file("archive.db");
  {
    auto v5 = open_sqlite_archive(path, SqliteOptions{.schema_version = 5});
    ASSERT_TRUE(v5.ok()) << v5.error().message;
    EXPECT_EQ((*v5)->schema_version(), 5);
    // A v5 store has nowhere to keep the actor: the row is written without it.
    HistoryRow h{.case_id = "case-1",
                 .seq = 1,
                 .at = kT0,
                 .type = "updated",
                 .what = "exemption_granted",
                 .unit = "grid:G1",
                 .actor = "office:street:S1"};
    ASSERT_TRUE((*v5)->apply(Batch{.cases = {case_row("case-1", 1, "S1")}, .history = {h}}).ok());
  }
  EXPECT_TRUE(RawDb(path)
                  .rows("SELECT name FROM pragma_table_info('history') "
                        "WHERE name = 'actor'")
                  .empty());
  auto now = open_sqlite_archive(path);
  ASSERT_TRUE(now.ok()) << now.error().message;
  EXPECT_EQ((*now)->schema_version(), latest_version(sqlite_migrations()));
  HistoryRow h{.case_id = "case-1",
               .seq = 2,
               .at = kT0 + Duration::hours(1),
               .type = "updated",
               .what = "extension_approved",
               .unit = "street:S1",
               .actor = "dispatcher:li"};
  ASSERT_TRUE((*now)->apply(Batch{.history = {h}}).ok());
  auto history = (*now)->history("case-1");
  ASSERT_TRUE(history.ok()) << history.error().message;
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[0].what, "exemption_granted") << "the v5 row is kept";
  EXPECT_FALSE((*history)[0].actor.has_value()) << "a row from before v6 has no actor";
  EXPECT_EQ((*history)[1].actor, std::optional<std::string>("dispatcher:li"));
  EXPECT_EQ(RawDb(path).rows("SELECT seq, COALESCE(actor, 'NULL') FROM history ORDER BY seq"),
            (std::vector<std::string>{"1|NULL", "2|dispatcher:li"}));
  // Both rows are decisions; the old one is listed with no actor.
  auto decisions = (*now)->decisions(DecisionFilter{});
  ASSERT_TRUE(decisions.ok()) << decisions.error().message;
  ASSERT_EQ(decisions->size(), 2u);
  EXPECT_EQ((*decisions)[0].entry.actor, std::optional<std::string>("dispatcher:li"));
  EXPECT_FALSE((*decisions)[1].entry.actor.has_value());
  EXPECT_EQ((*decisions)[1].street, "S1");
}

constexpr std::string_view kSealed = "v1:c2VhbGVkIGJ5IHRoZSBydW50aW1l";

// What an auditor reading the file finds in the case's sealed_phone column.
std::vector<std::string> sealed_phone_in(const std::string& path, const std::string& id) {
  return RawDb(path).rows("SELECT sealed_phone FROM cases WHERE id = '" + id + "'");
}

TEST_F(Scratch, TheSealedPhoneIsKeptUntilARecordErasesIt) {
  const auto path = file("archive.db");
  auto store = open_sqlite_archive(path);
  ASSERT_TRUE(store.ok()) << store.error().message;
  const std::vector<std::string> kept{std::string(kSealed)};
  const std::vector<std::string> none{"NULL"};

  CaseRow first = case_row("case-1", 1, "S1");  // the report's record, with the place
  first.sealed_phone = std::string(kSealed);
  ASSERT_TRUE((*store)->apply(Batch{.cases = {first}}).ok());
  EXPECT_EQ(sealed_phone_in(path, "case-1"), kept);

  CaseRow signed_for = case_row("case-1", 2, "S1");  // says nothing of the phone, nor the place
  signed_for.street.reset();
  signed_for.reported_at.reset();
  ASSERT_TRUE((*store)->apply(Batch{.cases = {signed_for}}).ok());
  EXPECT_EQ(sealed_phone_in(path, "case-1"), kept);
  // Kept for the archive alone: the case as read for the HTTP layer does not carry it.
  auto found = (*store)->find("case-1");
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_FALSE((**found).sealed_phone.has_value());

  CaseRow closed = case_row("case-1", 3, "S1");
  closed.status = "closed";
  closed.phone_erased = true;
  ASSERT_TRUE((*store)->apply(Batch{.cases = {closed}}).ok());
  EXPECT_EQ(sealed_phone_in(path, "case-1"), none);

  // Neither a later record nor a replay of the first brings it back.
  CaseRow archived = case_row("case-1", 4, "S1");
  archived.status = "closed";
  archived.street.reset();
  archived.reported_at.reset();
  ASSERT_TRUE((*store)->apply(Batch{.cases = {archived}}).ok());
  ASSERT_TRUE((*store)->apply(Batch{.cases = {first}}).ok());
  EXPECT_EQ(sealed_phone_in(path, "case-1"), none);

  // Erased on a record that knows no place (the writer's other statement), and on a case whose
  // whole life came in one batch, so its first row is already erased.
  CaseRow other = case_row("case-2", 1, "S2");
  other.sealed_phone = std::string(kSealed);
  ASSERT_TRUE((*store)->apply(Batch{.cases = {other}}).ok());
  EXPECT_EQ(sealed_phone_in(path, "case-2"), kept);
  CaseRow withdrawn = case_row("case-2", 2, "S2");
  withdrawn.status = "withdrawn";
  withdrawn.street.reset();
  withdrawn.reported_at.reset();
  withdrawn.phone_erased = true;
  ASSERT_TRUE((*store)->apply(Batch{.cases = {withdrawn}}).ok());
  EXPECT_EQ(sealed_phone_in(path, "case-2"), none);
  CaseRow short_life = case_row("case-3", 5, "S3");
  short_life.status = "closed";
  short_life.phone_erased = true;
  ASSERT_TRUE((*store)->apply(Batch{.cases = {short_life}}).ok());
  EXPECT_EQ(sealed_phone_in(path, "case-3"), none);

  EXPECT_EQ(RawDb(path).rows("SELECT count(*) FROM cases WHERE sealed_phone IS NOT NULL"),
            std::vector<std::string>{"0"});
}

TEST_F(Scratch, ADatabaseLeftAtV6GainsTheSealedPhoneColumnKeepingItsRows) {
  const auto path = file("archive.db");
  {
    auto v6 = open_sqlite_archive(path, SqliteOptions{.schema_version = 6});
    ASSERT_TRUE(v6.ok()) << v6.error().message;
    EXPECT_EQ((*v6)->schema_version(), 6);
    // A v6 store has nowhere to keep the phone: the row is written without it.
    CaseRow row = case_row("case-1", 1, "S1");
    row.sealed_phone = std::string(kSealed);
    ASSERT_TRUE((*v6)->apply(Batch{.cases = {row}}).ok());
  }
  EXPECT_TRUE(RawDb(path)
                  .rows("SELECT name FROM pragma_table_info('cases') WHERE name = 'sealed_phone'")
                  .empty());
  auto now = open_sqlite_archive(path);
  ASSERT_TRUE(now.ok()) << now.error().message;
  EXPECT_EQ((*now)->schema_version(), 7);
  EXPECT_EQ(sealed_phone_in(path, "case-1"), std::vector<std::string>{"NULL"});
  CaseRow later = case_row("case-2", 1, "S2");
  later.sealed_phone = std::string(kSealed);
  ASSERT_TRUE((*now)->apply(Batch{.cases = {later}}).ok());
  EXPECT_EQ(sealed_phone_in(path, "case-2"), std::vector<std::string>{std::string(kSealed)});
  auto found = (*now)->find("case-1");
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ((**found).street, std::optional<std::string>("S1"));
}

TEST_F(Scratch, ADatabaseNewerThanTheBinaryIsRefused) {
  const auto path = file("archive.db");
  ASSERT_TRUE(open_sqlite_archive(path).ok());
  RawDb(path).exec("INSERT INTO schema_version (version, applied_at) VALUES (99, 0)");
  auto store = open_sqlite_archive(path);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.error().code, "archive_too_new");
  EXPECT_NE(store.error().message.find(path), std::string::npos) << store.error().message;
  EXPECT_NE(store.error().message.find("99"), std::string::npos) << store.error().message;
}

TEST_F(Scratch, ABatchThatFailsHalfWayWritesNothing) {
  const auto path = file("archive.db");
  auto store = open_sqlite_archive(path);
  ASSERT_TRUE(store.ok()) << store.error().message;
  RawDb(path).exec(
      "CREATE TRIGGER poison BEFORE INSERT ON cases WHEN NEW.id = 'poison' "
      "BEGIN SELECT RAISE(ABORT, 'poisoned for the test'); END");
  HistoryRow h{.case_id = "case-1", .seq = 1, .at = kT0, .type = "updated"};
  auto failed = (*store)->apply(
      Batch{.cases = {case_row("case-1", 1, "S1"), case_row("poison", 1, "S1")}, .history = {h}});
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().code, "archive_write");
  EXPECT_NE(failed.error().message.find("poisoned for the test"), std::string::npos)
      << failed.error().message;
  auto found = (*store)->find("case-1");
  ASSERT_TRUE(found.ok()) << found.error().message;
  EXPECT_FALSE(found->has_value());
  EXPECT_TRUE((*store)->history("case-1")->empty());

  // The connection is usable afterwards.
  ASSERT_TRUE((*store)->apply(Batch{.cases = {case_row("case-1", 1, "S1")}, .history = {h}}).ok());
  EXPECT_TRUE((*store)->find("case-1")->has_value());
}

TEST_F(Scratch, AReaderOnItsOwnConnectionSeesTheWritersCommits) {
  const auto path = file("archive.db");
  auto writer = open_sqlite_archive(path);
  auto reader = open_sqlite_archive(path);
  ASSERT_TRUE(writer.ok() && reader.ok());
  ASSERT_TRUE((*reader)->list(CaseFilter{})->empty());
  ASSERT_TRUE((*writer)->apply(Batch{.cases = {case_row("case-1", 1, "S1")}}).ok());
  EXPECT_EQ((*reader)->count(CaseFilter{}).value(), 1u);
}

// EXPLAIN QUERY PLAN of a filter as the store runs it.
std::string plan_of(const std::string& path, const std::string& sql) {
  std::string plan;
  for (const auto& row : RawDb(path).rows("EXPLAIN QUERY PLAN " + sql)) plan += row + "\n";
  return plan;
}

TEST_F(Scratch, AStreetsMonthAndAUnitsOpenCasesAreIndexRangeScans) {
  const auto path = file("archive.db");
  ASSERT_TRUE(open_sqlite_archive(path).ok());
  const auto month = sqlite::where_of(
      CaseFilter{.street = "S1", .reported_from = kT0, .reported_to = kT0 + Duration::days(31)});
  const auto open_cases = sqlite::where_of(CaseFilter{.unit = "U1", .open = true});
  for (const auto& sql : {sqlite::list_sql(month), sqlite::count_sql(month)}) {
    const auto plan = plan_of(path, sql);
    EXPECT_NE(plan.find("INDEX cases_by_street (street=? AND reported_at>? AND "
                        "reported_at<?)"),
              std::string::npos)
        << sql << "\n"
        << plan;
    EXPECT_EQ(plan.find("TEMP B-TREE"), std::string::npos) << sql << "\n" << plan;
  }
  for (const auto& sql : {sqlite::list_sql(open_cases), sqlite::count_sql(open_cases)}) {
    const auto plan = plan_of(path, sql);
    EXPECT_NE(plan.find("INDEX cases_open_by_unit (unit=?)"), std::string::npos) << sql << "\n"
                                                                                 << plan;
    EXPECT_EQ(plan.find("TEMP B-TREE"), std::string::npos) << sql << "\n" << plan;
  }
}

// The report's read (each_case_facts): every fact record in case order from the covering partial
// index alone — no sort, no temp B-tree, no seek into history (docs/performance.md).
TEST_F(Scratch, TheFactRecordsAreReadInCaseOrderFromTheirCoveringIndex) {
  const auto path = file("archive.db");
  ASSERT_TRUE(open_sqlite_archive(path).ok());
  const auto plan = plan_of(path,
                            "SELECT h.case_id, h.seq, h.at, h.type, h.what, h.facts, "
                            "COALESCE(c.street, ''), COALESCE(c.community, '') FROM history h "
                            "LEFT JOIN cases c ON c.id = h.case_id WHERE h.facts <> '' "
                            "ORDER BY h.case_id, h.seq");
  EXPECT_NE(plan.find("SCAN h USING COVERING INDEX history_facts_by_case"), std::string::npos)
      << plan;
  EXPECT_EQ(plan.find("TEMP B-TREE"), std::string::npos) << plan;
}

// The audit view's read (decisions): a range of the partial index of decisions (schema v6), not a
// scan of the whole history.
TEST_F(Scratch, TheDecisionsAreReadFromTheirPartialIndexByTime) {
  const auto path = file("archive.db");
  ASSERT_TRUE(open_sqlite_archive(path).ok());
  const auto plan = plan_of(path, decisions_sql(kActorVersion, "?1", "?2"));
  EXPECT_NE(plan.find("USING INDEX history_decisions_by_at (at>? AND at<?)"), std::string::npos)
      << plan;
  EXPECT_EQ(plan.find("SCAN h\n"), std::string::npos) << plan;
}

}  // namespace
}  // namespace caseflow::archive
