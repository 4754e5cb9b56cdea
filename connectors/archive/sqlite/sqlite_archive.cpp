#include "connectors/archive/sqlite/sqlite_archive.h"

#include <chrono>
#include <filesystem>
#include <limits>
#include <unordered_map>
#include <utility>

#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>

#include "connectors/archive/decision_sql.h"
#include "connectors/archive/grid_activity_sql.h"
#include "connectors/archive/sqlite/sqlite_case_query.h"
#include "connectors/archive/sqlite/sqlite_handles.h"

namespace caseflow::archive {
namespace {

using sqlite::DbHandle;
using sqlite::ResetOnExit;
using sqlite::Statement;

// The history type of a breached clock: a case with one is breached, even when the alert is
// applied before the case's own first row.
constexpr std::string_view kBreachType = "sla_breached";

// The schema version that added cases.sealed_phone (v7.sql). A store opened at an older version
// (a test of an upgrade) writes cases without it.
constexpr int kSealedPhoneVersion = 7;

// The upsert of a case row. SQLite rewrites the entries of every index whose columns the SET
// list names, changed or not; most records know no place and no reported_at (only a case's first
// does), so their statement leaves those columns, and four of the six indexes, alone. The sealed
// phone is in no index: every statement names it, for an erasure may come on any record.
std::string upsert_case_sql(bool sets_place, bool keeps_phone) {
  std::string sql = R"sql(
INSERT INTO cases (id, seq, status, workflow, stage, unit, category, urgency, request_type, grid,
                   community, street, district, reported_at, closed_at, outcome, merged_into,
                   description, channel, reporter, address, lat, lon, breached, archived_at,
                   updated_at)sql";
  sql += keeps_phone ? ", sealed_phone)" : ")";
  sql += R"sql(
SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20,
       ?21, ?22, ?23,
       (?24 OR EXISTS (SELECT 1 FROM history WHERE case_id = ?1 AND type = 'sla_breached')),
       ?25, ?26)sql";
  if (keeps_phone) sql += ", ?27";
  sql += R"sql(
WHERE true
ON CONFLICT (id) DO UPDATE SET
  seq = excluded.seq, status = excluded.status, workflow = excluded.workflow,
  stage = excluded.stage, unit = excluded.unit, category = excluded.category,
  urgency = excluded.urgency,
  request_type = COALESCE(excluded.request_type, cases.request_type),)sql";
  if (sets_place) {
    sql += R"sql(
  grid = COALESCE(excluded.grid, cases.grid),
  community = COALESCE(excluded.community, cases.community),
  street = COALESCE(excluded.street, cases.street),
  district = COALESCE(excluded.district, cases.district),
  reported_at = COALESCE(excluded.reported_at, cases.reported_at),)sql";
  }
  sql += R"sql(
  closed_at = COALESCE(excluded.closed_at, cases.closed_at),
  outcome = COALESCE(excluded.outcome, cases.outcome),
  merged_into = COALESCE(excluded.merged_into, cases.merged_into),
  description = COALESCE(excluded.description, cases.description),
  channel = COALESCE(excluded.channel, cases.channel),
  reporter = COALESCE(excluded.reporter, cases.reporter),
  address = COALESCE(excluded.address, cases.address),
  lat = COALESCE(excluded.lat, cases.lat),
  lon = COALESCE(excluded.lon, cases.lon),
  breached = MAX(cases.breached, excluded.breached),
  archived_at = COALESCE(excluded.archived_at, cases.archived_at),)sql";
  if (keeps_phone) {
    // ?28: the record erased the phone; otherwise a phone it does not carry keeps the stored one.
    sql += R"sql(
  sealed_phone = CASE WHEN ?28 THEN NULL ELSE COALESCE(excluded.sealed_phone, cases.sealed_phone)
                 END,)sql";
  }
  sql += R"sql(
  updated_at = excluded.updated_at
