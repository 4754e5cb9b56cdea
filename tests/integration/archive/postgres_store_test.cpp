// The PostgreSQL archive against a real server (postgres_server.h): upgrades from an older
// schema, two instances opening one database at once, a database newer than this binary, and a
// server that goes away and comes back.
#include <gtest/gtest.h>

#include <future>

#include "connectors/archive/postgres/pg_case_sql.h"
#include "connectors/archive/postgres/pg_connection.h"
#include "connectors/archive/postgres/postgres_store.h"
#include "tests/integration/archive/postgres_test_fixture.h"

namespace caseflow::archive {
namespace {

class PostgresStore : public testing::PostgresArchiveTest {
 protected:
  static CaseRow a_case(std::string id, uint64_t seq, std::string status) {
    CaseRow c;
    c.id = std::move(id);
    c.seq = seq;
    c.status = std::move(status);
    c.workflow = "parking@1";
    c.category = "parking.illegal";
    c.urgency = "normal";
    c.updated_at = Instant::from_unix_millis(1'764'000'000'000 + static_cast<int64_t>(seq));
    return c;
  }
};

TEST_F(PostgresStore, ANewDatabaseIsMigratedToTheLatestSchema) {
  auto store = open_postgres_archive(url_);
  ASSERT_TRUE(store.ok()) << store.error().message;
  EXPECT_EQ((*store)->backend(), "postgresql");
  EXPECT_EQ((*store)->schema_version(), latest_version(postgres_migrations()));
  EXPECT_GE((*store)->schema_version(), 2);
  // Opening again applies nothing and finds the same version.
  auto again = open_postgres_archive(url_);
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ((*again)->schema_version(), (*store)->schema_version());
}

TEST_F(PostgresStore, ADatabaseLeftAtV1IsMigratedAndKeepsItsRows) {
  {
    auto v1 = open_postgres_archive(url_, 1);
    ASSERT_TRUE(v1.ok()) << v1.error().message;
    ASSERT_EQ((*v1)->schema_version(), 1);
    Batch b;
    auto c = a_case("old-1", 3, "closed");
    c.reported_at = Instant::from_unix_millis(1'700'000'000'000);
    c.description = "a car on the pavement";
    c.breached = true;
    b.cases.push_back(c);
    b.history.push_back(HistoryRow{"old-1", 3, c.updated_at, "closed", "rated", "", "", "", ""});
    ASSERT_TRUE((*v1)->apply(b).ok());
    // v2's table is not there yet.
    EXPECT_FALSE((*v1)->set_partition_owner("g", 0, "i", "h:1", c.updated_at).ok());
  }
  auto latest = open_postgres_archive(url_);
  ASSERT_TRUE(latest.ok()) << latest.error().message;
  EXPECT_EQ((*latest)->schema_version(), latest_version(postgres_migrations()));
  auto found = (*latest)->find("old-1");
  ASSERT_TRUE(found.ok() && found->has_value()) << (found.ok() ? "" : found.error().message);
  EXPECT_EQ((*found)->status, "closed");
  EXPECT_EQ((*found)->description, "a car on the pavement");
  EXPECT_EQ((*found)->breached, true);
  auto history = (*latest)->history("old-1");
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 1u);
  EXPECT_EQ((*history)[0].what, "rated");
  // What v2 added works now.
  ASSERT_TRUE(
      (*latest)
          ->set_partition_owner("g", 4, "i-1", "10.0.0.1:8080", Instant::from_unix_seconds(1))
          .ok());
  auto owner = (*latest)->partition_owner("g", 4);
  ASSERT_TRUE(owner.ok());
  EXPECT_EQ(*owner, std::optional<std::string>("10.0.0.1:8080"));
}

TEST_F(PostgresStore, ADatabaseLeftAtV2GainsTheFactsColumnAndKeepsItsHistory) {
  const std::string facts = R"({"response":{"unit":"community:C1","stage":"grid","on_time":true}})";
  {
    auto v2 = open_postgres_archive(url_, 2);
    ASSERT_TRUE(v2.ok()) << v2.error().message;
    ASSERT_EQ((*v2)->schema_version(), 2);
    Batch b;
    b.history.push_back(HistoryRow{.case_id = "old-1",
                                   .seq = 2,
                                   .at = Instant::from_unix_millis(1),
                                   .type = "updated",
                                   .what = "signed"});
    ASSERT_TRUE((*v2)->apply(b).ok());
  }
  auto latest = open_postgres_archive(url_);
  ASSERT_TRUE(latest.ok()) << latest.error().message;
  EXPECT_EQ((*latest)->schema_version(), latest_version(postgres_migrations()));
  Batch b;
  b.history.push_back(HistoryRow{.case_id = "old-1",
                                 .seq = 3,
                                 .at = Instant::from_unix_millis(2),
                                 .type = "updated",
                                 .what = "contacted",
                                 .facts = facts});
  ASSERT_TRUE((*latest)->apply(b).ok());
  auto history = (*latest)->history("old-1");
  ASSERT_TRUE(history.ok()) << history.error().message;
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[0].facts, "") << "a row from before v3 has no facts";
  EXPECT_EQ((*history)[1].facts, facts);

