// The SQL of ArchiveStore::grid_activity(), the same on both backends but for how the grids'
// units arrive (a temporary table on SQLite, two arrays on PostgreSQL): one statement, one range
// scan of the period's cases by reported_at (index cases_by_reported), probes of each case's
// history by primary key, then counts, means and medians per grid (docs/assessment.md, "Grids that
// do not idle").
#pragma once

#include <string>
#include <string_view>

#include "connectors/archive/decision_sql.h"

namespace caseflow::archive {

// Columns: grid, patrol, resident, other_workers, responded, response median ms, response mean
// ms, resolved, resolution median ms, resolution mean ms; by grid. `units` is a SELECT giving
// (grid, unit) rows; `from` and `to` are the bound parameters of the period.
//
// - Who reported a case is the actor of its first history row (the record of its report; schema
//   v6): a grid worker's report is patrol when that is "unit:" and the grid's unit. Before v6 no
//   actor is known, and no report is patrol.
// - The times are of the resident reports only: a patrol report is signed by the worker who
//   found it, and would make a slow grid look quick. Response: to the first `signed` by the
//   grid's unit; resolution: to the first `resolved`.
// - The median of n values is the mean of the values ranked (n+1)/2 and (n+2)/2 (integer
//   division): the middle one, or the two middle ones.
inline std::string grid_activity_sql(int schema_version, std::string_view units,
                                     std::string_view from, std::string_view to) {
  // Only for the reports on channel grid_worker (CASE evaluates it for those alone).
  const std::string actor = schema_version >= kActorVersion
                                ? "(SELECT h.actor FROM history h WHERE h.case_id = m.id "
                                  "ORDER BY h.seq LIMIT 1)"
                                : "CAST(NULL AS TEXT)";
  std::string sql = "WITH units(grid, unit) AS (";
  sql += units;
  // Three probes of each case's history by primary key, not a join grouped by case: the join's
  // rows must be sorted again for the grouping, which on SQLite took longer than the probes (and
  // sorting the period's cases by id first gained nothing).
  sql += R"sql(),
period_cases AS (
  SELECT c.id, c.grid, c.channel, c.reported_at, COALESCE(u.unit, 'grid:' || c.grid) AS grid_unit
  FROM cases c
  LEFT JOIN units u ON u.grid = c.grid
  WHERE c.reported_at >= )sql";
  sql += from;
  sql += " AND c.reported_at < ";
  sql += to;
  sql += R"sql( AND c.grid IS NOT NULL AND c.grid <> ''
),
per_case AS (
  SELECT m.grid,
         CASE WHEN m.channel = 'grid_worker' THEN
                CASE WHEN )sql";
  sql += actor;
  sql += R"sql( = 'unit:' || m.grid_unit THEN 1 ELSE 2 END
              ELSE 0 END AS kind,
         CASE WHEN m.channel = 'grid_worker' THEN NULL ELSE
           (SELECT MIN(h.at) FROM history h WHERE h.case_id = m.id AND h.type = 'updated'
              AND h.what = 'signed' AND h.unit = m.grid_unit) - m.reported_at END AS response_ms,
         CASE WHEN m.channel = 'grid_worker' THEN NULL ELSE
           (SELECT MIN(h.at) FROM history h WHERE h.case_id = m.id AND h.type = 'updated'
              AND h.what = 'resolved') - m.reported_at END AS resolution_ms
  FROM period_cases m
),
responses AS (
  SELECT grid, response_ms AS ms,
         ROW_NUMBER() OVER (PARTITION BY grid ORDER BY response_ms) AS k,
         COUNT(*) OVER (PARTITION BY grid) AS n
  FROM per_case WHERE response_ms IS NOT NULL
),
resolutions AS (
  SELECT grid, resolution_ms AS ms,
         ROW_NUMBER() OVER (PARTITION BY grid ORDER BY resolution_ms) AS k,
         COUNT(*) OVER (PARTITION BY grid) AS n
  FROM per_case WHERE resolution_ms IS NOT NULL
),
response_medians AS (
  SELECT grid, CAST(AVG(ms) AS DOUBLE PRECISION) AS median
  FROM responses WHERE k = (n + 1) / 2 OR k = (n + 2) / 2 GROUP BY grid
),
resolution_medians AS (
  SELECT grid, CAST(AVG(ms) AS DOUBLE PRECISION) AS median
  FROM resolutions WHERE k = (n + 1) / 2 OR k = (n + 2) / 2 GROUP BY grid
),
totals AS (
  SELECT grid,
         SUM(CASE WHEN kind = 1 THEN 1 ELSE 0 END) AS patrol,
         SUM(CASE WHEN kind = 0 THEN 1 ELSE 0 END) AS resident,
         SUM(CASE WHEN kind = 2 THEN 1 ELSE 0 END) AS other_workers,
         COUNT(response_ms) AS responded,
         CAST(AVG(response_ms) AS DOUBLE PRECISION) AS response_mean,
         COUNT(resolution_ms) AS resolved,
         CAST(AVG(resolution_ms) AS DOUBLE PRECISION) AS resolution_mean
  FROM per_case GROUP BY grid
)
SELECT t.grid, t.patrol, t.resident, t.other_workers, t.responded, p.median, t.response_mean,
       t.resolved, r.median, t.resolution_mean
FROM totals t
LEFT JOIN response_medians p ON p.grid = t.grid
LEFT JOIN resolution_medians r ON r.grid = t.grid
ORDER BY t.grid)sql";
  return sql;
}

}  // namespace caseflow::archive
