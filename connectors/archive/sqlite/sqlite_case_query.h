// The SQL of the read side: a CaseFilter as a WHERE clause with its parameters, and the column
// list every case read uses. Pure text building, so a test can ask SQLite how it plans a filter.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "connectors/archive/archive_store.h"

namespace caseflow::archive::sqlite {

// In the order CaseRow declares them; read_case_row() reads them by these positions.
inline constexpr std::string_view kCaseColumns =
    "id, seq, status, workflow, stage, unit, category, urgency, request_type, grid, community, "
    "street, district, reported_at, closed_at, outcome, merged_into, description, channel, "
    "reporter, address, lat, lon, breached, archived_at, updated_at";

// A case is open unless its status is one of these. Written exactly as the partial index
// cases_open_by_unit says it (schema/v2.sql): SQLite uses that index only for the same term.
inline constexpr std::string_view kOpenTerm = "status NOT IN ('closed', 'withdrawn', 'merged')";
inline constexpr std::string_view kNotOpenTerm = "status IN ('closed', 'withdrawn', 'merged')";

using SqlValue = std::variant<std::string, int64_t>;

struct CaseQuery {
  std::string where;             // "" or " WHERE term AND term ..."
  std::vector<SqlValue> params;  // one per '?', in order
};

CaseQuery where_of(const CaseFilter& filter);

// "SELECT <columns> FROM cases<where> ORDER BY reported_at DESC, id DESC LIMIT ? OFFSET ?";
// the caller binds limit and offset after the filter's parameters.
std::string list_sql(const CaseQuery& query);
std::string count_sql(const CaseQuery& query);

}  // namespace caseflow::archive::sqlite
