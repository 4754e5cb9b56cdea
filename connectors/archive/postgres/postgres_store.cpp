#include "connectors/archive/postgres/postgres_store.h"

#include <algorithm>
#include <limits>
#include <unordered_map>

#include "connectors/archive/grid_activity_sql.h"
#include "connectors/archive/postgres/pg_array.h"
#include "connectors/archive/postgres/pg_case_sql.h"
#include "connectors/archive/postgres/pg_connection.h"

namespace caseflow::archive {
namespace {

using postgres::PgConnection;
using postgres::PgParams;

// Every caseflow opening this database takes this transaction-scoped advisory lock before it
// reads the schema version, so two instances starting together apply each migration once.
constexpr std::string_view kBeginMigration =
    "BEGIN; SELECT pg_advisory_xact_lock(7224810031297421337)";

constexpr std::string_view kVersionTable =
    "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, "
    "applied_at BIGINT NOT NULL)";

// Rows a FETCH brings at a time: memory stays flat whatever the period holds.
constexpr int kFactsPerFetch = 20'000;

// Every fact record in case order, with the case's place (the partial index
// history_facts_by_case, schema v4): the period is applied per case by the reader (a case counts
// when any of its facts is in the period), as on SQLite. Selecting the period's case ids first
// (DISTINCT over the index by time) then joining back cost a sort of every result row.
constexpr std::string_view kFactsCursor = R"sql(DECLARE assessment_facts NO SCROLL CURSOR FOR
SELECT h.case_id, h.seq, h.at, h.type, h.what, h.facts, COALESCE(c.street, ''),
       COALESCE(c.community, '')
FROM history h
LEFT JOIN cases c ON c.id = h.case_id
WHERE h.facts <> ''
ORDER BY h.case_id, h.seq)sql";

class PostgresStore final : public ArchiveStore {
 public:
  PostgresStore(std::unique_ptr<PgConnection> db, int version)
      : db_(std::move(db)), version_(version) {}

  Status apply(const Batch& batch) override {
    if (batch.empty()) return ok_status();
    if (auto began = db_->exec("BEGIN", "archive_write"); !began) return began.error();
    auto written = write(batch);
    if (!written) {
      (void)db_->exec("ROLLBACK", "archive_write");  // harmless when the session is gone
      return written.error();
    }
    if (auto committed = db_->exec("COMMIT", "archive_write"); !committed) {
      return committed.error();
    }
    return ok_status();
  }

  Result<std::optional<CaseRow>> find(std::string_view case_id) override {
    auto r = db_->exec_prepared(
        "find_case", "SELECT " + std::string(postgres::kCaseColumns) + " FROM cases WHERE id = $1",
        PgParams{std::string(case_id)}, "archive_read");
    if (!r) return r.error();
    if (PQntuples(r->get()) == 0) return std::optional<CaseRow>();
    return std::optional<CaseRow>(postgres::read_case(r->get(), 0));
  }

  Result<std::vector<CaseRow>> list(const CaseFilter& filter) override {
    auto sql = postgres::where_clause(filter, version_);
    std::string query = "SELECT " + std::string(postgres::kCaseColumns) + " FROM cases" +
                        sql.where + " ORDER BY reported_at DESC NULLS LAST, id DESC";
    sql.params.emplace_back(std::to_string(filter.limit));
    query += " LIMIT $" + std::to_string(sql.params.size()) + "::bigint";
    sql.params.emplace_back(std::to_string(filter.offset));
    query += " OFFSET $" + std::to_string(sql.params.size()) + "::bigint";
    auto r = db_->exec(query, sql.params, "archive_read");
    if (!r) return r.error();
    std::vector<CaseRow> rows;
    const int n = PQntuples(r->get());
    rows.reserve(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i) rows.push_back(postgres::read_case(r->get(), i));
    return rows;
  }

  Result<size_t> count(const CaseFilter& filter) override {
    const auto sql = postgres::where_clause(filter, version_);
    auto r = db_->exec("SELECT count(*) FROM cases" + sql.where, sql.params, "archive_read");
    if (!r) return r.error();
    return static_cast<size_t>(std::stoull(PQgetvalue(r->get(), 0, 0)));
  }

  Result<std::vector<HistoryRow>> history(std::string_view case_id) override {
    auto r = db_->exec_prepared("case_history",
                                "SELECT " + std::string(postgres::history_columns(version_)) +
                                    " FROM history WHERE case_id = $1 ORDER BY seq",
                                PgParams{std::string(case_id)}, "archive_read");
    if (!r) return r.error();
    std::vector<HistoryRow> rows;
    const int n = PQntuples(r->get());
    rows.reserve(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i) rows.push_back(postgres::read_history(r->get(), i));
    return rows;
  }