WHERE excluded.seq > cases.seq
)sql";
  return sql;
}

bool knows_place(const CaseRow& row) {
  return row.grid || row.community || row.street || row.district || row.reported_at;
}

// Whatever the sequence: a breach is a fact that never becomes untrue.
constexpr std::string_view kMarkBreached =
    "UPDATE cases SET breached = 1 WHERE id = ?1 AND breached = 0";

// The schema version that added history.facts (v3.sql). A store opened at an older version (a
// test of an upgrade) writes and reads history without it.
constexpr int kFactsVersion = 3;

std::string_view insert_history_sql(int version) {
  if (version >= kActorVersion)
    return "INSERT OR IGNORE INTO history (case_id, seq, at, type, what, stage, unit, note, facts, "
           "actor) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";
  return version >= kFactsVersion
             ? "INSERT OR IGNORE INTO history (case_id, seq, at, type, what, stage, unit, note, "
               "facts) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
             : "INSERT OR IGNORE INTO history (case_id, seq, at, type, what, stage, unit, note) "
               "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
}

std::string_view select_history_sql(int version) {
  if (version >= kActorVersion)
    return "SELECT case_id, seq, at, type, what, stage, unit, note, facts, actor FROM history "
           "WHERE case_id = ?1 ORDER BY seq";
  return version >= kFactsVersion
             ? "SELECT case_id, seq, at, type, what, stage, unit, note, facts, NULL FROM history "
               "WHERE case_id = ?1 ORDER BY seq"
             : "SELECT case_id, seq, at, type, what, stage, unit, note, '', NULL FROM history "
               "WHERE case_id = ?1 ORDER BY seq";
}

// A history row of a statement whose first ten columns are history_sql's.
HistoryRow read_history_row(const Statement& s) {
  return HistoryRow{.case_id = s.text(0),
                    .seq = static_cast<uint64_t>(s.integer(1)),
                    .at = Instant::from_unix_millis(s.integer(2)),
                    .type = s.text(3),
                    .what = s.text(4),
                    .stage = s.text(5),
                    .unit = s.text(6),
                    .note = s.text(7),
                    .facts = s.text(8),
                    .actor = s.optional_text(9)};
}

// Every fact record in case order, with the case's place: one pass over the covering partial
// index history_facts_by_case (schema v4), no sort and no table access for history. The period
// is applied per case by the caller (a case counts when any of its facts is in the period). A
// "DISTINCT case_id of the period" subquery was the slow part: SQLite 3.40 does not treat the
// partial index by time as covering (its WHERE names `facts`), so it fetched every row from the
// table — 4 s of CPU for a month of 900,000 cases against 1.2 s for this whole pass.
constexpr std::string_view kSelectFacts = R"sql(
SELECT h.case_id, h.seq, h.at, h.type, h.what, h.facts, COALESCE(c.street, ''),
       COALESCE(c.community, '')
FROM history h
LEFT JOIN cases c ON c.id = h.case_id
WHERE h.facts <> ''
ORDER BY h.case_id, h.seq
)sql";

constexpr std::string_view kUpsertOwner = R"sql(
INSERT INTO partition_owners (group_id, partition, instance_id, http_address, updated_at)
VALUES (?1, ?2, ?3, ?4, ?5)
ON CONFLICT (group_id, partition) DO UPDATE SET
  instance_id = excluded.instance_id, http_address = excluded.http_address,
  updated_at = excluded.updated_at
)sql";

constexpr std::string_view kSelectOwner =
    "SELECT http_address FROM partition_owners WHERE group_id = ?1 AND partition = ?2";

// Statements for dynamic filters are kept by their text; a filter of many ids makes a new text,
// so the cache is emptied past this size rather than growing without end.
constexpr size_t kMaxCachedQueries = 64;

std::optional<int64_t> millis_of(const std::optional<Instant>& at) {
  if (!at) return std::nullopt;
  return at->unix_millis();
}

