-- v6: who caused each history entry (the record's `data.by`: `unit:grid:G02`, `dispatcher:li`,
-- `engine`, ...). NULL for rows archived before: their records did not say, or this column did
-- not exist yet.
ALTER TABLE history ADD COLUMN actor TEXT;

-- The audit view's decisions by time (docs/http.md "The audit view"): a few rows beside all the
-- history. The query's WHERE repeats this predicate word for word, so SQLite uses the index.
CREATE INDEX history_decisions_by_at ON history (at)
  WHERE (type = 'updated' AND what IN ('extension_approved', 'extension_refused',
                                        'exemption_granted', 'exemption_refused',
                                        'invalid_refused', 'return_justified',
                                        'return_unjustified'))
     OR (type = 'updated' AND what = 'dispatched' AND note = 'assigned')
     OR (type = 'closed' AND what = 'invalid');
