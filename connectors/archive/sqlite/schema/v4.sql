-- v4: the assessment report reads every fact record in case order from one covering partial
-- index, without a sort and without touching the table (docs/performance.md, "The monthly
-- assessment report"). It replaces the index by time: SQLite does not read that one as covering
-- (its WHERE names `facts`), so a period's read fetched each of its rows from the table.

CREATE INDEX history_facts_by_case ON history (case_id, seq, at, type, what, facts)
  WHERE facts <> '';
DROP INDEX history_facts_by_at;