std::optional<Instant> instant_of(std::optional<int64_t> ms) {
  if (!ms) return std::nullopt;
  return Instant::from_unix_millis(*ms);
}

int64_t clamp_to_int64(size_t n) {
  constexpr auto kMax = static_cast<size_t>(std::numeric_limits<int64_t>::max());
  return static_cast<int64_t>(n > kMax ? kMax : n);
}

CaseRow read_case_row(const Statement& s) {
  CaseRow row;
  row.id = s.text(0);
  row.seq = static_cast<uint64_t>(s.integer(1));
  row.status = s.text(2);
  row.workflow = s.text(3);
  row.stage = s.text(4);
  row.unit = s.text(5);
  row.category = s.text(6);
  row.urgency = s.text(7);
  row.request_type = s.optional_text(8);
  row.grid = s.optional_text(9);
  row.community = s.optional_text(10);
  row.street = s.optional_text(11);
  row.district = s.optional_text(12);
  row.reported_at = instant_of(s.optional_integer(13));
  row.closed_at = instant_of(s.optional_integer(14));
  row.outcome = s.optional_text(15);
  row.merged_into = s.optional_text(16);
  row.description = s.optional_text(17);
  row.channel = s.optional_text(18);
  row.reporter = s.optional_text(19);
  row.address = s.optional_text(20);
  row.lat = s.optional_real(21);
  row.lon = s.optional_real(22);
  row.breached = s.integer(23) != 0;
  row.archived_at = instant_of(s.optional_integer(24));
  row.updated_at = Instant::from_unix_millis(s.integer(25));
  return row;
}

void bind_case_row(Statement& s, const CaseRow& row, int version) {
  s.bind(1, std::string_view(row.id));
  s.bind(2, static_cast<int64_t>(row.seq));
  s.bind(3, std::string_view(row.status));
  s.bind(4, std::string_view(row.workflow));
  s.bind(5, std::string_view(row.stage));
  s.bind(6, std::string_view(row.unit));
  s.bind(7, std::string_view(row.category));
  s.bind(8, std::string_view(row.urgency));
  s.bind(9, row.request_type);
  s.bind(10, row.grid);
  s.bind(11, row.community);
  s.bind(12, row.street);
  s.bind(13, row.district);
  s.bind(14, millis_of(row.reported_at));
  s.bind(15, millis_of(row.closed_at));
  s.bind(16, row.outcome);
  s.bind(17, row.merged_into);
  s.bind(18, row.description);
  s.bind(19, row.channel);
  s.bind(20, row.reporter);
  s.bind(21, row.address);
  s.bind(22, row.lat);
  s.bind(23, row.lon);
  s.bind(24, int64_t{row.breached.value_or(false) ? 1 : 0});
  s.bind(25, millis_of(row.archived_at));
  s.bind(26, row.updated_at.unix_millis());
  if (version >= kSealedPhoneVersion) {
    s.bind(27, row.phone_erased ? std::nullopt : row.sealed_phone);
    s.bind(28, int64_t{row.phone_erased ? 1 : 0});
  }
}

void bind_params(Statement& s, const std::vector<sqlite::SqlValue>& params) {
  int index = 1;
  for (const auto& p : params) {
    if (const auto* text = std::get_if<std::string>(&p)) {
      s.bind(index, std::string_view(*text));
    } else {
      s.bind(index, std::get<int64_t>(p));
    }
    ++index;
  }
}

// The grids' units, in a temporary table of this connection: SQLite's planner takes a table
// function (json_each) for a few rows and scans it once per case, which for a city's 16,000 grids
// and a month's 900,000 cases never ends; a table gets an index. TEMP is this connection's own
// (in memory, temp_store): writing it takes no lock on the archive and the writer never waits.
constexpr std::string_view kCreateGridUnits =
    "CREATE TEMP TABLE IF NOT EXISTS grid_units (grid TEXT PRIMARY KEY NOT NULL, unit TEXT NOT "
    "NULL) WITHOUT ROWID";