  Result<std::vector<DecisionRow>> decisions(const DecisionFilter& filter) override {
    const std::string from = std::to_string(filter.from ? filter.from->unix_millis()
                                                        : std::numeric_limits<int64_t>::min());
    const std::string to =
        std::to_string(filter.to ? filter.to->unix_millis() : std::numeric_limits<int64_t>::max());
    auto r = db_->exec_prepared("decisions",
                                archive::decisions_sql(version_, "$1::bigint", "$2::bigint"),
                                PgParams{from, to}, "archive_read");
    if (!r) return r.error();
    std::vector<DecisionRow> rows;
    const int n = PQntuples(r->get());
    rows.reserve(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i) rows.push_back(postgres::read_decision(r->get(), i));
    return rows;
  }

  Status each_case_facts(Instant from, Instant to,
                         const std::function<void(assessment::CaseFacts&&)>& each) override {
    if (auto began = db_->exec("BEGIN READ ONLY", "archive_read"); !began) return began.error();
    auto read = stream_facts(from, to, each);
    (void)db_->exec(read ? "COMMIT" : "ROLLBACK", "archive_read");  // a cursor only read
    return read;
  }

  Result<std::vector<assessment::GridCounts>> grid_activity(
      Instant from, Instant to, std::span<const assessment::CityGrid> grids) override {
    // The grids' units as two arrays, one parameter each, whatever the city's size.
    postgres::PgArray ids, units;
    for (const assessment::CityGrid& g : grids) {
      ids.add(std::string_view(g.id));
      units.add(std::string_view(g.unit));
    }
    auto r = db_->exec_prepared(
        "grid_activity",
        grid_activity_sql(version_, "SELECT * FROM unnest($3::text[], $4::text[])", "$1::bigint",
                          "$2::bigint"),
        PgParams{std::to_string(from.unix_millis()), std::to_string(to.unix_millis()),
                 std::move(ids).finish(), std::move(units).finish()},
        "archive_read");
    if (!r) return r.error();
    std::vector<assessment::GridCounts> rows;
    const int n = PQntuples(r->get());
    rows.reserve(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i) rows.push_back(postgres::read_grid_counts(r->get(), i));
    return rows;
  }

  Status set_partition_owner(std::string_view group, int32_t partition,
                             std::string_view instance_id, std::string_view http_address,
                             Instant now) override {
    auto r = db_->exec_prepared(
        "set_owner",
        "INSERT INTO partition_owners (group_id, partition, instance_id, http_address, "
        "updated_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (group_id, partition) DO UPDATE "
        "SET instance_id = EXCLUDED.instance_id, http_address = EXCLUDED.http_address, "
        "updated_at = EXCLUDED.updated_at",
        PgParams{std::string(group), std::to_string(partition), std::string(instance_id),
                 std::string(http_address), std::to_string(now.unix_millis())},
        "archive_write");
    if (!r) return r.error();
    return ok_status();
  }

  Result<std::optional<std::string>> partition_owner(std::string_view group,
                                                     int32_t partition) override {
    auto r = db_->exec_prepared(
        "owner", "SELECT http_address FROM partition_owners WHERE group_id = $1 AND partition = $2",
        PgParams{std::string(group), std::to_string(partition)}, "archive_read");
    if (!r) return r.error();
    if (PQntuples(r->get()) == 0) return std::optional<std::string>();
    return std::optional<std::string>(PQgetvalue(r->get(), 0, 0));
  }

  int schema_version() const override { return version_; }
  std::string_view backend() const override { return "postgresql"; }

