-- v3: the assessment facts of each history record (the record's data.assessment, serialized;
-- '' when it had none), and the index that finds a period's fact records (as SQLite's v3).
ALTER TABLE history ADD COLUMN facts TEXT NOT NULL DEFAULT '';
CREATE INDEX history_facts_by_at ON history (at, case_id) WHERE facts <> '';