constexpr std::string_view kClearGridUnits = "DELETE FROM temp.grid_units";
// [["G1","grid:G1"],...] as rows, in one statement; a grid listed twice keeps its first unit.
constexpr std::string_view kFillGridUnits =
    "INSERT OR IGNORE INTO temp.grid_units SELECT json_extract(value, '$[0]'), "
    "json_extract(value, '$[1]') FROM json_each(?1)";
constexpr std::string_view kGridUnits = "SELECT grid, unit FROM temp.grid_units";

std::string grid_units_json(std::span<const assessment::CityGrid> grids) {
  boost::json::array pairs;
  pairs.reserve(grids.size());
  for (const assessment::CityGrid& g : grids) {
    pairs.push_back(
        boost::json::array{boost::json::string_view(g.id), boost::json::string_view(g.unit)});
  }
  return boost::json::serialize(pairs);
}

std::optional<double> grid_seconds_of(std::optional<double> ms) {
  if (!ms) return std::nullopt;
  return *ms / 1000.0;
}

// A row of grid_activity_sql().
assessment::GridCounts read_grid_counts(const Statement& s) {
  return assessment::GridCounts{.grid = s.text(0),
                                .patrol = s.integer(1),
                                .resident = s.integer(2),
                                .other_workers = s.integer(3),
                                .response = {.count = s.integer(4),
                                             .median = grid_seconds_of(s.optional_real(5)),
                                             .mean = grid_seconds_of(s.optional_real(6))},
                                .resolution = {.count = s.integer(7),
                                               .median = grid_seconds_of(s.optional_real(8)),
                                               .mean = grid_seconds_of(s.optional_real(9))}};
}

class SqliteArchive final : public ArchiveStore {
 public:
  SqliteArchive(DbHandle db, std::string path, int version)
      : db_(std::move(db)), path_(std::move(path)), version_(version) {}

  Status apply(const Batch& batch) override {
    if (batch.empty()) return ok_status();
    if (auto began = run(begin_, "BEGIN IMMEDIATE", "archive_write"); !began) return began;
    auto written = write(batch);
    if (!written) {
      sqlite3_exec(db_.get(), "ROLLBACK", nullptr, nullptr, nullptr);
      return written;
    }
    if (auto committed = run(commit_, "COMMIT", "archive_write"); !committed) {
      sqlite3_exec(db_.get(), "ROLLBACK", nullptr, nullptr, nullptr);
      return committed;
    }
    return ok_status();
  }

  Result<std::optional<CaseRow>> find(std::string_view case_id) override {
    auto s =
        prepared(find_, "SELECT " + std::string(sqlite::kCaseColumns) + " FROM cases WHERE id = ?1",
                 "archive_read");
    if (!s) return s.error();
    Statement& st = **s;
    ResetOnExit reset(st);
    st.bind(1, case_id);
    const int rc = st.step();
    if (rc == SQLITE_DONE) return std::optional<CaseRow>();
    if (rc != SQLITE_ROW) return failure("archive_read", "find");
    return std::optional<CaseRow>(read_case_row(st));
  }

  Result<std::vector<CaseRow>> list(const CaseFilter& filter) override {
    const auto query = sqlite::where_of(filter);
    auto s = cached(sqlite::list_sql(query));
    if (!s) return s.error();
    Statement& st = **s;
    ResetOnExit reset(st);
    bind_params(st, query.params);
    const int n = static_cast<int>(query.params.size());
    st.bind(n + 1, clamp_to_int64(filter.limit));
    st.bind(n + 2, clamp_to_int64(filter.offset));
    std::vector<CaseRow> rows;
    int rc;
    while ((rc = st.step()) == SQLITE_ROW) rows.push_back(read_case_row(st));
    if (rc != SQLITE_DONE) return failure("archive_read", "list");
    return rows;
  }

