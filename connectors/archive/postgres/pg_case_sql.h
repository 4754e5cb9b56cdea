// The SQL of the PostgreSQL archive and the conversions between its rows and the archive's
// values: a batch as column arrays (one parameter per column), a result row as a CaseRow, a
// CaseFilter as a WHERE clause with numbered parameters. Pure; no connection.
#pragma once

#include <libpq-fe.h>

#include <string>
#include <string_view>
#include <vector>

#include "connectors/archive/archive_store.h"
#include "connectors/archive/decision_sql.h"
#include "connectors/archive/postgres/pg_connection.h"

namespace caseflow::archive::postgres {

// The schema version that added cases.sealed_phone (v7.sql).
inline constexpr int kSealedPhoneVersion = 7;
// Inserts or updates the cases of case_arrays(): $1..$26 are column arrays in kCaseColumns order,
// from kSealedPhoneVersion on $27 the sealed phones and $28 the ids of the cases whose phone is
// erased. A stored case changes only for a newer sequence; a NULL optional keeps the stored
// value; breached never goes back to false.
std::string_view upsert_cases_sql(int schema_version);
// Marks the cases of $1 (an id array) breached, whatever their sequence: a breach never becomes
// untrue, and its alert may come after a newer update of the case.
extern const std::string_view kMarkBreached;
// Marks those of the cases of $1 (an id array) breached whose history holds a breach: the alert
// may have been applied before the case's first row.
extern const std::string_view kMarkBreachedFromHistory;
// The history type of a breached clock: a case with one is breached.
inline constexpr std::string_view kBreachType = "sla_breached";
// The schema version that added history.facts (v3.sql). A store opened at an older version (a
// test of an upgrade) writes and reads history without it.
inline constexpr int kFactsVersion = 3;
// The schema version whose open-cases index is on open_unit (v5.sql).
inline constexpr int kOpenUnitVersion = 5;
// Inserts the history rows of $1..$10 (history_arrays); a (case id, seq) already there is left
// as it is. Before kFactsVersion, $9 (the facts) is not stored, before kActorVersion (v6,
// decision_sql.h) $10 (the actor).
std::string_view insert_history_sql(int schema_version);
// The columns every case query selects, in the order read_case() reads them.
extern const std::string_view kCaseColumns;
// The history columns in the order read_history() reads them ('' as the facts before v3, NULL
// as the actor before v6).
std::string_view history_columns(int schema_version);

// The parameters of upsert_cases_sql(schema_version) for `rows`.
PgParams case_arrays(const std::vector<const CaseRow*>& rows, int schema_version);
PgParams history_arrays(const std::vector<HistoryRow>& rows);

CaseRow read_case(const PGresult* result, int row);
HistoryRow read_history(const PGresult* result, int row);
// A row of decisions_sql() (decision_sql.h).
DecisionRow read_decision(const PGresult* result, int row);

// A row of the assessment facts query: case_id, seq, at, type, what, facts, street, community.
struct FactRow {
  std::string case_id, street, community;
  assessment::FactRecord record;
};
FactRow read_fact_record(const PGresult* result, int row);

// A row of grid_activity_sql() (grid_activity_sql.h), its milliseconds turned into seconds.
assessment::GridCounts read_grid_counts(const PGresult* result, int row);

struct FilterSql {
  std::string where;  // "" or " WHERE ..."
  PgParams params;    // $1.. in order
};
// `schema_version`: the store's, which decides the columns the open-cases index has.
FilterSql where_clause(const CaseFilter& filter, int schema_version);

}  // namespace caseflow::archive::postgres
