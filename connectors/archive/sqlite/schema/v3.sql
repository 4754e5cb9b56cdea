-- v3: the assessment facts of each record (its `data.assessment` object as JSON text, '' when the
-- record carries none), so a period's report reads them from history (docs/assessment.md).

ALTER TABLE history ADD COLUMN facts TEXT NOT NULL DEFAULT '';

-- A period's fact records: only the few rows with facts, by time.
CREATE INDEX history_facts_by_at ON history (at) WHERE facts <> '';