  Result<size_t> count(const CaseFilter& filter) override {
    const auto query = sqlite::where_of(filter);
    auto s = cached(sqlite::count_sql(query));
    if (!s) return s.error();
    Statement& st = **s;
    ResetOnExit reset(st);
    bind_params(st, query.params);
    if (st.step() != SQLITE_ROW) return failure("archive_read", "count");
    return static_cast<size_t>(st.integer(0));
  }

  Result<std::vector<HistoryRow>> history(std::string_view case_id) override {
    auto s = prepared(select_history_, select_history_sql(version_), "archive_read");
    if (!s) return s.error();
    Statement& st = **s;
    ResetOnExit reset(st);
    st.bind(1, case_id);
    std::vector<HistoryRow> rows;
    int rc;
    while ((rc = st.step()) == SQLITE_ROW) rows.push_back(read_history_row(st));
    if (rc != SQLITE_DONE) return failure("archive_read", "history");
    return rows;
  }

  Result<std::vector<DecisionRow>> decisions(const DecisionFilter& filter) override {
    auto s = prepared(select_decisions_, decisions_sql(version_, "?1", "?2"), "archive_read");
    if (!s) return s.error();
    Statement& st = **s;
    ResetOnExit reset(st);
    st.bind(1, filter.from ? filter.from->unix_millis() : std::numeric_limits<int64_t>::min());
    st.bind(2, filter.to ? filter.to->unix_millis() : std::numeric_limits<int64_t>::max());
    std::vector<DecisionRow> rows;
    int rc;
    while ((rc = st.step()) == SQLITE_ROW) {
      rows.push_back(DecisionRow{.entry = read_history_row(st),
                                 .from_unit = st.text(10),
                                 .workflow = st.text(11),
                                 .street = st.text(12),
                                 .community = st.text(13)});
    }
    if (rc != SQLITE_DONE) return failure("archive_read", "decisions");
    return rows;
  }

  Status each_case_facts(Instant from, Instant to,
                         const std::function<void(assessment::CaseFacts&&)>& each) override {
    auto s = prepared(select_facts_, kSelectFacts, "archive_read");
    if (!s) return s.error();
    Statement& st = **s;
    ResetOnExit reset(st);
    // One CaseFacts refilled case after case: a consumer that does not move it out (the
    // streaming assessment) costs no allocation per record once the buffers have grown.
    assessment::CaseFacts current;
    size_t used = 0;         // records of `current` filled for this case
    bool in_period = false;  // a record of `current` is in [from, to)
    auto flush = [&] {
      current.records.resize(used);
      if (in_period) each(std::move(current));
      in_period = false;
      used = 0;
    };
    int rc;
    while ((rc = st.step()) == SQLITE_ROW) {
      const std::string_view id = st.view(0);
      if (id != current.case_id) {
        flush();
        current.case_id.assign(id);
        current.street.assign(st.view(6));
        current.community.assign(st.view(7));
      }
      if (used == current.records.size()) current.records.emplace_back();
      assessment::FactRecord& r = current.records[used++];
      r.at = Instant::from_unix_millis(st.integer(2));
      r.seq = static_cast<uint64_t>(st.integer(1));
      r.type.assign(st.view(3));
      r.what.assign(st.view(4));
      r.facts_json.assign(st.view(5));
      in_period = in_period || (r.at >= from && r.at < to);
    }
    if (rc != SQLITE_DONE) return failure("archive_read", "assessment facts");
    flush();
    return ok_status();
  }