  // The fact records are read in case order through their partial index (schema v4), which the
  // migration from v2 builds; the table is tiny, so only an index the planner may use is checked.
  auto raw = postgres::PgConnection::connect(url_);
  ASSERT_TRUE(raw.ok());
  ASSERT_TRUE((*raw)->exec("SET enable_seqscan = off", "test").ok());
  ASSERT_TRUE((*raw)->exec("SET enable_sort = off", "test").ok());
  auto plan = (*raw)->exec(
      "EXPLAIN SELECT case_id, seq, facts FROM history WHERE facts <> '' ORDER BY case_id, seq",
      "test");
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  std::string text;
  for (int i = 0; i < PQntuples(plan->get()); ++i) text += PQgetvalue(plan->get(), i, 0);
  EXPECT_NE(text.find("history_facts_by_case"), std::string::npos) << text;
}

TEST_F(PostgresStore, ADatabaseLeftAtV4ListsAUnitsOpenCasesFromTheOpenUnitIndex) {
  auto in_unit = [&](std::string id, uint64_t seq, std::string status, std::string unit) {
    CaseRow c = a_case(std::move(id), seq, std::move(status));
    c.unit = std::move(unit);
    c.reported_at = Instant::from_unix_millis(1'700'000'000'000 + static_cast<int64_t>(seq));
    return c;
  };
  {
    auto v4 = open_postgres_archive(url_, 4);
    ASSERT_TRUE(v4.ok()) << v4.error().message;
    ASSERT_EQ((*v4)->schema_version(), 4);
    Batch b;
    b.cases = {in_unit("open-1", 1, "signed", "grid:G1"), in_unit("shut-1", 2, "closed", "grid:G1"),
               in_unit("open-2", 3, "dispatched", "grid:G2")};
    ASSERT_TRUE((*v4)->apply(b).ok());
  }
  auto latest = open_postgres_archive(url_);
  ASSERT_TRUE(latest.ok()) << latest.error().message;
  ASSERT_GE((*latest)->schema_version(), postgres::kOpenUnitVersion);
  auto open_of = [&](std::string unit) {
    std::vector<std::string> ids;
    auto rows = (*latest)->list(CaseFilter{.unit = std::move(unit), .open = true});
    EXPECT_TRUE(rows.ok()) << rows.error().message;
    if (rows.ok()) {
      for (const auto& r : *rows) ids.push_back(r.id);
    }
    return ids;
  };
  EXPECT_EQ(open_of("grid:G1"), std::vector<std::string>{"open-1"}) << "the rewrite filled it";
  EXPECT_EQ(open_of("grid:G2"), std::vector<std::string>{"open-2"});

  // It follows the case: a move to another unit, then its close.
  Batch moved;
  moved.cases = {in_unit("open-1", 4, "dispatched", "community:C1")};
  ASSERT_TRUE((*latest)->apply(moved).ok());
  EXPECT_TRUE(open_of("grid:G1").empty());
  EXPECT_EQ(open_of("community:C1"), std::vector<std::string>{"open-1"});
  Batch closed;
  closed.cases = {in_unit("open-1", 5, "closed", "community:C1")};
  ASSERT_TRUE((*latest)->apply(closed).ok());
  EXPECT_TRUE(open_of("community:C1").empty());

  // A unit's open list is read from the open-cases index; the table is tiny, so only an index
  // the planner may use is checked.
  auto raw = postgres::PgConnection::connect(url_);
  ASSERT_TRUE(raw.ok());
  ASSERT_TRUE((*raw)->exec("SET enable_seqscan = off", "test").ok());
  auto where = postgres::where_clause(CaseFilter{.unit = "grid:G2", .open = true},
                                      (*latest)->schema_version());
  auto plan = (*raw)->exec("EXPLAIN SELECT id FROM cases" + where.where +
                               " ORDER BY reported_at DESC NULLS LAST, id DESC LIMIT 100",
                           where.params, "test");
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  std::string text;
  for (int i = 0; i < PQntuples(plan->get()); ++i) text += PQgetvalue(plan->get(), i, 0);
  EXPECT_NE(text.find("cases_open_by_unit"), std::string::npos) << text;
}

