// The case archive: every case as of its latest change, in a relational database, so history
// outlives the engine's memory (docs/archive.md). Business code talks to this interface; each
// backend (sqlite/, postgres/) lives in a folder of its own with its own versioned schema files.
//
// Rows are written by the archive writer from the records the engine publishes (caseflow.updates
// and caseflow.alerts) and read by the HTTP layer for cases the engine no longer holds.
//
// Times are stored as Unix milliseconds (BIGINT), so range filters use plain integer indexes on
// both backends. Every write is idempotent: a case row changes only when the incoming record's
// case sequence is newer than the stored one; a history row is keyed by (case id, sequence).
//
// Thread rules: one ArchiveStore is one database connection; use it from one thread at a time.
// The writer and each reader open their own (SQLite in WAL mode lets them work side by side).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/assessment/assessment.h"
#include "engine/assessment/grid_activity.h"
#include "engine/common/result.h"
#include "engine/time/instant.h"

namespace caseflow::archive {

// The latest state of a case. Optional members are "not known from this record": an upsert
// leaves the stored value as it is (the report's facts arrive once, on the case's first record).
struct CaseRow {
  std::string id;
  uint64_t seq = 0;      // case sequence of the newest record applied
  std::string status;    // the engine's status name: received, dispatched, ..., closed
  std::string workflow;  // "parking@1"; "" while no workflow took the case
  std::string stage;     // the current stage's name; "" when none
  std::string unit;      // the lead unit; "" when none
  std::string category;
  std::string urgency;                      // normal, urgent, emergency
  std::optional<std::string> request_type;  // the report's request type, when it names one
  std::optional<std::string> grid, community, street, district;
  std::optional<Instant> reported_at;
  std::optional<Instant> closed_at;    // set by caseflow.case.closed
  std::optional<std::string> outcome;  // rated, unrated, withdrawn, merged, ...
  std::optional<std::string> merged_into;
  std::optional<std::string> description;  // as reported, phones masked
  std::optional<std::string> channel;
  std::optional<std::string> reporter;  // masked
  std::optional<std::string> address;
  std::optional<double> lat, lon;
  std::optional<bool> breached;        // true once any clock of the case breached (never unset)
  std::optional<Instant> archived_at;  // set by caseflow.case.archived: the engine let it go
  Instant updated_at;                  // the time of the newest record applied
  // The resident's phone as the engine sealed it ("v1:<base64>", AES-256-GCM): ciphertext the
  // archive keeps without the key and never opens. Written only: the stores' reads leave it
  // unset, so nothing that serves cases from the archive can pass it on.
  std::optional<std::string> sealed_phone;
  // The record said `phone_erased`: the stored sealed phone goes, and `sealed_phone` is unset.
  bool phone_erased = false;
};

// One entry of a case's history: one record the engine published about the case.
struct HistoryRow {
  std::string case_id;
  uint64_t seq = 0;  // the record's case sequence (its CloudEvents id is "<case id>-<seq>")
  Instant at;        // the record's `time`
  std::string type;  // "updated", "closed", "sla_breached", "escalated", ... (no prefix)
  std::string what;  // the change (`change`), the clock name, or the outcome
  std::string stage;
  std::string unit;
  std::string note;
  // The record's assessment facts: its `data.assessment` object as compact JSON text, "" when it
  // has none (docs/events.md "The assessment's facts"; what the report reads, docs/assessment.md).
  std::string facts;
  // Who caused it: the record's `data.by` (`unit:grid:G02`, `dispatcher:li`, `engine`, ...);
  // nullopt for a record that did not say (written before the engine published actors, or
  // archived before schema v6 kept them).
  std::optional<std::string> actor;
};

// A history row that records a decision changing a unit's rates (the audit view, docs/http.md
// "The audit view"): an `updated` row whose change is extension_approved, extension_refused,
// exemption_granted, exemption_refused, invalid_refused, return_justified or return_unjustified;
// a `dispatched` update with note `assigned` (a dispatcher's assignment); a `closed` row with
// outcome `invalid` (an invalid report confirmed). With what the audit shows beside it.
struct DecisionRow {
  HistoryRow entry;
  // For an assignment: the unit that held the case before it (the unit of the case's latest
  // `dispatched` update before it, unless a `returned` or `unrouted` update came between); "".
  std::string from_unit;
  std::string workflow;           // the case's, "" when its row is missing
  std::string street, community;  // the case's place, "" when unknown
};

// Which decisions: their time in [from, to); an unset bound is open.
struct DecisionFilter {
  std::optional<Instant> from;
  std::optional<Instant> to;
};

// What one database transaction writes.
struct Batch {
  std::vector<CaseRow> cases;  // at most one per case id, the newest
  std::vector<HistoryRow> history;
  bool empty() const { return cases.empty() && history.empty(); }
};

// Filters of the read side; every member set must match (AND). Times filter reported_at.
struct CaseFilter {
  std::vector<std::string> ids;  // any of these ids; empty = any
  std::optional<std::string> status, category, unit, grid, community, street, district;
  std::optional<Instant> reported_from;  // inclusive
  std::optional<Instant> reported_to;    // exclusive
  std::optional<bool> open;              // true: not closed/withdrawn/merged; false: those only
  std::optional<bool> breached;          // "overdue": a clock of the case breached
  size_t offset = 0;
  size_t limit = 100;
};

class ArchiveStore {
 public:
  virtual ~ArchiveStore() = default;