  Result<std::vector<assessment::GridCounts>> grid_activity(
      Instant from, Instant to, std::span<const assessment::CityGrid> grids) override {
    if (auto created = run(create_grid_units_, kCreateGridUnits, "archive_read"); !created) {
      return created.error();
    }
    if (auto cleared = run(clear_grid_units_, kClearGridUnits, "archive_read"); !cleared) {
      return cleared.error();
    }
    {
      auto fill = prepared(fill_grid_units_, kFillGridUnits, "archive_read");
      if (!fill) return fill.error();
      ResetOnExit reset(**fill);
      (*fill)->bind(1, std::string_view(grid_units_json(grids)));
      if ((*fill)->step() != SQLITE_DONE) return failure("archive_read", "the grids' units");
    }
    auto s = prepared(select_grids_, grid_activity_sql(version_, kGridUnits, "?1", "?2"),
                      "archive_read");
    if (!s) return s.error();
    Statement& st = **s;
    ResetOnExit reset(st);
    st.bind(1, from.unix_millis());
    st.bind(2, to.unix_millis());
    std::vector<assessment::GridCounts> rows;
    int rc;
    while ((rc = st.step()) == SQLITE_ROW) rows.push_back(read_grid_counts(st));
    if (rc != SQLITE_DONE) return failure("archive_read", "grid activity");
    return rows;
  }

  Status set_partition_owner(std::string_view group, int32_t partition,
                             std::string_view instance_id, std::string_view http_address,
                             Instant now) override {
    auto s = prepared(upsert_owner_, kUpsertOwner, "archive_write");
    if (!s) return s.error();
    Statement& st = **s;
    ResetOnExit reset(st);
    st.bind(1, group);
    st.bind(2, int64_t{partition});
    st.bind(3, instance_id);
    st.bind(4, http_address);
    st.bind(5, now.unix_millis());
    if (st.step() != SQLITE_DONE) return failure("archive_write", "set_partition_owner");
    return ok_status();
  }

  Result<std::optional<std::string>> partition_owner(std::string_view group,
                                                     int32_t partition) override {
    auto s = prepared(select_owner_, kSelectOwner, "archive_read");
    if (!s) return s.error();
    Statement& st = **s;
    ResetOnExit reset(st);
    st.bind(1, group);
    st.bind(2, int64_t{partition});
    const int rc = st.step();
    if (rc == SQLITE_DONE) return std::optional<std::string>();
    if (rc != SQLITE_ROW) return failure("archive_read", "partition_owner");
    return std::optional<std::string>(st.text(0));
  }

  int schema_version() const override { return version_; }
  std::string_view backend() const override { return "sqlite"; }

 private:
  Status write(const Batch& batch) {
    auto breached = prepared(mark_breached_, kMarkBreached, "archive_write");
    if (!breached) return breached.error();
    static const std::string kUpsert[] = {upsert_case_sql(true, false),
                                          upsert_case_sql(true, true)};
    static const std::string kUpdate[] = {upsert_case_sql(false, false),
                                          upsert_case_sql(false, true)};
    const size_t phone = version_ >= kSealedPhoneVersion ? 1 : 0;
    auto upsert = prepared(upsert_case_, kUpsert[phone], "archive_write");
    if (!upsert) return upsert.error();
    auto update = prepared(update_case_, kUpdate[phone], "archive_write");
    if (!update) return update.error();
    // History first: a case row inserted below sees a breach that arrived before it.
    for (const HistoryRow& h : batch.history) {
      auto history = prepared(insert_history_, insert_history_sql(version_), "archive_write");
      if (!history) return history.error();
      Statement& st = **history;
      ResetOnExit reset(st);
      st.bind(1, std::string_view(h.case_id));
      st.bind(2, static_cast<int64_t>(h.seq));
      st.bind(3, h.at.unix_millis());
      st.bind(4, std::string_view(h.type));
      st.bind(5, std::string_view(h.what));
      st.bind(6, std::string_view(h.stage));
      st.bind(7, std::string_view(h.unit));
      st.bind(8, std::string_view(h.note));
      if (version_ >= kFactsVersion) st.bind(9, std::string_view(h.facts));
      if (version_ >= kActorVersion) st.bind(10, h.actor);
      if (st.step() != SQLITE_DONE) return failure("archive_write", "history of " + h.case_id);
      if (h.type == kBreachType) {
        if (auto marked = mark_breached(**breached, h.case_id); !marked) return marked;
      }
    }
    for (const CaseRow& row : batch.cases) {
      Statement& st = knows_place(row) ? **upsert : **update;
      ResetOnExit reset(st);
      bind_case_row(st, row, version_);
      if (st.step() != SQLITE_DONE) return failure("archive_write", "case " + row.id);
      if (row.breached.value_or(false)) {
        if (auto marked = mark_breached(**breached, row.id); !marked) return marked;
      }
    }
    return ok_status();
  }