TEST_F(PostgresStore, ADatabaseLeftAtV5GainsTheActorColumnKeepingItsRowsWithoutOne) {
  {
    auto v5 = open_postgres_archive(url_, 5);
    ASSERT_TRUE(v5.ok()) << v5.error().message;
    ASSERT_EQ((*v5)->schema_version(), 5);
    Batch b;
    b.cases.push_back(a_case("old-1", 1, "closed"));
    // A v5 store has nowhere to keep the actor: the row is written without it.
    b.history.push_back(HistoryRow{.case_id = "old-1",
                                   .seq = 1,
                                   .at = Instant::from_unix_millis(1'000),
                                   .type = "updated",
                                   .what = "exemption_granted",
                                   .unit = "grid:G1",
                                   .actor = "office:street:S1"});
    ASSERT_TRUE((*v5)->apply(b).ok());
  }
  auto latest = open_postgres_archive(url_);
  ASSERT_TRUE(latest.ok()) << latest.error().message;
  EXPECT_EQ((*latest)->schema_version(), latest_version(postgres_migrations()));
  Batch b;
  b.history.push_back(HistoryRow{.case_id = "old-1",
                                 .seq = 2,
                                 .at = Instant::from_unix_millis(2'000),
                                 .type = "updated",
                                 .what = "extension_approved",
                                 .unit = "grid:G1",
                                 .actor = "dispatcher:li"});
  ASSERT_TRUE((*latest)->apply(b).ok());
  auto history = (*latest)->history("old-1");
  ASSERT_TRUE(history.ok()) << history.error().message;
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[0].what, "exemption_granted") << "the v5 row is kept";
  EXPECT_FALSE((*history)[0].actor.has_value()) << "a row from before v6 has no actor";
  EXPECT_EQ((*history)[1].actor, std::optional<std::string>("dispatcher:li"));
  auto decisions = (*latest)->decisions(DecisionFilter{});
  ASSERT_TRUE(decisions.ok()) << decisions.error().message;
  ASSERT_EQ(decisions->size(), 2u);
  EXPECT_EQ((*decisions)[0].entry.actor, std::optional<std::string>("dispatcher:li"));
  EXPECT_FALSE((*decisions)[1].entry.actor.has_value());
  EXPECT_EQ((*decisions)[1].workflow, "parking@1");

  // The audit's read may use the partial index of decisions the migration built.
  auto raw = postgres::PgConnection::connect(url_);
  ASSERT_TRUE(raw.ok());
  ASSERT_TRUE((*raw)->exec("SET enable_seqscan = off", "test").ok());
  auto plan =
      (*raw)->exec("EXPLAIN " + decisions_sql(kActorVersion, "0::bigint", "9::bigint"), "test");
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  std::string text;
  for (int i = 0; i < PQntuples(plan->get()); ++i) text += PQgetvalue(plan->get(), i, 0);
  EXPECT_NE(text.find("history_decisions_by_at"), std::string::npos) << text;
}

constexpr std::string_view kSealed = "v1:c2VhbGVkIGJ5IHRoZSBydW50aW1l";

// What an auditor with psql finds in the case's sealed_phone column: its text, "NULL", or
// nothing when the case has no row.
std::vector<std::string> sealed_phone_in(const std::string& url, const std::string& id) {
  auto raw = postgres::PgConnection::connect(url);
  EXPECT_TRUE(raw.ok()) << raw.error().message;
  if (!raw.ok()) return {};
  auto r =
      (*raw)->exec("SELECT sealed_phone FROM cases WHERE id = $1", postgres::PgParams{id}, "test");
  EXPECT_TRUE(r.ok()) << r.error().message;
  if (!r.ok()) return {};
  std::vector<std::string> out;
  for (int i = 0; i < PQntuples(r->get()); ++i) {
    out.push_back(PQgetisnull(r->get(), i, 0) ? "NULL" : PQgetvalue(r->get(), i, 0));
  }
  return out;
}

TEST_F(PostgresStore, TheSealedPhoneIsKeptUntilARecordErasesIt) {
  auto store = open_postgres_archive(url_);
  ASSERT_TRUE(store.ok()) << store.error().message;
  const std::vector<std::string> kept{std::string(kSealed)};
  const std::vector<std::string> none{"NULL"};

  CaseRow first = a_case("c-1", 1, "dispatched");
  first.sealed_phone = std::string(kSealed);
  ASSERT_TRUE((*store)->apply(Batch{.cases = {first}}).ok());
  EXPECT_EQ(sealed_phone_in(url_, "c-1"), kept);

  ASSERT_TRUE((*store)->apply(Batch{.cases = {a_case("c-1", 2, "signed")}}).ok());
  EXPECT_EQ(sealed_phone_in(url_, "c-1"), kept) << "a record that does not mention it keeps it";
  // Kept for the archive alone: the case as read for the HTTP layer does not carry it.
  auto found = (*store)->find("c-1");
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_FALSE((**found).sealed_phone.has_value());

  // One batch: c-1 erased, c-2 reported with its phone, c-3 saying nothing of one, c-4 new and
  // already erased (its whole life in the batch).
  CaseRow closed = a_case("c-1", 3, "closed");
  closed.phone_erased = true;
  CaseRow other = a_case("c-2", 1, "dispatched");
  other.sealed_phone = "v1:b3RoZXI=";
  CaseRow short_life = a_case("c-4", 6, "withdrawn");
  short_life.phone_erased = true;
  ASSERT_TRUE(
      (*store)
          ->apply(Batch{.cases = {closed, other, a_case("c-3", 1, "dispatched"), short_life}})
          .ok());
  EXPECT_EQ(sealed_phone_in(url_, "c-1"), none);
  EXPECT_EQ(sealed_phone_in(url_, "c-2"), std::vector<std::string>{"v1:b3RoZXI="});
  EXPECT_EQ(sealed_phone_in(url_, "c-3"), none);
  EXPECT_EQ(sealed_phone_in(url_, "c-4"), none);

  // Neither a later record nor a replay of the first brings it back.
  ASSERT_TRUE((*store)->apply(Batch{.cases = {a_case("c-1", 4, "closed")}}).ok());
  ASSERT_TRUE((*store)->apply(Batch{.cases = {first}}).ok());
  EXPECT_EQ(sealed_phone_in(url_, "c-1"), none);
}

TEST_F(PostgresStore, ADatabaseLeftAtV6GainsTheSealedPhoneColumnKeepingItsRows) {
  {
    auto v6 = open_postgres_archive(url_, 6);
    ASSERT_TRUE(v6.ok()) << v6.error().message;
    ASSERT_EQ((*v6)->schema_version(), 6);
    // A v6 store has nowhere to keep the phone: the row is written without it.
    CaseRow c = a_case("old-1", 1, "dispatched");
    c.description = "a car on the pavement";
    c.sealed_phone = std::string(kSealed);
    ASSERT_TRUE((*v6)->apply(Batch{.cases = {c}}).ok());
  }
  auto latest = open_postgres_archive(url_);
  ASSERT_TRUE(latest.ok()) << latest.error().message;
  EXPECT_EQ((*latest)->schema_version(), 7);
  EXPECT_EQ(sealed_phone_in(url_, "old-1"), std::vector<std::string>{"NULL"});
  CaseRow c = a_case("new-1", 1, "dispatched");
  c.sealed_phone = std::string(kSealed);
  ASSERT_TRUE((*latest)->apply(Batch{.cases = {c}}).ok());
  EXPECT_EQ(sealed_phone_in(url_, "new-1"), std::vector<std::string>{std::string(kSealed)});
  auto found = (*latest)->find("old-1");
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ((*found)->description, "a car on the pavement");
}

TEST_F(PostgresStore, AStatusChangeInTheSameUnitsHandsAddsNoIndexEntries) {
  auto store = open_postgres_archive(url_);
  ASSERT_TRUE(store.ok()) << store.error().message;
  CaseRow c = a_case("hot-1", 1, "dispatched");
  c.unit = "grid:G1";
  c.street = "S1";
  c.reported_at = Instant::from_unix_millis(1'700'000'000'000);
  Batch first;
  first.cases = {c};
  ASSERT_TRUE((*store)->apply(first).ok());

  // The writer's upsert, in a transaction of the test's own, whose counters are read at once.
  auto raw = postgres::PgConnection::connect(url_);
  ASSERT_TRUE(raw.ok());
  ASSERT_TRUE((*raw)->exec("BEGIN", "test").ok());
  CaseRow signed_row = a_case("hot-1", 2, "signed");
  signed_row.unit = "grid:G1";
  CaseRow contacted = a_case("hot-1", 3, "contacted");
  contacted.unit = "grid:G1";
  const int version = (*store)->schema_version();
  for (const CaseRow* row : {&signed_row, &contacted}) {
    auto r = (*raw)->exec(postgres::upsert_cases_sql(version),
                          postgres::case_arrays({row}, version), "test");
    ASSERT_TRUE(r.ok()) << r.error().message;
  }
  auto counted = (*raw)->exec(
      "SELECT pg_stat_get_xact_tuples_updated('cases'::regclass), "
      "pg_stat_get_xact_tuples_hot_updated('cases'::regclass)",
      "test");
  ASSERT_TRUE(counted.ok()) << counted.error().message;
  EXPECT_STREQ(PQgetvalue(counted->get(), 0, 0), "2");
  EXPECT_STREQ(PQgetvalue(counted->get(), 0, 1), "2") << "both updates were HOT";
  ASSERT_TRUE((*raw)->exec("COMMIT", "test").ok());
  auto found = (*store)->find("hot-1");
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ((*found)->status, "contacted");
  EXPECT_EQ((*found)->street, std::optional<std::string>("S1"));
}

TEST_F(PostgresStore, TwoInstancesOpeningANewDatabaseAtOnceBothSucceed) {
  for (int round = 0; round < 3; ++round) {
    auto url = server_->create_database();
    ASSERT_TRUE(url.ok());
    std::promise<void> go;
    auto gate = go.get_future().share();
    auto open = [&] {
      gate.wait();
      return open_postgres_archive(*url);
    };
    auto first = std::async(std::launch::async, open);
    auto second = std::async(std::launch::async, open);
    go.set_value();
    auto a = first.get();
    auto b = second.get();
    ASSERT_TRUE(a.ok()) << a.error().message;
    ASSERT_TRUE(b.ok()) << b.error().message;
    EXPECT_EQ((*a)->schema_version(), latest_version(postgres_migrations()));
    EXPECT_EQ((*b)->schema_version(), latest_version(postgres_migrations()));
  }
}

TEST_F(PostgresStore, ADatabaseNewerThanThisBinaryIsRefused) {
  {
    auto store = open_postgres_archive(url_);
    ASSERT_TRUE(store.ok()) << store.error().message;
  }
  auto raw = postgres::PgConnection::connect(url_);
  ASSERT_TRUE(raw.ok());
  const int future = latest_version(postgres_migrations()) + 1;
  ASSERT_TRUE((*raw)
                  ->exec("INSERT INTO schema_version (version, applied_at) VALUES (" +
                             std::to_string(future) + ", 0)",
                         "test")
                  .ok());
  auto store = open_postgres_archive(url_);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.error().code, "archive_too_new");
  EXPECT_NE(store.error().message.find(std::to_string(future)), std::string::npos)
      << store.error().message;
}

