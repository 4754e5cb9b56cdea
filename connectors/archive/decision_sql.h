// The SQL of ArchiveStore::decisions(), the same on both backends: which history rows are
// decisions (the predicate of the partial index history_decisions_by_at, schema v7.sql, repeated
// word for word so SQLite's planner matches it), and the query that reads them. Showings of a
// resident's phone are listed with the decisions.
#pragma once

#include <string>
#include <string_view>

namespace caseflow::archive {

// The schema version that added history.actor and the index of decisions (v6.sql).
inline constexpr int kActorVersion = 6;

// Over the history table's own columns (no other table has type, what or note).
inline constexpr std::string_view kDecisionPredicate =
    R"sql((type = 'updated' AND what IN ('extension_approved', 'extension_refused',
                                        'exemption_granted', 'exemption_refused',
                                        'invalid_refused', 'return_justified',
                                        'return_unjustified', 'phone_revealed'))
     OR (type = 'updated' AND what = 'dispatched' AND note = 'assigned')
     OR (type = 'closed' AND what = 'invalid'))sql";

// Columns: case_id, seq, at, type, what, stage, unit, note, facts, actor, from_unit, workflow,
// street, community; `from` and `to` are the bound parameters of the range ("?1", "$1::bigint").
// Before v3 the facts read '', before v6 the actor NULL.
inline std::string decisions_sql(int schema_version, std::string_view from, std::string_view to) {
  std::string sql = "SELECT h.case_id, h.seq, h.at, h.type, h.what, h.stage, h.unit, h.note, ";
  sql += schema_version >= 3 ? "h.facts, " : "'', ";
  sql += schema_version >= kActorVersion ? "h.actor, " : "NULL, ";
  // The unit an assignment took the case from: the latest holder before it, none when the case
  // went back to the dispatcher (returned, unrouted) since. Probes the primary key backwards.
  sql += R"sql(CASE WHEN h.what = 'dispatched' THEN COALESCE((
         SELECT CASE WHEN p.what = 'dispatched' THEN p.unit ELSE '' END FROM history p
         WHERE p.case_id = h.case_id AND p.seq < h.seq AND p.type = 'updated'
           AND p.what IN ('dispatched', 'unrouted', 'returned')
         ORDER BY p.seq DESC LIMIT 1), '') ELSE '' END,
       COALESCE(c.workflow, ''), COALESCE(c.street, ''), COALESCE(c.community, '')
FROM history h
LEFT JOIN cases c ON c.id = h.case_id
WHERE ()sql";
  sql += kDecisionPredicate;
  sql += ") AND h.at >= ";
  sql += from;
  sql += " AND h.at < ";
  sql += to;
  sql += "\nORDER BY h.at DESC, h.case_id DESC";
  return sql;
}

}  // namespace caseflow::archive
