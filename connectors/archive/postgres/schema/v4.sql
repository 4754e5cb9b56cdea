-- v4: the assessment report reads every fact record in case order (as the SQLite archive's v4),
-- from a partial index by case, and keeps a case when any of its facts is in the period; the
-- index by time is no longer read. No INCLUDE of the texts: an index row has a size limit that a
-- long facts text must not be able to hit on insert.

CREATE INDEX history_facts_by_case ON history (case_id, seq) WHERE facts <> '';
DROP INDEX history_facts_by_at;