TEST_F(PostgresStore, AUrlTheServerRefusesIsAnOpenErrorThatSaysWhereWithoutThePassword) {
  const std::string url =
      "postgresql://caseflow:s3cret@127.0.0.1:" + std::to_string(server_->port()) + "/no_such_db";
  auto store = open_postgres_archive(url);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.error().code, "archive_open");
  EXPECT_NE(store.error().message.find("127.0.0.1"), std::string::npos) << store.error().message;
  EXPECT_EQ(store.error().message.find("s3cret"), std::string::npos) << store.error().message;
}

TEST_F(PostgresStore, AServerThatGoesAwayIsReportedAndTheNextCallAfterItReturnsReconnects) {
  auto store = open_postgres_archive(url_);
  ASSERT_TRUE(store.ok()) << store.error().message;
  Batch first;
  first.cases.push_back(a_case("c-1", 1, "received"));
  ASSERT_TRUE((*store)->apply(first).ok());

  ASSERT_TRUE(server_->stop().ok());
  Batch second;
  second.cases.push_back(a_case("c-1", 2, "dispatched"));
  auto down = (*store)->apply(second);
  ASSERT_FALSE(down.ok());
  EXPECT_EQ(down.error().code, "archive_unavailable") << down.error().message;
  auto still_down = (*store)->find("c-1");
  ASSERT_FALSE(still_down.ok());
  EXPECT_EQ(still_down.error().code, "archive_unavailable") << still_down.error().message;

  ASSERT_TRUE(server_->start().ok());
  ASSERT_TRUE((*store)->apply(second).ok());
  auto found = (*store)->find("c-1");
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ((*found)->status, "dispatched");
  EXPECT_EQ((*found)->seq, 2u);
}

TEST_F(PostgresStore, ABatchIsAllOrNothing) {
  auto store = open_postgres_archive(url_);
  ASSERT_TRUE(store.ok()) << store.error().message;
  // Bytes that are not UTF-8 are refused by the server after the case row was sent.
  Batch refused;
  refused.cases.push_back(a_case("c-2", 1, "received"));
  refused.history.push_back(HistoryRow{"c-2", 1, Instant::from_unix_millis(1), "updated",
                                       std::string("\xff\xfe", 2), "", "", "", ""});
  auto r = (*store)->apply(refused);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "archive_write");
  auto c2 = (*store)->find("c-2");
  ASSERT_TRUE(c2.ok()) << c2.error().message;
  EXPECT_FALSE(c2->has_value()) << "the case row of a refused batch was kept";
}

}  // namespace
}  // namespace caseflow::archive