  Status mark_breached(Statement& st, const std::string& case_id) {
    ResetOnExit reset(st);
    st.bind(1, std::string_view(case_id));
    if (st.step() != SQLITE_DONE) return failure("archive_write", "breach of " + case_id);
    return ok_status();
  }

  Status run(std::optional<Statement>& slot, std::string_view sql, std::string_view code) {
    auto s = prepared(slot, sql, code);
    if (!s) return s.error();
    ResetOnExit reset(**s);
    if ((*s)->step() != SQLITE_DONE) return failure(code, std::string(sql));
    return ok_status();
  }

  // Prepared on first use: a database held at an old schema version (tests) has no tables for
  // the statements it is not asked to run.
  Result<Statement*> prepared(std::optional<Statement>& slot, std::string_view sql,
                              std::string_view code) {
    if (!slot) {
      auto s = Statement::prepare(db_.get(), sql, code);
      if (!s) return with_path(s.error());
      slot = std::move(*s);
    }
    return &*slot;
  }

  Result<Statement*> cached(const std::string& sql) {
    if (auto it = queries_.find(sql); it != queries_.end()) return &it->second;
    if (queries_.size() >= kMaxCachedQueries) queries_.clear();
    auto s = Statement::prepare(db_.get(), sql, "archive_read");
    if (!s) return with_path(s.error());
    return &queries_.emplace(sql, std::move(*s)).first->second;
  }

  Error failure(std::string_view code, std::string_view what) const {
    return Error{std::string(code),
                 path_ + ": " + std::string(what) + ": " + sqlite::last_error(db_.get())};
  }
  Error with_path(Error e) const {
    e.message = path_ + ": " + e.message;
    return e;
  }

  DbHandle db_;
  std::string path_;
  int version_;
  std::optional<Statement> begin_, commit_, upsert_case_, update_case_, mark_breached_,
      insert_history_, find_, select_history_, select_facts_, select_decisions_, create_grid_units_,
      clear_grid_units_, fill_grid_units_, select_grids_, upsert_owner_, select_owner_;
  std::unordered_map<std::string, Statement> queries_;
};

Error open_error(const std::string& path, std::string_view reason) {
  return Error{"archive_open", "cannot open the archive " + path + ": " + std::string(reason)};
}

int64_t wall_clock_millis() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

