#include "connectors/archive/sqlite/sqlite_case_query.h"

namespace caseflow::archive::sqlite {
namespace {

void add_term(CaseQuery& q, std::string_view term) {
  q.where += q.where.empty() ? " WHERE " : " AND ";
  q.where += term;
}

void add_equal(CaseQuery& q, std::string_view column, const std::optional<std::string>& value) {
  if (!value) return;
  add_term(q, std::string(column) + " = ?");
  q.params.emplace_back(*value);
}

}  // namespace

CaseQuery where_of(const CaseFilter& f) {
  CaseQuery q;
  if (!f.ids.empty()) {
    std::string term = "id IN (";
    for (size_t i = 0; i < f.ids.size(); ++i) {
      term += i == 0 ? "?" : ", ?";
      q.params.emplace_back(f.ids[i]);
    }
    add_term(q, term + ")");
  }
  add_equal(q, "status", f.status);
  add_equal(q, "category", f.category);
  add_equal(q, "unit", f.unit);
  add_equal(q, "grid", f.grid);
  add_equal(q, "community", f.community);
  add_equal(q, "street", f.street);
  add_equal(q, "district", f.district);
  if (f.reported_from) {
    add_term(q, "reported_at >= ?");
    q.params.emplace_back(f.reported_from->unix_millis());
  }
  if (f.reported_to) {
    add_term(q, "reported_at < ?");
    q.params.emplace_back(f.reported_to->unix_millis());
  }
  if (f.open) add_term(q, *f.open ? kOpenTerm : kNotOpenTerm);
  if (f.breached) add_term(q, *f.breached ? "breached = 1" : "breached = 0");
  return q;
}

std::string list_sql(const CaseQuery& query) {
  return "SELECT " + std::string(kCaseColumns) + " FROM cases" + query.where +
         " ORDER BY reported_at DESC, id DESC LIMIT ? OFFSET ?";
}

std::string count_sql(const CaseQuery& query) { return "SELECT count(*) FROM cases" + query.where; }

}  // namespace caseflow::archive::sqlite