 private:
  Status write(const Batch& batch) {
    // History first: a case row inserted below sees a breach that arrived before it.
    if (!batch.history.empty()) {
      auto r = db_->exec_prepared("insert_history", postgres::insert_history_sql(version_),
                                  postgres::history_arrays(batch.history), "archive_write");
      if (!r) return r.error();
    }
    if (!batch.cases.empty()) {
      // One row per case id, the newest: a statement may not update the same row twice.
      std::unordered_map<std::string_view, const CaseRow*> newest;
      newest.reserve(batch.cases.size());
      std::vector<const CaseRow*> rows;
      rows.reserve(batch.cases.size());
      for (const CaseRow& c : batch.cases) {
        auto [it, inserted] = newest.try_emplace(c.id, &c);
        if (!inserted && it->second->seq < c.seq) it->second = &c;
      }
      for (const CaseRow& c : batch.cases) {
        if (newest[c.id] == &c) rows.push_back(&c);
      }
      auto r = db_->exec_prepared("upsert_cases", postgres::upsert_cases_sql(version_),
                                  postgres::case_arrays(rows, version_), "archive_write");
      if (!r) return r.error();
      postgres::PgArray ids;
      for (const CaseRow* c : rows) ids.add(std::string_view(c->id));
      auto marked = db_->exec_prepared("breached_from_history", postgres::kMarkBreachedFromHistory,
                                       PgParams{std::move(ids).finish()}, "archive_write");
      if (!marked) return marked.error();
    }
    postgres::PgArray breached;
    bool any_breach = false;
    for (const HistoryRow& h : batch.history) {
      if (h.type != postgres::kBreachType) continue;
      breached.add(std::string_view(h.case_id));
      any_breach = true;
    }
    for (const CaseRow& c : batch.cases) {
      if (!c.breached.value_or(false)) continue;
      breached.add(std::string_view(c.id));
      any_breach = true;
    }
    if (any_breach) {
      auto r = db_->exec_prepared("mark_breached", postgres::kMarkBreached,
                                  PgParams{std::move(breached).finish()}, "archive_write");
      if (!r) return r.error();
    }
    return ok_status();
  }

  Status stream_facts(Instant from, Instant to,
                      const std::function<void(assessment::CaseFacts&&)>& each) {
    if (auto declared = db_->exec(kFactsCursor, "archive_read"); !declared) {
      return declared.error();
    }
    const std::string fetch = "FETCH " + std::to_string(kFactsPerFetch) + " FROM assessment_facts";
    assessment::CaseFacts current;
    bool in_period = false;  // a record of `current` is in [from, to)
    auto flush = [&] {
      if (in_period) each(std::move(current));
      in_period = false;
    };
    for (;;) {
      auto r = db_->exec(fetch, "archive_read");
      if (!r) return r.error();
      const PGresult* rows = r->get();
      const int n = PQntuples(rows);
      for (int i = 0; i < n; ++i) {
        auto record = postgres::read_fact_record(rows, i);
        if (record.case_id != current.case_id) {
          flush();
          current = assessment::CaseFacts{.case_id = std::move(record.case_id),
                                          .street = std::move(record.street),
                                          .community = std::move(record.community),
                                          .records = {}};
        }
        const Instant at = record.record.at;
        in_period = in_period || (at >= from && at < to);
        current.records.push_back(std::move(record.record));
      }
      if (n < kFactsPerFetch) break;
    }
    flush();
    return ok_status();
  }

  std::unique_ptr<PgConnection> db_;
  int version_;
};

Result<int> migrate_postgres(PgConnection& db, int target) {
  MigrationSteps steps;
  steps.begin = [&]() -> Status {
    auto r = db.exec(kBeginMigration, "archive_migrate");
    if (!r) return r.error();
    return ok_status();
  };
  steps.current_version = [&]() -> Result<int> {
    auto table = db.exec("SELECT to_regclass('schema_version') IS NOT NULL", "archive_migrate");
    if (!table) return table.error();
    if (PQgetvalue(table->get(), 0, 0)[0] != 't') return 0;
    auto r = db.exec("SELECT COALESCE(max(version), 0) FROM schema_version", "archive_migrate");
    if (!r) return r.error();
    return std::atoi(PQgetvalue(r->get(), 0, 0));
  };
  steps.apply = [&](const Migration& m) -> Status {
    auto created = db.exec(kVersionTable, "archive_migrate");
    if (!created) return created.error();
    if (auto r = db.exec(m.sql, "archive_migrate"); !r) {
      return Error{r.error().code,
                   "schema v" + std::to_string(m.version) + " failed: " + r.error().message};
    }
    auto recorded = db.exec(
        "INSERT INTO schema_version (version, applied_at) VALUES ($1::integer, "
        "(extract(epoch FROM clock_timestamp()) * 1000)::bigint)",
        PgParams{std::to_string(m.version)}, "archive_migrate");
    if (!recorded) return recorded.error();
    return ok_status();
  };
  steps.commit = [&]() -> Status {
    auto r = db.exec("COMMIT", "archive_migrate");
    if (!r) return r.error();
    return ok_status();
  };
  steps.rollback = [&]() { (void)db.exec("ROLLBACK", "archive_migrate"); };
  return migrate(steps, postgres_migrations(), db.where(), target);
}

}  // namespace

Result<ArchiveStorePtr> open_postgres_archive(std::string_view url, int target_version) {
  auto db = PgConnection::connect(url);
  if (!db) return db.error();
  auto version = migrate_postgres(**db, target_version);
  if (!version) return version.error();
  return ArchiveStorePtr(std::make_unique<PostgresStore>(std::move(*db), *version));
}

}  // namespace caseflow::archive