MigrationSteps migration_steps(sqlite3* db, const std::string& path) {
  auto named = [path](Error e) {
    e.message = path + ": " + e.message;
    return e;
  };
  MigrationSteps steps;
  steps.begin = [db, named]() -> Status {
    if (auto s = sqlite::exec(db, "BEGIN IMMEDIATE", "archive_migrate"); !s) {
      return named(s.error());
    }
    return ok_status();
  };
  steps.current_version = [db, named]() -> Result<int> {
    auto s = Statement::prepare(db,
                                "SELECT CASE WHEN EXISTS (SELECT 1 FROM sqlite_schema WHERE "
                                "type = 'table' AND name = 'schema_version') THEN 1 ELSE 0 END",
                                "archive_migrate");
    if (!s) return named(s.error());
    if (s->step() != SQLITE_ROW) {
      return named(Error{"archive_migrate", "reading the schema: " + sqlite::last_error(db)});
    }
    if (s->integer(0) == 0) return 0;
    auto v = Statement::prepare(db, "SELECT COALESCE(MAX(version), 0) FROM schema_version",
                                "archive_migrate");
    if (!v) return named(v.error());
    if (v->step() != SQLITE_ROW) {
      return named(Error{"archive_migrate", "reading schema_version: " + sqlite::last_error(db)});
    }
    return static_cast<int>(v->integer(0));
  };
  steps.apply = [db, named](const Migration& m) -> Status {
    const std::string label = "migration v" + std::to_string(m.version) + ": ";
    if (auto s = sqlite::exec(db, m.sql, "archive_migrate"); !s) {
      return named(Error{"archive_migrate", label + s.error().message});
    }
    if (auto s = sqlite::exec(db,
                              "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER "
                              "PRIMARY KEY NOT NULL, applied_at INTEGER NOT NULL)",
                              "archive_migrate");
        !s) {
      return named(Error{"archive_migrate", label + s.error().message});
    }
    auto insert = Statement::prepare(
        db, "INSERT INTO schema_version (version, applied_at) VALUES (?1, ?2)", "archive_migrate");
    if (!insert) return named(insert.error());
    insert->bind(1, int64_t{m.version});
    insert->bind(2, wall_clock_millis());
    if (insert->step() != SQLITE_DONE) {
      return named(Error{"archive_migrate", label + sqlite::last_error(db)});
    }
    return ok_status();
  };
  steps.commit = [db, named]() -> Status {
    if (auto s = sqlite::exec(db, "COMMIT", "archive_migrate"); !s) return named(s.error());
    return ok_status();
  };
  steps.rollback = [db]() { sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr); };
  return steps;
}

}  // namespace

Result<ArchiveStorePtr> open_sqlite_archive(const std::string& path, const SqliteOptions& options) {
  if (path.empty()) return open_error(path, "no file named (archive.path is empty)");
  const std::filesystem::path file(path);
  if (file.has_parent_path()) {
    std::error_code ec;
    std::filesystem::create_directories(file.parent_path(), ec);
    if (ec) {
      return open_error(
          path, "cannot create the folder " + file.parent_path().string() + ": " + ec.message());
    }
  }
  sqlite3* raw = nullptr;
  const int rc =
      sqlite3_open_v2(path.c_str(), &raw,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  DbHandle db(raw);
  if (rc != SQLITE_OK) return open_error(path, sqlite::last_error(db.get()));
  // SQLite falls back to read-only when the OS refuses writing, and would only say so at the
  // first write: say it now.
  if (sqlite3_db_readonly(db.get(), "main") == 1) {
    return open_error(path, "the file is read-only for this user");
  }
  sqlite3_busy_timeout(db.get(), options.busy_timeout_ms);
  sqlite3_extended_result_codes(db.get(), 1);
  {
    auto wal = Statement::prepare(db.get(), "PRAGMA journal_mode = WAL", "archive_open");
    if (!wal) return open_error(path, sqlite::last_error(db.get()));
    if (wal->step() != SQLITE_ROW) return open_error(path, sqlite::last_error(db.get()));
    if (wal->text(0) != "wal") {
      return open_error(path, "cannot switch to WAL (journal mode is " + wal->text(0) + ")");
    }
  }
  const std::string settings = "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -" +
                               std::to_string(options.cache_kib) + "; PRAGMA temp_store = MEMORY";
  if (auto s = sqlite::exec(db.get(), settings, "archive_open"); !s) {
    return open_error(path, s.error().message);
  }
  auto version =
      migrate(migration_steps(db.get(), path), sqlite_migrations(), path, options.schema_version);
  if (!version) return version.error();
  return ArchiveStorePtr(std::make_unique<SqliteArchive>(std::move(db), path, *version));
}

}  // namespace caseflow::archive