  // Applies `batch` in one database transaction: all of it or none of it.
  virtual Status apply(const Batch& batch) = 0;

  virtual Result<std::optional<CaseRow>> find(std::string_view case_id) = 0;
  // Matching cases ordered by (reported_at, id), newest first.
  virtual Result<std::vector<CaseRow>> list(const CaseFilter& filter) = 0;
  virtual Result<size_t> count(const CaseFilter& filter) = 0;  // ignores offset and limit
  // The case's history, oldest first (by seq).
  virtual Result<std::vector<HistoryRow>> history(std::string_view case_id) = 0;

  // The decisions of every case whose time is in the filter's range, newest first (equal times
  // by case id, descending): a set-based query on the partial index of decisions (schema v6).
  virtual Result<std::vector<DecisionRow>> decisions(const DecisionFilter& filter) = 0;

  // Every case with a record carrying assessment facts (HistoryRow::facts not "") whose time is
  // in [from, to), with ALL its fact records whenever they came (a later decision applies to an
  // earlier fact), oldest first, and its street and community ("" when unknown). Streamed: `each`
  // gets one case at a time, in case id order, as the rows arrive; a month of a big city is a few
  // set-based queries, never one per case.
  virtual Status each_case_facts(Instant from, Instant to,
                                 const std::function<void(assessment::CaseFacts&&)>& each) = 0;

  // Per grid, the cases reported in [from, to) and placed in a grid (docs/assessment.md "Grids
  // that do not idle"): patrol reports, resident reports, other workers' reports, and the
  // resident reports' response and resolution times. `grids` gives each grid's unit (a report by
  // "unit:<it>" on channel grid_worker is patrol; its first `signed` is the response); a grid it
  // does not list has assessment::default_grid_unit. Only grids with a case, in no set order.
  // One set-based query, never one per case or per grid.
  virtual Result<std::vector<assessment::GridCounts>> grid_activity(
      Instant from, Instant to, std::span<const assessment::CityGrid> grids) = 0;

  // Which instance serves which input partition, so a read can be forwarded to the instance
  // that holds a live case (several instances sharing one archive). `http_address` is
  // host:port as the other instances can reach it.
  virtual Status set_partition_owner(std::string_view group, int32_t partition,
                                     std::string_view instance_id, std::string_view http_address,
                                     Instant now) = 0;
  // The owner's http_address, if one was recorded.
  virtual Result<std::optional<std::string>> partition_owner(std::string_view group,
                                                             int32_t partition) = 0;

  // The schema version the database is at (after the migrations applied when it was opened).
  virtual int schema_version() const = 0;
  // "sqlite" or "postgresql".
  virtual std::string_view backend() const = 0;
};

using ArchiveStorePtr = std::unique_ptr<ArchiveStore>;

// Where the archive lives: a SQLite file (created with its folders when missing) or a PostgreSQL
// connection URL ("postgresql://user:pass@host:5432/db"); `url` wins when both are set.
struct ArchiveLocation {
  std::string path;
  std::string url;
};

// Opens (creating when needed) and migrates the archive. Errors: archive_open (cannot open or
// connect; the message says where and why), archive_migrate (a migration failed),
// archive_too_new (the database's schema is newer than this binary knows).
Result<ArchiveStorePtr> open_archive(const ArchiveLocation& where);

}  // namespace caseflow::archive
